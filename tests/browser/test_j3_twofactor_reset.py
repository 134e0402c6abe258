"""J3 in a real browser, in Japanese from both sides: a customer verified Enhanced with a
Japanese passport has lost their authenticator; after the password, the second step's
link opens the reset page, which shows the memo to write; the customer sends an ID
selfie (from the project's own generator, with the memo the page asked for) and the
address side, each pre-checked at once, and the mail says a reset was asked for. An
agent in another browser compares the photos with the document on file, marks the
checklist and approves; the customer's page and mail then show the delay running. The
24-hour delay and the reset itself are tested with an injected clock elsewhere
(crates/server/tests/http/twofactor_reset.rs); this journey ends at the approval.

On the customer's path from the "lost authenticator" link to the sent case, the test
counts what the customer does (pages, clicks, fields) and how long they wait on the
server, and prints it as one `J3 effort:` line."""
import datetime
import os
import re
import subprocess
import sys
import time
from zoneinfo import ZoneInfo

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_j1_enrollment import PASSWORD, click_and_wait, fill, path
from test_j5_verification import (CUSTOMER, SENDING, absent, documents, give_basic_facts,  # noqa: F401
                                  loaded, send_passport, texts)
from test_j6_desk import signed_in_agent
from test_photo_precheck import ROOT, sign_up_and_enroll

NATIVE_NAME = "山田 花子"
REQUEST = "二段階認証解除"
# A Japanese customer who chose no zone writes dates in Japan's.
ZONE = ZoneInfo("Asia/Tokyo")
# Latin words a Japanese page may show: the brand, the customer's address and name.
LATIN_ALLOWED = {"keydesk", "hanako", "example", "com", "yamada"}


class Effort:
    """What the customer does and waits for: every page loaded, click, field filled (a
    file chosen counts as one), and the seconds spent waiting on the server."""

    def __init__(self):
        self.pages = self.clicks = self.fields = 0
        self.server_wait = 0.0

    def click_to_page(self, browser, element, timeout=10):
        """A click that loads the next page (a link, or a form sent and redirected);
        returns the seconds it took."""
        started = time.monotonic()
        click_and_wait(browser, element, timeout=timeout)
        WebDriverWait(browser, timeout).until(
            lambda _: browser.execute_script("return document.readyState") == "complete")
        self.clicks += 1
        self.pages += 1
        return time.monotonic() - started

    def choose_photo(self, browser, kind, photo):
        """Chooses a photo and waits for the instant pre-check's answer under it."""
        checking = browser.find_element(By.ID, "reset").get_attribute("data-checking")
        findings = browser.find_element(By.ID, f"findings-{kind}")
        started = time.monotonic()
        browser.find_element(By.ID, kind).send_keys(photo)
        WebDriverWait(browser, SENDING, poll_frequency=0.05).until(
            lambda _: findings.text and checking not in findings.text)
        self.server_wait += time.monotonic() - started
        self.fields += 1
        return [(li.text, li.get_attribute("class")) for li in findings.find_elements(By.TAG_NAME, "li")]

    def line(self, first_photo_accepted):
        return (f"J3 effort: pages={self.pages} clicks={self.clicks} fields={self.fields} "
                f"server_wait_s={self.server_wait:.1f} first_photo_accepted={first_photo_accepted}")


def english_left(browser):
    """Latin words a Japanese reader would see on the page: its text, its title, and the
    alternative texts and labels of its elements (not the other-language button)."""
    said = browser.execute_script("""
        const seen = [document.title, document.body.innerText];
        for (const e of document.querySelectorAll('[alt], [title], [placeholder], [aria-label], input[type=submit], input[type=button]')) {
          for (const a of ['alt', 'title', 'placeholder', 'aria-label', 'value']) {
            if (e.hasAttribute(a) && (a !== 'value' || e.type === 'submit' || e.type === 'button')) seen.push(e.getAttribute(a));
          }
        }
        for (const e of document.querySelectorAll('[lang]:not(html)')) {
          if (e.lang !== 'ja') seen.push('\\u0000' + e.innerText);
        }
        return seen;""")
    other_language = {s[1:] for s in said if s.startswith("\0")}
    text = "\n".join(s for s in said if not s.startswith("\0"))
    for own in other_language:
        text = text.replace(own, " ")
    return sorted({w for w in re.findall(r"[A-Za-z]{3,}", text) if w.lower() not in LATIN_ALLOWED})


def assert_in_japanese(browser):
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ja"
    left = english_left(browser)
    assert not left, (path(browser), left)


