#!/usr/bin/env python3
"""Generate keydesk-photocheck's labelled test set, deterministically from a seed.

    python3 scripts/photocheck-gen-testset.py --seed 42 --out target-photocheck/testset \
        [--count 330] [--size 1600x1200] [--face PATH/astronaut.png] [--split tune|heldout|both]
    python3 scripts/photocheck-gen-testset.py --documents --out DIR [--face PATH] [--seed N]
    python3 scripts/photocheck-gen-testset.py --selfie --out FILE.jpg --name NAME --request TEXT \
        --date YYYY-MM-DD [--document passport] [--face PATH] [--seed N] [--size WxH]

Writes DIR/NNNN-<variant>.jpg and DIR/labels.jsonl (one JSON object per image:
file, kind, name, request, dates, defects, expect, split, style).  `expect` maps a check
name to the status the checker should give ("fail" = must block, "warn" = advisory,
"pass").  `split` is "tune" or "heldout" and `style` maps each axis of STYLES that shaped
the image to its value (an axis that does not apply, e.g. the memo's on a document photo,
is left out).

Styles: STYLES below splits every axis of variety (memo font, ink, paper, line order,
date format, glare, cut-off side, face, layout, camera) into values the checks may be
tuned on and values they are only scored on.  The tune value of each axis is the set's
original look: --split tune (the default) writes the same images, byte for byte, as
before the split existed.  --split heldout draws every image's values from the held-out
lists; --split both makes half of each variant tune and half held-out.  A style added
later goes to "heldout" first.

Scenes: ID cards and passport data pages (MRZ with valid ICAO 9303 check digits in
OCR-B), memos in handwriting-like fonts (Humor Sans, Klee One; the held-out styles add
URW Z003, URW Bookman, URW Gothic, Liberation Serif, Noto Serif CJK), and public-domain
portraits as the person and the card portrait: scikit-image's `astronaut.png` (tune) and
matplotlib's `grace_hopper.jpg` (held-out), both taken from the packages' wheels by
scripts/photocheck-setup.sh, never committed.
Defects are applied in code: mirror, blur, glare over text, cut-off, finger over text,
no face, two faces, wrong name, wrong date, halftone print, heavy recompression,
rotation (pixels and EXIF orientation), underexposure.

--documents writes instead a fixed, small set of clean document photos (no defect: the
pre-check must not block them) for the identity-verification tests, the fields of each
given in DOCUMENT_SET, and DIR/documents.json describing them (see write_documents).

--selfie writes instead one clean ID selfie, FILE.jpg, for the product tests of a reset by
ID selfie: the person holding DOCUMENT_SET's valid passport of YAMADA HANAKO and a memo
of three lines, --request, --name and --date as given, in the tune layout and styles, with
no defect (see write_selfie).

Needs Pillow and numpy (crates/photocheck/requirements.txt) and the Debian fonts in
crates/photocheck/apt-packages.txt.
"""
import argparse
import datetime
import io
import json
import math
import os
import random
import sys

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIRS = ["/usr/share/fonts"]
FONTS = {
    "sans": "truetype/dejavu/DejaVuSans.ttf",
    "sans_bold": "truetype/dejavu/DejaVuSans-Bold.ttf",
    "ocrb": "opentype/ocr-b/OCRBS.otf",
    "cjk": "opentype/noto/NotoSansCJK-Regular.ttc",
    "hand": "truetype/humor-sans/Humor-Sans.ttf",
    "hand_ja": "truetype/klee/KleeOne-SemiBold.ttf",
}

NAMES = [
    "TANAKA HANAKO", "SATO YUKI", "SUZUKI KENTA", "TAKAHASHI AOI", "WATANABE RIKU",
    "ITO SAKURA", "YAMAMOTO HARUTO", "NAKAMURA MIO", "KOBAYASHI REN", "KATO YUNA",
    "YOSHIDA SOTA", "YAMADA EMMA", "SASAKI DAIKI", "MATSUMOTO HINA", "INOUE TAKUMI",
]
# The names as registered in kanji (the "romanised" wrong name: the name on file is in kanji,
# the memo gives it in Latin letters).
KANJI_NAMES = {
    "TANAKA HANAKO": "田中 花子", "SATO YUKI": "佐藤 由紀", "SUZUKI KENTA": "鈴木 健太",
    "TAKAHASHI AOI": "高橋 葵", "WATANABE RIKU": "渡辺 陸", "ITO SAKURA": "伊藤 さくら",
    "YAMAMOTO HARUTO": "山本 陽翔", "NAKAMURA MIO": "中村 美桜", "KOBAYASHI REN": "小林 蓮",
    "KATO YUNA": "加藤 結菜", "YOSHIDA SOTA": "吉田 蒼太", "YAMADA EMMA": "山田 恵麻",
    "SASAKI DAIKI": "佐々木 大輝", "MATSUMOTO HINA": "松本 陽菜", "INOUE TAKUMI": "井上 拓海",
}
SURNAMES_ONLY = ["MORI", "ABE", "IKEDA", "HASHIMOTO", "ISHIKAWA", "OGAWA"]
REQUESTS_EN = "2FA reset"
REQUEST_JA = "二段階認証解除"
CARD_COLOURS = [(206, 226, 240), (214, 236, 214), (226, 220, 242), (232, 236, 210)]
STREETS = ["Chiyoda", "Minato", "Shibuya", "Shinjuku", "Meguro", "Setagaya"]


def font(key, size):
    path = os.path.join(FONT_DIRS[0], FONTS[key])
    return ImageFont.truetype(path, size)


# ---------------------------------------------------------------- styles
# The axes of variety, each split into the values the checks may be tuned on ("tune") and
# those they are only scored on ("heldout").  Fixed here, in code: moving a value from one
# list to the other changes what the held-out score means.  A new value goes to "heldout"
# first.  The one tune value of each axis is the set's original look (it still varies at
# random within itself, as before: three inks, three date separators, ...).
STYLES = {
    # the memo's handwriting-like or printed font (Latin lines, Japanese lines): MEMO_FONTS
    "memo_font": {"tune": ["humor_klee"],
                  "heldout": ["chancery", "klee_regular", "bookman_italic", "liberation_serif",
                              "noto_serif_cjk", "urw_gothic"]},
    # the pen: MEMO_INKS
    "memo_ink": {"tune": ["blue_black"], "heldout": ["red", "green"]},
    # the paper: MEMO_PAPERS
    "memo_paper": {"tune": ["ruled_landscape"],
                   "heldout": ["plain_white", "ruled_portrait", "grid", "sticky_yellow"]},
    # the order and slant of the three lines (request, name, date)
    "memo_lines": {"tune": ["request_name_date"], "heldout": ["date_first", "name_first", "tilted_lines"]},
    # how the date is written: memo_date_text.  Only unambiguous ways of writing today's
    # date (no 08/05/2026, which reads as two dates)
    "memo_date": {"tune": ["ymd_padded"],
                  "heldout": ["ymd_unpadded", "ja_kanji", "reiwa", "d_mon_y", "mon_d_y"]},
    # the reflection of the glare variant: saturated core (tune), or a large soft blob whose
    # plateau, 0.88-0.95 of full white and never saturated, washes out the text under it
    "glare": {"tune": ["hard"], "heldout": ["soft_white", "soft_warm"]},
    # the edges of the frame a cut-off document crosses (tune: the right, or the top of a selfie)
    "cutoff": {"tune": ["right_or_top"],
               "heldout": ["left", "bottom", "top_left", "top_right", "bottom_left", "bottom_right"]},
    # the person and the card portrait: FACES
    "face": {"tune": ["astronaut"], "heldout": ["grace_hopper"]},
    # where things are: the person on the right; the memo above the card; card and memo
    # held at 8-20 degrees; card, memo and person at random places and sizes
    "layout": {"tune": ["person_left"], "heldout": ["person_right", "memo_above", "tilted", "scattered"]},
    # the camera: white balance, stronger sensor noise, JPEG quality 60-80, a phone's
    # 1080x1440 portrait frame
    "camera": {"tune": ["default"], "heldout": ["warm_wb", "cool_wb", "noisy", "jpeg_low", "phone_portrait"]},
    # --- variety 2 (2026-12-04): axes added after seed 1010; held-out only, drawn apart
    # (StyleDraw "v2"), so that --variety 1 makes the earlier sets again byte for byte.
    # the design of an ID card's front: the tune card (a band, portrait left, English labels)
    # or a Japanese driving licence (portrait right, Japanese labels, era dates), a residence
    # card (bilingual labels, card number top right), a foreign ID (guilloche, dd.mm.yyyy)
    "card_design": {"tune": ["jp_card"], "heldout": ["jp_driving_licence", "residence_card", "foreign_id"]},
    # how a memo's name is wrong: another person, one letter changed, the name on file is in
    # kanji and the memo has it romanised, or no name at all
    "wrong_name": {"tune": ["another_person"], "heldout": ["other_person", "one_letter", "romanised", "missing_name"]},
    # how a memo's date is wrong: days or a month off (wrong_day), a year old, or no date
    "wrong_date": {"tune": ["days_off"], "heldout": ["other_day", "last_year", "missing_date"]},
    # the blur variant: the whole picture, or only the document (focus on the face)
    "blur": {"tune": ["whole"], "heldout": ["document_only"]},
    # the halftone variant: a printout's dots, or a photo of a screen (pixel grid, moire)
    "print": {"tune": ["halftone"], "heldout": ["screen"]},
}
VARIETY_2_AXES = ["card_design", "wrong_name", "wrong_date", "blur", "print"]

