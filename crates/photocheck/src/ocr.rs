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
    let t = if whitelist == GLYPH_MODE {
        t.set_variable("hocr_char_boxes", "1")
            .ok()?
            .set_variable("lstm_choice_mode", "2")
            .ok()?
    } else if whitelist.is_empty() {
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

/// An engine from the pool (`mode`: its whitelist or [`GLYPH_MODE`]) that has read `g`;
/// give it back with [`give_back`] once its output is taken.
fn recognized(g: &Gray, lang: &str, psm: PageSegMode, mode: &str) -> Option<Tesseract> {
    let mut t = take(lang, mode)?
        .set_frame(&g.px, g.w as i32, g.h as i32, 1, g.w as i32)
        .ok()?;
    t.set_page_seg_mode(psm);
    t.set_source_resolution(300).recognize().ok()
}

/// Reads a grey plane; words with their confidence (0..100) and line membership.
pub(crate) fn read(g: &Gray, lang: &str, psm: PageSegMode, whitelist: &str) -> Option<Vec<Word>> {
    let mut t = recognized(g, lang, psm, whitelist)?;
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

/// One recognised character with Tesseract's confidence in it (0..100) and the LSTM's
/// alternatives at the same position (`lstm_choice_mode=2`), best first.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    pub ch: String,
    pub conf: f32,
    pub alts: Vec<(String, f32)>,
}

/// A line read glyph by glyph: its box in the image read, and its glyphs, with a
/// `Glyph { ch: " ", conf: 100 }` between words.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GlyphLine {
    pub bbox: (u32, u32, u32, u32),
    pub glyphs: Vec<Glyph>,
}

impl GlyphLine {
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.ch.as_str()).collect()
    }
}

/// Engine options for glyph-level reading: per-character boxes and confidences, and the
/// LSTM's alternatives per character, in the hOCR output.
const GLYPH_MODE: &str = "glyphs";

/// Reads a grey plane glyph by glyph (hOCR with character confidences and alternatives).
pub(crate) fn read_glyphs(g: &Gray, lang: &str, psm: PageSegMode) -> Option<Vec<GlyphLine>> {
    let mut t = recognized(g, lang, psm, GLYPH_MODE)?;
    let hocr = t.get_hocr_text(0).ok()?;
    give_back(lang, GLYPH_MODE, t);
    let lines = parse_hocr_glyphs(&hocr);
    if std::env::var_os("PHOTOCHECK_DEBUG_OCR").is_some() {
        let text: Vec<String> = lines.iter().map(GlyphLine::text).collect();
        eprintln!("--- glyphs {lang} {}x{}: {}", g.w, g.h, text.join(" | "));
    }
    Some(lines)
}

/// The value of `key` (e.g. "x_conf") in an hOCR `title` attribute on this line.
fn title_number(line: &str, key: &str) -> Option<f32> {
    let at = line.find(key)? + key.len();
    let rest = line[at..].trim_start();
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    rest[..end].parse().ok()
}

/// The text of the innermost element on an hOCR line: between the last `'>` or `">` of
/// the opening tag and `</span>`.
fn element_text(line: &str) -> Option<String> {
    let end = line.rfind("</span>")?;
    let head = &line[..end];
    let start = head.rfind("'>").or_else(|| head.rfind("\">"))? + 2;
    Some(unescape(&head[start..]))
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Parses Tesseract's hOCR (one element per line, as `TessBaseAPI::GetHOCRText` writes it
/// with `hocr_char_boxes=1` and `lstm_choice_mode=2`) into lines of glyphs.
pub(crate) fn parse_hocr_glyphs(hocr: &str) -> Vec<GlyphLine> {
    let mut out: Vec<GlyphLine> = Vec::new();
    let mut words_on_line = 0usize;
    for raw in hocr.lines() {
        let l = raw.trim();
        if ["ocr_line", "ocr_textfloat", "ocr_header", "ocr_caption"]
            .iter()
            .any(|c| l.contains(&format!("class='{c}'")))
        {
            let bbox = l.find("bbox ").map(|i| {
                let v: Vec<u32> = l[i + 5..]
                    .split(|c: char| !c.is_ascii_digit())
                    .filter(|s| !s.is_empty())
                    .take(4)
                    .filter_map(|s| s.parse().ok())
                    .collect();
                (
                    v.first().copied().unwrap_or(0),
                    v.get(1).copied().unwrap_or(0),
                    v.get(2).copied().unwrap_or(0),
                    v.get(3).copied().unwrap_or(0),
                )
            });
            out.push(GlyphLine {
                bbox: bbox.unwrap_or((0, 0, 0, 0)),
                glyphs: Vec::new(),
            });
            words_on_line = 0;
        } else if l.contains("class='ocrx_word'") {
            if let Some(line) = out.last_mut() {
                if words_on_line > 0 {
                    line.glyphs.push(Glyph {
                        ch: " ".into(),
                        conf: 100.0,
                        alts: Vec::new(),
                    });
                }
                words_on_line += 1;
            }
        } else if l.contains("x_bboxes") {
            if let (Some(line), Some(ch), Some(conf)) =
                (out.last_mut(), element_text(l), title_number(l, "x_conf "))
            {
                line.glyphs.push(Glyph {
                    ch,
                    conf,
                    alts: Vec::new(),
                });
            }
        } else if l.contains("id='choice_") {
            if let (Some(g), Some(ch), Some(conf)) = (
                out.last_mut().and_then(|line| line.glyphs.last_mut()),
                element_text(l),
                title_number(l, "x_confs "),
            ) {
                g.alts.push((ch, conf));
            }
        }
    }
    out.retain(|l| !l.glyphs.is_empty());
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hocr_glyphs_with_confidences_and_alternatives() {
        let hocr = "
     <span class='ocr_line' id='line_1_1' title=\"bbox 21 20 230 62; baseline -0.01 -5; x_size 46\">
      <span class='ocrx_word' id='word_1_1' title='bbox 21 20 60 62; x_wconf 58'>
       <span class='ocrx_cinfo' title='x_bboxes 21 22 42 57; x_conf 98.960922'>2</span>
        <span class='ocrx_cinfo' id='lstm_choices_1_1_1'>
         <span class='ocrx_cinfo' id='choice_1_1_1' title='x_confs 93.215775'>2</span>
         <span class='ocrx_cinfo' id='choice_1_1_2' title='x_confs 0'>Z</span>
        </span>
       <span class='ocrx_cinfo' title='x_bboxes 46 22 73 54; x_conf 86.5'>&lt;</span>
      </span>
      <span class='ocrx_word' id='word_1_2' title='bbox 80 20 90 62; x_wconf 90'>
       <span class='ocrx_cinfo' title='x_bboxes 80 22 90 57; x_conf 99'>N</span>
      </span>
     </span>";
        let lines = parse_hocr_glyphs(hocr);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].bbox, (21, 20, 230, 62));
        assert_eq!(lines[0].text(), "2< N");
        let g = &lines[0].glyphs[0];
        assert!((g.conf - 98.96).abs() < 0.01);
        assert_eq!(g.alts.len(), 2);
        assert_eq!(g.alts[1], ("Z".to_string(), 0.0));
        assert!((lines[0].glyphs[1].conf - 86.5).abs() < 0.01);
    }
}
