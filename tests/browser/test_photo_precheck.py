"""The instant photo pre-check in a real browser: a customer uploads a mirrored ID
selfie, sees the instruction in their language, uploads a good one, and sends it; and
the same without script, where the page is a plain form checked as it is sent."""
import datetime
import json
import os
import subprocess
import sys

import pyotp
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_j1_enrollment import PASSWORD, fill, path

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def generate_selfies(out):
    """Mirrored and good ID selfies from the project's own generator, with today's date
    and the English request on the memo."""
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "photocheck-gen-testset.py"),
                    "--seed", "7", "--count", "12", "--only", "good,mirror", "--date", today,
                    "--request", "2FA reset", "--out", str(out)], check=True, capture_output=True)
    labels = [json.loads(line) for line in open(os.path.join(out, "labels.jsonl"))]
    pick = lambda variant: next(l for l in labels if l["variant"] == variant and l["kind"] == "selfie" and l["document"] == "card")
    return pick("mirror"), pick("good")


def sign_up_and_enroll(keydesk, browser, email):
    browser.get(keydesk.url + "/signup")
    fill(browser, email=email, password=PASSWORD)
    browser.get(keydesk.url + "/login")
    fill(browser, email=email, password=PASSWORD)
    secret = browser.find_element(By.ID, "secret").text.replace(" ", "")
    fill(browser, code=pyotp.TOTP(secret).now())
    assert len(browser.find_elements(By.CSS_SELECTOR, "#recovery-codes code")) == 10


def wait_for_result(browser):
    status = browser.find_element(By.ID, "photo-status")
    checking = browser.find_element(By.ID, "photo-check").get_attribute("data-checking")
    WebDriverWait(browser, 60).until(lambda _: status.text and status.text != checking)
    return status


def test_mirrored_selfie_is_caught_then_a_good_one_is_sent(keydesk, browser, tmp_path):
    mirrored, good = generate_selfies(tmp_path)
    sign_up_and_enroll(keydesk, browser, "photo@example.com")
    browser.get(keydesk.url + "/account")
    browser.find_element(By.ID, "photo-check-link").click()
    assert path(browser) == "/photo-check"
    assert browser.find_element(By.ID, "memo-request").text == "2FA reset"
    # The page's own file button, in the page's language, not the browser's "Choose File".
    assert browser.find_element(By.ID, "photo-pick").is_displayed()
    # The memo is asked for an ID selfie only.
    Select(browser.find_element(By.ID, "kind")).select_by_value("document-front")
    assert not browser.find_element(By.ID, "memo").is_displayed()

    Select(browser.find_element(By.ID, "kind")).select_by_value("selfie")
    assert browser.find_element(By.ID, "memo").is_displayed()
    browser.find_element(By.ID, "name").send_keys(mirrored["name"])
    browser.find_element(By.ID, "photo").send_keys(os.path.join(tmp_path, mirrored["file"]))
    status = wait_for_result(browser)
    assert "error" in status.get_attribute("class")
    findings = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#findings li")]
    assert any("mirror" in f for f in findings), findings
    assert browser.find_elements(By.CSS_SELECTOR, "#regions .region"), "the region is marked"
    assert not browser.find_element(By.ID, "send").is_enabled()

    name = browser.find_element(By.ID, "name")
    name.clear()
    name.send_keys(good["name"])
    browser.find_element(By.ID, "photo").send_keys(os.path.join(tmp_path, good["file"]))
    status = wait_for_result(browser)
    assert "error" not in status.get_attribute("class"), [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#findings li")]
    send = browser.find_element(By.ID, "send")
    assert send.is_enabled()
    send.click()
    result = browser.find_element(By.ID, "send-result")
    WebDriverWait(browser, 60).until(lambda _: result.text)
    assert "sent" in result.text
    # Sent: no finding left beside it, and the list no longer says none was sent.
    assert not browser.find_elements(By.CSS_SELECTOR, "#findings li")
    assert not browser.find_element(By.ID, "none-sent").is_displayed()
    assert "waiting for review" in browser.find_element(By.ID, "submissions").text
    browser.refresh()
    assert browser.find_elements(By.CSS_SELECTOR, "#submissions a")


def send_and_wait_for_the_page(browser):
    """Sends the form and waits until the answer page replaced this one (the checks take
    a few seconds)."""
    page = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.ID, "send").click()

    def replaced(_):
        # While the page is being replaced, chromedriver may answer "node does not belong
        # to the document" instead of "stale element": both mean it is gone.
        try:
            page.is_enabled()
            return False
        except WebDriverException:
            return True

    WebDriverWait(browser, 60).until(replaced)


def test_without_script_the_photo_is_checked_as_it_is_sent(keydesk, browser_without_script, tmp_path):
    browser = browser_without_script
    mirrored, good = generate_selfies(tmp_path)
    sign_up_and_enroll(keydesk, browser, "noscript@example.com")
    browser.get(keydesk.url + "/photo-check")
    assert browser.find_element(By.ID, "send").is_enabled()

    Select(browser.find_element(By.ID, "kind")).select_by_value("selfie")
    browser.find_element(By.ID, "name").send_keys(mirrored["name"])
    browser.find_element(By.ID, "photo").send_keys(os.path.join(tmp_path, mirrored["file"]))
    send_and_wait_for_the_page(browser)
    assert path(browser) == "/photo-check"
    assert "error" in browser.find_element(By.ID, "photo-status").get_attribute("class")
    findings = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#findings li")]
    assert any("mirror" in f for f in findings), findings
    assert browser.find_element(By.ID, "choose-again").text
    assert browser.find_element(By.ID, "name").get_attribute("value") == mirrored["name"]

    name = browser.find_element(By.ID, "name")
    name.clear()
    name.send_keys(good["name"])
    browser.find_element(By.ID, "photo").send_keys(os.path.join(tmp_path, good["file"]))
    send_and_wait_for_the_page(browser)
    assert browser.find_element(By.ID, "photo-status").text == "Your photo was sent."
    assert len(browser.find_elements(By.CSS_SELECTOR, "#submissions a")) == 1
