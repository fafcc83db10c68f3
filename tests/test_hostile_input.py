"""Hostile input, dying runs and shared files (issue 14): never exit 3, never hang, never lose a write.

Every case runs the real command line in a subprocess under a time limit (``subprocess`` kills
it) and a memory limit (``RLIMIT_AS`` set in ``preexec_fn``), and checks three things: the exit
code, the one ``path:line:col: message`` line on stderr, and that the *other* articles of the run
were still checked completely (their JSON reports equal those of a clean run). The cases that
must reach inside run in process: line:column under random line-ending mixes (hypothesis, many
examples), and the connection pinning against DNS rebinding (a resolver stub and a connection
hook, plain HTTP and TLS); the time-critical cases are also timed in process, where a busy
machine adds no noise. Network cases use loopback servers only; nothing leaves the machine.
Cases that need an unprivileged reader drop root's file capabilities for the child instead of
changing user.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import re
import resource
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.bounded import finishes
from tests.conftest import EXAMPLE_ARTICLE

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files, signals and rlimits")
pytestmark = posix_only

MEMORY_LIMIT = 1 << 30  # 1 GiB of address space: a resource bomb dies here instead of the machine
TIME_LIMIT = 60.0

GOOD_TEXT = "The minister said on Monday that 40% of 200 people, or 90 people, voted.\n"
GOOD_MD = (
    "# Turnout\n\nOfficials said 3,000 people attended, up from 1,500 last year, a 50% rise.\n\n"
    "The council met on Tuesday, March 18, 2025.\n"
)
CLAIM = "The minister said that unemployment rose by 40 percent last year, the highest rise on record.\n"


# --- running the command line ------------------------------------------------------------------


def _drop_file_capabilities() -> None:
    """Root reads everything: take away CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the
    bounding set, so the program exec'd next obeys file permissions like any user."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop = 24
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(pr_capbset_drop, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _limits(memory: int, unprivileged: bool = False) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        if unprivileged and os.geteuid() == 0:
            _drop_file_capabilities()

    return apply


def run_cli(
    *args: str | bytes,
    cwd: Path,
    timeout: float = TIME_LIMIT,
    memory: int = MEMORY_LIMIT,
    stdin: bytes | None = None,
    unprivileged: bool = False,
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("FACTCHECK_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=timeout,
        preexec_fn=_limits(memory, unprivileged),
        check=False,
    )
    return _decoded(done)


def _decoded(done: subprocess.CompletedProcess[bytes]) -> subprocess.CompletedProcess[str]:
    return subprocess.CompletedProcess(
        done.args,
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


def stderr_lines(done: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in done.stderr.splitlines() if line.strip()]


def assert_one_line(done: subprocess.CompletedProcess[str], path: str, message: str) -> re.Match[str]:
    """Exactly one line on stderr, ``path:line:col: message`` (``message`` a regex)."""
    lines = stderr_lines(done)
    assert "Traceback" not in done.stderr, done.stderr
    assert len(lines) == 1, done.stderr
    found = re.fullmatch(re.escape(path) + r":(\d+):(\d+): " + message, lines[0])
    assert found, lines[0]
    return found


def articles(done: subprocess.CompletedProcess[str]) -> dict[str, dict[str, object]]:
    report = json.loads(done.stdout)
    return {article["path"]: article for article in report["articles"]}


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder with two good articles (``good.txt``, ``good.md``)."""
    (tmp_path / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / "good.md").write_text(GOOD_MD, encoding="utf-8")
    return tmp_path


_REFERENCE: dict[str, dict[str, object]] = {}


def reference(work: Path) -> dict[str, dict[str, object]]:
    """The JSON reports of the good articles checked on their own (computed once)."""
    if not _REFERENCE:
        done = run_cli("check", "good.txt", "good.md", "-f", "json", cwd=work)
        assert done.returncode == 1, done.stderr
        _REFERENCE.update(articles(done))
    return _REFERENCE


def assert_others_complete(done: subprocess.CompletedProcess[str], work: Path) -> None:
    found = articles(done)
    for path, expected in reference(work).items():
        assert found[path] == expected, path
        assert found[path]["statements"], path


def check_with_bad(work: Path, bad: str | bytes, *extra: str, **kwargs: object):
    """``check good.txt BAD good.md -f json``: the bad path sits between two good ones."""
    return run_cli("check", "good.txt", bad, "good.md", "-f", "json", *extra, cwd=work, **kwargs)  # type: ignore[arg-type]


# --- loopback servers ----------------------------------------------------------------------------


class _Hits(list[str]):
    """The paths a server was asked for; ``hosts``: the Host header of each request."""

    def __init__(self) -> None:
        super().__init__()
        self.hosts: list[str] = []


class _Handler(http.server.BaseHTTPRequestHandler):
    answer: Callable[[str], tuple[int, bytes]] = staticmethod(lambda path: (200, b'{"results": []}'))
    hits: _Hits

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.hits.hosts.append(self.headers.get("Host", ""))
        status, body = self.answer(self.path)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def json_server(answer: Callable[[str], tuple[int, bytes]] | None = None) -> Iterator[tuple[str, _Hits]]:
    """A threaded HTTP server on 127.0.0.1: its base URL and the paths it was asked for."""
    hits = _Hits()
    attributes: dict[str, object] = {"hits": hits}
    if answer is not None:
        attributes["answer"] = staticmethod(answer)
    handler = type("Handler", (_Handler,), attributes)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def trickle_server(head: bytes, slow_head: bool, every: float = 0.5) -> Iterator[str]:
    """Accepts connections and answers ``head`` (one byte every ``every`` seconds when
    ``slow_head``), then one more byte every ``every`` seconds for ever."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    stop = threading.Event()

    def serve(conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(65536)
                if slow_head:
                    for byte in head:
                        conn.sendall(bytes([byte]))
                        time.sleep(every)
                else:
                    conn.sendall(head)
                while not stop.is_set():
                    conn.sendall(b" ")
                    time.sleep(every)
            except OSError:
                return

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        listener.close()


def provider_config(folder: Path, base_url: str, *, timeout: float = 5.0, cache: str = "") -> None:
    """A ``factcheck.toml`` turning on the JSON search provider against ``base_url``."""
    (folder / "factcheck.toml").write_text(
        "[network]\n"
        f"timeout = {timeout}\n"
        'allow_hosts = ["127.0.0.1"]\n'
        f'cache_path = "{cache}"\n'
        "retries = 0\n"
        "[plugins.json_search]\n"
        "enabled = true\n"
        f'url_template = "{base_url}/search?q={{query}}"\n',
        encoding="utf-8",
    )


# =================================================================================================
# Data loss and damage
# =================================================================================================


def _check_into_fifo(work: Path, fifo: Path, output: str) -> tuple[subprocess.CompletedProcess[str], bytes]:
    """``factcheck check -o output`` while ``cat`` reads ``fifo``: the run and what came through."""
    received = work / "received.json"
    with received.open("wb") as sink:
        reader = subprocess.Popen(["cat", str(fifo)], stdout=sink)
        try:
            done = run_cli("check", "good.txt", "-f", "json", "-o", output, cwd=work, timeout=30)
            reader.wait(timeout=10)
        finally:
            reader.kill()
    return done, received.read_bytes()


def test_output_to_a_fifo_is_written_through_not_replaced(work: Path):
    fifo = work / "report.fifo"
    os.mkfifo(fifo)
    done, received = _check_into_fifo(work, fifo, str(fifo))
    assert done.returncode == 1, done.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode), "the FIFO was replaced by a regular file"
    assert json.loads(received)["summary"]["articles"] == 1
    assert not list(work.glob(".report.fifo.*"))


def test_output_through_a_symlink_to_a_fifo_keeps_both(work: Path):
    fifo = work / "pipe"
    os.mkfifo(fifo)
    link = work / "report.json"
    link.symlink_to(fifo)
    done, received = _check_into_fifo(work, fifo, "report.json")
    assert done.returncode == 1, done.stderr
    assert link.is_symlink() and stat.S_ISFIFO(fifo.lstat().st_mode)
    assert json.loads(received)["summary"]["articles"] == 1


def test_output_to_a_character_device_writes_through(work: Path):
    """A private copy of /dev/null made with mknod (root only), never the real one."""
    device = work / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        with open(device, "wb") as probe:
            probe.write(b"x")
    except (PermissionError, OSError):
        pytest.skip("cannot create or open a character device here")
    done = run_cli("check", "good.txt", "-f", "json", "-o", str(device), cwd=work)
    assert done.returncode == 1, done.stderr
    assert stat.S_ISCHR(device.lstat().st_mode), "the device node was replaced by a regular file"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def _findings_article(path: Path, count: int) -> None:
    """``count`` lines, each a paragraph with its own wrong share (NUM004 on lines 1..count)."""
    lines = [
        f"The minister said {40 + i}% of 200 people, or {90 + 2 * i} people, voted in district {i + 1}."
        for i in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _start(*args: str, cwd: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "factcheck", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_limits(MEMORY_LIMIT),
    )


def test_concurrent_baselines_into_one_file_keep_every_article(tmp_path: Path):
    for i in range(4):
        _findings_article(tmp_path / f"story{i}.txt", 1)
    runs = [_start("baseline", f"story{i}.txt", "--file", "base.json", cwd=tmp_path) for i in range(4)]
    for run in runs:
        _out, err = run.communicate(timeout=TIME_LIMIT)
        assert run.returncode == 0, err
    recorded = json.loads((tmp_path / "base.json").read_text())["articles"]
    assert sorted(recorded) == [f"story{i}.txt" for i in range(4)]
    assert not list(tmp_path.glob(".base.json.*.tmp"))


def test_six_concurrent_dismissals_all_survive(tmp_path: Path):
    _findings_article(tmp_path / "story.txt", 6)
    runs = [
        _start(
            "review",
            "dismiss",
            "story.txt",
            f"{i + 1}:NUM004",
            "--reason",
            f"r{i}",
            "--by",
            "ed",
            cwd=tmp_path,
        )
        for i in range(6)
    ]
    for run in runs:
        out, err = run.communicate(timeout=TIME_LIMIT)
        assert run.returncode == 0, err
        assert b"saved in" in out
    listed = run_cli("review", "list", "story.txt", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert sorted(re.findall(r"^(\d+):NUM004 dismissed", listed.stdout, re.MULTILINE)) == [
        str(i + 1) for i in range(6)
    ]


def _many_articles(folder: Path, count: int) -> None:
    folder.mkdir()
    text = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    for i in range(count):
        (folder / f"story{i:04d}.txt").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("jobs", "sig", "code"),
    [
        ("1", signal.SIGTERM, 143),
        ("2", signal.SIGTERM, 143),
        ("1", signal.SIGINT, 130),
        ("2", signal.SIGINT, 130),
    ],
)
def test_a_signal_leaves_no_temporary_file_and_no_traceback(tmp_path: Path, jobs: str, sig: int, code: int):
    _many_articles(tmp_path / "many", 400)
    process = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "check", "many", "-f", "json", "-o", "out.json", "-j", jobs],
        cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=_limits(MEMORY_LIMIT),
    )
    try:
        deadline = time.monotonic() + 30
        while not list(tmp_path.glob(".out.json.*.tmp")):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "no temporary file appeared"
            time.sleep(0.05)
        time.sleep(0.5)
        if sig == signal.SIGINT:
            os.killpg(process.pid, sig)  # Ctrl-C reaches the whole foreground group
        else:
            process.send_signal(sig)  # `kill PID`, as a supervisor does
        _out, err = process.communicate(timeout=20)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == code, err.decode()
    assert b"Traceback" not in err, err.decode()
    assert not list(tmp_path.glob(".out.json.*")), "a temporary file was left beside the output"
    assert not (tmp_path / "out.json").exists()
    deadline = time.monotonic() + 30  # a hang guard: a leaked worker lives for ever
    while True:  # no worker outlives the run
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        assert time.monotonic() < deadline, "a worker process outlived the run"
        time.sleep(0.05)


# =================================================================================================
# Hangs and crashes
# =================================================================================================


def _alias_bomb(levels: int = 13, width: int = 5) -> str:
    lines = ["---", "l0: &l0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]")
    lines += [f"title: *l{levels - 1}", "---", "", GOOD_TEXT]
    return "\n".join(lines)


def test_yaml_alias_bomb_is_refused(work: Path):
    bomb = _alias_bomb()
    assert bomb.count("*") <= 65  # gets past an alias-count check
    (work / "bomb.md").write_text(bomb, encoding="utf-8")
    done = run_cli("check", "good.txt", "bomb.md", "good.md", "-f", "json", cwd=work)  # TIME_LIMIT guards it
    assert done.returncode == 2, done.stderr
    assert_one_line(done, "bomb.md", r"YAML front matter .*alias.*")
    assert_others_complete(done, work)
    # The parse itself is refused by counting nodes, never by expanding them: it ends.
    finishes(
        f"""
        from factcheck.errors import ArticleError
        from factcheck.formats.frontmatter import split_front_matter
        try:
            split_front_matter({bomb!r}, "bomb.md")
        except ArticleError as exc:
            assert "alias" in str(exc), exc
        else:
            raise AssertionError("the bomb was parsed")
        """
    )


def test_front_matter_size_is_capped(work: Path):
    big = "---\n" + "".join(f"key{i}: {'x' * 60}\n" for i in range(2000)) + "---\n\n" + GOOD_TEXT
    (work / "big.md").write_text(big, encoding="utf-8")
    done = check_with_bad(work, "big.md")
    assert done.returncode == 2, done.stderr
    assert_one_line(done, "big.md", r"front matter is over the limit of 65536 bytes.*")
    assert_others_complete(done, work)


@pytest.mark.parametrize(
    ("head", "slow_head"),
    [
        (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n", False),
        (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Slow: " + b"a" * 200, True),
    ],
    ids=["trickled-body", "trickled-headers"],
)
def test_a_trickling_server_cannot_outlast_the_timeout(tmp_path: Path, head: bytes, slow_head: bool):
    (tmp_path / "claim.txt").write_text(CLAIM, encoding="utf-8")
    # The server trickles for ever: a run that ends at all was ended by the time limit.
    with trickle_server(head, slow_head) as slow:
        provider_config(tmp_path, slow, timeout=1.0)
        done = run_cli("check", "claim.txt", "-f", "json", cwd=tmp_path, timeout=30)
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    (article,) = json.loads(done.stdout)["articles"]
    failed = [v for v in article["verdicts"] if v["rule"] == "REM004"]
    assert failed and "timed out" in failed[0]["message"]
    # In process, on a thread this test waits for (a hang guard, not a speed limit).
    from factcheck.config.settings import NetworkSettings
    from factcheck.errors import FetchError
    from factcheck.network.fetch import Fetcher

    raised: list[BaseException] = []

    def look_up(url: str) -> None:
        fetcher = Fetcher(NetworkSettings(allow_hosts=["127.0.0.1"], timeout=1.0, retries=0), cache=False)
        try:
            fetcher.get(url + "/search?q=x", provider="p")
        except BaseException as exc:
            raised.append(exc)
        finally:
            fetcher.close()

    with trickle_server(head, slow_head) as slow:
        thread = threading.Thread(target=look_up, args=(slow,), daemon=True)
        thread.start()
        thread.join(timeout=60)
        assert not thread.is_alive(), "the look-up outlived its time limit"
    assert len(raised) == 1 and isinstance(raised[0], FetchError) and "timed out" in str(raised[0])


def test_a_fifo_given_as_an_article_is_refused(work: Path):
    os.mkfifo(work / "story.txt")
    done = check_with_bad(work, "story.txt", timeout=20)
    assert done.returncode == 2, done.stderr
    assert_one_line(done, "story.txt", r"not a regular file \(a FIFO\).*")
    assert_others_complete(done, work)


def test_dev_zero_given_as_an_article_is_refused(work: Path):
    done = check_with_bad(work, "/dev/zero", timeout=20)
    assert done.returncode == 2, done.stderr
    assert_one_line(done, "/dev/zero", r"not a regular file \(a character device\).*")
    assert_others_complete(done, work)


def test_an_article_over_max_article_bytes_is_refused(work: Path):
    (work / "huge.txt").write_bytes((GOOD_TEXT * 40_000).encode())  # ~3 MB
    size = (work / "huge.txt").stat().st_size
    done = check_with_bad(work, "huge.txt")
    assert done.returncode == 2, done.stderr
    assert_one_line(
        done, "huge.txt", rf"file is {size} bytes, over the limit of 2097152 .*max_article_bytes.*"
    )
    assert_others_complete(done, work)


def test_an_article_over_max_statements_is_refused(work: Path):
    (work / "factcheck.toml").write_text("[check]\nmax_statements = 3\n", encoding="utf-8")
    (work / "long.txt").write_text("One. Two. Three. Four. Five.\n", encoding="utf-8")
    done = run_cli("check", "long.txt", "good.txt", "-f", "json", cwd=work)
    assert done.returncode == 2, done.stderr
    assert_one_line(done, "long.txt", r"5 statements, over the limit of 3 \(\[check\] max_statements\).*")
    assert articles(done)["good.txt"] == reference(work)["good.txt"]


def test_an_oversized_stdin_is_refused(work: Path):
    done = run_cli(
        "check", "good.txt", "-", "good.md", "-f", "json", cwd=work, stdin=(GOOD_TEXT * 40_000).encode()
    )
    assert done.returncode == 2, done.stderr
    assert_one_line(done, "-", r"input is over the limit of 2097152 bytes.*max_article_bytes.*")
    assert_others_complete(done, work)


def test_a_deeply_nested_provider_answer_is_a_failed_lookup(tmp_path: Path):
    deep = b'{"results": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    (tmp_path / "claim.txt").write_text(CLAIM, encoding="utf-8")
    with json_server(lambda path: (200, deep)) as (url, hits):
        provider_config(tmp_path, url)
        done = run_cli("check", "claim.txt", "-f", "json", cwd=tmp_path)
    assert hits, "the provider was never asked"
    assert done.returncode in (0, 1), done.stderr
    (article,) = json.loads(done.stdout)["articles"]
    failed = [v for v in article["verdicts"] if v["rule"] == "REM004"]
    assert failed and "nested too deeply" in failed[0]["message"], article["verdicts"]


# --- one bad path must not spoil the run ---------------------------------------------------------


def test_a_file_name_that_is_not_utf8(work: Path):
    name = b"caf\xe9.txt"
    (work / os.fsdecode(name)).write_text(GOOD_TEXT, encoding="utf-8")
    done = check_with_bad(work, name)
    assert done.returncode == 2, done.stderr
    assert_one_line(done, "caf\\xe9.txt", r"file name is not valid UTF-8.*")
    assert_others_complete(done, work)


def test_a_folder_holding_a_file_name_that_is_not_utf8(tmp_path: Path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / os.fsdecode(b"\xff.txt")).write_text(GOOD_TEXT, encoding="utf-8")
    done = run_cli("check", "site", "-f", "json", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert_one_line(done, "site/\\xff.txt", r"file name is not valid UTF-8.*")
    assert articles(done)["site/good.txt"]["statements"]


@pytest.fixture
def shared(work: Path) -> Iterator[Path]:
    """``work`` with a folder ``locked`` (mode 000) holding an article."""
    locked = work / "locked"
    locked.mkdir()
    (locked / "c.txt").write_text(GOOD_TEXT, encoding="utf-8")
    locked.chmod(0)
    if os.geteuid() == 0 and run_cli("--version", cwd=work, unprivileged=True).returncode != 0:
        pytest.skip("cannot drop root's file capabilities here")
    try:
        yield work
    finally:
        locked.chmod(0o755)


def test_a_file_inside_an_unreadable_folder(shared: Path):
    done = check_with_bad(shared, "locked/c.txt", unprivileged=True)
    assert done.returncode == 2, done.stderr
    assert_one_line(done, "locked/c.txt", r"cannot read file: permission denied.*")
    assert_others_complete(done, shared)


def test_an_unreadable_folder_inside_a_folder_given(shared: Path):
    done = run_cli("check", ".", "-f", "json", cwd=shared, unprivileged=True)
    assert done.returncode == 2, done.stderr
    assert_one_line(done, "locked", r"cannot read folder: permission denied.*")
    assert set(articles(done)) == {"good.txt", "good.md", "locked"}


@pytest.mark.parametrize("damage", ["not-sqlite", "corrupt-sqlite"])
def test_index_into_a_damaged_database(work: Path, damage: str):
    database = work / "archive.db"
    if damage == "not-sqlite":
        database.write_text("this is not a database\n" * 100)
    else:
        assert run_cli("index", "good.txt", "--archive", "archive.db", cwd=work).returncode == 0
        data = bytearray(database.read_bytes())
        for offset in range(100, len(data), 97):
            data[offset] = 0xA5
        database.write_bytes(bytes(data))
        for suffix in ("-wal", "-shm"):
            (work / f"archive.db{suffix}").unlink(missing_ok=True)
    done = run_cli("index", "good.txt", "good.md", "--archive", "archive.db", cwd=work)
    assert done.returncode == 2, done.stderr
    assert_one_line(done, "archive.db", r".*(not a database|malformed|damaged).*")


def test_a_cache_path_whose_parent_is_a_file(work: Path):
    (work / "afile").write_text("x")
    with json_server() as (url, _):
        provider_config(work, url, cache="afile/http.sqlite")
        done = run_cli("check", "good.txt", "-f", "json", cwd=work)
    assert done.returncode == 2, done.stderr
    assert_one_line(
        done, str(work.resolve() / "factcheck.toml"), r"\[network\] cache_path .*afile.* not a folder.*"
    )


def test_a_deeply_nested_baseline_file(work: Path):
    (work / "deep.json").write_text('{"version": 1, "articles": ' + "[" * 100_000 + "]" * 100_000 + "}")
    done = run_cli("check", "good.txt", "--baseline", "deep.json", "-f", "json", cwd=work)
    assert done.returncode == 2, done.stderr
    assert_one_line(done, "deep.json", r"baseline file .*nested too deeply.*")


def test_a_deeply_nested_review_file_is_the_articles_problem(work: Path):
    (work / "good.txt.factcheck-review.yaml").write_text("decisions: " + "[" * 50_000 + "]" * 50_000 + "\n")
    done = run_cli("check", "good.txt", "good.md", "-f", "json", cwd=work)
    assert done.returncode == 2, done.stderr
    assert_one_line(done, "good.txt.factcheck-review.yaml", r"review file .*nested too deeply.*")


def test_output_cut_short_by_head_exits_quietly(tmp_path: Path):
    _many_articles(tmp_path / "many", 40)
    command = f'{sys.executable} -m factcheck check many | head -n 2; echo "status=${{PIPESTATUS[0]}}"'
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        env={**os.environ, "NO_COLOR": "1"},
        preexec_fn=_limits(MEMORY_LIMIT),
    )
    assert done.stderr == "", done.stderr
    assert done.stdout.splitlines()[-1] == "status=141"


def test_a_nul_byte_is_bad_input_at_its_position(work: Path):
    (work / "binary.txt").write_bytes(b"First line.\nThe minister\x00 said 40% of 200 people voted.\n")
    done = check_with_bad(work, "binary.txt")
    assert done.returncode == 2, done.stderr
    found = assert_one_line(done, "binary.txt", r"NUL byte.*")
    assert found.groups() == ("2", "13")
    assert_others_complete(done, work)


def test_lone_carriage_returns_count_as_line_breaks(work: Path):
    (work / "mac.txt").write_bytes(
        b"First paragraph here.\rSecond one.\r\nThe minister said 40% of 200 people, or 90 people, voted.\n"
    )
    done = run_cli("check", "mac.txt", "-f", "json", cwd=work)
    assert done.returncode == 1, done.stderr
    (article,) = json.loads(done.stdout)["articles"]
    (verdict,) = [v for v in article["verdicts"] if v["rule"] == "NUM004"]
    assert (verdict["line"], verdict["column"]) == (3, 19)  # "40%" on line 3


# --- line:column under every mix of line endings (in process: hypothesis runs many cases) ----------

_ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])
_ENGINE: list[object] = []


def _engine():
    if not _ENGINE:
        from factcheck.engine.engine import Engine

        _ENGINE.append(Engine())
    return _ENGINE[0]


@settings(max_examples=60, deadline=None)
@given(
    before=st.lists(
        st.tuples(st.sampled_from(["", "Filler words here.", "Another plain line."]), _ENDINGS), max_size=6
    ),
    indent=st.integers(0, 3),
    suffix=st.sampled_from([".txt", ".md"]),
)
def test_line_and_column_under_mixed_line_endings(before, indent, suffix):
    prefix = "".join(text + ending for text, ending in before)
    if prefix.strip():
        prefix += "\n\n" if prefix.endswith("\r") else "\n"  # a blank line: a paragraph of its own
    text = prefix + " " * indent + GOOD_TEXT
    report = _engine().check_text(text, path="story" + suffix)
    (verdict,) = [v for v in report.verdicts if v.rule == "NUM004"]
    assert verdict.start is not None
    before_finding = re.split(r"\r\n|\r|\n", text[: verdict.start])
    assert (verdict.line, verdict.column) == (len(before_finding), len(before_finding[-1]) + 1)
    assert verdict.line == len(re.split(r"\r\n|\r|\n", prefix))
    for statement in report.statements:
        lines = re.split(r"\r\n|\r|\n", text[: statement.start])
        assert (statement.line, statement.column) == (len(lines), len(lines[-1]) + 1)


# =================================================================================================
# Security
# =================================================================================================


def test_dns_rebinding_connects_only_to_the_checked_address(monkeypatch):
    """First answer public, second loopback: the door must connect to the first, which the test
    intercepts (nothing leaves the machine); the loopback server must never see a request."""
    from factcheck.config.settings import NetworkSettings
    from factcheck.errors import FetchError
    from factcheck.network import fetch, guard

    answers = iter([["93.184.216.34"]])

    def resolver(host: str, port: int) -> list[str]:
        return next(answers, ["127.0.0.1"])

    real_getaddrinfo = socket.getaddrinfo

    def rebinding_getaddrinfo(host, port, *args, **kwargs):  # the system resolver, rebound
        if host == "rebind.example":
            host = "127.0.0.1"
        return real_getaddrinfo(host, port, *args, **kwargs)

    attempted: list[str] = []

    def guarded_connect(address, *args, **kwargs):
        attempted.append(address[0])
        if address[0] != "127.0.0.1":
            raise ConnectionRefusedError("test: nothing may leave the machine")
        return socket.create_connection(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_getaddrinfo)
    monkeypatch.setattr(guard, "_open_socket", guarded_connect)
    with json_server() as (url, hits):
        port = url.rsplit(":", 1)[1]
        fetcher = fetch.Fetcher(NetworkSettings(retries=0, timeout=2.0), cache=False, resolver=resolver)
        with pytest.raises(FetchError):
            fetcher.get(f"http://rebind.example:{port}/x", provider="p")
        fetcher.close()
    assert hits == [], "the request reached the loopback server after the check passed"
    assert attempted == ["93.184.216.34"]


def test_the_pinned_connection_still_names_the_host(monkeypatch):
    """Connecting to the checked address must not change what the server is told: the Host
    header (and, under TLS, SNI and the certificate check) still name the host."""
    from factcheck.config.settings import NetworkSettings
    from factcheck.network import fetch, guard

    with json_server() as (url, hits):
        port = int(url.rsplit(":", 1)[1])
        attempted: list[tuple[str, int]] = []

        def stand_in(address, *args, **kwargs):  # the "public" address, played by loopback
            attempted.append(address)
            return socket.create_connection(("127.0.0.1", port), *args, **kwargs)

        monkeypatch.setattr(guard, "_open_socket", stand_in)
        fetcher = fetch.Fetcher(
            NetworkSettings(retries=0, timeout=2.0), cache=False, resolver=lambda host, p: ["93.184.216.34"]
        )
        response = fetcher.get(f"http://news.example:{port}/x", provider="p")
        fetcher.close()
    assert response.status == 200
    assert attempted == [("93.184.216.34", port)]
    assert hits.hosts == [f"news.example:{port}"]


def test_pinned_tls_keeps_sni_and_checks_the_host_name(tmp_path: Path, monkeypatch):
    """Under TLS the connection to the checked address still sends the host name (SNI) and
    verifies the certificate against it: a certificate for the host passes, the same server
    is refused while its certificate is not trusted."""
    import ssl

    from factcheck.config.settings import NetworkSettings
    from factcheck.errors import FetchError
    from factcheck.network import fetch, guard

    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert)),
            *("-subj", "/CN=news.example", "-addext", "subjectAltName=DNS:news.example"),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    names: list[str | None] = []
    context.sni_callback = lambda sock, name, ctx: names.append(name)
    with json_server() as (url, hits):
        port = int(url.rsplit(":", 1)[1])
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)

        def relay() -> None:  # TLS in front of the loopback JSON server
            while True:
                try:
                    raw, _ = listener.accept()
                except OSError:
                    return
                try:
                    conn = context.wrap_socket(raw, server_side=True)
                except OSError:  # the client refused our certificate
                    raw.close()
                    continue
                upstream = socket.create_connection(("127.0.0.1", port))
                upstream.sendall(conn.recv(65536))
                while chunk := upstream.recv(65536):  # the answer, until the server closes
                    conn.sendall(chunk)
                upstream.close()
                conn.close()

        threading.Thread(target=relay, daemon=True).start()
        tls_port = listener.getsockname()[1]
        monkeypatch.setattr(
            guard,
            "_open_socket",
            lambda address, timeout: socket.create_connection(("127.0.0.1", tls_port), timeout),
        )
        fetcher = fetch.Fetcher(
            NetworkSettings(retries=0, timeout=5.0), cache=False, resolver=lambda host, p: ["93.184.216.34"]
        )
        target = f"https://news.example:{tls_port}/x"
        with pytest.raises(FetchError, match="SSLError"):  # not trusted: refused
            fetcher.get(target, provider="p")
        fetcher._session().verify = str(cert)
        assert fetcher.get(target, provider="p").status == 200
        fetcher.close()
        listener.close()
    assert names == ["news.example", "news.example"]
    assert hits.hosts == [f"news.example:{tls_port}"]


