#!/usr/bin/env python3
"""Generate keydesk-photocheck's labelled test set, deterministically from a seed.

    python3 scripts/photocheck-gen-testset.py --seed 42 --out target-photocheck/testset \
        [--count 330] [--size 1600x1200] [--face PATH/astronaut.png]
    python3 scripts/photocheck-gen-testset.py --documents --out DIR [--face PATH] [--seed N]

Writes DIR/NNNN-<variant>.jpg and DIR/labels.jsonl (one JSON object per image:
file, kind, name, request, dates, defects, expect).  `expect` maps a check name to the
status the checker should give ("fail" = must block, "warn" = advisory, "pass").

Scenes: ID cards and passport data pages (MRZ with valid ICAO 9303 check digits in
OCR-B), memos in handwriting-like fonts (Humor Sans, Klee One), and scikit-image's
public-domain `astronaut.png` (taken from the scikit-image wheel by
scripts/photocheck-setup.sh; never committed) as the person and the card portrait.
Defects are applied in code: mirror, blur, glare over text, cut-off, finger over text,
no face, two faces, wrong name, wrong date, halftone print, heavy recompression,
rotation (pixels and EXIF orientation), underexposure.

--documents writes instead a fixed, small set of clean document photos (no defect: the
pre-check must not block them) for the identity-verification tests, the fields of each
given in DOCUMENT_SET, and DIR/documents.json describing them (see write_documents).

Needs Pillow and numpy (crates/photocheck/requirements.txt) and the Debian fonts in
crates/photocheck/apt-packages.txt.
"""
import argparse
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
SURNAMES_ONLY = ["MORI", "ABE", "IKEDA", "HASHIMOTO", "ISHIKAWA", "OGAWA"]
REQUESTS_EN = "2FA reset"
REQUEST_JA = "二段階認証解除"
CARD_COLOURS = [(206, 226, 240), (214, 236, 214), (226, 220, 242), (232, 236, 210)]
STREETS = ["Chiyoda", "Minato", "Shibuya", "Shinjuku", "Meguro", "Setagaya"]


def font(key, size):
    path = os.path.join(FONT_DIRS[0], FONTS[key])
    return ImageFont.truetype(path, size)


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


def portrait_crop(face_img, size):
    """The astronaut's head and shoulders for the card portrait."""
    crop = face_img.crop((140, 30, 310, 250))
    return crop.resize(size, Image.LANCZOS)


