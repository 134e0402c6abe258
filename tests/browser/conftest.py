"""The browser-test harness: a real keydesk binary on a free port with a fresh data
directory, and a real headless Chromium driven through chromedriver. Later journeys
(J3-J6) reuse the `keydesk` and `browser` fixtures."""
import os
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Keydesk:
    def __init__(self, binary, data_dir, port):
        self.binary = binary
        self.data_dir = data_dir
        self.url = f"http://127.0.0.1:{port}"
        self.env = dict(os.environ, KEYDESK_LISTEN=f"127.0.0.1:{port}", KEYDESK_DATA_DIR=data_dir)
        self.process = subprocess.Popen([binary, "serve"], env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + "/readyz", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        self.process.kill()
        raise RuntimeError("keydesk did not start: " + self.process.stdout.read().decode())

    def cli(self, *args):
        """Runs a keydesk subcommand against the same data directory."""
        return subprocess.run([self.binary, *args], env=self.env, capture_output=True, text=True, check=True).stdout

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def keydesk():
    binary = os.environ.get("KEYDESK_TEST_BIN") or os.path.join(os.path.dirname(__file__), "..", "..", "target", "debug", "keydesk")
    with tempfile.TemporaryDirectory() as data_dir:
        server = Keydesk(os.path.abspath(binary), data_dir, _free_port())
        yield server
        server.stop()


def _chromium(javascript=True):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=420,900", "--lang=en-US"):
        options.add_argument(flag)
    prefs = {"intl.accept_languages": "en-US,en"}
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
