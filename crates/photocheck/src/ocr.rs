//! Tesseract 5 (Debian's libtesseract, `eng` and `jpn` data) through the `tesseract`
//! crate. Engines are initialised once per (language, character whitelist) and kept in
//! a small pool: initialising `jpn` costs more than reading a memo.
//!
//! Threads: Tesseract may start OpenMP threads; the caller sets OMP_THREAD_LIMIT=1 in
//! the process environment (before the first call) and bounds concurrent calls.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use tesseract::{PageSegMode, Tesseract};

use crate::raster::Gray;

#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub text: String,
    pub conf: f32,
    /// (block, paragraph, line) in Tesseract's layout.
    pub line: (u32, u32, u32),
}

type Pool = Mutex<HashMap<(String, String), Vec<Tesseract>>>;
static POOL: OnceLock<Pool> = OnceLock::new();
/// Idle engines kept per key: one per concurrent check is plenty on 2 cores.
const MAX_IDLE: usize = 2;

fn take(lang: &str, whitelist: &str) -> Option<Tesseract> {
    let pool = POOL.get_or_init(|| Mutex::new(HashMap::new()));
    if let Ok(mut p) = pool.lock() {
        if let Some(t) = p
            .get_mut(&(lang.to_string(), whitelist.to_string()))
            .and_then(|v| v.pop())
        {
            return Some(t);
        }
    }
    let t = Tesseract::new(None, Some(lang)).ok()?;
    // Tesseract's own diagnostics ("Detected 12 diacritics") would go to stderr.
    let t = t.set_variable("debug_file", "/dev/null").ok()?;
    let t = if whitelist.is_empty() {
        t
    } else {
        t.set_variable("tessedit_char_whitelist", whitelist).ok()?
    };
    // Dictionaries bias readings towards words: good for memos, harmless elsewhere.
    Some(t)
}

fn give_back(lang: &str, whitelist: &str, t: Tesseract) {
    let pool = POOL.get_or_init(|| Mutex::new(HashMap::new()));
    if let Ok(mut p) = pool.lock() {
        let v = p
            .entry((lang.to_string(), whitelist.to_string()))
            .or_default();
        if v.len() < MAX_IDLE {
            v.push(t);
        }
    }
}

/// Whether Tesseract and the `eng` data can be loaded.
pub(crate) fn available() -> bool {
    match take("eng", "") {
        Some(t) => {
            give_back("eng", "", t);
            true
        }
        None => false,
    }
}

/// Reads a grey plane; words with their confidence (0..100) and line membership.
pub(crate) fn read(g: &Gray, lang: &str, psm: PageSegMode, whitelist: &str) -> Option<Vec<Word>> {
    let t = take(lang, whitelist)?;
    let mut t = t
        .set_frame(&g.px, g.w as i32, g.h as i32, 1, g.w as i32)
        .ok()?;
    t.set_page_seg_mode(psm);
    let t = t.set_source_resolution(300);
    let mut t = t.recognize().ok()?;
    let tsv = t.get_tsv_text(0).ok()?;
    give_back(lang, whitelist, t);
    if std::env::var_os("PHOTOCHECK_DEBUG_OCR").is_some() {
        eprintln!(
            "--- ocr {lang} {}x{}:\n{}",
            g.w,
            g.h,
            tsv.lines()
                .filter(|l| l.starts_with('5'))
                .map(|l| l.split('\t').skip(10).collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
                .join(" | ")
        );
    }
    let mut words = Vec::new();
    for row in tsv.lines() {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 12 || cols[0] != "5" {
            continue;
        }
        let num = |i: usize| cols[i].parse::<u32>().unwrap_or(0);
        let text = cols[11].trim();
        if text.is_empty() {
            continue;
        }
        words.push(Word {
            text: text.to_string(),
            conf: cols[10].parse::<f32>().unwrap_or(0.0),
            line: (num(2), num(3), num(4)),
        });
    }
    Some(words)
}

/// Groups words into lines: (text, mean confidence).
pub(crate) fn lines(words: &[Word]) -> Vec<(String, f32)> {
    type Line = ((u32, u32, u32), String, f32, usize);
    let mut out: Vec<Line> = Vec::new();
    for w in words {
        match out.iter_mut().find(|l| l.0 == w.line) {
            Some(l) => {
                l.1.push(' ');
                l.1.push_str(&w.text);
                l.2 += w.conf;
                l.3 += 1;
            }
            None => out.push((w.line, w.text.clone(), w.conf, 1)),
        }
    }
    out.into_iter()
        .map(|(_, t, c, n)| (t, c / n as f32))
        .collect()
}
