//! The checks that read text with Tesseract: mirrored, MRZ, memo.
//!
//! Mirrored is decided from text, never from faces (a face looks the same either way):
//! the document is warped upright to [`DOC_OCR_WIDTH`] px and read as is; unless that
//! reading is already plausible (score ≥ [`PLAUSIBLE`]), its horizontal flip is read too.
//! Plausibility counts dictionary words (document vocabulary and the name on file),
//! dates and long numbers, weighted by Tesseract's confidence, plus a bonus for an MRZ
//! whose check digits add up (see `text::plausibility`). The photo is mirrored when
//! the flipped reading scores at least [`MIRROR_MIN`] and [`MIRROR_RATIO`] times the
//! direct one; it is correct when the direct one scores at least [`UPRIGHT_MIN`] and
//! more than the flipped one; otherwise the finding warns `mirror_undetermined`.

use std::cell::OnceCell;
use tesseract::PageSegMode;

use super::document::Quad;
use super::{to_region, Layout};
use crate::intake::Photo;
use crate::raster::{laplacian_variance, warp_quad, Gray, Working};
use crate::text::{
    fuzzy_contains, loose_dates_in, name_similarity, normalise, plausibility, read_dates,
    word_similarity,
};
use crate::verify::{date_evidence, holds_year, name_distance, DateEvidence};
use crate::{mrz, ocr, Check, Expected, Finding, PhotoKind, Reason, Skipped, Status};

pub(crate) const DOC_OCR_WIDTH: usize = 1100;
const MEMO_OCR_WIDTH: usize = 700;
pub(crate) const PLAUSIBLE: f64 = 8.0;
pub(crate) const UPRIGHT_MIN: f64 = 3.0;
pub(crate) const MIRROR_MIN: f64 = 4.0;
pub(crate) const MIRROR_RATIO: f64 = 2.0;
const MRZ_BONUS: f64 = 6.0;
const MRZ_ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";
/// Memo: a line matches the request / name when its similarity reaches this.
pub(crate) const MEMO_MATCH: f64 = 0.70;
/// A memo line read with at least this mean confidence counts as read confidently.
pub(crate) const MEMO_CONFIDENT: f32 = 70.0;
/// ... and a confidently read line below this similarity is a different text.
pub(crate) const MEMO_MISMATCH: f64 = 0.45;
/// A whole other line counts as another name when its mean confidence reaches this,
pub(crate) const MEMO_NAME_LINE_CONFIDENT: f32 = 75.0;
/// every word on it reaches this,
pub(crate) const MEMO_NAME_WORD_MIN: f32 = 70.0;
/// and its similarity to the name (either order) stays below this.
pub(crate) const MEMO_NAME_LINE_MISMATCH: f64 = 0.65;
/// Or, with a mean confidence of at least this, when its similarity to the name is
pub(crate) const MEMO_NAME_LINE_FAIR: f32 = 70.0;
/// below this (nothing alike: a misread true name keeps half its letters).
pub(crate) const MEMO_NAME_LINE_UNLIKE: f64 = 0.35;
/// A line this similar to the request text is the request, however badly read.
pub(crate) const MEMO_REQUEST_LIKE: f64 = 0.4;
/// A word of another name counts when Tesseract is at least this sure of it.
pub(crate) const MEMO_NAME_WORD_CONFIDENT: f32 = 80.0;
/// A date whose least sure digit-bearing word was read with at least this confidence,
/// and whose month/day differ from every expected date in a digit read as a digit (not
/// mapped from a letter), is a wrong date.
pub(crate) const MEMO_DATE_CONFIDENT: f32 = 60.0;

/// Targeted re-reading of the memo, line by line (see `crate::verify`).
/// At most this many lines are read one by one (a memo holds three).
const MEMO_MAX_LINES: usize = 6;
/// White frame around a line crop, px.
const LINE_FRAME: usize = 15;
/// Paper between glyphs of the re-spaced date line, as a share of the line's height.
const DATE_RESPACE_GAP: f64 = 0.2;
/// The readings that may only veto a contradiction: re-spaced more tightly, and scaled
/// down to this height (px, margins included: capitals of about 40 px in the memo plane
/// become about 20 px, the low end of the x-height Tesseract reads best).
const DATE_VETO_GAP: f64 = 0.12;
const DATE_VETO_HEIGHT: usize = 40;
/// A line at least this far from the expected name (sure glyphs the name cannot account
/// for, see `verify::name_distance`) shows another name. Right names read line by line
/// came out at ≤ 1 on the generated memos (2 before punctuation was discounted); the
/// closest pair of different names in the set (SATO YUKI / KATO YUNA) is 3 apart.
const MEMO_NAME_DISTANCE: usize = 3;

/// The memo plane must be at least this sharp (Laplacian variance, as the sharpness
/// check measures it) for the glyph-level verification: on the generated sets blurred
/// memos measure 7–50 and sharp ones (also dark or JPEG quality 6–10) ≥ 261.
const MEMO_SHARP_MIN: f64 = 120.0;

/// One line of the memo read on its own, in English, glyph by glyph.
struct MemoLine {
    crop: Gray,
    glyphs: Vec<ocr::Glyph>,
}

impl MemoLine {
    fn text(&self) -> String {
        glyph_text(&self.glyphs)
    }
}

