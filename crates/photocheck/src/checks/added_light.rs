//! Glare as light added over the text, on any paper.
//!
//! A reflection on a card's laminate *adds* light: where it falls, ink and paper both
//! move towards the lamp's level, so the text's Weber contrast — how much darker the ink
//! is than the paper around it, as a share of the paper — drops. Light and shadow across
//! a card *multiply* both instead, and leave that share as it was; noise and JPEG blocks
//! spread a tile evenly both ways. So a tile of the document whose paper is brighter than
//! the document's text tiles and whose ink lost most of its contrast is under a
//! reflection, white page or coloured, saturated or not. The saturated-blob and the
//! washed-out-colour detectors in `pixels` stay: this one is what sees a soft glare on a
//! white passport page, where neither can.

use super::document::Quad;
use crate::raster::Working;

/// Tiles per document short side: a tile holds a few glyphs at the working size.
const TILES_PER_SHORT_SIDE: f64 = 10.0;
/// Ink depth (see [`TileStats::ink`]) from which a tile is clearly text: a reference.
const TEXT_INK: f64 = 24.0;
/// A tile under added light: its paper at least this much brighter than the median
/// paper of the text tiles (grey levels) ...
pub(crate) const ADDED_BRIGHTER: f64 = 4.0;
/// ... its ink still visible (noise cancels out of the ink depth) ...
const FAINT_INK: f64 = 5.0;
/// ... and its Weber contrast at most this share of the text tiles' median.
pub(crate) const ADDED_CONTRAST_LEFT: f64 = 0.5;
/// Share of the document's text tiles a connected patch of such tiles must cover to fade
/// the text (a warning for the agent: see `checks::run`).
pub(crate) const ADDED_TEXT_WARN: f64 = 0.10;
/// Fewest reference text tiles for the measure to mean anything.
const MIN_TEXT_TILES: usize = 8;

/// What one tile of the document shows.
#[derive(Debug, Clone, Copy)]
struct TileStats {
    /// Median grey: the paper (text covers less than half of a tile).
    paper: f64,
    /// The upper quartile: the paper between the strokes, even where text is dense (the
    /// median of a tile full of text is pulled towards the ink, which made a text-free
    /// tile of the same paper look brighter: lit).
    clear_paper: f64,
    /// How far the darkest 5 % lie below the paper, less how far the brightest 5 % lie
    /// above it: ink is one-sided, noise is not.
    ink: f64,
}

impl TileStats {
    fn contrast(&self) -> f64 {
        self.ink / self.paper.max(1.0)
    }
}