def make_card(rng, face_img, name, kind, scale, holder=None):
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
        card.paste(portrait_crop(face_img, (int(250 * s), int(320 * s))), (int(30 * s), int(100 * s)))
        number = p.get("number", "TR%07d" % rng.randint(0, 9999999))  # (drawn even if given)
        expiry = p.get("expiry", "2031-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28)))
        fields = [("Type / Country", "P   JPN"), ("Passport No.", number), ("Surname", surname),
                  ("Given name", given), ("Date of birth", dob), ("Date of expiry", expiry)]
        y = int(95 * s)
        for label, value in fields:
            d.text((int(310 * s), y), label, font=font("sans", int(20 * s)), fill=(90, 80, 80))
            d.text((int(310 * s), y + int(22 * s)), value, font=font("sans_bold", int(30 * s)),
                   fill=(20, 20, 30))
            y += int(58 * s)
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
                      "mrz": [l1, l2]}
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
        return card, {"text_box": [int(30 * s), int(100 * s), w - int(30 * s), y]}
    title = p.get("title", rng.choice(["DRIVER LICENSE  運転免許証", "IDENTITY CARD  個人番号カード"]))
    d.text((int(30 * s), int(14 * s)), title, font=font("cjk", int(42 * s)), fill=(250, 250, 250))
    card.paste(portrait_crop(face_img, (int(240 * s), int(300 * s))), (int(30 * s), int(110 * s)))
    fields = [("Name", name), ("Date of birth", dob),
              ("Address", "%d-%d-%d %s, Tokyo" % (rng.randint(1, 9), rng.randint(1, 20),
                                                 rng.randint(1, 30), rng.choice(STREETS))),
              ("Number", "%012d" % rng.randint(0, 10 ** 12 - 1)),
              ("Valid until", p.get("expiry", "2030-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28))))]
    y = int(105 * s)
    for label, value in fields:
        d.text((int(300 * s), y), label, font=font("sans", int(22 * s)), fill=(70, 70, 80))
        d.text((int(300 * s), y + int(24 * s)), value, font=font("sans_bold", int(32 * s)),
               fill=(20, 20, 30))
        y += int(66 * s)
    # a red seal, as on Japanese documents
    cx, cy, r = w - int(90 * s), h - int(90 * s), int(48 * s)
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=(200, 40, 40), width=max(2, int(5 * s)))
    d.text((cx - int(30 * s), cy - int(22 * s)), "公安", font=font("cjk", int(30 * s)), fill=(200, 40, 40))
    return card, {"text_box": [int(290 * s), int(100 * s), w - int(20 * s), y]}


def make_memo(rng, request, name, date_text, scale):
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


def scene(rng, face_img, size, kind, doc, defects, name, memo_name, request, date_text, holder=None):
    W, H = size
    s = W / 1600
    arr = background(rng, W, H)
    canvas = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    info = {}
    angle = rng.uniform(-4, 4) if "rotate" not in defects else rng.choice([-1, 1]) * rng.uniform(8, 12)
    if kind == "selfie":
        if "noface" not in defects:
            person = face_img.crop((20, 0, 500, 420))
            ph = int(0.64 * H)
            person = person.resize((int(person.size[0] * ph / 420), ph), Image.LANCZOS)
            canvas.paste(person, (int(0.02 * W), int(0.03 * H)))
            if "twofaces" in defects:
                p2 = person.resize((int(person.size[0] * 0.8), int(person.size[1] * 0.8)), Image.LANCZOS)
                canvas.paste(p2, (int(0.22 * W), int(0.36 * H)))
        cw = 0.36 if doc != "passport" else 0.38
        card, cinfo = make_card(rng, face_img, name, doc, cw * W / 1000, holder)
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
        card, cinfo = make_card(rng, face_img, name, doc, cw * W / 1000, holder)
        a = math.radians(abs(angle))
        rw = card.size[0] * math.cos(a) + card.size[1] * math.sin(a)
        rh = card.size[0] * math.sin(a) + card.size[1] * math.cos(a)
        if rh > 0.96 * H:  # a large rotation must not cut the card off by accident
            f = 0.96 * H / rh
            card = card.resize((int(card.size[0] * f), int(card.size[1] * f)), Image.LANCZOS)
            cinfo["text_box"] = [v * f for v in cinfo["text_box"]]
            rw, rh = rw * f, rh * f
        cx, cy = int((W - rw) / 2) + rng.randint(-int(20 * s), int(20 * s)), int((H - rh) / 2)
        if "cutoff" in defects:
            cx = int(W - card.size[0] * rng.uniform(0.80, 0.90))
        corners = paste_rotated(canvas, card, cx, cy, angle)
    text_box = map_box(corners, card.size, cinfo["text_box"])
    info["doc_corners"] = [[round(x, 1), round(y, 1)] for x, y in corners]
    info["text_box"] = [round(v, 1) for v in text_box]
    if holder is not None:  # only for --documents: labels.jsonl stays as it was
        info["mrz"] = cinfo.get("mrz")
    if "finger" in defects:
        finger(rng, canvas, corners, text_box)
    arr = np.array(canvas, float)
    if "glare" in defects:
        arr = glare(rng, arr, text_box)
    if "halftone" in defects:
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        arr = halftone(arr, [min(xs), min(ys), max(xs), max(ys)], rng.uniform(5.2, 7.0) * s, rng.choice([45, 30, 60, 15]))
    img = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    if "blur" in defects:
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(3.5, 6.0) * s))
    else:
        img = img.filter(ImageFilter.GaussianBlur(0.6 * s))  # a real lens is never perfect
    arr = noise(rng, np.array(img, float), 2.5)
    if "dark" in defects:
        arr = arr * rng.uniform(0.12, 0.18)
    img = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    if "mirror" in defects:
        img = img.transpose(Image.FLIP_LEFT_RIGHT)
    return img, info


def encode(rng, img, defects):
    buf = io.BytesIO()
    if "exifrotate" in defects:
        # Store the pixels turned and say so in EXIF: the checker must turn them back.
        orientation = rng.choice([6, 8, 3])
        stored = {6: img.transpose(Image.ROTATE_90), 8: img.transpose(Image.ROTATE_270),
                  3: img.transpose(Image.ROTATE_180)}[orientation]
        exif = Image.Exif()
        exif[0x0112] = orientation
        exif[0x010F] = "keydesk-testset"
        stored.save(buf, "JPEG", quality=90, exif=exif.tobytes())
    elif "recompress" in defects:
        img.save(buf, "JPEG", quality=rng.randint(6, 10))
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