fn read_line(crop: &Gray, lang: &str) -> Vec<ocr::Glyph> {
    let lines = ocr::read_glyphs(&crop.framed(LINE_FRAME), lang, PageSegMode::PsmSingleLine)
        .unwrap_or_default();
    let mut glyphs = Vec::new();
    for (i, l) in lines.into_iter().enumerate() {
        if i > 0 {
            glyphs.push(ocr::Glyph {
                ch: " ".into(),
                conf: 100.0,
                alts: Vec::new(),
            });
        }
        glyphs.extend(l.glyphs);
    }
    glyphs
}

fn memo_lines(g: &Gray) -> Vec<MemoLine> {
    g.text_lines()
        .into_iter()
        .take(MEMO_MAX_LINES)
        .map(|(x0, y0, x1, y1)| {
            let crop = g.crop(x0, y0, x1, y1);
            let glyphs = read_line(&crop, "eng");
            MemoLine { crop, glyphs }
        })
        .collect()
}

/// The date evidence of the memo's lines: each line holding a year is read as it is and
/// re-spaced; any reading that supports an expected date outweighs every contradiction.
/// A contradiction that nothing supports is put to two more readings that may only
/// support (tighter re-spacing, and the line scaled to [`DATE_VETO_HEIGHT`] px): a
/// re-spaced reading can misread a right digit surely (`09` as `04`), and on the
/// generated sets no wrong date was ever supported by any of these readings.
fn memo_date_evidence(lines: &[MemoLine], dates: &[crate::MemoDate]) -> DateEvidence {
    let mut total = DateEvidence::default();
    for l in lines {
        // A date written day or month first ("28 Oct 2026") has nothing after its year
        // for the glyph-level rules; its line read as text supports the expected day
        // all the same (a line read whole once said "20 Oct 2026" of this very memo).
        total.supports |= states_a_day(&l.text(), dates);
        let Some(first) = date_evidence(&l.glyphs, dates) else {
            continue;
        };
        let respaced = read_line(&l.crop.respaced(DATE_RESPACE_GAP), "eng");
        let second = date_evidence(&respaced, dates).unwrap_or_default();
        let mut supports = first.supports || second.supports;
        let contradicts = first.contradicts || second.contradicts;
        if contradicts && !supports {
            let tighter = read_line(&l.crop.respaced(DATE_VETO_GAP), "eng");
            let long_side = l.crop.w * DATE_VETO_HEIGHT / l.crop.h.max(1);
            let (smaller, _) = l.crop.downscaled(long_side.max(DATE_VETO_HEIGHT));
            let smaller = read_line(&smaller, "eng");
            supports = [tighter, smaller]
                .iter()
                .any(|g| date_evidence(g, dates).is_some_and(|e| e.supports));
        }
        total.supports |= supports;
        total.contradicts |= contradicts;
    }
    total
}

/// The quad warped flat, `width` pixels wide. Documents are read landscape: a card
/// standing upright is turned so that its long side is horizontal.
fn upright(photo: &Photo, work: &Working, q: &Quad, width: usize) -> Gray {
    flattened(photo, work, q, width, true)
}

/// The quad warped flat as it stands, `width` pixels wide: a memo on portrait paper
/// (a sticky note, a page of a notebook) is written across its short side.
fn as_it_stands(photo: &Photo, work: &Working, q: &Quad, width: usize) -> Gray {
    flattened(photo, work, q, width, false)
}

fn flattened(photo: &Photo, work: &Working, q: &Quad, width: usize, landscape: bool) -> Gray {
    let s = work.scale;
    let c = q.corners.map(|(x, y)| (x / s, y / s));
    let d = |a: (f64, f64), b: (f64, f64)| ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
    let (top, side) = (d(c[0], c[1]), d(c[1], c[2]));
    // Start the corner order one step later to turn a standing quad on its side.
    let turn = landscape && side > top * 1.1;
    let corners = if turn { [c[3], c[0], c[1], c[2]] } else { c };
    let (across, down) = if turn { (side, top) } else { (top, side) };
    let h = (width as f64 * down / across.max(1.0)).round().max(16.0) as usize;
    warp_quad(&photo.rgb, &corners, width, h)
}

struct Reading {
    words: Vec<ocr::Word>,
    score: f64,
    mrz: Option<mrz::MrzResult>,
}

fn read_scored(g: &Gray, extra: &[String]) -> Option<Reading> {
    let words = ocr::read(g, "eng", PageSegMode::PsmAuto, "")?;
    let pairs: Vec<(String, f32)> = words.iter().map(|w| (w.text.clone(), w.conf)).collect();
    let mut score = plausibility(&pairs, extra);
    let text = ocr::lines(&words)
        .into_iter()
        .map(|(t, _)| t)
        .collect::<Vec<_>>()
        .join("\n");
    let mrz = mrz::find_td3(&text);
    if mrz.as_ref().is_some_and(|m| m.checks_passed >= 3) {
        score += MRZ_BONUS;
    }
    Some(Reading { words, score, mrz })
}

