"""The JSON report of every dev article matches its recorded digest (see tests/golden).

A refactor or a speed-up must keep every report identical. A change meant to alter behaviour
records new digests (``python -m tests.golden --write``) in the same commit, after reading the
articles ``python -m tests.golden`` lists.
"""

from __future__ import annotations

import pytest

from tests.golden import changed, current, recorded


@pytest.mark.slow
def test_every_dev_report_matches_its_golden_digest(shared_data):
    different = changed(current(shared_data), recorded())
    assert not different, (
        f"{len(different)} reports changed, e.g. {different[:5]}; if intended, read them and run "
        "`python -m tests.golden --write`"
    )
