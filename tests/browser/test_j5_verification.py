"""J5 in a real browser, in Japanese from both sides: a customer gives the Basic facts,
sends an expired passport and is refused by the machine with what to do, sends a valid
one at once, and an agent in another browser reviews the images and the MRZ and
approves; the customer's page and mail then say it is done. The documents come from the
project's own generator, as in the HTTP tests."""
import os
import subprocess
import sys

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_j1_enrollment import click_and_wait, path
from test_j6_desk import choose, japanese_customer, signed_in_agent
from test_photo_precheck import ROOT

CUSTOMER = "hanako@example.com"
FACTS = {
    "latin_name": "Hanako Yamada",
    "native_name": "山田 花子",
    "address": "東京都千代田区丸の内1-1-1",
    "phone": "090-1234-5678",
}
# The checks behind a sent form (the pre-check again, the MRZ) take a few seconds.
SENDING = 60


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """The generated identity documents: the HTTP tests' copy when there is one
    (crates/server/tests/http/helpers/documents.rs), else a fresh one."""
    cached = os.path.join(ROOT, "target-photocheck", "kyc-documents")
    if os.path.exists(os.path.join(cached, "documents.json")):
        return cached
    out = tmp_path_factory.mktemp("kyc-documents")
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "photocheck-gen-testset.py"),
                    "--documents", "--out", str(out)], check=True, capture_output=True)
    return str(out)


def give_basic_facts(browser):
    choose(browser, "country", "JP")
    for key, value in FACTS.items():
        browser.find_element(By.ID, key).send_keys(value)
    # The date input's typing order follows the browser's locale; its value is ISO.
    birth = browser.find_element(By.ID, "date_of_birth")
    browser.execute_script("arguments[0].value = arguments[1]", birth, "1990-04-01")
    assert birth.get_attribute("value") == "1990-04-01"
    choose(browser, "occupation", "employee")
    click_and_wait(browser, browser.find_element(By.ID, "give-facts"))


def side_shown(browser, side):
    return browser.find_element(By.ID, f"side-{side}").is_displayed()


def pre_checked(browser, side, photo):
    """Chooses a side's photo and waits for the instant pre-check's answer under it."""
    browser.find_element(By.ID, f"file-{side}").send_keys(photo)
    checking = browser.find_element(By.ID, "verification").get_attribute("data-checking")
    findings = browser.find_element(By.ID, f"findings-{side}")
    WebDriverWait(browser, SENDING).until(lambda _: findings.text and checking not in findings.text)
    return [(li.text, li.get_attribute("class")) for li in findings.find_elements(By.TAG_NAME, "li")]


def send_passport(browser, documents, photo_page):
    """The passport's photo page and the address side (a Japanese passport has no address)."""
    choose(browser, "document", "passport")
    assert side_shown(browser, "photo_page") and side_shown(browser, "address_side")
    assert not side_shown(browser, "front") and not side_shown(browser, "back")
    for side, photo in (("photo_page", photo_page), ("address_side", "address-side.jpg")):
        findings = pre_checked(browser, side, os.path.join(documents, photo))
        assert not [text for text, cls in findings if cls == "error"], (side, findings)
    click_and_wait(browser, browser.find_element(By.ID, "send-documents"), timeout=SENDING)
    assert path(browser) == "/verification"


def texts(browser, selector):
    return [e.text for e in browser.find_elements(By.CSS_SELECTOR, selector)]


def absent(browser, element_id):
    """No such element, asked without the harness's implicit wait (the page is loaded)."""
    browser.implicitly_wait(0)
    try:
        return not browser.find_elements(By.ID, element_id)
    finally:
        browser.implicitly_wait(5)


def loaded(browser, image):
    return browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image)


