"""The review page in a real headless Chromium: the served HTML report plus the service's own
script adds accept/dismiss controls to every finding ([data-fingerprint]); an editor dismisses
one with a reason, reloads, and sees the decision with its author. No console errors (so the
page's CSP allows the same-origin script and API calls and nothing else). Saves
``artifacts/review-page.png``."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from tests.serve_support import EXAMPLE, REPO_ROOT, Server, check
from tests.test_html_browser import browser, console_errors  # noqa: F401  (the shared Chromium fixture)

pytestmark = pytest.mark.browser

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

SCREENSHOT = REPO_ROOT / "artifacts" / "review-page.png"


def _show(driver: Any, item: Any) -> None:
    """Bring a finding of the findings list (always shown, no click needed) into view."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", item)
    WebDriverWait(driver, 10).until(lambda d: item.is_displayed())


def test_dismiss_on_the_review_page_survives_a_reload(browser: Any, tmp_path) -> None:  # noqa: F811
    with Server(tmp_path, {"workers": 1}) as server:
        assert check(server, "ceasefire", EXAMPLE.read_text(encoding="utf-8"), date="2025-03-19").ok
        browser.get(server.url + "/articles/ceasefire")
        browser.get_log("browser")
        WebDriverWait(browser, 10).until(
            lambda d: d.execute_script(
                "return document.documentElement.classList.contains('fc-review-ready')"
            )
        )
        items = browser.find_elements(
            By.CSS_SELECTOR, "li.finding[data-fingerprint]:not([data-status='supported'])"
        )
        assert items and all(i.find_elements(By.CSS_SELECTOR, "form.fc-review") for i in items)
        item = items[0]
        fingerprint = item.get_attribute("data-fingerprint")
        _show(browser, item)
        item.find_element(By.CSS_SELECTOR, "input.fc-reason-input").send_keys("named in the print edition")
        item.find_element(By.CSS_SELECTOR, "input.fc-by-input").send_keys("Ana Editor")
        item.find_element(By.CSS_SELECTOR, "button.fc-dismiss").click()
        WebDriverWait(browser, 10).until(lambda d: item.find_elements(By.CSS_SELECTOR, ".fc-decision"))
        assert "Dismissed by Ana Editor" in item.find_element(By.CSS_SELECTOR, ".fc-decision").text

        browser.refresh()
        selector = f"li.finding[data-fingerprint='{fingerprint}']"
        WebDriverWait(browser, 10).until(
            lambda d: d.find_element(By.CSS_SELECTOR, selector).find_elements(By.CSS_SELECTOR, ".fc-decision")
        )
        again = browser.find_element(By.CSS_SELECTOR, selector)
        _show(browser, again)
        shown = again.find_element(By.CSS_SELECTOR, ".fc-decision").text
        assert "Dismissed by Ana Editor" in shown and "named in the print edition" in shown
        assert "suppressed: dismissed by ana editor" in again.text.lower()  # the renderer's own tag
        assert again.find_element(By.CSS_SELECTOR, "input.fc-by-input").get_attribute("value") == "Ana Editor"
        SCREENSHOT.parent.mkdir(exist_ok=True)
        browser.save_screenshot(str(SCREENSHOT))
        assert console_errors(browser) == []

        audit = requests.get(server.url + "/v1/articles/ceasefire/decisions", timeout=30).json()["audit"]
        assert [(d["decision"], d["by"], d["fingerprint"]) for d in audit] == [
            ("dismiss", "Ana Editor", fingerprint)
        ]