def approve_verification(keydesk, agent):
    """The agent approves the customer's passport, as in J5: the verification queue, the
    request, its case, every checklist item passed."""
    agent.get(keydesk.url + "/agent/requests?view=category:verification")
    rows = agent.find_elements(By.CSS_SELECTOR, "#agent-requests tbody tr")
    assert len(rows) == 1 and CUSTOMER in rows[0].text, [r.text for r in rows]
    click_and_wait(agent, rows[0].find_element(By.CSS_SELECTOR, "a[href^='/agent/requests/']"))
    click_and_wait(agent, agent.find_element(By.ID, "verification-case-link"))
    for radio in agent.find_elements(By.CSS_SELECTOR, "#checklist input[type=radio][value=pass]"):
        radio.click()
    click_and_wait(agent, agent.find_element(By.ID, "approve"))
    assert absent(agent, "review-error")
    assert agent.find_element(By.ID, "verification-review").get_attribute("data-status") == "approved"


def verified_enhanced_customer(keydesk, browser, agent, documents):
    """Hanako, in Japanese, with TOTP and recovery codes, verified Enhanced with a
    Japanese passport and its address side, approved by the (Japanese) agent."""
    # The browser asks for Japanese: the sign-up page is in Japanese, and so the account.
    browser.get(keydesk.url + "/signup")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ja"
    sign_up_and_enroll(keydesk, browser, CUSTOMER)
    click_and_wait(browser, browser.find_element(By.ID, "continue"))
    assert path(browser) == "/account"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ja"
    browser.get(keydesk.url + "/verification")
    give_basic_facts(browser)
    send_passport(browser, documents, "passport-valid.jpg")
    signed_in_agent(keydesk, agent)
    if agent.find_element(By.TAG_NAME, "html").get_attribute("lang") != "ja":
        # The operator's CLI made the account in English: the agent switches it.
        click_and_wait(agent, agent.find_element(By.CSS_SELECTOR, "button[lang=ja]"))
    assert agent.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ja"
    approve_verification(keydesk, agent)
    browser.get(keydesk.url + "/verification")
    assert "アドバンスト" in browser.find_element(By.ID, "tier").text


def log_in_with_password(keydesk, browser):
    browser.get(keydesk.url + "/login")
    fill(browser, email=CUSTOMER, password=PASSWORD)
    assert path(browser) == "/login/2fa"


def selfie_with_memo(out, name, request, date):
    """The careful customer's photo: the generator's clean ID selfie holding the passport
    on file, with the memo exactly as the page showed it."""
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "photocheck-gen-testset.py"),
                    "--selfie", "--out", str(out), "--name", name, "--request", request, "--date", date],
                   check=True, capture_output=True)
    return str(out)


def mails(keydesk, subject_part):
    """The outbox's mails to the customer whose subject holds `subject_part`: (id, line)."""
    return [(line.split()[0], line) for line in keydesk.cli("outbox", "list").splitlines()
            if subject_part in line and CUSTOMER in line]