def test_j5_refused_replaced_and_approved_in_japanese(keydesk, browser, agent_browser, documents):
    japanese_customer(keydesk, browser, CUSTOMER)

    # Basic: the facts as on the document; the accepted documents listed before any upload.
    browser.get(keydesk.url + "/verification")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ja"
    assert browser.find_element(By.TAG_NAME, "h1").text == "本人確認"
    assert "未確認" in browser.find_element(By.ID, "tier").text
    assert absent(browser, "documents-form")
    give_basic_facts(browser)
    assert path(browser) == "/verification"
    assert "ベーシック" in browser.find_element(By.ID, "notice").text
    assert "ベーシック" in browser.find_element(By.ID, "tier").text
    assert "Hanako Yamada" in browser.find_element(By.ID, "facts-given").text
    accepted = browser.find_elements(By.CSS_SELECTOR, "#accepted li")
    assert [li.get_attribute("data-document") for li in accepted] == \
        ["drivers_license", "my_number_card", "residence_card", "passport"]
    listed = browser.find_element(By.ID, "accepted").text
    for label in ("運転免許証", "マイナンバーカード", "在留カード", "パスポート"):
        assert label in listed, listed
    assert absent(browser, "attempts"), "nothing was sent yet"

    # First attempt: an expired passport, refused by the machine, in Japanese, with the
    # form again for the customer to fix it alone.
    send_passport(browser, documents, "passport-expired.jpg")
    assert browser.find_element(By.ID, "case-state").text.startswith("承認できませんでした")
    reasons = texts(browser, "#refusal-reasons li")
    assert len(reasons) == 1 and "有効期限が切れています" in reasons[0], reasons
    assert "すぐに再提出いただけます" in browser.find_element(By.ID, "retry-hint").text
    assert browser.find_element(By.ID, "documents-form").is_displayed()
    assert "本人確認書類を承認できませんでした" in keydesk.cli("outbox", "list")

    # At once, a valid one: attempt 2 waits for an agent.
    send_passport(browser, documents, "passport-valid.jpg")
    assert "確認しています" in browser.find_element(By.ID, "waiting").text
    assert absent(browser, "documents-form")
    assert len(texts(browser, "#attempts li")) == 2

    # The agent, in Japanese too, from the verification queue to the case.
    agent = agent_browser
    signed_in_agent(keydesk, agent)
    click_and_wait(agent, agent.find_element(By.CSS_SELECTOR, "button[lang=ja]"))
    assert agent.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ja"
    agent.get(keydesk.url + "/agent/requests?view=category:verification")
    rows = agent.find_elements(By.CSS_SELECTOR, "#agent-requests tbody tr")
    assert len(rows) == 1 and CUSTOMER in rows[0].text, [r.text for r in rows]
    click_and_wait(agent, rows[0].find_element(By.CSS_SELECTOR, "a[href^='/agent/requests/']"))
    assert agent.find_element(By.ID, "requester").text == CUSTOMER
    click_and_wait(agent, agent.find_element(By.ID, "verification-case-link"))
    assert path(agent).startswith("/agent/verification/")
    review = agent.find_element(By.ID, "verification-review")
    assert review.get_attribute("data-status") == "in_review"
    assert agent.find_element(By.ID, "review-status").text == "担当者が確認しています"
    assert agent.find_element(By.ID, "fact-latin-name").text == "Hanako Yamada"
    assert agent.find_element(By.ID, "fact-date-of-birth").text == "1990-04-01"
    assert agent.find_element(By.ID, "mrz-name").text == "YAMADA<<HANAKO"
    assert agent.find_element(By.ID, "mrz-valid").text == "すべて一致"
    images = agent.find_elements(By.CSS_SELECTOR, ".review-image img")
    assert len(images) == 2
    WebDriverWait(agent, 10).until(lambda _: all(loaded(agent, image) for image in images))
    assert len(agent.find_elements(By.CSS_SELECTOR, "#review-attempts tbody tr")) == 2

    passes = agent.find_elements(By.CSS_SELECTOR, "#checklist input[type=radio][value=pass]")
    assert len(passes) == 7
    for radio in passes:
        radio.click()
        assert radio.is_selected()
    click_and_wait(agent, agent.find_element(By.ID, "approve"))
    assert absent(agent, "review-error")
    assert agent.find_element(By.ID, "verification-review").get_attribute("data-status") == "approved"
    assert agent.find_element(By.ID, "review-status").text == "承認済み"

    # The customer's page and mail say it is done.
    browser.get(keydesk.url + "/verification")
    assert "本人確認が完了しました" in browser.find_element(By.ID, "verified").text
    assert "アドバンスト" in browser.find_element(By.ID, "tier").text
    attempts = texts(browser, "#attempts li")
    assert len(attempts) == 2, attempts
    # Newest first.
    assert attempts[0].startswith("2回目の提出") and attempts[0].endswith("承認済み"), attempts
    assert attempts[1].startswith("1回目の提出") and attempts[1].endswith("承認できませんでした"), attempts
    outbox = keydesk.cli("outbox", "list")
    approved = [line for line in outbox.splitlines() if "本人確認が完了しました" in line]
    assert len(approved) == 1 and CUSTOMER in approved[0], outbox
    mail = keydesk.cli("outbox", "read", approved[0].split()[0])
    assert "本人確認書類を承認しました" in mail and "/verification" in mail, mail
