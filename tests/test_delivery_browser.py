"""The static site and the email, opened in headless Chromium: text shown, links, no
horizontal scrolling on a phone, no script; screenshots kept for a person to look at."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_delivery import RELATED

from kb.cli import main
from kb.config import load_settings
from kb.delivery.digest import build_digest
from kb.delivery.render import email_html
from kb.reports import load_report

ROOT = Path(__file__).resolve().parent.parent
SHOTS = Path(os.environ.get("KB_SCREENSHOTS", ROOT / "tests" / "screenshots"))


def _driver(tmp_path: Path, width: int, height: int):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", f"--user-data-dir={tmp_path / 'chrome'}",
                 f"--window-size={width},{height}"):  # fmt: skip
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium")
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


@pytest.mark.browser
def test_site_and_email_in_headless_chromium(kb_home: Path, tmp_path: Path) -> None:
    assert shutil.which("chromium") and shutil.which("chromedriver"), (
        "install Debian's chromium and chromium-driver (scripts/test.sh does)"
    )
    from selenium.webdriver.common.by import By

    result = CliRunner().invoke(main, ["daily", "--source", "demo", "--json"])
    assert result.exit_code == 0, result.output
    report_path = Path(json.loads(result.stdout)["json"])
    data = json.loads(report_path.read_text(encoding="utf-8"))
    data["papers"][0]["related"] = RELATED  # as the related-papers feature will add it
    report_path.write_text(json.dumps(data), encoding="utf-8")
    site = tmp_path / "site"
    assert CliRunner().invoke(main, ["site", "build", str(site)]).exit_code == 0
    settings = load_settings()
    mail = tmp_path / "email.html"
    mail.write_text(email_html(build_digest(load_report(settings))), encoding="utf-8")
    SHOTS.mkdir(parents=True, exist_ok=True)
    first_title = data["papers"][0]["title"]
    pages = [("index.html", 1280, "site-index"), (f"{data['day']}.html", 1280, "site-day"),
             (f"{data['day']}.html", 390, "site-day-phone")]  # fmt: skip
    for width, shots in ((1280, pages[:2]), (390, pages[2:])):
        driver = _driver(tmp_path, width, 1600)
        try:
            for name, _, shot in shots:
                driver.get((site / name).as_uri())
                body = driver.find_element(By.TAG_NAME, "body").text
                assert first_title.split(":")[0] in body
                assert data["day"] in body
                if name != "index.html":
                    assert "Related in your library" in body and "Summary" in body
                    pdf = driver.find_elements(By.CSS_SELECTOR, "a[href*='#page=']")
                    assert pdf and all("arxiv.org/pdf/" in a.get_attribute("href") for a in pdf)
                assert not driver.find_elements(By.TAG_NAME, "script")
                overflow = driver.execute_script(
                    "return document.documentElement.scrollWidth - window.innerWidth"
                )
                assert overflow <= 0, f"{name} scrolls sideways at {width}px"
                driver.save_screenshot(str(SHOTS / f"{shot}.png"))
                assert (SHOTS / f"{shot}.png").stat().st_size > 10_000
                if shot == "site-day":  # the related papers of the first paper, in view
                    driver.execute_script(
                        "document.querySelector('ul.related').scrollIntoView({block: 'center'})"
                    )
                    driver.save_screenshot(str(SHOTS / "site-day-related.png"))
            if width == 390:
                driver.get(mail.as_uri())
                assert "Related in your library" in driver.find_element(By.TAG_NAME, "body").text
                overflow = driver.execute_script(
                    "return document.documentElement.scrollWidth - window.innerWidth"
                )
                assert overflow <= 0, "the email scrolls sideways on a phone"
                driver.save_screenshot(str(SHOTS / "email-phone.png"))
        finally:
            driver.quit()