pub(crate) fn run(
    photo: &Photo,
    work: &Working,
    lay: &Layout,
    expected: &Expected,
    findings: &mut Vec<Finding>,
    skipped: &mut Vec<Skipped>,
) -> Option<mrz::MrzResult> {
    if !ocr::available() {
        for c in [Check::Mirrored, Check::Mrz, Check::Memo] {
            skipped.push(Skipped {
                check: c,
                why: "ocr_unavailable".into(),
            });
        }
        return None;
    }
    let full = (photo.rgb.width(), photo.rgb.height());
    let extra: Vec<String> = expected
        .name
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .map(normalise)
        .collect();

    // ---- mirrored (and the MRZ, read from the same pass)
    let target = lay
        .doc
        .as_ref()
        .or(lay.cut_off.as_ref())
        .or(lay.memo.as_ref());
    let mut direct_reading: Option<Reading> = None;
    let mut doc_gray: Option<Gray> = None;
    match target {
        None => skipped.push(Skipped {
            check: Check::Mirrored,
            why: "no_document".into(),
        }),
        Some(q) => {
            let g = upright(photo, work, q, DOC_OCR_WIDTH);
            let direct = read_scored(&g, &extra);
            let direct_score = direct.as_ref().map_or(0.0, |r| r.score);
            let mut f = Finding::new(Check::Mirrored);
            f.region = Some(to_region(
                work,
                (
                    q.bbox.0 as f64,
                    q.bbox.1 as f64,
                    q.bbox.2 as f64,
                    q.bbox.3 as f64,
                ),
                full,
            ));
            if direct_score >= PLAUSIBLE {
                f = f.measured(0.0, MIRROR_RATIO);
            } else {
                let flipped = read_scored(&g.flipped_horizontally(), &extra);
                let flip_score = flipped.as_ref().map_or(0.0, |r| r.score);
                let ratio = flip_score / direct_score.max(0.5);
                f = f.measured(ratio, MIRROR_RATIO);
                if flip_score >= MIRROR_MIN && flip_score >= MIRROR_RATIO * direct_score {
                    f = f.with(Status::Fail, Reason::MirroredText);
                } else if !(direct_score >= UPRIGHT_MIN && direct_score > flip_score) {
                    f = match labels_either_way(&g) {
                        Some(Way::Upright) => f,
                        Some(Way::Mirrored) => f.with(Status::Fail, Reason::MirroredText),
                        None => f.with(Status::Warn, Reason::MirrorUndetermined),
                    };
                }
                if f.status == Status::Fail {
                    // Read the rest from the flipped image: that is how the text reads.
                    direct_reading = flipped;
                    doc_gray = Some(g.flipped_horizontally());
                }
            }
            if direct_reading.is_none() {
                direct_reading = direct;
            }
            if doc_gray.is_none() {
                doc_gray = Some(g);
            }
            findings.push(f);
        }
    }

    // ---- MRZ: only on what reads like a passport.
    let mut mrz_read = None;
    if matches!(
        expected.kind,
        PhotoKind::IdSelfie | PhotoKind::DocumentFront
    ) {
        let reading = direct_reading.as_ref();
        let looks_passport = reading.is_some_and(|r| {
            r.mrz.is_some()
                || r.words
                    .iter()
                    .any(|w| w.text.contains("<<") || normalise(&w.text) == "PASSPORT")
        });
        let mut mrz_found = reading.and_then(|r| r.mrz.clone());
        if looks_passport && !mrz_found.as_ref().is_some_and(|m| m.valid()) {
            // A second, dedicated pass on the zone: the bottom third, MRZ alphabet only.
            if let Some(g) = &doc_gray {
                let band = g.crop(0, g.h * 64 / 100, g.w, g.h);
                let dedicated = ocr::read(&band, "eng", PageSegMode::PsmSingleBlock, MRZ_ALPHABET)
                    .and_then(|words| {
                        let text = ocr::lines(&words)
                            .into_iter()
                            .map(|(t, _)| t)
                            .collect::<Vec<_>>()
                            .join("\n");
                        mrz::find_td3(&text)
                    });
                if dedicated.as_ref().map_or(0, |m| m.checks_passed)
                    > mrz_found.as_ref().map_or(0, |m| m.checks_passed)
                    || mrz_found.is_none()
                {
                    mrz_found = dedicated.or(mrz_found);
                }
            }
        }
        mrz_read = mrz_found.clone();
        match (mrz_found, looks_passport) {
            (Some(m), _) => {
                let mut f = Finding::new(Check::Mrz)
                    .measured(f64::from(m.checks_passed), f64::from(m.checks_total));
                if !m.valid() {
                    f = f.with(Status::Warn, Reason::MrzCheckDigits);
                }
                findings.push(f);
            }
            (None, true) => {
                findings.push(Finding::new(Check::Mrz).with(Status::Warn, Reason::MrzUnreadable))
            }
            (None, false) => skipped.push(Skipped {
                check: Check::Mrz,
                why: "not_applicable".into(),
            }),
        }
    } else {
        skipped.push(Skipped {
            check: Check::Mrz,
            why: "not_applicable".into(),
        });
    }

    // ---- memo
    if expected.kind != PhotoKind::IdSelfie {
        skipped.push(Skipped {
            check: Check::Memo,
            why: "not_applicable".into(),
        });
        return mrz_read;
    }
    if expected.name.is_none() && expected.request_text.is_none() && expected.dates.is_empty() {
        skipped.push(Skipped {
            check: Check::Memo,
            why: "no_expectation".into(),
        });
        return mrz_read;
    }
    let mirrored = findings
        .iter()
        .any(|f| f.check == Check::Mirrored && f.status == Status::Fail);
    findings.push(memo_finding(photo, work, lay, expected, mirrored, full));
    mrz_read
}