def test_j3_twofactor_reset_by_id_selfie_in_japanese(keydesk, japanese_browser, japanese_agent_browser,
                                                     documents, tmp_path):
    browser, agent = japanese_browser, japanese_agent_browser
    verified_enhanced_customer(keydesk, browser, agent, documents)

    # A fresh session: the password, then the second step, with the way out.
    click_and_wait(browser, browser.find_element(By.ID, "logout"))
    log_in_with_password(keydesk, browser)
    assert_in_japanese(browser)
    lost = browser.find_element(By.ID, "lost-authenticator")
    assert "二段階認証をリセットする" in lost.text

    effort = Effort()
    days = {datetime.datetime.now(ZONE).date().isoformat()}
    effort.click_to_page(browser, lost)
    assert path(browser) == "/login/2fa/lost"
    reset = browser.find_element(By.ID, "reset")
    assert reset.get_attribute("data-way") == "selfie"
    assert reset.get_attribute("data-status") == "none"
    assert browser.find_element(By.TAG_NAME, "h1").text == "二段階認証のリセット"
    assert_in_japanese(browser)

    # The memo, word for word; the photo in plain words with an example.
    memo = {key: browser.find_element(By.ID, f"memo-{key}").text for key in ("request", "name", "date")}
    days.add(datetime.datetime.now(ZONE).date().isoformat())  # the page may have crossed midnight
    assert memo["request"] == REQUEST and memo["name"] == NATIVE_NAME and memo["date"] in days, (memo, days)
    rules = texts(browser, "#photo-rules li")
    assert len(rules) >= 5 and all(rules), rules
    example = browser.find_element(By.CSS_SELECTOR, "img[src='/static/good-selfie.svg']")
    WebDriverWait(browser, 10).until(lambda _: loaded(browser, example))
    assert example.get_attribute("alt")
    assert browser.find_element(By.ID, "send-selfie").text == "写真を送信する"

    # The careful customer writes the memo, takes the photo, and chooses both images.
    selfie = selfie_with_memo(tmp_path / "selfie.jpg", memo["name"], memo["request"], memo["date"])
    selfie_findings = effort.choose_photo(browser, "selfie", selfie)
    address_findings = effort.choose_photo(browser, "address_side", os.path.join(documents, "address-side.jpg"))
    first_photo_accepted = not [t for t, cls in selfie_findings + address_findings if cls == "error"]
    send_anyway_offered = browser.find_element(By.ID, "send-anyway-box").is_displayed()
    english_before_sending = english_left(browser)

    effort.server_wait += effort.click_to_page(browser, browser.find_element(By.ID, "send-selfie"), timeout=SENDING)
    first_photo_accepted = first_photo_accepted and not send_anyway_offered and \
        browser.current_url.endswith("/login/2fa/lost?done=sent")
    print("\n" + effort.line(first_photo_accepted))
    assert all(cls == "ok" for _, cls in selfie_findings + address_findings), (selfie_findings, address_findings)
    assert not english_before_sending, english_before_sending
    assert path(browser) == "/login/2fa/lost", browser.current_url
    assert browser.find_element(By.ID, "notice").text.startswith("写真を送信しました")
    assert browser.find_element(By.ID, "reset").get_attribute("data-status") == "in_review"
    assert browser.find_element(By.ID, "case-state").text == "担当者が確認しています"
    assert absent(browser, "selfie-form")
    assert_in_japanese(browser)
    assert effort.pages <= 6 and effort.fields <= 15, effort.line(first_photo_accepted)
    assert first_photo_accepted, effort.line(first_photo_accepted)

    # The owner's mail: a reset was asked for, with a "this wasn't me" link.
    requested = mails(keydesk, "二段階認証のリセットが申し込まれました")
    assert len(requested) == 1, keydesk.cli("outbox", "list")
    mail = keydesk.cli("outbox", "read", requested[0][0])
    assert "/twofactor-reset/stop/" in mail, mail

    # The agent, in Japanese: the reset queue, the case, the photos beside the passport.
    agent.get(keydesk.url + "/agent/twofactor-resets")
    assert agent.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ja"
    rows = agent.find_elements(By.CSS_SELECTOR, "#reset-queue tbody tr")
    assert len(rows) == 1 and CUSTOMER in rows[0].text, [r.text for r in rows]
    assert "本人確認写真" in rows[0].text and "担当者が確認しています" in rows[0].text, rows[0].text
    click_and_wait(agent, rows[0].find_element(By.CSS_SELECTOR, "a[href^='/agent/twofactor-resets/']"))
    assert re.fullmatch(r"/agent/twofactor-resets/\d+", path(agent)), agent.current_url
    review = agent.find_element(By.ID, "reset-review")
    assert review.get_attribute("data-status") == "in_review"
    assert review.get_attribute("data-path") == "selfie"
    assert agent.find_element(By.ID, "review-status").text == "担当者が確認しています"
    sent = agent.find_elements(By.CSS_SELECTOR, ".review-image .preview img")
    on_file = agent.find_elements(By.CSS_SELECTOR, "#on-file img")
    assert len(sent) == 2 and on_file, (len(sent), len(on_file))
    assert [img.get_attribute("alt") for img in sent] == ["本人確認写真", "住所面"]
    WebDriverWait(agent, 10).until(lambda _: all(loaded(agent, image) for image in sent + on_file))
    assert "パスポート" in agent.find_element(By.CSS_SELECTOR, "#on-file figcaption").text

    # The checklist: the machine's fine findings pre-checked; the agent marks the rest.
    items = {row.get_attribute("data-item"): row for row in agent.find_elements(By.CSS_SELECTOR, "#checklist tr[data-item]")}
    assert {"face_matches_document", "address_side"} <= set(items), list(items)
    marked = []
    for key, row in items.items():
        passed = row.find_element(By.CSS_SELECTOR, f"input[name=item_{key}][value=pass]")
        if not passed.is_selected():
            passed.click()
            marked.append(key)
        assert passed.is_selected(), key
    assert {"face_matches_document", "address_side"} <= set(marked), marked
    assert len(marked) < len(items), "the machine's fine findings come pre-checked"
    click_and_wait(agent, agent.find_element(By.ID, "approve"))
    assert absent(agent, "review-error")
    assert agent.find_element(By.ID, "reset-review").get_attribute("data-status") == "waiting"
    assert agent.find_element(By.ID, "delay-ends").text

    # The customer's page (still at the second step) and mail: the delay is running.
    browser.get(keydesk.url + "/login/2fa/lost")
    if path(browser) != "/login/2fa/lost":
        log_in_with_password(keydesk, browser)
        browser.get(keydesk.url + "/login/2fa/lost")
    assert browser.find_element(By.ID, "reset").get_attribute("data-status") == "waiting"
    assert browser.find_element(By.ID, "case-state").text.startswith("承認済み")
    ends = browser.find_element(By.ID, "delay-ends").text
    assert "リセットを実行します" in ends and re.search(r"\d", ends), ends
    assert_in_japanese(browser)
    approved = mails(keydesk, "二段階認証のリセットを進めています")
    assert len(approved) == 1, keydesk.cli("outbox", "list")
    assert "/twofactor-reset/stop/" in keydesk.cli("outbox", "read", approved[0][0])