def test_baseline_and_review_list_take_offline(work: Path):
    (work / "claim.txt").write_text(CLAIM, encoding="utf-8")
    with json_server() as (url, hits):
        provider_config(work, url)
        baseline = run_cli("baseline", "claim.txt", "--offline", cwd=work)
        listed = run_cli("review", "list", "claim.txt", "--offline", cwd=work)
    assert baseline.returncode == 0, baseline.stderr
    assert listed.returncode == 0, listed.stderr
    assert hits == []


def test_status_draft_is_embargoed(work: Path):
    (work / "draft.md").write_text("---\ntitle: Draft\nstatus: draft\n---\n\n" + CLAIM, encoding="utf-8")
    (work / "live.md").write_text("---\ntitle: Live\nstatus: published\n---\n\n" + CLAIM, encoding="utf-8")
    with json_server() as (url, hits):
        provider_config(work, url)
        done = run_cli("check", "draft.md", "-f", "json", cwd=work)
        assert hits == [], "unpublished text went to a provider not in allowed_providers"
        live = run_cli("check", "live.md", "-f", "json", cwd=work)
        assert len(hits) == 1
    (article,) = json.loads(done.stdout)["articles"]
    assert any("unpublished" in note for note in article["skipped_checks"])
    assert live.returncode in (0, 1)


