"""The app started for real and loaded in headless Chromium: a screenshot of every page."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.cli import main

ROOT = Path(__file__).resolve().parent.parent
SHOTS = Path(os.environ.get("KB_SCREENSHOTS", ROOT / "tests" / "screenshots"))
PAGES = {
    "": "Today",
    "search": "Search the library",
    "paper": "Paper",
    "interests": "Interests",
    "library": "Library",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.browser
@pytest.mark.slow
def test_every_page_in_headless_chromium(tmp_path: Path) -> None:
    assert shutil.which("chromium") and shutil.which("chromedriver"), (
        "install Debian's chromium and chromium-driver (scripts/test.sh does)"
    )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    home = tmp_path / "home"
    env = {**os.environ, "KB_HOME": str(home)}
    env.pop("KB_CONFIG", None)
    result = CliRunner().invoke(main, ["daily", "--source", "demo", "--json"], env=env)
    assert result.exit_code == 0, result.output
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app" / "main.py"),
         "--server.address", "127.0.0.1", "--server.port", str(port),
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    options = webdriver.ChromeOptions()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage",
                 f"--user-data-dir={tmp_path / 'chrome'}", "--window-size=1400,1800"):  # fmt: skip
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium")
    driver = None
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
        SHOTS.mkdir(parents=True, exist_ok=True)
        expected_text = {
            "": "ManiVLA",  # a demo paper's title on Today
            "search": "Query",
            "paper": "arXiv id",
            "interests": "What you follow",
            "library": "Papers per day",
        }
        for path, title in PAGES.items():
            driver.get(f"{base}/{path}")
            WebDriverWait(driver, 90).until(
                lambda d, t=expected_text[path]: t in d.find_element(By.TAG_NAME, "body").text
            )
            body = driver.find_element(By.TAG_NAME, "body").text
            assert title in body
            assert "Traceback" not in body and "Error" not in body.split("Ingest failures")[0]
            if path == "library":  # the three charts are drawn by Vega after the text
                WebDriverWait(driver, 60).until(
                    lambda d: (
                        len(d.find_elements(By.CSS_SELECTOR, ".vega-embed canvas, .vega-embed svg"))
                        >= 3
                    )  # fmt: skip
                )
            time.sleep(1.0)  # let drawing settle before the screenshot
            driver.save_screenshot(str(SHOTS / f"{path or 'today'}.png"))
            assert (SHOTS / f"{path or 'today'}.png").stat().st_size > 10_000
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        server.wait(10)