def write_documents(out, face_img, size, seed):
    """DOCUMENT_SET as clean photos (the document alone, flat, sharp, no defect) and
    out/documents.json: file -> document, side, surname, given, date_of_birth, expiry,
    mrz ([line 1, line 2] or null), mrz_valid (false when there is no MRZ)."""
    described = {}
    for i, (fname, card_kind, document, side, person) in enumerate(DOCUMENT_SET):
        r = Rng(seed * 1000 + i)  # each photo on its own: changing one leaves the others
        name = person["surname"] + " " + person["given"]
        img, info = scene(r, face_img, size, PHOTO_KIND[side], card_kind, [], name, name, None, None,
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=330)
    ap.add_argument("--size", default="1600x1200")
    ap.add_argument("--face", default=None, help="astronaut.png (default: $PHOTOCHECK_FACE or target-photocheck/face/astronaut.png)")
    ap.add_argument("--only", default=None, help="comma-separated variant names")
    ap.add_argument("--date", default=None, help="YYYY-MM-DD on every memo (e.g. today, for product tests)")
    ap.add_argument("--request", default=None, help="request text on every memo")
    ap.add_argument("--documents", action="store_true",
                    help="write the fixed set of clean document photos (DOCUMENT_SET) and documents.json instead")
    a = ap.parse_args()
    face_path = a.face or os.environ.get("PHOTOCHECK_FACE") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "target-photocheck", "face", "astronaut.png")
    if not os.path.exists(face_path):
        sys.exit("no face photo at %s: run scripts/photocheck-setup.sh first" % face_path)
    face_img = Image.open(face_path).convert("RGB")
    W, H = [int(v) for v in a.size.split("x")]
    os.makedirs(a.out, exist_ok=True)
    if a.documents:
        write_documents(a.out, face_img, (W, H), a.seed)
        return
    r = Rng(a.seed)
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
    labels = []
    for i, (vname, _, kinds, defects, expect) in enumerate(order):
        if kinds == "selfie":
            kind = "selfie"
        elif kinds == "front":
            kind = r.choice(["selfie", "selfie", "document-front"])
        else:
            kind = r.choice(["selfie", "selfie", "document-front", "address-side"])
        doc = "back" if kind == "address-side" else r.choice(["card", "card", "passport"])
        name = r.choice(NAMES)
        memo_name = name
        if "wrongname" in defects:
            memo_name = r.choice([n for n in NAMES if n != name])
        y, m, d = 2026, r.randint(1, 12), r.randint(1, 28)
        if a.date:  # drawn above all the same, so the rest of the set does not change
            y, m, d = [int(v) for v in a.date.split("-")]
        date = "%04d-%02d-%02d" % (y, m, d)
        shown = (y, m, d)
        if "wrongdate" in defects:
            shown = (y, m, d + r.choice([-3, -2, 2, 3, 5])) if d > 5 else (y, m, d + 7)
        date_text = r.choice(["%04d-%02d-%02d", "%04d/%02d/%02d", "%04d.%02d.%02d"]) % shown
        request = REQUEST_JA if r.random() < 0.35 else REQUESTS_EN
        if a.request:
            request = a.request
        img, info = scene(r, face_img, (W, H), kind, doc, defects, name, memo_name, request, date_text)
        data = encode(r, img, defects)
        fname = "%04d-%s-%s.jpg" % (i, vname, kind)
        with open(os.path.join(a.out, fname), "wb") as f:
            f.write(data)
        exp = dict(expect)
        if kind != "selfie":
            exp.pop("memo", None)
            exp.pop("faces", None)
        labels.append({"file": fname, "variant": vname, "kind": kind, "document": doc, "name": name,
                       "request": request if kind == "selfie" else None,
                       "date": date if kind == "selfie" else None,
                       "defects": defects, "expect": exp, **info})
    with open(os.path.join(a.out, "labels.jsonl"), "w") as f:
        for l in labels:
            f.write(json.dumps(l, ensure_ascii=False) + "\n")
    print("wrote %d images to %s" % (len(labels), a.out))


if __name__ == "__main__":
    main()
