from __future__ import annotations

import threading
from collections.abc import Iterable

from factcheck import hookimpl
from factcheck.model.article import Statement
from factcheck.model.report import Status, Verdict
from factcheck.plugin_system.verifier import Verifier, VerifyContext
from tests.conftest import EXAMPLE_ARTICLE


class _Raising(Verifier):
    name = "raising"

    def verify(self, statement: Statement, context: VerifyContext) -> Iterable[Verdict]:
        raise ValueError("boom")


class _Hanging(Verifier):
    name = "hanging"

    def __init__(self) -> None:
        self.release = threading.Event()

    def verify(self, statement: Statement, context: VerifyContext) -> Iterable[Verdict]:
        self.release.wait(30)
        return []


class _Plugin:
    def __init__(self, verifier: Verifier) -> None:
        self.verifier = verifier

    @hookimpl
    def register_verifiers(self, register):
        register(self.verifier)


def test_statements_point_into_the_source(make_engine):
    report = make_engine().check_file(str(EXAMPLE_ARTICLE))
    source = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    assert not report.problems
    assert len(report.statements) >= 30
    for statement in report.statements:
        assert source[statement.start : statement.end] == statement.text
        line, column = statement.line, statement.column
        assert source.splitlines()[line - 1][column - 1 :].startswith(statement.text.splitlines()[0])


def test_footer_boilerplate_is_not_a_statement(make_engine):
    report = make_engine().check_file(str(EXAMPLE_ARTICLE))
    texts = " ".join(s.text for s in report.statements)
    assert "Subscribe to get the latest posts" not in texts
    assert "Discover more from" not in texts
    kept = make_engine(settings={"check": {"ignore": ["FC101"]}}).check_file(str(EXAMPLE_ARTICLE))
    assert any("Subscribe to get" in s.text for s in kept.statements)


def test_raising_verifier_becomes_an_error_verdict_naming_it(make_engine):
    engine = make_engine(extra=[("raising-plugin", _Plugin(_Raising()))])
    report = engine.check_file(str(EXAMPLE_ARTICLE))
    errors = [v for v in report.verdicts if v.rule == "FC001"]
    assert len(errors) == 1
    assert errors[0].status == Status.ERROR
    assert errors[0].verifier == "raising"
    assert "ValueError: boom" in errors[0].message
    assert report.outcome.failing >= 1
    # the other verifiers still ran
    assert any(v.verifier == "phrases" for v in report.verdicts)


def test_hanging_verifier_is_stopped_and_the_run_goes_on(make_engine):
    hanging = _Hanging()
    engine = make_engine(extra=[("hanging-plugin", _Plugin(hanging))], settings={"check": {"timeout": 0.3}})
    first = engine.check_text("One sentence here. Another one there.\n", "a.txt")
    second = engine.check_text("A third sentence.\n", "b.txt")
    for report in (first, second):  # stopped each time, so each article gets its own verdict
        (timeout,) = [v for v in report.verdicts if v.rule == "FC002"]
        assert timeout.verifier == "hanging"
        assert "0.3 s" in timeout.message
        assert any(v.verifier == "phrases" for v in report.verdicts) or report.statements
    assert not hanging.release.is_set()
    assert threading.active_count() == 1  # nothing left running in the background


def test_blocking_a_builtin_plugin_removes_its_verdicts(make_engine):
    text = "Experts say the plan will fail.\n"
    assert any(v.rule == "SRC003" for v in make_engine().check_text(text).verdicts)
    blocked = make_engine(blocked=["phrases"]).check_text(text)
    assert not [v for v in blocked.verdicts if v.rule.startswith("STY")]


def test_undecodable_file_is_an_input_problem_with_position(make_engine, write):
    path = write("bad.txt", b"Fine line.\nBad \xff byte.\n")
    report = make_engine().check_file(str(path))
    assert report.problems[0].one_line() == f"{path}:2:5: not valid UTF-8 (byte 0xff); save the file as UTF-8"
    assert report.outcome.status == Status.ERROR


def test_missing_file_is_an_input_problem(make_engine, tmp_path):
    report = make_engine().check_file(str(tmp_path / "nope.txt"))
    assert "cannot read file" in report.problems[0].message