def test_credentials_in_a_provider_url_are_refused(work: Path):
    (work / "claim.txt").write_text(CLAIM, encoding="utf-8")
    with json_server() as (url, hits):
        provider_config(work, url.replace("http://", "http://editor:s3cret@"), cache=".cache/http.sqlite")
        done = run_cli("check", "claim.txt", "-f", "json", cwd=work)
    assert hits == []
    (article,) = json.loads(done.stdout)["articles"]
    failed = [v for v in article["verdicts"] if v["rule"] == "REM004"]
    assert failed and "credentials" in failed[0]["message"]
    assert "s3cret" not in done.stdout
    cache = work / ".cache" / "http.sqlite"
    if cache.exists():
        assert b"s3cret" not in cache.read_bytes()


def test_the_cache_file_is_private(work: Path):
    (work / "claim.txt").write_text(CLAIM, encoding="utf-8")
    with json_server() as (url, hits):
        provider_config(work, url, cache=".cache/http.sqlite")
        done = run_cli("check", "claim.txt", "-f", "json", cwd=work)
    assert hits and done.returncode in (0, 1), done.stderr
    assert stat.S_IMODE((work / ".cache" / "http.sqlite").stat().st_mode) == 0o600


def test_terminal_escapes_in_an_article_never_reach_the_terminal(work: Path):
    (work / "evil.md").write_text(
        '---\ntitle: "Title \\e]0;owned\\a"\n---\n\n'
        "The \u202eminister said \x1b[2J\x1b]8;;http://x\x07 40% of 200 people, or 90 people, voted.\n",
        encoding="utf-8",
    )
    done = run_cli("check", "evil.md", cwd=work)
    assert done.returncode in (0, 1), done.stderr
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout and "\u202e" not in done.stdout
    assert "\\x1b[2J" in done.stdout and "\\u202e" in done.stdout


