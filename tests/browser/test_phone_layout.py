"""Every customer page on a phone-sized screen, in English and Japanese: nothing wider
than the screen (no sideways scrolling), and a screenshot of each for a person to look
at (target/screenshots/, kept by CI as an artifact). The accounts come from
`keydesk demo`, as a newcomer's would."""
import os
import re

import pyotp
from selenium.webdriver.common.by import By

from test_j1_enrollment import click_and_wait, fill, path, wait_for_next_step

SHOTS = os.path.join(os.path.dirname(__file__), "..", "..", "target", "screenshots")

ANONYMOUS = ["/login", "/signup", "/password/forgot", "/help", "/requests/new",
             "/requests/new/two-factor"]
SIGNED_IN = ["/account", "/account/events", "/account/password", "/2fa/enroll",
             "/2fa/recovery-codes", "/photo-check", "/help", "/requests",
             "/requests/new/deposits-withdrawals"]


def demo_accounts(keydesk):
    said = keydesk.cli("demo")
    password = re.search(r"password for all: ([^)\s]+)\)", said).group(1)
    secrets = dict(re.findall(r"customer (\S+@demo\.keydesk\.test) \(\w+\) — TOTP secret ([A-Z2-7]+)", said))
    return password, secrets


def assert_fits(browser, lang, page):
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - window.innerWidth")
    os.makedirs(SHOTS, exist_ok=True)
    browser.save_screenshot(os.path.join(SHOTS, f"{lang}{page.replace('/', '-')}.png"))
    assert overflow <= 0, f"{lang} {page} is {overflow}px wider than the screen"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang


def walk(keydesk, browser, lang, email, password, secret):
    browser.set_window_size(390, 844)  # a common phone's CSS pixels
    browser.get(keydesk.url + "/login")
    if browser.find_element(By.TAG_NAME, "html").get_attribute("lang") != lang:
        click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, f"button[lang={lang}]"))
    for page in ANONYMOUS:
        browser.get(keydesk.url + page)
        assert_fits(browser, lang, page)
    browser.get(keydesk.url + "/login")
    fill(browser, email=email, password=password)
    wait_for_next_step()
    fill(browser, code=pyotp.TOTP(secret).now())
    assert path(browser) == "/account"
    for page in SIGNED_IN:
        browser.get(keydesk.url + page)
        assert_fits(browser, lang, page)
    # The menu is one tidy row of links: log out and the language switch in its font.
    fonts = browser.execute_script(
        "return [...document.querySelectorAll('header.top nav a, header.top nav button')]"
        ".map(e => getComputedStyle(e).fontSize + ' ' + getComputedStyle(e).fontFamily)")
    assert len(set(fonts)) == 1, fonts


def test_customer_pages_fit_a_phone_in_both_languages(keydesk, browser):
    password, secrets = demo_accounts(keydesk)
    walk(keydesk, browser, "ja", "hanako@demo.keydesk.test", password, secrets["hanako@demo.keydesk.test"])
    browser.delete_all_cookies()
    walk(keydesk, browser, "en", "alice@demo.keydesk.test", password, secrets["alice@demo.keydesk.test"])
