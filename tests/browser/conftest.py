"""The browser-test harness: a real keydesk binary on a free port with a fresh data
directory, and a real headless Chromium driven through chromedriver. Later journeys
(J3-J6) reuse the `keydesk` and `browser` fixtures."""
import os
import sys
import tempfile

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from keydesk_server import keydesk  # noqa: E402,F401  (the fixture)


def _chromium(javascript=True, languages=("en-US", "en")):
    """`languages`: the browser's own language first (its UI, its date inputs), then the
    rest of its Accept-Language."""
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=420,900", f"--lang={languages[0]}"):
        options.add_argument(flag)
    prefs = {"intl.accept_languages": ",".join(languages)}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    with tempfile.TemporaryDirectory() as profile:
        options.add_argument(f"--user-data-dir={profile}")
        driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
        driver.implicitly_wait(5)
        yield driver
        driver.quit()


@pytest.fixture
def browser():
    yield from _chromium()


@pytest.fixture
def browser_without_script():
    """A customer whose browser runs no script (blocked, or an old phone)."""
    yield from _chromium(javascript=False)


@pytest.fixture
def agent_browser():
    """A second person's browser (an agent's): another Chromium with its own cookies."""
    yield from _chromium()


@pytest.fixture
def japanese_browser():
    """A customer's phone-sized Chromium in Japanese (its UI and Accept-Language)."""
    yield from _chromium(languages=("ja", "en"))


@pytest.fixture
def japanese_agent_browser():
    """An agent's Chromium in Japanese, with its own cookies."""
    yield from _chromium(languages=("ja", "en"))
