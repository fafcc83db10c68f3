"""Writing files so that nothing is ever half-written: a temporary file beside the target,
flushed and fsynced, then renamed over it. Readers see the old file or the new one, never a mix,
even if the process dies mid-write. Used for reports, caches' metadata, baselines and decisions.

``mkstemp`` creates its file ``0600``; renamed as is, every report, baseline and review file
would become private to whoever ran factcheck last, and a newsroom's shared checkout would lock
its editors out. So the temporary file gets the mode a plain ``open()`` would have given
(``0666`` less the umask), or the existing target's mode when it replaces one.

Only a regular file (or nothing yet) is replaced that way. ``--output`` may also name a FIFO or a
character device (``/dev/stdout``, ``/dev/null``, a named pipe to another program): renaming
over one would put a regular file in its place (as root, in place of ``/dev/null`` itself), so
they are written through, like a shell redirection. Block devices and sockets are refused.

``locked`` serialises read-modify-write cycles on a shared file (baselines, review decisions):
two editors recording at once must both be kept, so the file is re-read under the lock and
changed there. It is ``fcntl.flock`` on a lock file beside the target (``msvcrt.locking`` on
Windows): the standard library, no dependency, and the kernel drops the lock when its holder
dies, so a killed run never leaves a stale lock behind. (``filelock`` and ``portalocker`` wrap the
same calls; the target itself cannot carry the lock, as each atomic write replaces its inode.)

``check_output_path`` lets the command line refuse a bad ``--output`` before a long run rather
than after it, and above all refuses to overwrite one of the articles being checked.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
import time
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


def _existing_mode(path: Path) -> int | None:
    """The ``st_mode`` of what ``path`` names (symbolic links followed), ``None`` if nothing."""
    try:
        return path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None


def writes_through(mode: int | None) -> bool:
    """Whether a target of this mode is written in place rather than replaced: a FIFO or a
    character device, which renaming over would destroy."""
    return mode is not None and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode))


@contextlib.contextmanager
def atomic_writer(path: str | Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    """Open a text stream whose contents replace ``path`` only if the block finishes cleanly.

    A symbolic link is written through (its target is replaced), so a link kept in a shared
    folder keeps pointing where it did. A FIFO or a character device is opened and written
    directly, never replaced. Whatever ends the block early (an error, ``SIGTERM``, Ctrl-C)
    removes the temporary file.
    """
    target = Path(path)
    if writes_through(_existing_mode(target)):
        with open(target, "w", encoding=encoding, newline="") as stream:
            yield stream
        return
    if target.is_symlink():
        target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = _target_mode(target)
    temp: str | None = None
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
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
        if temp is not None:
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

    Refused: an existing directory, block device or socket; one of the input files (the report
    would overwrite the article it is about); a path below an existing file. Missing parent
    folders are fine: ``atomic_writer`` creates them. FIFOs and character devices are fine:
    they are written through.
    """
    target = Path(path)
    mode = _existing_mode(target)
    if mode is not None and stat.S_ISDIR(mode):
        raise UsageError(f"--output {path}: is a directory; name a file")
    if mode is not None and (stat.S_ISBLK(mode) or stat.S_ISSOCK(mode)):
        kind = "block device" if stat.S_ISBLK(mode) else "socket"
        raise UsageError(f"--output {path}: is a {kind}; name a file, a FIFO or a character device")
    if mode is not None and stat.S_ISREG(mode):
        for item in inputs:
            if item != "-" and os.path.isfile(item) and _same_file(target, Path(item)):
                raise UsageError(f"--output {path}: is one of the articles being checked")
    for parent in target.absolute().parents:
        if os.path.lexists(parent):
            if not os.path.isdir(parent):
                raise UsageError(f"--output {path}: {parent} is not a folder")
            break


# --- locking a shared file for a read-modify-write cycle --------------------------------------------

LOCK_TIMEOUT = 60.0


def lock_path(path: Path) -> Path:
    """The lock file that guards ``path``: ``.NAME.lock`` beside it (hidden, like the temporary)."""
    return path.parent / f".{path.name}.lock"


@contextlib.contextmanager
def locked(path: str | Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the exclusive lock for updating ``path`` (a symbolic link's target) for the block.

    Waits up to ``timeout`` seconds for another process to finish its update, then gives up with
    a ``UsageError``. Re-read the file inside the block: what was read before may be stale.
    """
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    where = lock_path(target)
    try:
        fd = os.open(where, os.O_RDWR | os.O_CREAT, 0o666)
    except PermissionError:  # someone else's lock file in a shared folder: read access locks too
        fd = os.open(where, os.O_RDONLY)
    try:
        waited = 0.0
        while not _try_lock(fd):
            if waited >= timeout:
                raise UsageError(
                    f"{target}: another factcheck has been updating it for {timeout:g}s; try again"
                )
            time.sleep(0.02)
            waited += 0.02
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
