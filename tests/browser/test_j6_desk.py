"""J6 in a real browser, in Japanese: a signed-in customer sends a lost-device request
(the form's conditional fields follow the sub-category), an agent in another browser
answers with a macro and solves it, and the customer's reply reopens it; and the same
submission without script, where every field shows with its "only for" note."""
import random
import re
import struct
import subprocess
import zlib

import pyotp
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_j1_enrollment import PASSWORD, click_and_wait, fill, path
from test_photo_precheck import sign_up_and_enroll

CUSTOMER = "hanako@example.com"
AGENT = "agent@example.com"
HAPPENED_ON = "2025-11-30"
LOST_DEVICE_ONLY = ["device_status", "happened_on", "recovery_codes", "mail_access"]


def noise_png(width=64, height=48, seed=12345):
    """A small, valid greyscale PNG (the desk decodes and re-encodes every image)."""
    rng = random.Random(seed)
    rows = b"".join(b"\x00" + bytes(rng.randrange(256) for _ in range(width)) for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def japanese_customer(keydesk, browser, email):
    """Switches to Japanese with the header's button (a cookie), then signs up and enrolls
    as in J1, so the account is made in Japanese."""
    browser.get(keydesk.url + "/signup")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[lang=ja]"))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ja"
    sign_up_and_enroll(keydesk, browser, email)
    click_and_wait(browser, browser.find_element(By.ID, "continue"))
    assert path(browser) == "/account"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ja"


def signed_in_agent(keydesk, browser):
    """An agent made by the operator's CLI, logged in and through its forced enrollment."""
    said = subprocess.run([keydesk.binary, "user", "create", "--email", AGENT, "--role", "agent"],
                          env=dict(keydesk.env, KEYDESK_NEW_PASSWORD=PASSWORD),
                          capture_output=True, text=True, check=True, stdin=subprocess.DEVNULL).stdout
    assert "created agent account" in said, said
    browser.get(keydesk.url + "/login")
    fill(browser, email=AGENT, password=PASSWORD)
    assert path(browser) == "/2fa/enroll", "staff must set up 2FA at first login"
    secret = browser.find_element(By.ID, "secret").text.replace(" ", "")
    fill(browser, code=pyotp.TOTP(secret).now())
    click_and_wait(browser, browser.find_element(By.ID, "continue"))
    assert path(browser) == "/account"


def shown(browser, key):
    return browser.find_element(By.ID, f"field-{key}").is_displayed()


def choose(browser, element_id, value):
    Select(browser.find_element(By.ID, element_id)).select_by_value(value)


def type_date(browser, element_id, iso):
    """Types a date as a person does, in the order the browser's (en-US) date input
    shows: month, day, year."""
    year, month, day = iso.split("-")
    box = browser.find_element(By.ID, element_id)
    box.send_keys(month + day + year)
    assert box.get_attribute("value") == iso


def fill_lost_device_request(browser, attachment):
    choose(browser, "subcategory", "lost-device")
    choose(browser, "f-authenticator", "google-authenticator")
    choose(browser, "f-device_status", "lost")
    type_date(browser, "f-happened_on", HAPPENED_ON)
    choose(browser, "f-recovery_codes", "never-saved")
    browser.find_element(By.ID, "subject").send_keys("スマートフォンを紛失しました")
    browser.find_element(By.ID, "description").send_keys("電車でスマートフォンを落としました。認証アプリのコードが見られません。")
    browser.find_element(By.ID, "attachments").send_keys(str(attachment))


def request_number(browser):
    match = re.fullmatch(r"/requests/(\d+)", path(browser))
    assert match, browser.current_url
    assert browser.current_url.endswith("?received=1"), browser.current_url
    return int(match.group(1))


def assert_received(browser, number):
    assert browser.find_element(By.ID, "received-text").text == \
        f"お問い合わせ（#{number}）を受け付けました。サポート担当者が確認しております。"
    assert browser.find_element(By.ID, "request-status").text == "対応中"
    answers = browser.find_element(By.ID, "answers").text
    for said in ("ご利用の認証アプリ", "Google Authenticator", "端末の状況", "紛失した",
                 "リカバリーコードの保管状況", "保存していない"):
        assert said in answers, answers
    # The PNG was re-encoded without metadata: the customer sees it as a JPEG.
    files = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#conversation .files a")]
    assert files == ["screen.jpg"], files


def customer_status(keydesk, browser, number):
    browser.get(f"{keydesk.url}/requests/{number}")
    return browser.find_element(By.ID, "request-status").text


def test_j6_in_japanese(keydesk, browser, agent_browser, tmp_path):
    attachment = tmp_path / "screen.png"
    attachment.write_bytes(noise_png())
    japanese_customer(keydesk, browser, CUSTOMER)

    # The categories, in Japanese; the two-factor form.
    browser.get(keydesk.url + "/requests/new")
    assert browser.find_element(By.TAG_NAME, "h1").text == "お問い合わせ"
    category = browser.find_element(By.ID, "category-two-factor")
    assert category.text == "二段階認証"
    click_and_wait(browser, category)
    assert path(browser) == "/requests/new/two-factor"
    assert CUSTOMER in browser.find_element(By.ID, "signed-in-as").text

    # With script, the lost-device questions wait for their sub-category, and their
    # "only for" notes are not needed.
    for key in LOST_DEVICE_ONLY + ["problem"]:
        assert not shown(browser, key), key
    assert shown(browser, "authenticator")
    choose(browser, "subcategory", "other")
    assert shown(browser, "problem") and not shown(browser, "happened_on")
    choose(browser, "subcategory", "lost-device")
    for key in LOST_DEVICE_ONLY:
        assert shown(browser, key), key
    assert not shown(browser, "problem")
    assert not [n for n in browser.find_elements(By.CSS_SELECTOR, ".condition") if n.is_displayed()]

    fill_lost_device_request(browser, attachment)
    click_and_wait(browser, browser.find_element(By.ID, "send-request"))
    number = request_number(browser)
    assert_received(browser, number)
    # The automatic reply, in Japanese, in the embedded outbox.
    assert f"{CUSTOMER}" in keydesk.cli("outbox", "list")
    assert f"【#{number}】お問い合わせを受け付けました" in keydesk.cli("outbox", "list")

    # The agent, in English, finds it among the unassigned and answers with a macro.
    agent = agent_browser
    signed_in_agent(keydesk, agent)
    agent.get(keydesk.url + "/agent/requests?view=unassigned")
    link = agent.find_element(By.LINK_TEXT, f"#{number}")
    click_and_wait(agent, link)
    assert path(agent) == f"/agent/requests/{number}"
    assert agent.find_element(By.ID, "requester").text == CUSTOMER
    answers = agent.find_element(By.ID, "answers").text
    assert "What happened to the device" in answers and "Lost" in answers and HAPPENED_ON in answers, answers
    Select(agent.find_element(By.ID, "macro")).select_by_visible_text("Ask for a clearer photo")
    click_and_wait(agent, agent.find_element(By.ID, "agent-submit"))
    assert path(agent) == f"/agent/requests/{number}"
    assert agent.find_element(By.ID, "agent-status").text == "Pending"

    # The customer reads the macro's reply in Japanese, and that it waits for them.
    assert customer_status(keydesk, browser, number) == "お客様のご返信待ち"
    support = [m for m in browser.find_elements(By.CSS_SELECTOR, "#conversation .message")
               if "customer" not in m.get_attribute("class").split()]
    assert len(support) == 1
    assert support[0].find_element(By.CLASS_NAME, "meta").text.startswith("サポート")
    assert f"お問い合わせ（#{number}）のお写真をお送りいただきありがとうございます" in support[0].text
    outbox = keydesk.cli("outbox", "list")
    assert outbox.count(CUSTOMER) >= 2, outbox

    # Solved by the agent; the customer sees it.
    choose(agent, "status", "solved")
    click_and_wait(agent, agent.find_element(By.ID, "agent-submit"))
    assert agent.find_element(By.ID, "agent-status").text == "Solved"
    assert customer_status(keydesk, browser, number) == "解決済み"

    # The solved request's page offers the rating; the customer rates it in Japanese.
    rate = browser.find_element(By.CSS_SELECTOR, "#rate a")
    assert rate.text == "今回の対応を評価する"
    click_and_wait(browser, rate)
    assert path(browser) == f"/requests/{number}/rating"
    assert browser.find_element(By.TAG_NAME, "h1").text == "サポートの評価"
    browser.find_element(By.ID, "score-good").click()
    browser.find_element(By.ID, "comment").send_keys("迅速に対応していただき助かりました。")
    click_and_wait(browser, browser.find_element(By.ID, "send-rating"))
    assert browser.find_element(By.ID, "rating-saved").text.startswith("ご評価ありがとうございました")
    assert browser.find_element(By.ID, "score-good").is_selected()
    # The agent sees it on the request and in the report.
    agent.refresh()
    ratings = agent.find_element(By.ID, "ratings").text
    assert "Good" in ratings and "迅速に対応していただき助かりました。" in ratings, ratings
    agent.get(keydesk.url + "/agent/reports/satisfaction")
    rows = [r.text for r in agent.find_elements(By.CSS_SELECTOR, "#satisfaction tbody tr")]
    # One rating, good: the total line and the category's line, both at 100 %.
    assert len(rows) == 2 and all(r.endswith("1 0 100") for r in rows), rows

    # The customer's reply reopens it.
    browser.get(f"{keydesk.url}/requests/{number}")
    browser.find_element(By.ID, "body").send_keys("まだ解決していません。写真を撮り直しました。")
    browser.find_element(By.ID, "reply-attachments").send_keys(str(attachment))
    click_and_wait(browser, browser.find_element(By.ID, "send-reply"))
    assert path(browser).split("#")[0] == f"/requests/{number}"
    assert browser.find_element(By.ID, "request-status").text == "対応中"
    mine = browser.find_elements(By.CSS_SELECTOR, "#conversation .message.customer")
    assert "写真を撮り直しました" in mine[-1].text
    assert [a.text for a in mine[-1].find_elements(By.CSS_SELECTOR, ".files a")] == ["screen.jpg"]
    agent.get(f"{keydesk.url}/agent/requests/{number}")
    assert agent.find_element(By.ID, "agent-status").text == "Open"


def test_j6_submission_without_script(keydesk, browser_without_script, tmp_path):
    browser = browser_without_script
    attachment = tmp_path / "screen.png"
    attachment.write_bytes(noise_png())
    japanese_customer(keydesk, browser, "noscript@example.com")

    browser.get(keydesk.url + "/requests/new")
    click_and_wait(browser, browser.find_element(By.ID, "category-two-factor"))
    # Every field shows, each conditional one with the note of when it applies.
    for key in LOST_DEVICE_ONLY:
        assert shown(browser, key), key
        note = browser.find_element(By.CSS_SELECTOR, f"#field-{key} .condition")
        assert note.is_displayed() and note.text.startswith("「端末の紛失・リセット」の場合"), note.text
    assert shown(browser, "problem")
    assert "「その他」の場合" in browser.find_element(By.CSS_SELECTOR, "#field-problem .condition").text

    # The "other" questions stay unanswered: the server drops what does not apply.
    fill_lost_device_request(browser, attachment)
    click_and_wait(browser, browser.find_element(By.ID, "send-request"))
    number = request_number(browser)
    assert_received(browser, number)
    assert "発生している状況" not in browser.find_element(By.ID, "answers").text


def test_a_messages_paragraphs_keep_their_line_breaks(keydesk, browser, tmp_path):
    attachment = tmp_path / "screen.png"
    attachment.write_bytes(noise_png())
    japanese_customer(keydesk, browser, CUSTOMER)
    browser.get(keydesk.url + "/requests/new/two-factor")
    fill_lost_device_request(browser, attachment)
    browser.find_element(By.ID, "description").send_keys("\n\n二段落目です。")
    click_and_wait(browser, browser.find_element(By.ID, "send-request"))
    body = browser.find_element(By.CSS_SELECTOR, "#conversation .message.customer .body")
    assert "\n二段落目です。" in body.text, repr(body.text)