/// The memo read in the request's language and, when that left part of it unread, again
/// with Japanese: people write the date in Japanese (令和8年12月1日) under a request in
/// English. The second reading is kept only where it read more; a wrong memo found by the
/// first stays found.
fn memo_finding(
    photo: &Photo,
    work: &Working,
    lay: &Layout,
    expected: &Expected,
    mirrored: bool,
    full: (u32, u32),
) -> Finding {
    let mut f = Finding::new(Check::Memo);
    let Some(q) = lay.memo.as_ref() else {
        return f.with(Status::Warn, Reason::MemoNotFound);
    };
    f.region = Some(to_region(
        work,
        (
            q.bbox.0 as f64,
            q.bbox.1 as f64,
            q.bbox.2 as f64,
            q.bbox.3 as f64,
        ),
        full,
    ));
    let mut g = as_it_stands(photo, work, q, MEMO_OCR_WIDTH);
    if mirrored {
        g = g.flipped_horizontally();
    }
    let japanese = expected
        .request_text
        .as_deref()
        .is_some_and(|t| !t.is_ascii());
    // The lines read one by one (in English, and again in Japanese where needed) do not
    // depend on the whole memo's language: read once, if at all.
    let (glyph_lines, japanese_lines) = (OnceCell::new(), OnceCell::new());
    let read = |lang: &str| {
        read_memo(
            f.clone(),
            &g,
            &glyph_lines,
            &japanese_lines,
            expected,
            japanese,
            lang,
        )
    };
    let first = read(if japanese { "jpn+eng" } else { "eng" });
    let read_whole = first.measured.is_some() && first.measured == first.threshold;
    if japanese || first.status == Status::Fail || read_whole {
        return first;
    }
    let second = read("jpn+eng");
    if second.measured.unwrap_or(0.0) > first.measured.unwrap_or(0.0) {
        second
    } else {
        first
    }
}

/// The printed field labels of identity documents, Japanese and Latin, without spaces.
const DOCUMENT_LABELS: [&str; 22] = [
    "氏名",
    "生年月日",
    "住所",
    "住居地",
    "交付",
    "有効",
    "国籍",
    "在留",
    "免許",
    "番号",
    "DATEOFBIRTH",
    "SURNAME",
    "GIVENNAME",
    "NATIONALITY",
    "DATEOFEXPIRY",
    "DOCUMENTNO",
    "VALIDUNTIL",
    "PASSPORTNO",
    "ADDRESS",
    "IDENTITYCARD",
    "RESIDENCECARD",
    "LICENSE",
];

/// Whether the text holds two or more of an identity document's field labels: a memo is
/// what the customer writes, and nobody labels their own name "Surname" and their date
/// "Date of birth".
fn reads_as_a_document(lines: &[(String, f32)]) -> bool {
    labels_in(lines) >= 2
}

/// How many of the document field labels the text holds. (Tesseract puts spaces between
/// Japanese characters: they are ignored.)
fn labels_in(lines: &[(String, f32)]) -> usize {
    let text: String = lines
        .iter()
        .flat_map(|(t, _)| t.chars())
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect();
    DOCUMENT_LABELS
        .iter()
        .filter(|label| text.contains(*label))
        .count()
}

enum Way {
    Upright,
    Mirrored,
}

/// A document whose Latin reading says nothing either way (a Japanese card holds a name
/// and a number in Latin letters, and nothing more) is read in Japanese, both ways round:
/// two or more field labels (氏名, 生年月日, 住所, …) one way and none the other decide.
/// Mirrored kanji read as other, unrelated kanji, never as a label of two or more.
fn labels_either_way(g: &Gray) -> Option<Way> {
    let count = |g: &Gray| {
        ocr::read(g, "jpn", PageSegMode::PsmAuto, "").map_or(0, |w| labels_in(&ocr::lines(&w)))
    };
    let direct = count(g);
    if direct >= 2 {
        return Some(Way::Upright);
    }
    let flipped = count(&g.flipped_horizontally());
    match (direct, flipped) {
        (0, f) if f >= 2 => Some(Way::Mirrored),
        _ => None,
    }
}

