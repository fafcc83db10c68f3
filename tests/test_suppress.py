"""Parsing inline suppression directives: quoting, malformed comments, spans, and speed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.workflow.suppress import Directive, find_directives, malformed, suppressions, unreasoned
from tests.bounded import finishes


def _one(text: str) -> Directive:
    (directive,) = find_directives(text)
    return directive


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('<!-- factcheck: ignore SRC002 reason="named in print" -->', "named in print"),
        (
            "<!-- factcheck: ignore SRC002 reason='named as \"the minister\" in print' -->",
            'named as "the minister" in print',
        ),
        ('<!-- factcheck: ignore SRC002 reason="named as \\"the minister\\"" -->', 'named as "the minister"'),
        ("<!-- factcheck: ignore SRC002 reason='it\\'s the desk\\'s call' -->", "it's the desk's call"),
        ("<!-- factcheck: ignore SRC002 reason=“typographic quotes” -->", "typographic quotes"),
        ('<!--factcheck:ignore SRC002 reason = "spacing varies"-->', "spacing varies"),
    ],
)
def test_reasons_in_any_supported_quoting(text, reason):
    directive = _one(text)
    assert (directive.verb, directive.codes, directive.reason) == ("ignore", ("SRC002",), reason)
    assert (directive.start, directive.end) == (0, len(text))
    assert not unreasoned([directive])


def test_codes_may_be_lists_and_prefixes_in_any_case():
    directive = _one('<!-- factcheck: disable src, STY004,XRF010 reason="desk" -->')
    assert directive.codes == ("SRC", "STY004", "XRF010")
    assert directive.covers("SRC003") and not directive.covers("STY001")


def test_no_reason_is_unreasoned_but_not_malformed():
    directive = _one("<!-- factcheck: ignore SRC003 -->")
    assert (directive.verb, directive.reason) == ("ignore", None)
    assert unreasoned([directive]) == [directive]
    assert malformed([directive]) == []
    assert not unreasoned(find_directives("<!-- factcheck: enable SRC003 -->"))


@pytest.mark.parametrize(
    ("text", "problem", "codes"),
    [
        ("<!-- factcheck: ignore SRC002 reason=named -->", "must be quoted", ("SRC002",)),
        ('<!-- factcheck: ignore SRC002 reason="named "X" here" -->', "must be quoted", ("SRC002",)),
        ('<!-- factcheck: ignore SRC002 reason="unterminated -->', "must be quoted", ("SRC002",)),
        ('<!-- factcheck: ignroe SRC002 reason="typo" -->', "found 'ignroe'", ("SRC002",)),
        ("<!-- factcheck: -->", "found nothing", ("(no codes)",)),
        ('<!-- factcheck: ignore reason="x" -->', "names no rule codes", ("(no codes)",)),
        ('<!-- factcheck: ignore SRC002 named in print reason="x" -->', "'named' is not a rule code", ()),
        ('<!-- factcheck: ignore SRC002 reason="no closing comment', "no closing -->", ("SRC002",)),
    ],
)
def test_every_comment_that_does_not_parse_is_reported(text, problem, codes):
    directive = _one("Intro.\n" + text + "\nCritics say so.\n")
    assert directive.verb == "malformed"
    assert problem in directive.problem
    if codes:
        assert directive.codes == codes
    assert directive.reason is None
    assert unreasoned([directive]) == [directive] == malformed([directive])
    assert directive.start == len("Intro.\n")


def test_malformed_directives_suppress_nothing():
    text = "<!-- factcheck: disable SRC reason=unquoted -->\nCritics say so.\n"
    assert suppressions(find_directives(text), [], len(text)) == []


def test_unclosed_directive_spans_its_line_only():
    text = "<!-- factcheck: ignore SRC002\nCritics say so.\n"
    directive = _one(text)
    assert (directive.verb, directive.end) == ("malformed", text.index("\n"))


def test_an_unclosed_directive_on_a_long_line_blanks_a_bounded_stretch():
    text = "<!-- factcheck: ignore SRC002 " + "Critics say so. " * 500
    directive = _one(text)
    assert directive.verb == "malformed"
    assert directive.end < 1100 < len(text)


def test_other_comments_are_not_directives():
    assert find_directives("<!-- a note --> <!-- factchecked by Ana --> factcheck: ignore SRC002") == []


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("<!-> factcheck:ignoreSRC002reason=\"'\\“”,\n x")), max_size=300)
)
def test_any_text_parses_without_crashing_and_spans_stay_inside(text):
    previous_end = 0
    for directive in find_directives(text):
        assert previous_end <= directive.start < directive.end <= len(text)
        assert text[directive.start : directive.start + 4] == "<!--"
        assert directive.verb in {"ignore", "disable", "enable", "malformed"}
        assert directive.codes
        previous_end = directive.end


def test_adversarial_input_is_linear():
    finishes(
        """
        from factcheck.workflow.suppress import find_directives
        nasty = "<!-- factcheck: ignore " + "SRC002 " * 150 + 'reason="' + "\\\\" * 400
        directives = find_directives(nasty * 300)
        assert directives and all(d.verb == "malformed" and d.end - d.start <= 1100 for d in directives)
        assert len(find_directives("<!-- factcheck: ignore SRC002\\n" * 20_000)) == 20_000
        """
    )


def test_a_directive_at_the_end_of_a_line_covers_that_lines_statement(tmp_path):
    from factcheck.cli.main import main

    article = tmp_path / "story.md"
    article.write_text(
        'The council met. <!-- factcheck: ignore SRC003 reason="not this one" -->\n'
        "Critics say it failed.\n\n"
        'Experts say it worked. <!-- factcheck: ignore SRC003 reason="named in print" -->\n'
        '<!-- factcheck: ignore SRC003 reason="next one" -->\nAnalysts say it will pass.\n',
        encoding="utf-8",
    )
    import contextlib
    import io
    import json

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["check", str(article), "-f", "json", "--fail-on", "never"])
    [report] = json.loads(out.getvalue())["articles"]
    text = article.read_text(encoding="utf-8")
    suppressed = {
        text[v["start"] : v["start"] + 7]: v["suppressed"]
        for v in report["verdicts"]
        if v["rule"] == "SRC003"
    }
    assert suppressed["Critics"] is None, "a trailing directive is about its own line"
    assert suppressed["Experts"] == "inline: named in print"
    assert suppressed["Analyst"] == "inline: next one"


def test_unused_lists_reasoned_directives_that_silenced_nothing():
    from factcheck.workflow.suppress import find_directives, unused

    directives = find_directives(
        'A. <!-- factcheck: ignore SRC003 reason="x" -->\n<!-- factcheck: disable NUM reason="y" -->\n'
        "<!-- factcheck: enable NUM -->\n"
    )
    assert [d.codes for d in unused(directives, {0: 2})] == [("NUM",)]