def test_unknown_key_for_a_plugin_without_settings(work: Path):
    (work / "factcheck.toml").write_text("[plugins.numeric]\n\nbogus = 1\n", encoding="utf-8")
    done = run_cli("check", "good.txt", cwd=work)
    assert done.returncode == 2, done.stderr
    found = assert_one_line(
        done, str(work.resolve() / "factcheck.toml"), r"unknown key 'bogus' in \[plugins\.numeric\].*"
    )
    assert found.group(1) == "3"


def test_known_keys_for_plugins_that_read_settings_late_still_pass(work: Path):
    """render_markdown reads its table only when it renders: not an unknown-key error."""
    (work / "factcheck.toml").write_text(
        '[plugins.render_markdown]\nlink_base = "https://example.org/blob/main/"\n', encoding="utf-8"
    )
    done = run_cli("check", "good.txt", "-f", "json", cwd=work)
    assert done.returncode == 1, done.stderr
    (work / "factcheck.toml").write_text('[plugins.render_markdown]\nlink_bsae = "x"\n', encoding="utf-8")
    done = run_cli("check", "good.txt", "-f", "json", cwd=work)
    assert done.returncode == 2, done.stderr
    assert "link_bsae" in done.stderr


def test_a_hung_lookup_thread_is_never_joined_at_exit(tmp_path: Path):
    """A look-up stuck past every limit (a provider hung in its own code) must not hold the exit."""
    shutil.copy(EXAMPLE_ARTICLE, tmp_path / "story.txt")
    script = (
        "import threading, time, sys\n"
        "from factcheck.network.evidence import EvidenceService\n"
        "from factcheck.network.fetch import Fetcher\n"
        "service = EvidenceService([], Fetcher(cache=False), workers=2)\n"
        "service._pool.submit(time.sleep, 3600)\n"
        "service.close()\n"
        "print('closed')\n"
    )
    done = subprocess.run(  # the task sleeps an hour: ending within the timeout is the test
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=30,
        preexec_fn=_limits(MEMORY_LIMIT),
    )
    assert done.stdout.strip() == "closed", done.stderr