/// The memo `g` read whole in `lang`, matched against what was expected.
fn read_memo(
    mut f: Finding,
    g: &Gray,
    glyph_lines: &OnceCell<Vec<MemoLine>>,
    japanese_lines: &OnceCell<Vec<String>>,
    expected: &Expected,
    japanese: bool,
    lang: &str,
) -> Finding {
    let Some(words) = ocr::read(g, lang, PageSegMode::PsmSingleBlock, "") else {
        return f.with(Status::Warn, Reason::MemoNotFound);
    };
    let lines = ocr::lines(&words);
    if lines.is_empty() || reads_as_a_document(&lines) {
        // A card taken for the memo carries the holder's name and dates of its own (birth,
        // issue): read as a memo, its issue date is a "wrong date". It is not the memo.
        return f.with(Status::Warn, Reason::MemoNotFound);
    }
    // Glyph-level verification only on a memo sharp enough to have glyphs: blurred
    // writing is read as sure-looking wrong letters.
    let memo_lines = glyph_lines.get_or_init(|| {
        let memo_sharpness = laplacian_variance(g, 0, 0, g.w, g.h);
        if std::env::var_os("PHOTOCHECK_DEBUG_OCR").is_some() {
            eprintln!("--- memo sharpness {memo_sharpness:.0}");
        }
        if memo_sharpness >= MEMO_SHARP_MIN {
            memo_lines(g)
        } else {
            Vec::new()
        }
    });
    // The lines read again in Japanese when something was not read (a Japanese request,
    // or a date written in Japanese on any memo): once, if at all.
    let in_japanese = || {
        japanese_lines.get_or_init(|| {
            memo_lines
                .iter()
                .map(|l| read_text(&l.crop, "jpn"))
                .collect()
        })
    };
    // Which line is which: the best match for each expectation.
    let mut used = vec![false; lines.len()];
    let best = |score: &dyn Fn(&str) -> f64| -> Option<(usize, f64)> {
        lines
            .iter()
            .enumerate()
            .map(|(i, (t, _))| (i, score(t)))
            .max_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal))
    };
    let mut scores = Vec::new();
    let mut request_ok = None;
    if let Some(req) = expected.request_text.as_deref() {
        let (i, s) = best(&|t: &str| fuzzy_contains(t, req)).unwrap_or((0, 0.0));
        scores.push(s);
        request_ok = Some(s >= MEMO_MATCH);
        if s >= MEMO_MATCH {
            used[i] = true;
        }
    }
    let request_ok_whole = request_ok == Some(true);
    // A line read alone that states the request counts as much.
    if let (Some(false), Some(req)) = (request_ok, expected.request_text.as_deref()) {
        let name = expected.name.as_deref().unwrap_or("");
        let again = japanese.then(|| in_japanese().as_slice());
        if request_read_alone(memo_lines, again, req, name) {
            request_ok = Some(true);
        }
    }
    // Dates: month and day decide (OCR often garbles a year's first digit).
    let mut date_ok = None;
    let mut confident_wrong_date = false;
    let mut year_differs = false;
    for (i, (t, _)) in lines.iter().enumerate() {
        let found = read_dates(t);
        if found.is_empty() {
            continue;
        }
        // Confidence of the date itself: the least sure word holding a digit on the line.
        let date_conf = words
            .iter()
            .filter(|w| {
                lines_used_index(&words, w) == Some(i) && w.text.chars().any(|c| c.is_ascii_digit())
            })
            .map(|w| w.conf)
            .fold(f32::INFINITY, f32::min);
        used[i] = true;
        let matches = found.iter().any(|r| r.names_a_day_of(&expected.dates));
        // Wrong only where a digit read as a digit differs from every expected date, on a
        // line Tesseract is confident about (a low-confidence date may be a misread one).
        let differs = found
            .iter()
            .any(|r| expected.dates.iter().all(|e| r.confidently_differs(e)));
        if matches {
            date_ok = Some(true);
            // The day right and the year plainly another, surely read: a note kept from
            // a year ago (month and day alone decide otherwise: OCR garbles years).
            let another_year = found.iter().any(|r| r.another_year_of(&expected.dates));
            if another_year && date_conf.is_finite() && date_conf >= MEMO_DATE_CONFIDENT {
                year_differs = true;
            }
        } else if differs && date_conf.is_finite() && date_conf >= MEMO_DATE_CONFIDENT {
            confident_wrong_date = true;
        }
    }
    // What the whole-memo reading alone matched decides legibility for the rules built on
    // it; the line-by-line readings may add matches (and veto failures), not loosen them.
    let date_ok_whole = date_ok == Some(true);
    let date_evidence = memo_date_evidence(memo_lines, &expected.dates);
    if date_evidence.supports {
        date_ok = Some(true);
    }
    // A date written in Japanese (2026年7月23日), read in English, is Latin noise: read
    // again in Japanese. The day found so, with a year read plainly as another, is a note
    // from another year, as on the whole memo.
    let mut year_differs_alone = false;
    if date_ok != Some(true) && !expected.dates.is_empty() {
        let days: Vec<_> = in_japanese()
            .iter()
            .flat_map(|t| read_dates(t))
            .filter(|r| r.names_a_day_of(&expected.dates))
            .collect();
        if !days.is_empty() {
            date_ok = Some(true);
            year_differs_alone = days.iter().all(|r| r.another_year_of(&expected.dates));
        }
    }
    if !expected.dates.is_empty() && date_ok.is_none() {
        date_ok = Some(false);
    }
    if expected.dates.is_empty() {
        date_ok = None;
    }
    let mut name_ok = None;
    let mut name_ok_whole = false;
    if let Some(name) = expected.name.as_deref() {
        let (i, s) = best(&|t: &str| name_similarity(t, name)).unwrap_or((0, 0.0));
        scores.push(s);
        // A line read on its own that reads as the name counts as much.
        let alone = memo_lines
            .iter()
            .any(|l| name_similarity(&l.text(), name) >= MEMO_MATCH);
        name_ok_whole = s >= MEMO_MATCH;
        name_ok = Some(s >= MEMO_MATCH || alone);
        if s >= MEMO_MATCH {
            used[i] = true;
        }
    }
    let matched = [request_ok, name_ok, date_ok]
        .iter()
        .filter(|v| **v == Some(true))
        .count();
    let expected_count = [request_ok, name_ok, date_ok]
        .iter()
        .filter(|v| v.is_some())
        .count();
    f = f.measured(matched as f64, expected_count as f64);
    // The memo counts as legible when at least one expectation matched: then a line that
    // was read confidently and says something else is a real mismatch.
    let legible = matched >= 1;
    let legible_whole = request_ok_whole || name_ok_whole || date_ok_whole;
    let confident_other = |pred: &dyn Fn(&str) -> bool| {
        lines
            .iter()
            .enumerate()
            .any(|(i, (t, c))| !used[i] && *c >= MEMO_CONFIDENT && pred(t))
    };
    if request_ok == Some(false) {
        let req = expected.request_text.as_deref().unwrap_or("");
        let name = expected.name.as_deref().unwrap_or("");
        // The other line must be neither the date (a run of four digits: a year, however
        // the rest was read) nor the name, and for a request in Japanese, Japanese itself:
        // a Japanese line read as Latin letters is a misread request, not another one.
        let wrong = legible_whole
            && name_ok_whole
            && date_ok_whole
            && confident_other(&|t: &str| {
                normalise(t).chars().count() >= 4
                    && fuzzy_contains(t, req) < MEMO_MISMATCH
                    && !has_year_run(t)
                    && (name.is_empty() || name_similarity(t, name) < MEMO_MISMATCH)
                    && (!japanese
                        || t.chars()
                            .filter(|c| !c.is_ascii() && c.is_alphabetic())
                            .count()
                            >= 2)
            });
        f = f.with(
            if wrong { Status::Fail } else { Status::Warn },
            if wrong {
                Reason::MemoWrongRequest
            } else {
                Reason::MemoRequestUnreadable
            },
        );
    }
    if name_ok == Some(false) {
        let name = expected.name.as_deref().unwrap_or("");
        let parts: Vec<String> = name.split_whitespace().map(normalise).collect();
        // A confidently read word of 4+ letters, on a line that is neither the request nor
        // the date, that resembles no part of the name: another name was written.
        // Or a whole line read confidently (every word ≥ 70, mean ≥ 80) that is clearly
        // not the name.
        // Letters in the name's script: a Japanese request line is no Latin name.
        let name_ascii = name.is_ascii();
        let letters = |t: &str| {
            normalise(t)
                .chars()
                .filter(|c| {
                    if name_ascii {
                        c.is_ascii_alphabetic()
                    } else {
                        c.is_alphabetic()
                    }
                })
                .count()
        };
        let request_like = |t: &str| {
            expected
                .request_text
                .as_deref()
                .is_some_and(|r| fuzzy_contains(t, r) >= MEMO_REQUEST_LIKE)
        };
        let other_line = lines.iter().enumerate().any(|(i, (t, c))| {
            let line_words: Vec<&ocr::Word> = words
                .iter()
                .filter(|w| lines_used_index(&words, w) == Some(i))
                .collect();
            let candidate =
                !used[i] && letters(t) >= 5 && loose_dates_in(t).is_empty() && !request_like(t);
            let similarity = name_similarity(t, name);
            let all_words_sure = line_words.iter().all(|w| w.conf >= MEMO_NAME_WORD_MIN);
            candidate
                && ((*c >= MEMO_NAME_LINE_CONFIDENT
                    && all_words_sure
                    && similarity < MEMO_NAME_LINE_MISMATCH)
                    || (*c >= MEMO_NAME_LINE_FAIR && similarity < MEMO_NAME_LINE_UNLIKE))
        });
        // A line read on its own, glyph by glyph, that is neither the request nor a date,
        // whose sure glyphs the name cannot account for (lines are read with the English
        // model: only a name in Latin letters can be checked so).
        let other_line_alone = memo_lines.iter().any(|l| {
            let t = l.text();
            name_ascii
                && letters(&t) >= 5
                && !holds_year(&l.glyphs)
                && loose_dates_in(&t).is_empty()
                && !request_like(&t)
                && name_distance(&l.glyphs, name) >= MEMO_NAME_DISTANCE
                && !(japanese && writes_japanese(&l.crop))
        });
        let wrong = (legible && other_line_alone)
            || (legible_whole
                && (other_line
                    || words.iter().any(|w| {
                        let n = normalise(&w.text);
                        let line_used = lines_used_for(&words, &lines, &used, w);
                        !line_used
                            && w.conf >= MEMO_NAME_WORD_CONFIDENT
                            && letters(&n) >= 4
                            && n.chars().all(char::is_alphabetic)
                            && !request_like(&w.text)
                            && parts.iter().all(|p| word_similarity(&n, p) < MEMO_MISMATCH)
                    })));
        f = f.with(
            if wrong { Status::Fail } else { Status::Warn },
            if wrong {
                Reason::MemoWrongName
            } else {
                Reason::MemoNameUnreadable
            },
        );
    }
    // Another year read surely on the whole memo and the expected one on no line read
    // alone: flagged for the agent (warns: a year misread surely is not unheard of).
    let year_confirmed = || {
        memo_lines.iter().any(|l| {
            read_dates(&l.text()).iter().any(|r| {
                expected
                    .dates
                    .iter()
                    .any(|e| (e.year, e.month, e.day) == (r.year, r.month, r.day))
            })
        })
    };
    if date_ok == Some(true) && ((year_differs && !year_confirmed()) || year_differs_alone) {
        f = f.with(Status::Warn, Reason::MemoWrongDate);
    }
    if date_ok == Some(false) {
        let wrong = (legible_whole && confident_wrong_date)
            || (legible && date_evidence.contradicts && !date_evidence.supports);
        f = f.with(
            if wrong { Status::Fail } else { Status::Warn },
            if wrong {
                Reason::MemoWrongDate
            } else {
                Reason::MemoDateUnreadable
            },
        );
    }
    f
}

