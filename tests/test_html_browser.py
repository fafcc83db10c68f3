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
from test_render_samples import REPO_ROOT, example_report, render, rich_report

from factcheck.model.report import ArticleReport
from tests.conftest import skip_unless_required

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


def test_example_report_loads_cleanly_and_matches_the_json(browser: Any, tmp_path: Path) -> None:
    report = example_report()
    load(browser, tmp_path, [report])
    assert console_errors(browser) == []
    assert browser.execute_script("return document.documentElement.classList.contains('js')")
    shown = [(m.get_attribute("data-id"), m.get_attribute("data-status")) for m in marks(browser)]
    document = json.loads(render("json", [report]))
    [article] = document["articles"]
    assert shown == [(o["statement_id"], o["status"]) for o in article["outcomes"]]
    counter = browser.find_element(By.ID, "shown-count").text
    assert counter == f"{len(shown)} of {len(shown)} statements highlighted"


def test_click_and_keyboard_open_the_details(browser: Any, tmp_path: Path) -> None:
    report = example_report()
    load(browser, tmp_path, [report])
    flagged = [v for v in report.verdicts if v.status != "supported"]
    target_id = flagged[0].statement_id if flagged else report.statements[0].id
    mark = browser.find_element(By.CSS_SELECTOR, f'mark.st[data-id="{target_id}"]')
    card = browser.find_element(By.ID, mark.get_attribute("aria-controls"))
    assert not card.is_displayed()
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    mark.click()
    assert card.is_displayed() and mark.get_attribute("aria-expanded") == "true"
    if flagged:
        assert flagged[0].rule in card.text
    mark.click()
    assert not card.is_displayed()
    # Keyboard: focus moves by Tab; Enter opens, Escape closes and gives focus back.
    browser.execute_script("arguments[0].focus()", mark)
    browser.switch_to.active_element.send_keys(Keys.TAB)
    following = browser.switch_to.active_element
    assert following.tag_name == "mark"
    following.send_keys(Keys.ENTER)
    opened = browser.find_element(By.ID, following.get_attribute("aria-controls"))
    assert opened.is_displayed()
    following.send_keys(Keys.ESCAPE)
    assert not opened.is_displayed()
    # Leave a card open for the screenshot an editor would see.
    browser.execute_script("window.scrollTo(0, 0)")
    mark.click()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOT))
    assert console_errors(browser) == []


def test_filters_hide_and_show(browser: Any, tmp_path: Path) -> None:
    load(browser, tmp_path, [rich_report()])
    refuted = browser.find_element(By.CSS_SELECTOR, 'mark.st[data-status="refuted"]')
    background = refuted.value_of_css_property("background-color")
    box = browser.find_element(By.CSS_SELECTOR, 'input[data-filter="status"][value="refuted"]')
    box.click()
    assert "off" in (refuted.get_attribute("class") or "")
    assert refuted.value_of_css_property("background-color") == "rgba(0, 0, 0, 0)"
    assert refuted.get_attribute("tabindex") == "-1"
    refuted.click()  # a filtered statement does not open
    assert not browser.find_element(By.ID, refuted.get_attribute("aria-controls")).is_displayed()
    assert browser.find_element(By.ID, "shown-count").text == "4 of 5 statements highlighted"
    box.click()
    assert refuted.value_of_css_property("background-color") == background
    # Verifier filter: turning off "phrases" hides its verdicts and un-highlights S1 (only phrases spoke).
    s1 = browser.find_element(By.CSS_SELECTOR, 'mark.st[data-id="S1"]')
    browser.find_element(By.CSS_SELECTOR, 'input[data-filter="verifier"][value="phrases"]').click()
    assert "off" in (s1.get_attribute("class") or "")
    s3 = browser.find_element(By.CSS_SELECTOR, 'mark.st[data-id="S3"]')
    s3.click()
    card = browser.find_element(By.ID, s3.get_attribute("aria-controls"))
    verdicts = card.find_elements(By.CSS_SELECTOR, "li.verdict")
    assert [v.is_displayed() for v in verdicts] == [True, False]
    browser.find_element(By.CSS_SELECTOR, 'input[data-filter="verifier"][value="phrases"]').click()
    assert [v.is_displayed() for v in verdicts] == [True, True]
    browser.find_element(By.CSS_SELECTOR, 'input[data-filter="suppressed"]').click()
    assert [v.is_displayed() for v in verdicts] == [True, False], "the baselined verdict hides"
    assert console_errors(browser) == []


def test_article_script_is_shown_and_never_runs(browser: Any, tmp_path: Path) -> None:
    load(browser, tmp_path, [rich_report()])
    with pytest.raises(NoAlertPresentException):
        _ = browser.switch_to.alert.text
    s1 = browser.find_element(By.CSS_SELECTOR, 'mark.st[data-id="S1"]')
    assert "<script>alert(1)</script>" in s1.text
    scripts = browser.execute_script("return document.scripts.length")
    assert scripts == 1, "only the report's own script is in the DOM"
    assert console_errors(browser) == []
