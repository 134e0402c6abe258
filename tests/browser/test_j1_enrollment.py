"""J1 in a real browser: sign up -> forced enrollment with backup -> log out -> log in
with a code from an independent TOTP implementation (pyotp)."""
import re
import time

import pyotp
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

EMAIL = "hanako@example.com"
PASSWORD = "correct horse battery staple"


def fill(browser, **fields):
    for name, value in fields.items():
        box = browser.find_element(By.NAME, name)
        box.clear()
        box.send_keys(value)
    click_and_wait(browser, browser.find_element(By.ID, "submit"))


def click_and_wait(browser, element, timeout=10):
    """Clicks and waits for the next page, so no assertion reads the old one."""
    element.click()
    WebDriverWait(browser, timeout).until(lambda _: _is_gone(element))


def _is_gone(element):
    # Mid-navigation Chromium may answer with an inspector error instead of a stale
    # reference: either means the old page is gone.
    try:
        element.is_enabled()
        return False
    except WebDriverException:
        return True


def path(browser):
    return re.sub(r"^https?://[^/]+", "", browser.current_url).split("?")[0]


def wait_for_next_step():
    time.sleep(30 - time.time() % 30 + 0.5)


def test_j1_sign_up_enroll_backup_and_log_in_with_a_code(keydesk, browser):
    browser.get(keydesk.url + "/signup")
    fill(browser, email=EMAIL, password=PASSWORD)
    assert browser.find_element(By.ID, "message").text

    browser.get(keydesk.url + "/login")
    fill(browser, email=EMAIL, password=PASSWORD)
    assert path(browser) == "/2fa/enroll"

    # Mandatory 2FA: the account page sends us back to enrollment.
    browser.get(keydesk.url + "/account")
    assert path(browser) == "/2fa/enroll"

    qr = browser.find_element(By.ID, "qr")
    assert qr.get_attribute("src").startswith("data:image/png;base64,")
    assert browser.execute_script("return arguments[0].naturalWidth", qr) > 100, "the QR code renders under the CSP"
    secret = browser.find_element(By.ID, "secret").text.replace(" ", "")
    totp = pyotp.TOTP(secret)

    fill(browser, code="000000")
    assert browser.find_element(By.ID, "form-error").text

    fill(browser, code=totp.now())
    codes = [c.text for c in browser.find_elements(By.CSS_SELECTOR, "#recovery-codes code")]
    assert len(codes) == 10 and all(re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", c) for c in codes)
    download = browser.find_element(By.ID, "download")
    assert download.get_attribute("download") == "keydesk-recovery-codes.txt"
    click_and_wait(browser, browser.find_element(By.ID, "continue"))
    assert path(browser) == "/account"
    assert "10" in browser.find_element(By.ID, "codes-remaining").text

    click_and_wait(browser, browser.find_element(By.ID, "logout"))
    assert path(browser) == "/login"

    fill(browser, email=EMAIL, password=PASSWORD)
    assert path(browser) == "/login/2fa"
    wait_for_next_step()  # the enrollment code's step is spent (RFC 6238 section 5.2)
    fill(browser, code=totp.now())
    assert path(browser) == "/account"
    assert browser.find_element(By.ID, "twofa-status").text

    # The operator can read the mails the embedded outbox kept.
    listing = keydesk.cli("outbox", "list")
    assert EMAIL in listing


def test_pages_switch_to_japanese(keydesk, browser):
    browser.get(keydesk.url + "/login")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[lang=ja]"))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ja"
    assert "ログイン" in browser.find_element(By.TAG_NAME, "h1").text