/// The largest connected patch of tiles under added light, as (share of the document's
/// text tiles, bounding box in working coordinates).
pub(crate) fn added_light(
    work: &Working,
    doc: &Quad,
    exclude: &[(f64, f64, f64, f64)],
) -> Option<(f64, (usize, usize, usize, usize))> {
    let (w, h) = (work.w(), work.h());
    let t = ((doc.short_side() / TILES_PER_SHORT_SIDE).round() as usize).max(8);
    let (bx0, by0, bx1, by1) = doc.bbox;
    let (bx1, by1) = (bx1.min(w - 1), by1.min(h - 1));
    let (cols, rows) = ((bx1 + 1 - bx0) / t, (by1 + 1 - by0) / t);
    if cols < 3 || rows < 3 {
        return None;
    }
    let excluded = |x: f64, y: f64| {
        exclude
            .iter()
            .any(|e| x >= e.0 && x <= e.2 && y >= e.1 && y <= e.3)
    };
    let mut tiles: Vec<Option<TileStats>> = vec![None; cols * rows];
    let mut hist = [0u32; 256];
    for r in 0..rows {
        for c in 0..cols {
            let (x0, y0) = (bx0 + c * t, by0 + r * t);
            hist.fill(0);
            let mut n = 0u32;
            for y in y0..y0 + t {
                for x in x0..x0 + t {
                    let (xf, yf) = (x as f64, y as f64);
                    // Away from the edge: the card's rim and what lies behind it are no text.
                    if doc.contains(xf, yf) && doc.edge_distance(xf, yf) > 2.0 && !excluded(xf, yf)
                    {
                        hist[usize::from(work.gray.at(x, y))] += 1;
                        n += 1;
                    }
                }
            }
            if n * 10 < (t * t * 8) as u32 {
                continue;
            }
            let at = |q: f64| {
                let want = (f64::from(n) * q).ceil() as u32;
                let mut seen = 0;
                hist.iter()
                    .position(|&k| {
                        seen += k;
                        seen >= want.max(1)
                    })
                    .unwrap_or(255) as f64
            };
            let (dark, paper, bright) = (at(0.03), at(0.5), at(0.97));
            tiles[r * cols + c] = Some(TileStats {
                paper,
                clear_paper: at(0.75),
                ink: (paper - dark) - (bright - paper),
            });
        }
    }
    let text: Vec<TileStats> = tiles
        .iter()
        .flatten()
        .filter(|s| s.ink >= TEXT_INK)
        .copied()
        .collect();
    if text.len() < MIN_TEXT_TILES {
        return None;
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let paper_ref = median(text.iter().map(|s| s.clear_paper).collect());
    let contrast_ref = median(text.iter().map(TileStats::contrast).collect());
    let under: Vec<bool> = tiles
        .iter()
        .map(|s| {
            s.is_some_and(|s| {
                s.clear_paper >= paper_ref + ADDED_BRIGHTER
                    && s.ink >= FAINT_INK
                    && s.contrast() <= ADDED_CONTRAST_LEFT * contrast_ref
            })
        })
        .collect();
    if std::env::var_os("PHOTOCHECK_DEBUG_GLARE").is_some() {
        eprintln!("added light: tile {t}, {cols}x{rows}, text tiles {}, paper {paper_ref}, contrast {contrast_ref:.3}", text.len());
        for r in 0..rows {
            let line: String = (0..cols)
                .map(|c| match (tiles[r * cols + c], under[r * cols + c]) {
                    (None, _) => " ----- ".to_string(),
                    (Some(_), true) => " *GLR* ".to_string(),
                    (Some(s), false) => format!(" {:3.0}/{:2.0}", s.paper, s.ink),
                })
                .collect();
            eprintln!("{line}");
        }
    }
    // The largest 4-connected patch.
    let mut seen = vec![false; cols * rows];
    let mut best: Option<(usize, (usize, usize, usize, usize))> = None;
    for start in 0..cols * rows {
        if !under[start] || seen[start] {
            continue;
        }
        let (mut size, mut b) = (0usize, (usize::MAX, usize::MAX, 0usize, 0usize));
        let (mut lift, mut kept) = (0.0, 0.0);
        let mut stack = vec![start];
        seen[start] = true;
        while let Some(i) = stack.pop() {
            let (c, r) = (i % cols, i / cols);
            size += 1;
            if let Some(s) = tiles[i] {
                lift += s.clear_paper - paper_ref;
                kept += s.contrast() / contrast_ref;
            }
            b = (b.0.min(c), b.1.min(r), b.2.max(c), b.3.max(r));
            let mut push = |j: usize| {
                if under[j] && !seen[j] {
                    seen[j] = true;
                    stack.push(j);
                }
            };
            if c > 0 {
                push(i - 1);
            }
            if c + 1 < cols {
                push(i + 1);
            }
            if r > 0 {
                push(i - cols);
            }
            if r + 1 < rows {
                push(i + cols);
            }
        }
        if std::env::var_os("PHOTOCHECK_DEBUG_GLARE").is_some() {
            eprintln!(
                "GLARECLUSTER size {size} share {:.3} text {} lift {:.1} kept {:.2}",
                size as f64 / text.len() as f64,
                text.len(),
                lift / size as f64,
                kept / size as f64
            );
        }
        if best.is_none_or(|(s, _)| size > s) {
            best = Some((size, b));
        }
    }
    let (size, (c0, r0, c1, r1)) = best?;
    let bbox = (
        bx0 + c0 * t,
        by0 + r0 * t,
        bx0 + (c1 + 1) * t - 1,
        by0 + (r1 + 1) * t - 1,
    );
    Some((size as f64 / text.len() as f64, bbox))
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage};

    /// A 400x250 page of `paper` with dark text lines in a 600x400 frame; `light(x, y, p)`
    /// turns each of its pixels as the scene's light would.
    fn page(paper: [f64; 3], light: impl Fn(f64, f64, f64) -> f64) -> (Working, Quad) {
        let img = RgbImage::from_fn(600, 400, |x, y| {
            let (xf, yf) = (f64::from(x), f64::from(y));
            if !(100.0..500.0).contains(&xf) || !(75.0..325.0).contains(&yf) {
                return Rgb([90, 90, 90]);
            }
            let text = (y % 20 < 5) && (110..490).contains(&x) && (x / 6) % 3 != 0;
            let p = if text { [30.0, 30.0, 40.0] } else { paper };
            Rgb(p.map(|v| light(xf, yf, v).clamp(0.0, 255.0) as u8))
        });
        let work = crate::raster::working_copy(&img, 600);
        let quad = Quad {
            corners: [(100.0, 75.0), (499.0, 75.0), (499.0, 324.0), (100.0, 324.0)],
            area: 400.0 * 250.0,
            rectangularity: 1.0,
            solidity: 1.0,
            aspect: 1.6,
            touches_border: false,
            edge_density: 0.1,
            bbox: (100, 75, 499, 324),
            mean: 200.0,
        };
        (work, quad)
    }

    fn fails(found: Option<(f64, (usize, usize, usize, usize))>) -> bool {
        found.is_some_and(|(share, _)| share >= ADDED_TEXT_WARN)
    }

    const CREAM: [f64; 3] = [236.0, 228.0, 214.0];

    #[test]
    fn a_reflection_on_a_white_page_is_found_and_light_and_shadow_are_not() {
        let (work, doc) = page(CREAM, |_, _, p| p);
        assert!(!fails(added_light(&work, &doc, &[])));
        // Light falling off across the page multiplies ink and paper alike.
        let (work, doc) = page(CREAM, |x, _, p| p * (0.6 + 0.4 * (x - 100.0) / 400.0));
        assert!(!fails(added_light(&work, &doc, &[])));
        // A dim photo: everything darker, contrast as it was.
        let (work, doc) = page(CREAM, |_, _, p| p * 0.45);
        assert!(!fails(added_light(&work, &doc, &[])));
        // A lamp's reflection adds light over the middle, never saturating the paper.
        let lamp = |x: f64, y: f64, p: f64| {
            let d = ((x - 300.0).powi(2) + (y - 200.0).powi(2)).sqrt() / 100.0;
            let a = 0.85 * (1.0 - ((d - 0.5) / 0.5).clamp(0.0, 1.0));
            p + a * (250.0 - p)
        };
        let (work, doc) = page(CREAM, lamp);
        let found = added_light(&work, &doc, &[]);
        assert!(fails(found), "{found:?}");
        let (_, (x0, y0, x1, y1)) = found.unwrap_or_default();
        assert!(x0 < 300 && 300 < x1 && y0 < 200 && 200 < y1, "{found:?}");
    }
}
