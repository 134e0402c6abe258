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

use tesseract::PageSegMode;

use super::document::Quad;
use super::{to_region, Layout};
use crate::intake::Photo;
use crate::raster::{warp_quad, Gray, Working};
use crate::text::{
    fuzzy_contains, loose_dates_in, name_similarity, normalise, plausibility, read_dates,
    word_similarity,
};
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

fn upright(photo: &Photo, work: &Working, q: &Quad, width: usize) -> Gray {
    let s = work.scale;
    let c = q.corners.map(|(x, y)| (x / s, y / s));
    let d = |a: (f64, f64), b: (f64, f64)| ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
    let (top, side) = (d(c[0], c[1]), d(c[1], c[2]));
    // Documents and memos are read landscape: if the quad stands upright, start the
    // corner order one step later so that its long side is horizontal.
    let corners = if side > top * 1.1 {
        [c[3], c[0], c[1], c[2]]
    } else {
        c
    };
    let aspect = top.max(side) / top.min(side).max(1.0);
    let h = (width as f64 / aspect).round().max(16.0) as usize;
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
) {
    if !ocr::available() {
        for c in [Check::Mirrored, Check::Mrz, Check::Memo] {
            skipped.push(Skipped {
                check: c,
                why: "ocr_unavailable".into(),
            });
        }
        return;
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
                    f = f.with(Status::Warn, Reason::MirrorUndetermined);
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
        return;
    }
    if expected.name.is_none() && expected.request_text.is_none() && expected.dates.is_empty() {
        skipped.push(Skipped {
            check: Check::Memo,
            why: "no_expectation".into(),
        });
        return;
    }
    let mirrored = findings
        .iter()
        .any(|f| f.check == Check::Mirrored && f.status == Status::Fail);
    findings.push(memo_finding(photo, work, lay, expected, mirrored, full));
}

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
    let mut g = upright(photo, work, q, MEMO_OCR_WIDTH);
    if mirrored {
        g = g.flipped_horizontally();
    }
    if let Some(dir) = std::env::var_os("PHOTOCHECK_DEBUG_MEMO_DIR") {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if let Some(img) = image::GrayImage::from_raw(g.w as u32, g.h as u32, g.px.clone()) {
            let _ = img.save(std::path::Path::new(&dir).join(format!("{n:04}.png")));
        }
    }
    let japanese = expected
        .request_text
        .as_deref()
        .is_some_and(|t| !t.is_ascii());
    let lang = if japanese { "jpn+eng" } else { "eng" };
    let Some(words) = ocr::read(&g, lang, PageSegMode::PsmSingleBlock, "") else {
        return f.with(Status::Warn, Reason::MemoNotFound);
    };
    let lines = ocr::lines(&words);
    if lines.is_empty() {
        return f.with(Status::Warn, Reason::MemoNotFound);
    }
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
    // Dates: month and day decide (OCR often garbles a year's first digit).
    let mut date_ok = None;
    let mut confident_wrong_date = false;
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
        let matches = found.iter().any(|r| {
            expected
                .dates
                .iter()
                .any(|e| e.month == r.month && e.day == r.day)
        });
        // Wrong only where a digit read as a digit differs from every expected date, on a
        // line Tesseract is confident about (a low-confidence date may be a misread one).
        let differs = found
            .iter()
            .any(|r| expected.dates.iter().all(|e| r.confidently_differs(e)));
        if matches {
            date_ok = Some(true);
        } else if differs && date_conf.is_finite() && date_conf >= MEMO_DATE_CONFIDENT {
            confident_wrong_date = true;
        }
    }
    if !expected.dates.is_empty() && date_ok.is_none() {
        date_ok = Some(false);
    }
    if expected.dates.is_empty() {
        date_ok = None;
    }
    let mut name_ok = None;
    if let Some(name) = expected.name.as_deref() {
        let (i, s) = best(&|t: &str| name_similarity(t, name)).unwrap_or((0, 0.0));
        scores.push(s);
        name_ok = Some(s >= MEMO_MATCH);
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
    let confident_other = |pred: &dyn Fn(&str) -> bool| {
        lines
            .iter()
            .enumerate()
            .any(|(i, (t, c))| !used[i] && *c >= MEMO_CONFIDENT && pred(t))
    };
    if request_ok == Some(false) {
        let req = expected.request_text.as_deref().unwrap_or("");
        let wrong = legible
            && name_ok == Some(true)
            && date_ok == Some(true)
            && confident_other(&|t: &str| {
                normalise(t).chars().count() >= 4 && fuzzy_contains(t, req) < MEMO_MISMATCH
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
        let wrong = legible
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
                }));
        f = f.with(
            if wrong { Status::Fail } else { Status::Warn },
            if wrong {
                Reason::MemoWrongName
            } else {
                Reason::MemoNameUnreadable
            },
        );
    }
    if date_ok == Some(false) {
        let wrong = legible && confident_wrong_date;
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