/// Whether a memo line read on its own states the request `req`; `japanese` holds the
/// lines read again in Japanese (the lines are read in English first), for a request in
/// Japanese. Lines that read as a date or as the name are not taken for the request.
fn request_read_alone(
    lines: &[MemoLine],
    japanese: Option<&[String]>,
    req: &str,
    name: &str,
) -> bool {
    lines.iter().enumerate().any(|(i, l)| {
        let t = l.text();
        let is_name = !name.is_empty() && name_similarity(&t, name) >= MEMO_MATCH;
        if is_name || !loose_dates_in(&t).is_empty() {
            return false;
        }
        let t = japanese.and_then(|j| j.get(i)).map_or(t, Clone::clone);
        fuzzy_contains(&t, req) >= MEMO_MATCH
    })
}

/// Whether a text states one of the expected days (month and day decide, as everywhere).
fn states_a_day(text: &str, dates: &[crate::MemoDate]) -> bool {
    read_dates(text).iter().any(|r| r.names_a_day_of(dates))
}

/// A line's text read in `lang`.
fn read_text(crop: &Gray, lang: &str) -> String {
    glyph_text(&read_line(crop, lang))
}

fn glyph_text(glyphs: &[ocr::Glyph]) -> String {
    glyphs.iter().map(|g| g.ch.as_str()).collect()
}