def test_verdicts_get_positions_and_stable_fingerprints(make_engine):
    engine = make_engine()
    before = engine.check_text("Intro line.\n\nCritics say it will fail.\n")
    after = engine.check_text("A new first paragraph.\n\nIntro line.\n\nCritics say it will fail.\n")
    (b,) = [v for v in before.verdicts if v.rule == "SRC003"]
    (a,) = [v for v in after.verdicts if v.rule == "SRC003"]
    assert (b.line, b.column) == (3, 1)
    assert (a.line, a.column) == (5, 1)
    assert a.fingerprint == b.fingerprint


def test_select_limits_rules(make_engine):
    text = "Critics say the plan will fail. A senior official, speaking on condition of anonymity, said so.\n"
    assert {"SRC002", "SRC003"} <= {v.rule for v in make_engine().check_text(text).verdicts}
    engine = make_engine(settings={"check": {"select": ["SRC002"]}})
    assert {v.rule for v in engine.check_text(text).verdicts} == {"SRC002"}


class _BrokenAnnotator:
    @hookimpl
    def extract_annotations(self, article, statements):
        raise RuntimeError("model file missing")


class _BrokenSplitter:
    @hookimpl(tryfirst=True)
    def split_statements(self, article):
        raise RuntimeError("splitter bug")


def test_raising_annotator_becomes_fc003_and_others_annotations_stay(make_engine):
    engine = make_engine(extra=[("ner-model", _BrokenAnnotator())])
    report = engine.check_text("Sales rose 5% in Paris, Jane Doe said on Tuesday.\n")
    (failure,) = [v for v in report.verdicts if v.rule == "FC003"]
    assert failure.verifier == "ner-model"
    assert "RuntimeError: model file missing" in failure.message
    assert "quantity" in report.statements[0].kinds


def test_raising_splitter_falls_back_to_the_builtin_and_is_named(make_engine, write):
    engine = make_engine(extra=[("bad-splitter", _BrokenSplitter())])
    report = engine.check_file(str(write("a.txt", "Critics say it. Experts say so.\n")))
    assert not report.problems
    assert [s.text for s in report.statements] == ["Critics say it.", "Experts say so."]
    (failure,) = [v for v in report.verdicts if v.rule == "FC003"]
    assert failure.verifier == "bad-splitter"
    assert failure.message == "plugin bad-splitter failed in split_statements: RuntimeError: splitter bug"


class _HangingAnnotator:
    def __init__(self) -> None:
        self.release = threading.Event()

    @hookimpl
    def extract_annotations(self, article):
        self.release.wait(30)
        return []


class _JunkVerifier(Verifier):
    name = "junk"

    def verify(self, statement: Statement, context: VerifyContext) -> Iterable[Verdict]:
        yield {"rule": "X"}  # type: ignore[misc]


def test_hanging_annotator_is_stopped_and_named_and_the_article_still_checked(make_engine):
    hanging = _HangingAnnotator()
    engine = make_engine(extra=[("slow-ner", hanging)], settings={"check": {"timeout": 0.3}})
    report = engine.check_text("Sales rose 10% in 2020. Experts say it will last.\n", "a.txt")
    assert not report.problems
    (failure,) = [v for v in report.verdicts if v.rule == "FC003"]
    assert failure.verifier == "slow-ner"
    assert "extract_annotations" in failure.message and "did not finish within 0.3 s" in failure.message
    assert any(s.annotations for s in report.statements)  # the built-in extractor's work is kept


def test_verifier_yielding_junk_is_fc001_naming_it(make_engine):
    report = make_engine(extra=[("junk-plugin", _Plugin(_JunkVerifier()))]).check_text("Text.\n")
    (failure,) = [v for v in report.verdicts if v.rule == "FC001"]
    assert failure.verifier == "junk"
    assert "yielded a dict, not a Verdict" in failure.message


def test_title_case_headline_does_not_become_one_long_person(make_engine):
    text = "America Ferrera Sent Donald Trump A Message About Latinos\n\nThe actress spoke on Monday.\n"
    report = make_engine().check_text(text, "a.txt")
    people = [a.text for s in report.statements for a in s.annotations if a.type == "entity"]
    assert not any("Sent" in name for name in people)


def test_an_offline_check_imports_no_http_stack():
    # Start-up: requests/urllib3 load only when an evidence provider or a fetching verifier runs.
    import subprocess
    import sys

    code = (
        "import sys; from factcheck import check_text; "
        "check_text('Sales rose from 10 to 12, up 50%.', offline=True); "
        "print(sorted(m for m in ('requests', 'urllib3', 'yaml') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
