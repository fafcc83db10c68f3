"""Writing files so that nothing is ever half-written: a temporary file beside the target,
flushed and fsynced, then renamed over it. Readers see the old file or the new one, never a mix,
even if the process dies mid-write. Used for reports, caches' metadata, baselines and decisions.

``mkstemp`` creates its file ``0600``; renamed as is, every report, baseline and review file
would become private to whoever ran factcheck last, and a newsroom's shared checkout would lock
its editors out. So the temporary file gets the mode a plain ``open()`` would have given
(``0666`` less the umask), or the existing target's mode when it replaces one.

``check_output_path`` lets the command line refuse a bad ``--output`` before a long run rather
than after it, and above all refuses to overwrite one of the articles being checked.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from factcheck.errors import UsageError


def current_umask() -> int:
    """The process umask, read without changing it where the platform allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    # Elsewhere the only way is set-and-restore (briefly visible to other threads).
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _target_mode(target: Path) -> int:
    """The mode the written file should end with: the existing file's, or a fresh file's."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~current_umask()


@contextlib.contextmanager
def atomic_writer(path: str | Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    """Open a text stream whose contents replace ``path`` only if the block finishes cleanly.

    A symbolic link is written through (its target is replaced), so a link kept in a shared
    folder keeps pointing where it did.
    """
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = _target_mode(target)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            yield handle
            handle.flush()
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            else:  # Windows: only the read-only bit means anything
                os.chmod(temp, mode)
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def write_text_atomic(path: str | Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step: readers see the old file or the new, never half."""
    with atomic_writer(path) as handle:
        handle.write(text)


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)  # hard links, case-insensitive file systems
    except OSError:
        return False


def check_output_path(path: str, inputs: Sequence[str]) -> None:
    """Refuse an output path that cannot or must not be written, before any work is done.

    Refused: an existing directory; one of the input files (the report would overwrite the
    article it is about); a path below an existing file. Missing parent folders are fine:
    ``atomic_writer`` creates them.
    """
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"--output {path}: is a directory; name a file")
    if target.exists():
        for item in inputs:
            if item != "-" and Path(item).is_file() and _same_file(target, Path(item)):
                raise UsageError(f"--output {path}: is one of the articles being checked")
    for parent in target.absolute().parents:
        if parent.exists():
            if not parent.is_dir():
                raise UsageError(f"--output {path}: {parent} is not a folder")
            break