/// Whether a text holds four digits in a row (a year).
fn has_year_run(t: &str) -> bool {
    let mut run = 0;
    t.chars().any(|c| {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        run >= 4
    })
}

/// Whether a memo line is written in Japanese: English reading turns kana and kanji into
/// sure-looking Latin garbage ("= BRE aR aE"), so a line is read again with the Japanese
/// model before it may count as another name.
fn writes_japanese(crop: &Gray) -> bool {
    let glyphs = read_line(crop, "jpn");
    let cjk = glyphs
        .iter()
        .filter(|g| g.ch.chars().any(|c| !c.is_ascii() && c.is_alphabetic()))
        .count();
    let latin = glyphs
        .iter()
        .filter(|g| g.ch.chars().any(|c| c.is_ascii_alphabetic()))
        .count();
    cjk >= 2 && cjk >= latin
}

/// Index in `ocr::lines` (first-seen order of (block, par, line) keys) of `w`'s line.
fn lines_used_index(words: &[ocr::Word], w: &ocr::Word) -> Option<usize> {
    let mut keys: Vec<(u32, u32, u32)> = Vec::new();
    for x in words {
        if !keys.contains(&x.line) {
            keys.push(x.line);
        }
    }
    keys.iter().position(|k| *k == w.line)
}

/// Whether the line holding word `w` was matched to the request or the date.
fn lines_used_for(
    words: &[ocr::Word],
    lines: &[(String, f32)],
    used: &[bool],
    w: &ocr::Word,
) -> bool {
    lines_used_index(words, w).is_some_and(|i| i < lines.len() && used[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<(String, f32)> {
        texts.iter().map(|t| ((*t).to_owned(), 90.0)).collect()
    }

    /// Text drawn by Pillow in a font the test set's cards do not use, on plain paper.
    fn rendered(lines: &[&str]) -> Gray {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "photocheck-text-{}-{}.png",
            std::process::id(),
            NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        let script = "import sys\nfrom PIL import Image, ImageDraw, ImageFont\n\
            f = ImageFont.truetype('/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc', 34, index=0)\n\
            im = Image.new('L', (1100, 60 + 64 * (len(sys.argv) - 2)), 245)\n\
            d = ImageDraw.Draw(im)\n\
            for i, t in enumerate(sys.argv[2:]): d.text((40, 30 + 64 * i), t, font=f, fill=25)\n\
            im.save(sys.argv[1])\n";
        let status = std::process::Command::new("python3")
            .arg("-c")
            .arg(script)
            .arg(&path)
            .args(lines)
            .status()
            .expect("python3 with Pillow (scripts/photocheck-setup.sh)");
        assert!(status.success());
        let img = image::open(&path).expect("the rendered text").to_luma8();
        let _ = std::fs::remove_file(&path);
        Gray {
            w: img.width() as usize,
            h: img.height() as usize,
            px: img.into_raw(),
        }
    }

    #[test]
    fn a_japanese_card_reads_its_labels_one_way_round_only() {
        if !ocr::available() {
            return;
        }
        let card = rendered(&[
            "氏名　佐藤 健一",
            "生年月日　平成3年2月14日",
            "住居地　大阪府大阪市北区梅田1丁目",
            "在留期間　令和9年10月1日まで",
            "番号　AB12345678CD",
        ]);
        assert!(matches!(labels_either_way(&card), Some(Way::Upright)));
        assert!(matches!(
            labels_either_way(&card.flipped_horizontally()),
            Some(Way::Mirrored)
        ));
        // A memo is no document either way round: nothing is decided from it.
        let memo = rendered(&["二段階認証の解除", "佐藤 健一", "2026年12月4日"]);
        assert!(labels_either_way(&memo).is_none());
        assert!(labels_either_way(&memo.flipped_horizontally()).is_none());
    }

    #[test]
    fn a_note_dated_a_year_ago_is_flagged_and_todays_is_not() {
        if !ocr::available() {
            return;
        }
        let memo = |date: &str| {
            let g = rendered(&["2FA reset", "SATO KENICHI", date]);
            let expected = Expected {
                kind: PhotoKind::IdSelfie,
                name: Some("SATO KENICHI".into()),
                request_text: Some("2FA reset".into()),
                dates: vec![crate::MemoDate::new(2026, 10, 28).unwrap()],
            };
            let f = read_memo(
                Finding::new(Check::Memo),
                &g,
                &OnceCell::new(),
                &OnceCell::new(),
                &expected,
                false,
                "eng",
            );
            (f.status, f.reasons)
        };
        assert_eq!(memo("2026-10-28"), (Status::Pass, vec![]));
        assert_eq!(
            memo("2025-10-28"),
            (Status::Warn, vec![Reason::MemoWrongDate])
        );
    }

    #[test]
    fn a_request_read_on_its_own_line_counts() {
        let lines = [
            line_of("2FA reset"),
            line_of("SATO KENICHI"),
            line_of("28 Oct 2026"),
        ];
        assert!(request_read_alone(
            &lines,
            None,
            "2FA reset",
            "SATO KENICHI"
        ));
        assert!(!request_read_alone(
            &lines[1..],
            None,
            "2FA reset",
            "SATO KENICHI"
        ));
        // Read in English, a Japanese line is Latin noise; read again in Japanese, it is
        // the request.
        let noise = [line_of("= BR Ra SR aE")];
        let again = ["二 段 階 認 証 解 除".to_owned()];
        assert!(!request_read_alone(
            &noise,
            None,
            "二段階認証解除",
            "佐藤 健一"
        ));
        assert!(request_read_alone(
            &noise,
            Some(&again),
            "二段階認証解除",
            "佐藤 健一"
        ));
        let other = ["パスワード再設定".to_owned()];
        assert!(!request_read_alone(
            &noise,
            Some(&other),
            "二段階認証解除",
            "佐藤 健一"
        ));
    }

    #[test]
    fn a_japanese_line_read_in_japanese_states_its_request_and_day() {
        if !ocr::available() {
            return;
        }
        let dates = [crate::MemoDate::new(2026, 7, 23).unwrap()];
        let request = read_text(&rendered(&["二段階認証解除"]), "jpn");
        assert!(
            fuzzy_contains(&request, "二段階認証解除") >= MEMO_MATCH,
            "{request}"
        );
        let day = read_text(&rendered(&["2026年7月23日"]), "jpn");
        assert!(states_a_day(&day, &dates), "{day}");
        assert!(!states_a_day(
            &day,
            &[crate::MemoDate::new(2026, 7, 28).unwrap()]
        ));
    }

    fn line_of(text: &str) -> MemoLine {
        MemoLine {
            crop: Gray::new(40, 10),
            glyphs: text
                .chars()
                .map(|c| ocr::Glyph {
                    ch: c.to_string(),
                    conf: 95.0,
                    alts: Vec::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn a_date_written_day_first_read_line_by_line_supports_the_day() {
        let dates = [crate::MemoDate::new(2026, 10, 28).unwrap()];
        let read = |t: &str| memo_date_evidence(&[line_of("MATSUMOTO HINA"), line_of(t)], &dates);
        assert!(read("28 Oct 2026").supports);
        assert!(read("Oct 28, 2026").supports);
        assert!(!read("20 Oct 2026").supports);
        assert!(!read("28 Nov 2026").supports);
    }

    #[test]
    fn a_card_read_as_a_memo_is_not_a_memo() {
        // A Japanese driving licence as Tesseract spaces it, and a foreign ID.
        assert!(reads_as_a_document(&lines(&[
            "氏 名 YAMADA EMMA",
            "生 年 月 日 昭和 62 年 04 月 15 日 生",
            "交付 令和 6 年 05 月 26 日",
        ])));
        assert!(reads_as_a_document(&lines(&[
            "Surname / Nom SASAKI",
            "Date of birth 11.12.1983",
        ])));
        // Memos, however written: a name may be labelled, once.
        assert!(!reads_as_a_document(&lines(&[
            "二段階認証解除",
            "山田 恵麻",
            "令和8年7月23日",
        ])));
        assert!(!reads_as_a_document(&lines(&[
            "2FA reset",
            "Name: YAMADA EMMA",
            "Date: 23 July 2026",
        ])));
    }
}
