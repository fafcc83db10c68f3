"""The HTML report in a real headless Chromium (Debian's ``chromium`` + ``chromium-driver``),
driven by Selenium: no console errors, highlights equal to the JSON report, working filters,
click and keyboard details, article ``<script>`` inert. Saves ``artifacts/html-report.png``.

Skipped, with the reason, only when Selenium or the browser is missing or will not start.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factcheck.model.report import ArticleReport
from tests.conftest import skip_unless_required
from tests.test_render_samples import REPO_ROOT, example_report, render, rich_report, run_engine

pytestmark = pytest.mark.browser

webdriver = pytest.importorskip(
    "selenium.webdriver", reason="selenium is not installed (pip install selenium)"
)
from selenium.common.exceptions import NoAlertPresentException, WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

CHROMIUM_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
)
SCREENSHOT = REPO_ROOT / "artifacts" / "html-report.png"


def _chromium() -> str | None:
    configured = os.environ.get("FACTCHECK_CHROMIUM")
    if configured:
        return configured
    return next((path for path in CHROMIUM_CANDIDATES if os.path.exists(path)), None)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    binary = _chromium()
    driver_path = os.environ.get("FACTCHECK_CHROMEDRIVER") or shutil.which("chromedriver")
    if binary is None or driver_path is None:
        skip_unless_required(
            "Chromium or chromedriver not found (apt-get install chromium chromium-driver)",
            "FACTCHECK_REQUIRE_BROWSER",
        )
    profile = tempfile.mkdtemp(prefix="factcheck-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
    except WebDriverException as exc:
        shutil.rmtree(profile, ignore_errors=True)
        skip_unless_required(f"headless Chromium would not start: {exc.msg}", "FACTCHECK_REQUIRE_BROWSER")
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def load(driver: Any, tmp_path: Path, reports: list[ArticleReport]) -> Any:
    page = tmp_path / "report.html"
    page.write_text(render("html", reports), encoding="utf-8")
    driver.get_log("browser")  # drop anything logged by an earlier page
    driver.get(page.as_uri())
    return driver


def console_errors(driver: Any) -> list[dict[str, Any]]:
    return [entry for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]


def marks(driver: Any) -> list[Any]:
    return list(driver.find_elements(By.CSS_SELECTOR, "mark.st"))


MARKDOWN_ARTICLE = (
    '---\ntitle: "Budget row"\ndate: 2025-03-19\n---\n\n# Budget row\n\n'
    "The mayor *said* the plan cost **$40m**, up 50% from $20m, "
    "[the council](https://example.org/x) said.\n\n"
    "## Reaction\n\n"
    "Critics say it failed. A senior official, speaking on condition of anonymity, "
    "said the deal was close.\n\n"
    "- Unemployment rose from 4% to 5%, an increase of 10%.\n\n"
    "> “We will win,” she said.\n"
)


def test_example_report_loads_cleanly_and_counts_match_the_json(browser: Any, tmp_path: Path) -> None:
    report = example_report()
    load(browser, tmp_path, [report])
    assert console_errors(browser) == []
    assert browser.execute_script("return document.documentElement.classList.contains('js')")
    shown = [(m.get_attribute("data-id"), m.get_attribute("data-status")) for m in marks(browser)]
    document = json.loads(render("json", [report]))
    [article] = document["articles"]
    assert shown == [(o["statement_id"], o["status"]) for o in article["outcomes"]]
    summary = document["summary"]
    expected = {
        "articles": summary["articles"],
        "statements": summary["statements"],
        "findings": sum(n for status, n in summary["verdicts"].items() if status != "supported"),
        "supported": summary["verdicts"].get("supported", 0),
        "failing": summary["failing"],
        "exit_code": summary["exit_code"],
    }
    tiles = {
        t.get_attribute("data-count"): int(t.text)
        for t in browser.find_elements(By.CSS_SELECTOR, ".summary [data-count]")
    }
    assert {k: tiles[k] for k in expected} == expected
    findings = browser.find_elements(By.CSS_SELECTOR, "li.finding")
    live = [v for v in article["verdicts"] if v["status"] != "supported" and v["suppressed"] is None]
    assert (
        len([f for f in findings if not f.get_attribute("data-suppressed")]) == len(live) == tiles["findings"]
    )
    counter = browser.find_element(By.ID, "shown-count").text
    assert counter == f"Showing {len(findings)} of {len(findings)} findings"


def test_findings_are_visible_without_clicking(browser: Any, tmp_path: Path) -> None:
    report = rich_report()
    load(browser, tmp_path, [report])
    findings = browser.find_elements(By.CSS_SELECTOR, "li.finding")
    assert findings and all(f.is_displayed() for f in findings[:3])
    first = findings[0]
    verdict = next(v for v in report.verdicts if v.status != "supported")
    assert verdict.rule in first.text and verdict.message.split(":")[0] in first.text
    for attribute in ("data-fingerprint", "data-rule", "data-severity", "data-status", "id"):
        assert first.get_attribute(attribute), attribute


def test_keyboard_moves_to_the_next_and_previous_finding(browser: Any, tmp_path: Path) -> None:
    load(browser, tmp_path, [rich_report()])
    findings = browser.find_elements(By.CSS_SELECTOR, "li.finding")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys("n")
    assert "current" in (findings[0].get_attribute("class") or "")
    statement = browser.find_element(By.ID, findings[0].get_attribute("data-statement"))
    card = browser.find_element(By.ID, statement.get_attribute("aria-controls"))
    assert card.is_displayed() and findings[0].get_attribute("data-rule") in card.text
    browser.switch_to.active_element.send_keys("n")
    assert "current" in (findings[1].get_attribute("class") or "")
    assert "current" not in (findings[0].get_attribute("class") or "")
    browser.switch_to.active_element.send_keys("p")
    assert "current" in (findings[0].get_attribute("class") or "")
    browser.switch_to.active_element.send_keys("k")  # wraps round to the last
    assert "current" in (findings[-1].get_attribute("class") or "")
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert not card.is_displayed() or "open" not in (card.get_attribute("class") or "")
    assert console_errors(browser) == []


def test_click_and_keyboard_open_a_statements_details(browser: Any, tmp_path: Path) -> None:
    report = example_report()
    load(browser, tmp_path, [report])
    mark = marks(browser)[0]
    card = browser.find_element(By.ID, mark.get_attribute("aria-controls"))
    assert not card.is_displayed()
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    mark.click()
    assert card.is_displayed() and mark.get_attribute("aria-expanded") == "true"
    mark.click()
    assert not card.is_displayed()
    browser.execute_script("arguments[0].focus()", mark)
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    assert card.is_displayed()
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert not card.is_displayed()
    assert console_errors(browser) == []


def test_filters_by_severity_and_rule(browser: Any, tmp_path: Path) -> None:
    report = rich_report()
    load(browser, tmp_path, [report])
    findings = browser.find_elements(By.CSS_SELECTOR, "li.finding")
    total = len(findings)
    errors = [f for f in findings if f.get_attribute("data-severity") == "error"]
    assert errors
    box = browser.find_element(By.CSS_SELECTOR, 'input[data-filter="severity"][value="error"]')
    box.click()
    assert not any(f.is_displayed() for f in errors)
    assert (
        browser.find_element(By.ID, "shown-count").text
        == f"Showing {total - len(errors)} of {total} findings"
    )
    refuted = browser.find_element(By.ID, errors[0].get_attribute("data-statement"))
    assert "off" in (refuted.get_attribute("class") or ""), "its statement is no longer highlighted"
    assert refuted.get_attribute("tabindex") == "-1"
    box.click()
    assert all(f.is_displayed() for f in errors)
    rule = findings[0].get_attribute("data-rule")
    browser.find_element(By.CSS_SELECTOR, f'input[data-filter="rule"][value="{rule}"]').click()
    assert all(not f.is_displayed() for f in findings if f.get_attribute("data-rule") == rule)
    assert any(f.is_displayed() for f in findings if f.get_attribute("data-rule") != rule)
    browser.find_element(By.CSS_SELECTOR, f'input[data-filter="rule"][value="{rule}"]').click()
    suppressed = [f for f in findings if f.get_attribute("data-suppressed")]
    browser.find_element(By.CSS_SELECTOR, 'input[data-filter="suppressed"]').click()
    assert suppressed and not any(f.is_displayed() for f in suppressed)
    assert console_errors(browser) == []


def test_a_markdown_article_shows_no_markup(browser: Any, tmp_path: Path) -> None:
    report = run_engine(MARKDOWN_ARTICLE, "articles/budget.md")
    load(browser, tmp_path, [report])
    text = browser.find_element(By.CSS_SELECTOR, ".text").text
    for markup in ("---", "title:", "# ", "](", "**", "*said*", "https://", "> "):
        assert markup not in text, markup
    assert text.startswith("Budget row\nThe mayor said the plan cost $40m")
    assert browser.find_element(By.CSS_SELECTOR, ".text h3").text == "Budget row"
    assert browser.find_element(By.CSS_SELECTOR, ".text em").text == "said"
    tiles = {
        t.get_attribute("data-count"): int(t.text)
        for t in browser.find_elements(By.CSS_SELECTOR, ".summary [data-count]")
    }
    summary = json.loads(render("json", [report]))["summary"]
    assert tiles["statements"] == summary["statements"]
    assert tiles["findings"] == sum(n for s, n in summary["verdicts"].items() if s != "supported")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    browser.find_element(By.TAG_NAME, "body").send_keys("n")
    assert browser.save_screenshot(str(SCREENSHOT.with_name("html-report-markdown.png")))
    assert console_errors(browser) == []


def test_a_plain_text_article_screenshot(browser: Any, tmp_path: Path) -> None:
    load(browser, tmp_path, [example_report()])
    browser.find_element(By.TAG_NAME, "body").send_keys("n")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOT))
    assert console_errors(browser) == []


def test_article_script_is_shown_and_never_runs(browser: Any, tmp_path: Path) -> None:
    report = run_engine("Officials said <script>alert(1)</script> was found.\n", "story.txt")
    load(browser, tmp_path, [report, rich_report()])
    with pytest.raises(NoAlertPresentException):
        _ = browser.switch_to.alert.text
    assert "<script>alert(1)</script>" in browser.find_element(By.CSS_SELECTOR, ".text").text
    scripts = browser.execute_script("return document.scripts.length")
    assert scripts == 1, "only the report's own script is in the DOM"
    assert console_errors(browser) == []