# file in the face directory (scripts/photocheck-setup.sh), then boxes in its pixels:
# "person" = the crop pasted as the person of a selfie, "portrait" = the card portrait's crop,
# "face" = the head (hair or hat to chin), which no document or memo may cover.
FACES = {
    "astronaut": {"file": "astronaut.png", "person": (20, 0, 500, 420),
                  "portrait": (140, 30, 310, 250), "face": (145, 15, 305, 250)},
    "grace_hopper": {"file": "grace_hopper.jpg", "person": (0, 0, 512, 450),
                     "portrait": (135, 15, 385, 340), "face": (148, 20, 378, 335)},
}

# (Latin lines, lines with Japanese characters), under FONT_DIRS[0]
MEMO_FONTS = {
    "humor_klee": ("truetype/humor-sans/Humor-Sans.ttf", "truetype/klee/KleeOne-SemiBold.ttf"),
    "chancery": ("opentype/urw-base35/Z003-MediumItalic.otf", "truetype/klee/KleeOne-Regular.ttf"),
    "klee_regular": ("truetype/klee/KleeOne-Regular.ttf", "truetype/klee/KleeOne-Regular.ttf"),
    "bookman_italic": ("opentype/urw-base35/URWBookman-LightItalic.otf", "opentype/noto/NotoSerifCJK-Regular.ttc"),
    "liberation_serif": ("truetype/liberation/LiberationSerif-Regular.ttf", "opentype/noto/NotoSerifCJK-Regular.ttc"),
    "noto_serif_cjk": ("opentype/noto/NotoSerifCJK-Regular.ttc", "opentype/noto/NotoSerifCJK-Regular.ttc"),
    "urw_gothic": ("opentype/urw-base35/URWGothic-Book.otf", "opentype/noto/NotoSansCJK-Regular.ttc"),
}
MEMO_INKS = {
    "blue_black": [(20, 30, 90), (25, 25, 25), (10, 40, 110)],
    "red": [(190, 30, 35), (165, 20, 45)],
    "green": [(20, 110, 50), (25, 95, 40)],
}
# paper colour, rule (None, "lines", "grid"), height / width, width relative to a landscape memo
MEMO_PAPERS = {
    "ruled_landscape": ((238, 236, 228), "lines", 330 / 700, 1.0),
    "plain_white": ((247, 247, 244), None, 330 / 700, 1.0),
    "ruled_portrait": ((238, 236, 228), "lines", 1.32, 0.62),
    "grid": ((240, 241, 236), "grid", 330 / 700, 1.0),
    "sticky_yellow": ((250, 234, 130), None, 0.85, 0.75),
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def memo_date_text(rng, style, y, m, d):
    """Day (y, m, d) as the held-out date style `style` writes it (all read as that one day)."""
    if style == "ymd_unpadded":
        return rng.choice(["%d/%d/%d", "%d-%d-%d", "%d.%d.%d"]) % (y, m, d)
    if style == "ja_kanji":
        return "%d年%d月%d日" % (y, m, d)
    if style == "reiwa":  # Reiwa 1 = 2019
        return "令和%d年%d月%d日" % (y - 2018, m, d)
    if style == "d_mon_y":
        return "%d %s %d" % (d, rng.choice([MONTHS[m - 1], MONTHS[m - 1][:3]]), y)
    if style == "mon_d_y":
        return "%s %d, %d" % (MONTHS[m - 1], d, y)
    raise ValueError(style)


def wrong_day(rng, y, m, d):
    """A real calendar day other than (y, m, d) that a memo written today cannot carry: 2-7
    days off (a day off either way may be the UTC date), or a month or a year old."""
    day = datetime.date(y, m, d)
    how = rng.random()
    if how < 0.7:
        shown = day + datetime.timedelta(days=rng.choice([-7, -5, -3, -2, 2, 3, 5, 7]))
    elif how < 0.85:
        shown = (day.replace(day=1) - datetime.timedelta(days=1)).replace(day=min(d, 28))
    else:
        shown = day.replace(year=y - 1, day=min(d, 28))
    return shown.year, shown.month, shown.day


def one_letter_off(rng, name):
    """`name` with one letter of the given or family name replaced by another letter that OCR
    does not confuse it with (not I/L/1, O/Q/D/0, U/V, S/5, B/8)."""
    confusable = [set("IL1J"), set("OQD0C"), set("UV"), set("S5"), set("B8"), set("MN"), set("EF")]
    spots = [k for k, c in enumerate(name) if c.isalpha()]
    k = rng.choice(spots)
    near = set().union(*[g for g in confusable if name[k] in g]) | {name[k]}
    letter = rng.choice([c for c in "ABCDEFGHJKMNPRTWXYZ" if c not in near])
    return name[:k] + letter + name[k + 1:]


class Face:
    def __init__(self, key, img):
        self.key = key
        self.img = img
        self.person = FACES[key]["person"]
        self.portrait = FACES[key]["portrait"]
        self.face = FACES[key]["face"]


def held(style):
    return bool(style) and style.get("split") == "heldout"


# ---------------------------------------------------------------- MRZ (ICAO 9303)
def mrz_check_digit(s):
    weights = [7, 3, 1]
    total = 0
    for i, c in enumerate(s):
        if c.isdigit():
            v = int(c)
        elif c.isalpha():
            v = ord(c) - ord("A") + 10
        else:
            v = 0
        total += v * weights[i % 3]
    return str(total % 10)


def mrz_td3(surname, given, number, nationality, dob, sex, expiry, personal="", wrong=()):
    """Line 1 and line 2 of a TD3 MRZ.  `wrong` names check digits to print wrong on purpose
    ("number", "dob", "expiry", "personal"): (correct + 3) % 10; the composite digit is still
    computed from the correct ones, so it mismatches the printed line too."""
    name = (surname + "<<" + given.replace(" ", "<")).upper()
    line1 = ("P<" + nationality + name + "<" * 44)[:44]
    num = (number + "<" * 9)[:9]
    pers = (personal + "<" * 14)[:14]
    cd_num, cd_dob, cd_exp, cd_pers = (mrz_check_digit(num), mrz_check_digit(dob),
                                       mrz_check_digit(expiry), mrz_check_digit(pers))
    composite = num + cd_num + dob + cd_dob + expiry + cd_exp + pers + cd_pers
    cd_composite = mrz_check_digit(composite)
    if wrong:
        bad = lambda cd: str((int(cd) + 3) % 10)  # noqa: E731
        cd_num = bad(cd_num) if "number" in wrong else cd_num
        cd_dob = bad(cd_dob) if "dob" in wrong else cd_dob
        cd_exp = bad(cd_exp) if "expiry" in wrong else cd_exp
        cd_pers = bad(cd_pers) if "personal" in wrong else cd_pers
    line2 = (num + cd_num + nationality + dob + cd_dob + sex + expiry + cd_exp + pers + cd_pers
             + cd_composite)
    assert len(line1) == 44 and len(line2) == 44, (line1, line2)
    return line1, line2


# ---------------------------------------------------------------- pieces
def noise(rng, arr, sigma):
    return np.clip(arr + rng.normal(0, sigma, arr.shape), 0, 255)


def background(rng, w, h):
    base = np.array(rng.choice([(70, 62, 55), (55, 60, 70), (85, 75, 60), (60, 66, 58)]), float)
    yy, xx = np.mgrid[0:h, 0:w]
    grad = 1.0 + 0.25 * (xx / w - 0.5) + 0.15 * (yy / h - 0.5)
    arr = base[None, None, :] * grad[:, :, None]
    # a soft texture (fabric / wall) so that the background is not flat
    tex = rng.normal(0, 1, (h // 16 + 1, w // 16 + 1))
    tex = np.array(Image.fromarray(((tex + 3) * 40).clip(0, 255).astype(np.uint8)).resize(
        (w, h), Image.BICUBIC), float) / 40 - 3
    arr += tex[:, :, None] * 6
    return arr


def portrait_crop(face, size):
    """The face's head and shoulders (its FACES "portrait" box) for the card portrait."""
    crop = face.img.crop(face.portrait)
    return crop.resize(size, Image.LANCZOS)


def jp_era(y, m, d):
    """A date as a Japanese document prints it: 令和/平成/昭和 year, month, day."""
    if (y, m, d) >= (2019, 5, 1):
        era, base = "令和", 2018
    elif (y, m, d) >= (1989, 1, 8):
        era, base = "平成", 1988
    else:
        era, base = "昭和", 1925
    n = y - base
    return "%s%s年%02d月%02d日" % (era, "元" if n == 1 else "%d" % n, m, d)


def make_card_design(rng, face, name, design, scale, dob, expiry):
    """A held-out card front design (STYLES card_design); same contract as make_card."""
    w = int(1000 * scale)
    h = int(w * 54 / 85.6)
    s = w / 1000
    surname, given = name.split(" ", 1)
    y, mo, da = [int(v) for v in dob.split("-")]
    ey, em, ed = [int(v) for v in expiry.split("-")]
    address = "東京都%s区%d丁目%d番%d号" % (rng.choice(["千代田", "港", "渋谷", "新宿", "目黒", "世田谷"]),
                                    rng.randint(1, 9), rng.randint(1, 20), rng.randint(1, 30))
    if design == "jp_driving_licence":
        band = rng.choice([(46, 140, 80), (40, 110, 190), (200, 160, 40)])  # green, blue, gold
        card = Image.new("RGB", (w, h), (244, 246, 240))
        d = ImageDraw.Draw(card)
        d.rectangle([0, int(0.52 * h), w, int(0.62 * h)], fill=band)
        f, fb = font("cjk", int(26 * s)), font("cjk", int(34 * s))
        rows = [("氏名", "%s %s" % (surname, given)), ("生年月日", jp_era(y, mo, da) + "生"),
                ("住所", address), ("交付", jp_era(2024, rng.randint(1, 12), rng.randint(1, 28)))]
        yy = int(30 * s)
        right = 0
        for label, value in rows[:3]:
            d.text((int(30 * s), yy), label, font=f, fill=(60, 60, 60))
            d.text((int(160 * s), yy - int(4 * s)), value, font=fb, fill=(15, 15, 20))
            right = max(right, d.textbbox((int(160 * s), yy), value, font=fb)[2])
            yy += int(62 * s)
        ink_top = int(30 * s)
        for label, value in rows[3:]:
            d.text((int(30 * s), yy), label, font=f, fill=(60, 60, 60))
            d.text((int(160 * s), yy - int(2 * s)), value, font=f, fill=(15, 15, 20))
            yy += int(40 * s)
        d.text((int(40 * s), int(0.53 * h)), "%s まで有効" % jp_era(ey, em, ed), font=fb, fill=(250, 250, 250))
        d.text((int(30 * s), int(0.66 * h)), "免許の条件等  眼鏡等", font=f, fill=(40, 40, 40))
        d.text((int(30 * s), int(0.76 * h)), "番号 第 %012d 号" % rng.randint(0, 10 ** 12 - 1), font=fb,
               fill=(15, 15, 20))
        d.text((int(30 * s), int(0.88 * h)), "運転免許証", font=font("cjk", int(44 * s)), fill=(20, 20, 20))
        card.paste(portrait_crop(face, (int(230 * s), int(290 * s))), (w - int(260 * s), int(0.66 * h) - int(290 * s) + int(60 * s)))
        return card, {"text_box": [int(20 * s), int(20 * s), w - int(280 * s), h - int(20 * s)],
                      "ink_box": [int(30 * s), ink_top, max(right, int(500 * s)), int(0.5 * h)]}
    if design == "residence_card":
        card = Image.new("RGB", (w, h), (234, 238, 246))
        d = ImageDraw.Draw(card)
        for k in range(0, w, max(6, int(14 * s))):  # a faint pattern of lines
            d.line([(k, 0), (k + int(0.4 * h), h)], fill=(222, 228, 240), width=1)
        d.text((int(30 * s), int(18 * s)), "在留カード  RESIDENCE CARD", font=font("cjk", int(36 * s)),
               fill=(30, 50, 110))
        d.text((w - int(290 * s), int(20 * s)), "番号 %s%08d%s" % (
            "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2)), rng.randint(0, 10 ** 8 - 1),
            "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))), font=font("sans", int(22 * s)),
            fill=(30, 30, 40))
        f, fb = font("cjk", int(18 * s)), font("sans_bold", int(30 * s))
        rows = [("氏名 NAME", "%s %s" % (surname, given)),
                ("生年月日 DATE OF BIRTH", "%04d年%02d月%02d日" % (y, mo, da)),
                ("国籍・地域 NATIONALITY/REGION", rng.choice(["VIET NAM", "PHILIPPINES", "NEPAL", "BRAZIL", "KOREA"])),
                ("住居地 ADDRESS", address),
                ("在留資格 STATUS", rng.choice(["永住者 Permanent Resident", "技術・人文知識・国際業務", "留学 Student"])),
                ("在留期間(満了日) PERIOD OF STAY", "%04d年%02d月%02d日" % (ey, em, ed))]
        yy = int(80 * s)
        right = 0
        for label, value in rows:
            d.text((int(30 * s), yy), label, font=f, fill=(70, 80, 110))
            vf = fb if value.isascii() else font("cjk", int(28 * s))
            d.text((int(30 * s), yy + int(20 * s)), value, font=vf, fill=(15, 15, 25))
            right = max(right, d.textbbox((int(30 * s), yy + int(20 * s)), value, font=vf)[2])
            yy += int(78 * s) if len(rows) < 6 else int(70 * s)
        card.paste(portrait_crop(face, (int(220 * s), int(280 * s))), (w - int(250 * s), int(80 * s)))
        d.text((w - int(250 * s), int(380 * s)), "法務大臣", font=font("cjk", int(26 * s)), fill=(150, 30, 30))
        return card, {"text_box": [int(20 * s), int(70 * s), w - int(270 * s), min(h - int(10 * s), yy)],
                      "ink_box": [int(30 * s), int(80 * s), right, min(h - int(10 * s), yy)]}
    if design == "foreign_id":
        card = Image.new("RGB", (w, h), (228, 236, 232))
        d = ImageDraw.Draw(card)
        for k in range(12):  # guilloche: interleaved sine curves
            pts = [(x, h * (0.5 + 0.35 * math.sin(x / (w / (3 + k % 4)) * 2 * math.pi + k)))
                   for x in range(0, w, 4)]
            d.line(pts, fill=(200, 214, 212), width=max(1, int(2 * s)))
        d.rectangle([0, 0, w, int(70 * s)], fill=(60, 80, 120))
        d.text((int(30 * s), int(14 * s)), rng.choice(["REPUBLIC OF ESTERIA · IDENTITY CARD",
                                                      "KINGDOM OF NORLAND · IDENTITY CARD",
                                                      "BUNDESREPUBLIK MUSTER · PERSONALAUSWEIS"]),
               font=font("sans_bold", int(32 * s)), fill=(250, 250, 250))
        card.paste(portrait_crop(face, (int(240 * s), int(300 * s))), (int(30 * s), int(100 * s)))
        f, fb = font("sans", int(20 * s)), font("sans_bold", int(30 * s))
        rows = [("Surname / Nom", surname), ("Given names / Prénoms", given),
                ("Nationality", rng.choice(["JPN", "ESR", "NRL"])),
                ("Date of birth", "%02d.%02d.%04d" % (da, mo, y)),
                ("Document no.", "%s%07d" % (rng.choice("CLTX"), rng.randint(0, 10 ** 7 - 1))),
                ("Date of expiry", "%02d.%02d.%04d" % (ed, em, ey))]
        yy = int(95 * s)
        right = 0
        for label, value in rows:
            d.text((int(300 * s), yy), label, font=f, fill=(70, 80, 90))
            d.text((int(300 * s), yy + int(21 * s)), value, font=fb, fill=(15, 20, 30))
            right = max(right, d.textbbox((int(300 * s), yy + int(21 * s)), value, font=fb)[2])
            yy += int(60 * s)
        return card, {"text_box": [int(290 * s), int(90 * s), w - int(20 * s), yy],
                      "ink_box": [int(300 * s), int(95 * s), right, yy]}
    raise ValueError(design)


def make_card(rng, face, name, kind, scale, holder=None, design=None):
    """An ID-1 card (85.6 x 54 mm) front or back, or a passport data page (125 x 88 mm).

    `holder` (optional) fixes what is otherwise drawn at random: "dob" and "expiry"
    (YYYY-MM-DD), "number", "sex", "title" (of a card front), "wrong" (MRZ check digits to
    print wrong, see mrz_td3).  The random values are drawn all the same, so that the
    generator's sequence, and the rest of a seeded set, does not depend on it."""
    p = holder or {}
    if kind == "passport":
        w = int(1000 * scale)
        h = int(w * 88 / 125)
        colour = (236, 228, 214)
    else:
        w = int(1000 * scale)
        h = int(w * 54 / 85.6)
        colour = rng.choice(CARD_COLOURS)
    card = Image.new("RGB", (w, h), colour)
    d = ImageDraw.Draw(card)
    s = w / 1000
    surname, given = name.split(" ", 1)
    dob = "19%02d-%02d-%02d" % (rng.randint(60, 99), rng.randint(1, 12), rng.randint(1, 28))
    dob = p.get("dob", dob)
    if kind == "passport":
        d.rectangle([0, 0, w, int(70 * s)], fill=(120, 30, 50))
        d.text((int(30 * s), int(12 * s)), "PASSPORT", font=font("sans_bold", int(44 * s)),
               fill=(250, 240, 230))
        d.text((int(420 * s), int(14 * s)), "JAPAN  日本国", font=font("cjk", int(38 * s)),
               fill=(250, 240, 230))
        card.paste(portrait_crop(face, (int(250 * s), int(320 * s))), (int(30 * s), int(100 * s)))
        number = p.get("number", "TR%07d" % rng.randint(0, 9999999))  # (drawn even if given)
        expiry = p.get("expiry", "2031-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28)))
        fields = [("Type / Country", "P   JPN"), ("Passport No.", number), ("Surname", surname),
                  ("Given name", given), ("Date of birth", dob), ("Date of expiry", expiry)]
        y = int(95 * s)
        right = 0
        for label, value in fields:
            d.text((int(310 * s), y), label, font=font("sans", int(20 * s)), fill=(90, 80, 80))
            d.text((int(310 * s), y + int(22 * s)), value, font=font("sans_bold", int(30 * s)),
                   fill=(20, 20, 30))
            right = max(right, d.textbbox((int(310 * s), y + int(22 * s)), value, font=font("sans_bold", int(30 * s)))[2])
            y += int(58 * s)
        ink_box = [int(310 * s), int(95 * s), right, y]
        mrz_expiry = "31%02d%02d" % (rng.randint(1, 12), rng.randint(1, 28))
        if "expiry" in p:
            mrz_expiry = p["expiry"][2:].replace("-", "")
        l1, l2 = mrz_td3(surname, given, number, "JPN", dob[2:].replace("-", ""), p.get("sex", "F"),
                         mrz_expiry, wrong=p.get("wrong", ()))
        f = font("ocrb", int(28 * s))
        d.text((int(25 * s), h - int(120 * s)), l1, font=f, fill=(15, 15, 15))
        d.text((int(25 * s), h - int(65 * s)), l2, font=f, fill=(15, 15, 15))
        # the text: the field column and the machine-readable zone (not the blank right part)
        return card, {"text_box": [int(300 * s), int(90 * s), int(640 * s), h - int(20 * s)],
                      "mrz": [l1, l2], "ink_box": ink_box}
    band = tuple(int(c * 0.55) for c in colour)
    d.rectangle([0, 0, w, int(80 * s)], fill=band)
    if kind == "back":
        d.text((int(30 * s), int(14 * s)), "ADDRESS / REMARKS  備考", font=font("cjk", int(40 * s)),
               fill=(250, 250, 250))
        y = int(110 * s)
        lines = ["Address change 2024-04-01", "%d-%d-%d %s, Tokyo" % (
            rng.randint(1, 9), rng.randint(1, 20), rng.randint(1, 30), rng.choice(STREETS)),
            "Registered by Tokyo Metropolitan Police", "Organ donor: see reverse",
            "東京都公安委員会"]
        for line in lines:
            d.text((int(40 * s), y), line, font=font("cjk", int(34 * s)), fill=(20, 20, 30))
            y += int(70 * s)
        return card, {"text_box": [int(30 * s), int(100 * s), w - int(30 * s), y],
                      "ink_box": [int(40 * s), int(110 * s), w - int(30 * s), y]}
    if design not in (None, "jp_card"):
        expiry = "20%02d-%02d-%02d" % (rng.randint(28, 34), rng.randint(1, 12), rng.randint(1, 28))
        return make_card_design(rng, face, name, design, w / 1000, dob, p.get("expiry", expiry))
    title = p.get("title", rng.choice(["DRIVER LICENSE  運転免許証", "IDENTITY CARD  個人番号カード"]))
    d.text((int(30 * s), int(14 * s)), title, font=font("cjk", int(42 * s)), fill=(250, 250, 250))
    card.paste(portrait_crop(face, (int(240 * s), int(300 * s))), (int(30 * s), int(110 * s)))
    fields = [("Name", name), ("Date of birth", dob),
              ("Address", "%d-%d-%d %s, Tokyo" % (rng.randint(1, 9), rng.randint(1, 20),
                                                 rng.randint(1, 30), rng.choice(STREETS))),
              ("Number", "%012d" % rng.randint(0, 10 ** 12 - 1)),
              ("Valid until", p.get("expiry", "2030-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28))))]
    y = int(105 * s)
    right = 0
    for label, value in fields:
        d.text((int(300 * s), y), label, font=font("sans", int(22 * s)), fill=(70, 70, 80))
        d.text((int(300 * s), y + int(24 * s)), value, font=font("sans_bold", int(32 * s)),
               fill=(20, 20, 30))
        right = max(right, d.textbbox((int(300 * s), y + int(24 * s)), value, font=font("sans_bold", int(32 * s)))[2])
        y += int(66 * s)
    ink_box = [int(300 * s), int(105 * s), right, y]
    # a red seal, as on Japanese documents
    cx, cy, r = w - int(90 * s), h - int(90 * s), int(48 * s)
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=(200, 40, 40), width=max(2, int(5 * s)))
    d.text((cx - int(30 * s), cy - int(22 * s)), "公安", font=font("cjk", int(30 * s)), fill=(200, 40, 40))
    # the text, and (ink_box) the extent of the printed fields within it
    return card, {"text_box": [int(290 * s), int(100 * s), w - int(20 * s), y], "ink_box": ink_box}


def make_memo(rng, request, name, date_text, scale, style=None):
    if held(style):
        return make_memo_heldout(rng, request, name, date_text, scale, style)
    w, h = int(700 * scale), int(330 * scale)
    paper = Image.new("RGB", (w, h), (238, 236, 228))
    d = ImageDraw.Draw(paper)
    s = w / 700
    for i in range(1, 6):  # ruled lines
        d.line([(0, int(i * 60 * s)), (w, int(i * 60 * s))], fill=(200, 210, 228), width=max(1, int(2 * s)))
    ink = rng.choice([(20, 30, 90), (25, 25, 25), (10, 40, 110)])
    y = int(18 * s)
    for line in (request, name, date_text):
        f = font("hand_ja", int(50 * s)) if any(ord(c) > 0x2000 for c in line) else font("hand", int(54 * s))
        d.text((int(30 * s) + rng.randint(0, int(20 * s)), y), line, font=f, fill=ink)
        y += int(100 * s)
    return paper


def make_memo_heldout(rng, request, name, date_text, scale, style):
    """The memo in the held-out styles memo_font, memo_ink, memo_paper and memo_lines; every
    line is kept whole on the paper (shrunk to fit), so that the memo stays a right one."""
    colour, rule, aspect, _ = MEMO_PAPERS[style["memo_paper"]]
    w = int(700 * scale)
    h = int(w * aspect)
    paper = Image.new("RGB", (w, h), colour)
    d = ImageDraw.Draw(paper)
    s = w / 700
    if rule == "lines":
        step = 60 * s * (1.0 if aspect < 1 else 1.6)
        for i in range(1, int(h / step) + 1):
            d.line([(0, int(i * step)), (w, int(i * step))], fill=(200, 210, 228), width=max(1, int(2 * s)))
    elif rule == "grid":
        step = max(8, int(26 * s))
        for x in range(step, w, step):
            d.line([(x, 0), (x, h)], fill=(206, 216, 226), width=1)
        for y in range(step, h, step):
            d.line([(0, y), (w, y)], fill=(206, 216, 226), width=1)
    elif style["memo_paper"] == "sticky_yellow":  # the adhesive strip, a shade darker
        d.rectangle([0, 0, w, int(0.12 * h)], fill=tuple(int(c * 0.96) for c in colour))
    ink = rng.choice(MEMO_INKS[style["memo_ink"]])
    latin, ja = MEMO_FONTS[style["memo_font"]]
    order = {"request_name_date": (request, name, date_text), "tilted_lines": (request, name, date_text),
             "date_first": (date_text, request, name), "name_first": (name, date_text, request)}
    lines = [line for line in order[style["memo_lines"]] if line]  # a missing name or date
    pad = int(0.045 * w)
    top = int(0.12 * h) if style["memo_paper"] == "sticky_yellow" else 0
    pitch = (h - top - 2 * pad) / len(lines)
    slant = rng.choice([-1, 1]) * rng.uniform(2.5, 5.0)
    for k, line in enumerate(lines):
        path = os.path.join(FONT_DIRS[0], ja if any(ord(c) > 0x2000 for c in line) else latin)
        size = pitch * rng.uniform(0.46, 0.58)
        angle = slant + rng.uniform(-1, 1) if style["memo_lines"] == "tilted_lines" else 0.0
        while True:
            f = ImageFont.truetype(path, max(8, int(size)))
            x0, y0, x1, y1 = f.getbbox(line)
            layer = Image.new("L", (x1 - x0 + 8, y1 - y0 + 8), 0)
            ImageDraw.Draw(layer).text((4 - x0, 4 - y0), line, font=f, fill=255)
            if angle:
                layer = layer.rotate(angle, resample=Image.BICUBIC, expand=True)
            if layer.size[0] <= w - 2 * pad and layer.size[1] <= h - top:
                break
            size *= 0.92
        slack = w - 2 * pad - layer.size[0]
        x = pad + int(rng.uniform(0, min(slack, 30 * s)))
        y = int(top + pad + pitch * (k + 0.5) - layer.size[1] / 2)
        y = max(0, min(h - layer.size[1], y))
        paper.paste(Image.new("RGB", layer.size, ink), (x, y), layer)
    return paper


def paste_rotated(canvas, piece, x, y, angle):
    """Paste `piece` rotated by `angle` degrees with its top-left near (x, y); returns its corners."""
    rgba = piece.convert("RGBA")
    rot = rgba.rotate(angle, resample=Image.BICUBIC, expand=True)
    canvas.paste(rot, (x, y), rot)
    w, h = piece.size
    cx, cy = x + rot.size[0] / 2, y + rot.size[1] / 2
    a = math.radians(-angle)
    corners = []
    for px, py in [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]:
        corners.append((cx + px * math.cos(a) - py * math.sin(a), cy + px * math.sin(a) + py * math.cos(a)))
    return corners


def map_box(corners, piece_size, box):
    """Axis-aligned bounding box, in canvas coordinates, of `box` given in piece coordinates."""
    (x0, y0), (x1, y1), _, (x3, y3) = corners
    w, h = piece_size
    pts = []
    for bx, by in [(box[0], box[1]), (box[2], box[1]), (box[2], box[3]), (box[0], box[3])]:
        u, v = bx / w, by / h
        pts.append((x0 + u * (x1 - x0) + v * (x3 - x0), y0 + u * (y1 - y0) + v * (y3 - y0)))
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return [min(xs), min(ys), max(xs), max(ys)]


# ---------------------------------------------------------------- defects
def glare(rng, arr, box):
    h, w = arr.shape[:2]
    x0, y0, x1, y1 = box
    cx, cy = rng.uniform(x0 + 0.3 * (x1 - x0), x0 + 0.7 * (x1 - x0)), rng.uniform(y0 + 0.2 * (y1 - y0), y0 + 0.6 * (y1 - y0))
    rx, ry = (x1 - x0) * rng.uniform(0.16, 0.24), (y1 - y0) * rng.uniform(0.18, 0.28)
    yy, xx = np.mgrid[0:h, 0:w]
    d = ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2
    a = np.clip(1.6 - d, 0, 1)[:, :, None]  # saturated core, soft rim
    return arr * (1 - a) + 255 * a


def soft_glare(rng, arr, box, corners, warm):
    """A large soft reflection on the document over its printed fields (`box`, canvas
    coordinates), never saturated: a plateau at 0.88-0.95 of full white (a warm tint for
    `warm`) that takes every darker pixel up to it, so the text under it is washed out to a
    few grey levels, and a wide smooth rim; on the document only, and nothing is darkened."""
    h, w = arr.shape[:2]
    x0, y0, x1, y1 = box
    cx, cy = rng.uniform(x0 + 0.4 * (x1 - x0), x0 + 0.6 * (x1 - x0)), rng.uniform(y0 + 0.35 * (y1 - y0), y0 + 0.65 * (y1 - y0))
    rx, ry = (x1 - x0) * rng.uniform(0.40, 0.50), (y1 - y0) * rng.uniform(0.32, 0.42)
    level = rng.uniform(0.88, 0.95) * 255 * (np.array([1.0, 0.96, 0.87]) if warm else np.ones(3))
    yy, xx = np.mgrid[0:h, 0:w]
    d = ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2
    t = np.clip((d - 0.45) / (2.2 - 0.45), 0, 1)
    doc = Image.new("L", (w, h), 0)
    ImageDraw.Draw(doc).polygon([tuple(c) for c in corners], fill=255)
    a = ((1 - t * t * (3 - 2 * t)) * (np.array(doc, float) / 255))[:, :, None]  # 1 on the plateau
    return np.maximum(arr, arr * (1 - a) + level[None, None, :] * a)


def finger(rng, img, corners, text_box_canvas):
    """A skin-coloured finger entering from the card's right or bottom edge over the text."""
    d = ImageDraw.Draw(img, "RGBA")
    x0, y0, x1, y1 = text_box_canvas
    xs = [c[0] for c in corners]
    ys = [c[1] for c in corners]
    fw = (max(xs) - min(xs)) * 0.075
    skin = rng.choice([(224, 172, 140), (210, 160, 125), (235, 190, 160)])
    if rng.random() < 0.5:  # from the right edge, horizontally, over the text lines
        ty = rng.uniform(y0 + 0.2 * (y1 - y0), y0 + 0.7 * (y1 - y0))
        tip = x0 + (x1 - x0) * rng.uniform(0.25, 0.45)
        d.rounded_rectangle([tip, ty - fw, max(xs) + fw * 3, ty + fw], radius=fw, fill=skin)
        d.line([(tip + fw * 0.8, ty - fw * 0.5), (tip + fw * 0.8, ty + fw * 0.5)], fill=(190, 140, 110), width=2)
    else:  # from the bottom edge, vertically
        tx = rng.uniform(x0 + 0.3 * (x1 - x0), x0 + 0.7 * (x1 - x0))
        tip = y0 + (y1 - y0) * rng.uniform(0.3, 0.5)
        d.rounded_rectangle([tx - fw, tip, tx + fw, max(ys) + fw * 3], radius=fw, fill=skin)


def halftone(arr, box, period, angle):
    """Screen the document area as a printer would: a rotated dot pattern modulating ink."""
    h, w = arr.shape[:2]
    x0, y0, x1, y1 = [int(v) for v in box]
    x0, y0 = max(0, x0), max(0, y0)
    x1, y1 = min(w, x1), min(h, y1)
    yy, xx = np.mgrid[y0:y1, x0:x1]
    a = math.radians(angle)
    u = (xx * math.cos(a) + yy * math.sin(a)) * 2 * math.pi / period
    v = (-xx * math.sin(a) + yy * math.cos(a)) * 2 * math.pi / period
    dots = (np.cos(u) * np.cos(v) + 1) / 2  # 0..1
    region = arr[y0:y1, x0:x1]
    arr[y0:y1, x0:x1] = region * (0.62 + 0.38 * dots[:, :, None])
    return arr


def screen(rng, arr, box, s):
    """The document shown on a phone or monitor and photographed: the display's light (a
    lifted black, a blue cast), its pixel grid (red, green and blue stripes a few camera
    pixels wide, dark rows between pixels), and the moire of that grid against the
    camera's (a slow beat)."""
    h, w = arr.shape[:2]
    x0, y0, x1, y1 = [int(v) for v in box]
    x0, y0 = max(0, x0), max(0, y0)
    x1, y1 = min(w, x1), min(h, y1)
    yy, xx = np.mgrid[y0:y1, x0:x1]
    period = rng.uniform(3.0, 4.5) * max(1.0, s)
    a = math.radians(rng.uniform(-8, 8))
    u = (xx * math.cos(a) + yy * math.sin(a)) / period
    phase = (u % 1.0) * 3
    stripes = np.stack([(phase < 1), (phase >= 1) & (phase < 2), (phase >= 2)], axis=-1).astype(float)
    # the black matrix between the rows of pixels (as between their columns of subpixels):
    # a display's grid repeats in both directions
    rows = ((-xx * math.sin(a) + yy * math.cos(a)) / period) % 1.0
    stripes = stripes * np.where(rows < 0.22, 0.35, 1.0)[:, :, None]
    beat = 0.85 + 0.15 * np.cos(2 * math.pi * (xx / (period * rng.uniform(9, 15)) + yy / (period * rng.uniform(20, 40))))
    region = arr[y0:y1, x0:x1] * 0.8 + 30
    region = region * (0.55 + 0.45 * stripes * 1.6) * beat[:, :, None]
    region = region * np.array([0.92, 0.98, 1.08])[None, None, :]
    arr[y0:y1, x0:x1] = region
    return arr


# ---------------------------------------------------------------- scenes
VARIANTS = [
    # (name, weight, kinds, defects, expect)
    ("good", 22, "all", [], {}),
    ("mirror", 9, "front", ["mirror"], {"mirrored": "fail"}),
    ("blur", 9, "all", ["blur"], {"sharpness": "fail"}),
    ("glare", 9, "front", ["glare"], {"glare": "fail"}),
    ("cutoff", 9, "all", ["cutoff"], {"document": "fail"}),
    ("finger", 6, "front", ["finger"], {"covered_text": "warn"}),
    ("noface", 6, "selfie", ["noface"], {"faces": "fail"}),
    ("twofaces", 4, "selfie", ["twofaces"], {"faces": "fail"}),
    ("wrongname", 6, "selfie", ["wrongname"], {"memo": "fail"}),
    ("wrongdate", 6, "selfie", ["wrongdate"], {"memo": "fail"}),
    ("halftone", 6, "front", ["halftone"], {"screen_or_print": "warn"}),
    ("recompress", 4, "all", ["recompress"], {}),
    ("rotate", 4, "all", ["rotate"], {}),
    ("exifrotate", 4, "all", ["exifrotate"], {}),
    ("dark", 3, "all", ["dark"], {"exposure": "warn"}),
]


def scene(rng, face, size, kind, doc, defects, name, memo_name, request, date_text, holder=None, style=None):
    st = style or {}
    W, H = size
    s = W / 1600
    if held(st):
        s = max(W, H) / 1600
    arr = background(rng, W, H)
    canvas = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    info = {}
    if held(st):
        compose = compose_selfie_heldout if kind == "selfie" else compose_document_heldout
        corners, card, cinfo = compose(rng, canvas, face, size, doc, defects, name, memo_name, request,
                                       date_text, st, holder)
    else:
        corners, card, cinfo = compose_tune(rng, canvas, face, size, s, kind, doc, defects, name, memo_name,
                                            request, date_text, holder)
    text_box = map_box(corners, card.size, cinfo["text_box"])
    info["doc_corners"] = [[round(x, 1), round(y, 1)] for x, y in corners]
    info["text_box"] = [round(v, 1) for v in text_box]
    if holder is not None:  # only for --documents: labels.jsonl stays as it was
        info["mrz"] = cinfo.get("mrz")
    if "finger" in defects:
        finger(rng, canvas, corners, text_box)
    arr = np.array(canvas, float)
    camera = st.get("camera", "default")
    if camera in ("warm_wb", "cool_wb"):  # the scene's light; a reflection still clips to white
        if camera == "warm_wb":
            gains = (1.0, rng.uniform(0.90, 0.95), rng.uniform(0.76, 0.84))
        else:
            gains = (rng.uniform(0.78, 0.86), rng.uniform(0.90, 0.95), 1.0)
        arr = arr * np.array(gains)[None, None, :]
    if "glare" in defects:
        if st.get("glare", "hard") == "hard":
            arr = glare(rng, arr, text_box)
        else:
            arr = soft_glare(rng, arr, map_box(corners, card.size, cinfo["ink_box"]), corners,
                             st["glare"] == "soft_warm")
    doc_box = [min(c[0] for c in corners), min(c[1] for c in corners),
               max(c[0] for c in corners), max(c[1] for c in corners)]
    if "halftone" in defects:
        if st.get("print") == "screen":
            arr = screen(rng, arr, doc_box, s)
        else:
            arr = halftone(arr, doc_box, rng.uniform(5.2, 7.0) * s, rng.choice([45, 30, 60, 15]))
    img = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    if "blur" in defects and st.get("blur") == "document_only":
        # focus on the face: the document (and what is near it) soft, the rest sharp
        radius = rng.uniform(3.5, 6.0) * s
        W, H = img.size
        box = [int(max(0, doc_box[0] - 20 * s)), int(max(0, doc_box[1] - 20 * s)),
               int(min(W, doc_box[2] + 20 * s)), int(min(H, doc_box[3] + 20 * s))]
        img.paste(img.crop(box).filter(ImageFilter.GaussianBlur(radius)), box[:2])
        img = img.filter(ImageFilter.GaussianBlur(0.6 * s))
    elif "blur" in defects:
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(3.5, 6.0) * s))
    else:
        img = img.filter(ImageFilter.GaussianBlur(0.6 * s))  # a real lens is never perfect
    arr = noise(rng, np.array(img, float), rng.uniform(6.0, 10.0) if camera == "noisy" else 2.5)
    if "dark" in defects:
        arr = arr * rng.uniform(0.12, 0.18)
    img = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    if "mirror" in defects:
        img = img.transpose(Image.FLIP_LEFT_RIGHT)
    return img, info


def compose_tune(rng, canvas, face, size, s, kind, doc, defects, name, memo_name, request, date_text, holder):
    """The tune layout (the set's original one): person on the left, card top right, memo below
    it; a document photo centred."""
    W, H = size
    angle = rng.uniform(-4, 4) if "rotate" not in defects else rng.choice([-1, 1]) * rng.uniform(8, 12)
    if kind == "selfie":
        if "noface" not in defects:
            box = face.person
            person = face.img.crop(box)
            ph = int(0.64 * H)
            person = person.resize((int(person.size[0] * ph / (box[3] - box[1])), ph), Image.LANCZOS)
            canvas.paste(person, (int(0.02 * W), int(0.03 * H)))
            if "twofaces" in defects:
                p2 = person.resize((int(person.size[0] * 0.8), int(person.size[1] * 0.8)), Image.LANCZOS)
                canvas.paste(p2, (int(0.22 * W), int(0.36 * H)))
        cw = 0.36 if doc != "passport" else 0.38
        card, cinfo = make_card(rng, face, name, doc, cw * W / 1000, holder)
        cx = int(0.56 * W) if "twofaces" not in defects else int(0.60 * W)
        cy = int(0.06 * H)
        if "cutoff" in defects:
            cx = int(W - card.size[0] * rng.uniform(0.72, 0.85))
            cy = int(rng.choice([0.06 * H, -card.size[1] * rng.uniform(0.15, 0.3)]))
        corners = paste_rotated(canvas, card, cx, cy, angle)
        memo = make_memo(rng, request, memo_name, date_text, 0.38 * W / 700)
        mx, my = int(0.595 * W), int(0.66 * H)
        if "twofaces" in defects:
            mx = int(0.60 * W)
        paste_rotated(canvas, memo, mx, my, rng.uniform(-3, 3))
    else:
        cw = 0.78 if doc != "passport" else 0.74
        card, cinfo = make_card(rng, face, name, doc, cw * W / 1000, holder)
        a = math.radians(abs(angle))
        rw = card.size[0] * math.cos(a) + card.size[1] * math.sin(a)
        rh = card.size[0] * math.sin(a) + card.size[1] * math.cos(a)
        if rh > 0.96 * H:  # a large rotation must not cut the card off by accident
            f = 0.96 * H / rh
            card = card.resize((int(card.size[0] * f), int(card.size[1] * f)), Image.LANCZOS)
            cinfo["text_box"] = [v * f for v in cinfo["text_box"]]
            cinfo["ink_box"] = [v * f for v in cinfo["ink_box"]]
            rw, rh = rw * f, rh * f
        cx, cy = int((W - rw) / 2) + rng.randint(-int(20 * s), int(20 * s)), int((H - rh) / 2)
        if "cutoff" in defects:
            cx = int(W - card.size[0] * rng.uniform(0.80, 0.90))
        corners = paste_rotated(canvas, card, cx, cy, angle)
    return corners, card, cinfo


# ---------------------------------------------------------------- held-out layouts
def rot_size(w, h, angle):
    """Size of the box holding a w x h piece turned by `angle` degrees."""
    a = math.radians(abs(angle))
    return w * math.cos(a) + h * math.sin(a), w * math.sin(a) + h * math.cos(a)


def overlaps(a, b, gap=0.0):
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def shrink(card, cinfo, f):
    card = card.resize((int(card.size[0] * f), int(card.size[1] * f)), Image.LANCZOS)
    cinfo["text_box"] = [v * f for v in cinfo["text_box"]]
    cinfo["ink_box"] = [v * f for v in cinfo["ink_box"]]
    return card, cinfo


def held_angles(rng, layout, defects):
    """(card angle, memo angle) of a held-out layout."""
    if layout == "tilted" or "rotate" in defects:
        return rng.choice([-1, 1]) * rng.uniform(8, 20), rng.choice([-1, 1]) * rng.uniform(8, 20)
    if layout == "scattered":
        return rng.uniform(-12, 12), rng.uniform(-12, 12)
    return rng.uniform(-4, 4), rng.uniform(-3, 3)


def cut_position(rng, sides, rw, rh, W, H, x, y):
    """Top-left of the turned card's box moved so that it leaves the frame on `sides`:
    12-28 % of its width or height beyond an edge (10-22 % on each edge of a corner)."""
    lo, hi = (0.10, 0.22) if len(sides) == 2 else (0.12, 0.28)
    if "left" in sides:
        x = -rw * rng.uniform(lo, hi)
    if "right" in sides:
        x = W - rw * (1 - rng.uniform(lo, hi))
    if "top" in sides:
        y = -rh * rng.uniform(lo, hi)
    if "bottom" in sides:
        y = H - rh * (1 - rng.uniform(lo, hi))
    return x, y


def check_frame(corners, W, H, sides, what):
    """The label's promise about the frame: `what` is wholly inside it, except that on each
    side in `sides` it crosses that edge by a clear margin."""
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    margin = 0.05 * min(max(xs) - min(xs), max(ys) - min(ys))
    beyond = {"left": -min(xs), "right": max(xs) - W, "top": -min(ys), "bottom": max(ys) - H}
    for side, depth in beyond.items():
        if side in sides:
            assert depth > margin, (what, side, "not cut off", depth)
        else:
            assert depth < -1, (what, side, "cut off by accident", depth)


def compose_selfie_heldout(rng, canvas, face, size, doc, defects, name, memo_name, request, date_text, st, holder):
    """A held-out selfie: the person (on the left, or the right for person_right; at the top of
    a portrait frame), the card and the memo in the rest of the frame, neither over a face,
    the memo wholly in the frame, the card too unless the cutoff style says otherwise."""
    W, H = size
    layout = st["layout"]
    sides = set(st["cutoff"].split("_")) if "cutoff" in defects else set()
    tall = H > W
    m = 0.02 * min(W, H)
    box = face.person
    bw, bh = box[2] - box[0], box[3] - box[1]
    if tall:
        pw = W * rng.uniform(0.72, 0.86)
        ph = pw * bh / bw
    else:
        ph = H * (rng.uniform(0.55, 0.72) if layout == "scattered" else 0.64)
        pw = ph * bw / bh
    pw, ph = int(pw), int(ph)
    right = layout == "person_right"
    if tall:
        px = int(W - pw - m) if right else int((W - pw) / 2 + rng.uniform(-0.05, 0.05) * W)
        py = int(0.02 * H)
    else:
        px = int(W - pw - 0.02 * W) if right else int(0.02 * W)
        py = int(0.03 * H)
    k = pw / bw

    def head(x, y, k):
        f = face.face
        return [x + (f[0] - box[0]) * k, y + (f[1] - box[1]) * k, x + (f[2] - box[0]) * k, y + (f[3] - box[1]) * k]

    heads = [head(px, py, k)]  # kept clear even without a person, so the layout is the same
    if "noface" not in defects:
        person = face.img.crop(box).resize((pw, ph), Image.LANCZOS)
        canvas.paste(person, (px, py))
        if "twofaces" in defects:
            p2 = person.resize((int(pw * 0.8), int(ph * 0.8)), Image.LANCZOS)
            qx = int(0.22 * W) if not right else int(W - 0.22 * W - p2.size[0])
            qy = int(0.36 * H)
            canvas.paste(p2, (qx, qy))
            heads.append(head(qx, qy, k * 0.8))
    pad = 0.02 * min(W, H)
    if tall:
        region = [m, max(h[3] for h in heads) + pad, W - m, H - m]
    elif right:
        region = [m, m, min(h[0] for h in heads) - pad, H - m]
    else:
        region = [max(h[2] for h in heads) + pad, m, W - m, H - m]
    if tall:
        cw, mw = (0.50 if doc != "passport" else 0.52) * W, 0.46 * W
    else:
        cw, mw = (0.36 if doc != "passport" else 0.38) * W, 0.38 * W
    if layout == "scattered":
        cw, mw = cw * rng.uniform(0.85, 1.1), mw * rng.uniform(0.85, 1.1)
    card, cinfo = make_card(rng, face, name, doc, cw / 1000, holder, st.get("card_design"))
    memo = make_memo(rng, request, memo_name, date_text, mw * MEMO_PAPERS[st["memo_paper"]][3] / 700, st)
    angle, memo_angle = held_angles(rng, layout, defects)
    card_upper = "top" in sides or not (layout == "memo_above" or "bottom" in sides)
    guard = [[h[0] - pad, h[1] - pad, h[2] + pad, h[3] + pad] for h in heads]
    spread = 0.2 if layout == "scattered" else 0.08

    def spot(piece_box, upper):
        rw, rh = piece_box
        x = rng.uniform(region[0], max(region[0], region[2] - rw))
        y = region[1] + rng.uniform(0, spread) * H if upper else region[3] - rh - rng.uniform(0, spread) * H
        return x, y

    for attempt in range(80):
        if attempt and attempt % 20 == 0:  # does not fit: smaller card and memo
            card, cinfo = shrink(card, cinfo, 0.9)
            memo = memo.resize((int(memo.size[0] * 0.9), int(memo.size[1] * 0.9)), Image.LANCZOS)
        cr, mr = rot_size(*card.size, angle), rot_size(*memo.size, memo_angle)
        cx, cy = spot(cr, card_upper)
        cx, cy = cut_position(rng, sides, cr[0], cr[1], W, H, cx, cy)
        mx, my = spot(mr, not card_upper)
        cbox = [cx, cy, cx + cr[0], cy + cr[1]]
        mbox = [mx, my, mx + mr[0], my + mr[1]]
        inside = lambda b, cut=(): ((b[0] >= m or "left" in cut) and (b[2] <= W - m or "right" in cut)  # noqa: E731
                                    and (b[1] >= m or "top" in cut) and (b[3] <= H - m or "bottom" in cut))
        if (inside(cbox, sides) and inside(mbox) and not overlaps(cbox, mbox, m / 2)
                and not any(overlaps(b, g) for b in (cbox, mbox) for g in guard)):
            break
    else:
        raise RuntimeError("no room for the card and the memo (%s, %s)" % (layout, sorted(sides)))
    corners = paste_rotated(canvas, card, int(cx), int(cy), angle)
    check_frame(corners, W, H, sides, "card")
    mcorners = paste_rotated(canvas, memo, int(mx), int(my), memo_angle)
    check_frame(mcorners, W, H, (), "memo")
    return corners, card, cinfo


def compose_document_heldout(rng, canvas, face, size, doc, defects, name, memo_name, request, date_text, st, holder):
    """A held-out document photo: the document turned 8-20 degrees (tilted) or smaller and
    anywhere (scattered); wholly in the frame unless the cutoff style says otherwise."""
    W, H = size
    layout = st["layout"]
    sides = set(st["cutoff"].split("_")) if "cutoff" in defects else set()
    m = 0.02 * min(W, H)
    cw = 0.78 if doc != "passport" else 0.74
    if layout == "scattered":
        cw *= rng.uniform(0.62, 0.90)
    angle, _ = held_angles(rng, layout, defects)
    card, cinfo = make_card(rng, face, name, doc, cw * W / 1000, holder, st.get("card_design"))
    rw, rh = rot_size(*card.size, angle)
    f = min(1.0, 0.94 * H / rh, 0.94 * W / rw)
    if f < 1.0:  # a large rotation must not cut the card off by accident
        card, cinfo = shrink(card, cinfo, f)
        rw, rh = rot_size(*card.size, angle)
    if layout == "scattered":
        x, y = rng.uniform(m, W - rw - m), rng.uniform(m, H - rh - m)
    else:
        x = (W - rw) / 2 + rng.uniform(-1, 1) * min(0.03 * W, (W - rw) / 2 - m)
        y = (H - rh) / 2 + rng.uniform(-1, 1) * min(0.03 * H, (H - rh) / 2 - m)
    x, y = cut_position(rng, sides, rw, rh, W, H, x, y)
    corners = paste_rotated(canvas, card, int(x), int(y), angle)
    check_frame(corners, W, H, sides, "card")
    return corners, card, cinfo


def encode(rng, img, defects, camera="default"):
    buf = io.BytesIO()
    if "exifrotate" in defects:
        # Store the pixels turned and say so in EXIF: the checker must turn them back.
        orientation = rng.choice([6, 8, 3])
        stored = {6: img.transpose(Image.ROTATE_90), 8: img.transpose(Image.ROTATE_270),
                  3: img.transpose(Image.ROTATE_180)}[orientation]
        exif = Image.Exif()
        exif[0x0112] = orientation
        exif[0x010F] = "keydesk-testset"
        stored.save(buf, "JPEG", quality=90 if camera != "jpeg_low" else rng.randint(60, 80), exif=exif.tobytes())
    elif "recompress" in defects:
        img.save(buf, "JPEG", quality=rng.randint(6, 10))
    elif camera == "jpeg_low":
        img.save(buf, "JPEG", quality=rng.randint(60, 80))
    else:
        img.save(buf, "JPEG", quality=rng.randint(85, 93))
    return buf.getvalue()


class Rng:
    """One object offering both random.Random and numpy's normal(), from one seed."""

    def __init__(self, seed):
        self.py = random.Random(seed)
        self.np = np.random.default_rng(seed)

    def __getattr__(self, k):
        return getattr(self.py, k)

    def normal(self, *args):
        return self.np.normal(*args)


# ---------------------------------------------------------------- --documents
YAMADA_HANAKO = {"surname": "YAMADA", "given": "HANAKO", "dob": "1990-04-01", "sex": "F"}
DOCUMENT_SET = [
    # (file, card kind for make_card, document, side, person: the fields make_card prints)
    ("passport-valid.jpg", "passport", "passport", "photo_page",
     dict(YAMADA_HANAKO, expiry="2031-04-01", number="TK1234567")),
    ("passport-expired.jpg", "passport", "passport", "photo_page",
     dict(YAMADA_HANAKO, expiry="2024-01-31", number="TK1234567")),
    # the date of birth's check digit (line 2, index 19) wrong, hence the composite too
    ("passport-bad-check-digit.jpg", "passport", "passport", "photo_page",
     dict(YAMADA_HANAKO, expiry="2031-04-01", number="TK1234567", wrong=("dob",))),
    ("passport-other-name.jpg", "passport", "passport", "photo_page",
     {"surname": "SATO", "given": "TARO", "dob": "1985-07-15", "sex": "M",
      "expiry": "2030-10-01", "number": "TK7654321"}),
    ("license-front.jpg", "card", "drivers_license", "front",
     dict(YAMADA_HANAKO, expiry="2029-05-01", title="DRIVER LICENSE  運転免許証")),
    # the back (address change, remarks) of the same license: no name printed on it
    ("license-back.jpg", "back", "drivers_license", "back", dict(YAMADA_HANAKO, expiry="2029-05-01")),
    # a side showing the current address, as drawn for kind address-side
    ("address-side.jpg", "back", "address", "address_side", {"surname": "YAMADA", "given": "HANAKO"}),
]
PHOTO_KIND = {"photo_page": "document-front", "front": "document-front", "back": "document-back",
              "address_side": "address-side"}


def mrz_valid(lines):
    """Whether a TD3 MRZ's five check digits (number, birth, expiry, personal, composite) hold."""
    l2 = lines[1]
    fields = [(0, 9), (13, 19), (21, 27), (28, 42)]
    if any(mrz_check_digit(l2[a:b]) != l2[b] for a, b in fields):
        return False
    return mrz_check_digit(l2[0:10] + l2[13:20] + l2[21:43]) == l2[43]


def write_documents(out, face, size, seed):
    """DOCUMENT_SET as clean photos (the document alone, flat, sharp, no defect) and
    out/documents.json: file -> document, side, surname, given, date_of_birth, expiry,
    mrz ([line 1, line 2] or null), mrz_valid (false when there is no MRZ)."""
    described = {}
    for i, (fname, card_kind, document, side, person) in enumerate(DOCUMENT_SET):
        r = Rng(seed * 1000 + i)  # each photo on its own: changing one leaves the others
        name = person["surname"] + " " + person["given"]
        img, info = scene(r, face, size, PHOTO_KIND[side], card_kind, [], name, name, None, None,
                          holder=person)
        with open(os.path.join(out, fname), "wb") as f:
            f.write(encode(r, img, []))
        mrz = list(info["mrz"]) if info.get("mrz") else None
        described[fname] = {"document": document, "side": side, "surname": person.get("surname"),
                            "given": person.get("given"), "date_of_birth": person.get("dob"),
                            "expiry": person.get("expiry"), "mrz": mrz,
                            "mrz_valid": mrz is not None and mrz_valid(mrz)}
    with open(os.path.join(out, "documents.json"), "w") as f:
        json.dump(described, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print("wrote %d document photos and documents.json to %s" % (len(described), out))


# the document a --selfie holds: its DOCUMENT_SET entry, by file
SELFIE_DOCUMENT = {"passport": "passport-valid.jpg"}
# --selfie's default seed: one whose memo the pre-check reads whole (no warning) in Japanese
# and in English, for every date tried (seed 42's Japanese request line reads as unreadable)
SELFIE_SEED = 5


def write_selfie(out, face, size, seed, document, name, request, date):
    """One clean ID selfie at `out`: the tune scene of a "good" selfie (the layout and styles
    the pre-check is tuned on), holding the DOCUMENT_SET entry SELFIE_DOCUMENT[document] and a
    memo reading `request`, `name` and `date`, each exactly as given."""
    entry = next(e for e in DOCUMENT_SET if e[0] == SELFIE_DOCUMENT[document])
    _, card_kind, _, _, person = entry
    r = Rng(seed)
    holder_name = person["surname"] + " " + person["given"]
    img, info = scene(r, face, size, "selfie", card_kind, [], holder_name, name, request, date,
                      holder=person)
    with open(out, "wb") as f:
        f.write(encode(r, img, []))
    assert info["mrz"] and mrz_valid(info["mrz"]), info["mrz"]
    print("wrote a selfie holding %s (%s) to %s" % (SELFIE_DOCUMENT[document], holder_name, out))


# ---------------------------------------------------------------- styles of an image
def axes_of(kind, doc, defects, variety=2):
    """The axes of STYLES that shape an image of this kind, document and defects."""
    axes = {"layout", "camera"}
    if variety >= 2:
        if doc == "card":
            axes.add("card_design")
        if kind == "selfie" and "wrongname" in defects:
            axes.add("wrong_name")
        if kind == "selfie" and "wrongdate" in defects:
            axes.add("wrong_date")
        if "blur" in defects:
            axes.add("blur")
        if "halftone" in defects:
            axes.add("print")
    if doc != "back":  # a card front or passport page carries the portrait
        axes.add("face")
    if kind == "selfie":
        axes |= {"memo_font", "memo_ink", "memo_paper", "memo_lines", "memo_date"}
    if "glare" in defects:
        axes.add("glare")
    if "cutoff" in defects:
        axes.add("cutoff")
    return [ax for ax in STYLES if ax in axes]


class StyleDraw:
    """Held-out values drawn from shuffled decks, one per axis, so that a short set still
    shows every value; seeded apart from the scene's generator."""

    def __init__(self, seed, variety=2):
        self.rng = random.Random("photocheck-styles-%d" % seed)
        self.decks = {}
        self.variety = variety
        # the axes of variety 2 draw from their own generator: the earlier axes' draws stay
        self.later = random.Random("photocheck-styles-v2-%d" % seed)
        self.later_decks = {}

    def draw_later(self, axis):
        deck = self.later_decks.setdefault(axis, [])
        if not deck:
            deck.extend(STYLES[axis]["heldout"])
            self.later.shuffle(deck)
        return deck.pop()

    def draw(self, axis, allowed=None):
        values = STYLES[axis]["heldout"]
        allowed = [v for v in values if allowed is None or v in allowed]
        assert allowed, axis
        deck = self.decks.setdefault(axis, [])
        while True:
            for i, v in enumerate(deck):
                if v in allowed:
                    return deck.pop(i)
            fresh = list(values)
            self.rng.shuffle(fresh)
            deck.extend(fresh)

    def heldout(self, kind, doc, defects):
        """One image's held-out style; values that cannot go together are not drawn together
        (a card cut off on the left needs the person on the right, a card cut off at the top
        of a portrait frame would cover the face, ...)."""
        axes = axes_of(kind, doc, defects, self.variety)
        style = {}
        sides = set()
        if "cutoff" in axes:
            style["cutoff"] = self.draw("cutoff")
            sides = set(style["cutoff"].split("_"))
        if kind != "selfie":
            layouts = ["tilted", "scattered"]
        elif "left" in sides:
            layouts = ["person_right"]
        else:
            layouts = [v for v in STYLES["layout"]["heldout"]
                       if not ("right" in sides and v == "person_right") and not ("top" in sides and v == "memo_above")]
        style["layout"] = self.draw("layout", layouts)
        cameras = None
        if kind == "selfie" and ("twofaces" in defects or "top" in sides):
            cameras = [v for v in STYLES["camera"]["heldout"] if v != "phone_portrait"]
        style["camera"] = self.draw("camera", cameras)
        for ax in axes:
            if ax not in style and ax not in VARIETY_2_AXES:
                style[ax] = self.draw(ax)
        for ax in axes:
            if ax in VARIETY_2_AXES:
                style[ax] = self.draw_later(ax)
        return {ax: style[ax] for ax in axes}


def load_faces(face_path, keys):
    """The FACES named in `keys`; the astronaut from `face_path`, the others beside it."""
    faces = {}
    for key in keys:
        path = face_path if key == "astronaut" else os.path.join(os.path.dirname(face_path), FACES[key]["file"])
        if not os.path.exists(path):
            sys.exit("no face photo at %s: run scripts/photocheck-setup.sh first" % path)
        faces[key] = Face(key, Image.open(path).convert("RGB"))
    return faces


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=None, help="default 42 (SELFIE_SEED for --selfie)")
    ap.add_argument("--out", required=True, help="a directory (a file for --selfie)")
    ap.add_argument("--count", type=int, default=330)
    ap.add_argument("--size", default="1600x1200")
    ap.add_argument("--face", default=None, help="astronaut.png (default: $PHOTOCHECK_FACE or target-photocheck/face/astronaut.png); the other faces are read from beside it")
    ap.add_argument("--only", default=None, help="comma-separated variant names")
    ap.add_argument("--date", default=None, help="YYYY-MM-DD on every memo (e.g. today, for product tests)")
    ap.add_argument("--request", default=None, help="request text on every memo")
    ap.add_argument("--split", choices=["tune", "heldout", "both"], default="tune",
                    help="styles to draw from (STYLES): tune (default, the original set), heldout, or both (half each)")
    ap.add_argument("--variety", type=int, choices=[1, 2], default=2,
                    help="1: the styles of the sets made before 2026-12-04 (seeds up to 1010), byte for byte; "
                         "2 (default): also card designs, ways a memo is wrong, partial blur and screens")
    ap.add_argument("--documents", action="store_true",
                    help="write the fixed set of clean document photos (DOCUMENT_SET) and documents.json instead")
    ap.add_argument("--selfie", action="store_true",
                    help="write one clean ID selfie to --out (a .jpg) instead; needs --name, --request and --date")
    ap.add_argument("--name", default=None, help="--selfie: the name on the memo")
    ap.add_argument("--document", choices=sorted(SELFIE_DOCUMENT), default="passport",
                    help="--selfie: the document held")
    a = ap.parse_args()
    if a.selfie and not (a.name and a.request and a.date):
        ap.error("--selfie needs --name, --request and --date")
    if a.seed is None:
        a.seed = SELFIE_SEED if a.selfie else 42
    face_path = a.face or os.environ.get("PHOTOCHECK_FACE") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "target-photocheck", "face", "astronaut.png")
    faces = load_faces(face_path, ["astronaut"] + (STYLES["face"]["heldout"] if a.split != "tune" else []))
    W, H = [int(v) for v in a.size.split("x")]
    if a.selfie:
        os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
        write_selfie(a.out, faces["astronaut"], (W, H), a.seed, a.document, a.name, a.request, a.date)
        return
    os.makedirs(a.out, exist_ok=True)
    if a.documents:
        write_documents(a.out, faces["astronaut"], (W, H), a.seed)
        return
    r = Rng(a.seed)
    styles = StyleDraw(a.seed, a.variety)
    variants = [v for v in VARIANTS if a.only is None or v[0] in a.only.split(",")]
    # the sequence of variants is fixed: round-robin by weight, so any prefix is balanced
    order = []
    total = sum(v[1] for v in variants)
    for i in range(a.count):
        acc = (i * 37) % total  # 37 is coprime with the weights' total
        for v in variants:
            if acc < v[1]:
                order.append(v)
                break
            acc -= v[1]
    # --split both: each variant's images alternate tune / held-out, from a seeded start
    first_held = {v[0]: styles.rng.random() < 0.5 for v in variants}
    seen = {}
    labels = []
    for i, (vname, _, kinds, defects, expect) in enumerate(order):
        n = seen[vname] = seen.get(vname, -1) + 1
        split = a.split if a.split != "both" else ("heldout" if (n % 2 == 0) == first_held[vname] else "tune")
        if kinds == "selfie":
            kind = "selfie"
        elif kinds == "front":
            kind = r.choice(["selfie", "selfie", "document-front"])
        else:
            kind = r.choice(["selfie", "selfie", "document-front", "address-side"])
        doc = "back" if kind == "address-side" else r.choice(["card", "card", "passport"])
        if split == "heldout":
            style = styles.heldout(kind, doc, defects)
        else:
            style = {ax: STYLES[ax]["tune"][0] for ax in axes_of(kind, doc, defects, 1)}
        name = r.choice(NAMES)
        memo_name = name
        if "wrongname" in defects:
            memo_name = r.choice([n for n in NAMES if n != name])
        y, m, d = 2026, r.randint(1, 12), r.randint(1, 28)
        if a.date:  # drawn above all the same, so the rest of the set does not change
            y, m, d = [int(v) for v in a.date.split("-")]
        date = "%04d-%02d-%02d" % (y, m, d)
        shown = (y, m, d)
        if split == "heldout":
            if "wrongdate" in defects:
                shown = wrong_day(r, y, m, d)
            date_text = memo_date_text(r, style["memo_date"], *shown) if kind == "selfie" else None
        else:
            if "wrongdate" in defects:
                shown = (y, m, d + r.choice([-3, -2, 2, 3, 5])) if d > 5 else (y, m, d + 7)
            date_text = r.choice(["%04d-%02d-%02d", "%04d/%02d/%02d", "%04d.%02d.%02d"]) % shown
        request = REQUEST_JA if r.random() < 0.35 else REQUESTS_EN
        if a.request:
            request = a.request
        on_file = name
        if split == "heldout" and kind == "selfie":  # variety 2: drawn apart, see StyleDraw
            later = random.Random("photocheck-memo-v2-%d-%d" % (a.seed, i))
            how = style.get("wrong_name")
            if how == "one_letter":
                memo_name = one_letter_off(later, name)
            elif how == "romanised":
                memo_name, on_file = name, KANJI_NAMES[name]
            elif how == "missing_name":
                memo_name = None
            how = style.get("wrong_date")
            if how == "last_year":
                date_text = memo_date_text(later, style["memo_date"], y - 1, m, d)
            elif how == "missing_date":
                date_text = None
        size = (1080, 1440) if style.get("camera") == "phone_portrait" else (W, H)
        face = faces[style.get("face", "astronaut")]
        img, info = scene(r, face, size, kind, doc, defects, name, memo_name, request, date_text,
                          style=dict(style, split=split))
        data = encode(r, img, defects, style.get("camera", "default"))
        fname = "%04d-%s-%s.jpg" % (i, vname, kind)
        with open(os.path.join(a.out, fname), "wb") as f:
            f.write(data)
        exp = dict(expect)
        if kind != "selfie":
            exp.pop("memo", None)
            exp.pop("faces", None)
        labels.append({"file": fname, "variant": vname, "kind": kind, "document": doc, "name": on_file,
                       "request": request if kind == "selfie" else None,
                       "date": date if kind == "selfie" else None,
                       "defects": defects, "expect": exp, **info, "split": split, "style": style})
    with open(os.path.join(a.out, "labels.jsonl"), "w") as f:
        for l in labels:
            f.write(json.dumps(l, ensure_ascii=False) + "\n")
    print("wrote %d images to %s" % (len(labels), a.out))


if __name__ == "__main__":
    main()
