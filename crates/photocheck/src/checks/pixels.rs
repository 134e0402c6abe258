//! The checks that look at pixels only: sharpness, glare, exposure, covered text,
//! screen or printout. Each documents its method and threshold; thresholds were set on
//! the generated test set (see ACCURACY.md) and are conservative where they block.

use image::RgbImage;

use super::document::Quad;
use crate::raster::{label_components, laplacian_variance, luma, morph, Gray, Working};

// ------------------------------------------------------------------ sharpness
/// Variance of the 4-neighbour Laplacian over the whole working image at half scale
/// (1024 px long side halved, contrast-stretched 2..98 %) below which the photo is
/// blurred. The tune set's blurred photos reach 72 and its sharp ones start at 1303:
/// the bar sits at about the geometric middle of that gap.
pub(crate) const SHARPNESS_WHOLE_MIN: f64 = 300.0;
/// The same at full scale over the document's inner 80 % (text lives there).
pub(crate) const SHARPNESS_DOC_MIN: f64 = 250.0;

/// Returns (whole-image variance, document variance if a document was found).
pub(crate) fn sharpness(work: &Working, doc: Option<&Quad>) -> (f64, Option<f64>) {
    let g = &work.gray;
    // Measured at half scale: sensor noise alone lifts the full-scale variance of a
    // blurred photo into the range of sharp ones, and averaging 2×2 blocks removes most
    // of it while the edges of a sharp photo stay edges.
    let half = g.halved();
    let whole = laplacian_variance(&half, 0, 0, half.w, half.h);
    let doc_var = doc.map(|q| {
        let (x0, y0, x1, y1) = q.bbox;
        let (mx, my) = ((x1 - x0) / 10, (y1 - y0) / 10);
        laplacian_variance(g, x0 + mx, y0 + my, x1 - mx, y1 - my)
    });
    (whole, doc_var)
}

// ------------------------------------------------------------------ exposure
/// Mean grey level below which the photo is too dark.
pub(crate) const EXPOSURE_DARK_MEAN: f64 = 45.0;
/// Mean grey level above which the photo is too bright.
pub(crate) const EXPOSURE_BRIGHT_MEAN: f64 = 215.0;
/// Fraction of clipped-white pixels above which the photo is too bright.
pub(crate) const EXPOSURE_CLIPPED_MAX: f64 = 0.25;

pub(crate) fn exposure(work: &Working) -> (f64, f64) {
    let n = work.gray.px.len().max(1) as f64;
    let mean = work.gray.px.iter().map(|&v| f64::from(v)).sum::<f64>() / n;
    let clipped = work.gray.px.iter().filter(|&&v| v >= 250).count() as f64 / n;
    (mean, clipped)
}

// ------------------------------------------------------------------ glare
/// A pixel is saturated when all three channels are at least this (working image).
pub(crate) const GLARE_LEVEL: u8 = 245;
/// Saturated blob area inside the document, as a fraction of the document area, from
/// which the glare hides text (fail). Blobs must also touch text-like detail.
pub(crate) const GLARE_DOC_FAIL: f64 = 0.010;
/// From this fraction a blob (in or out of the document) is worth a warning.
pub(crate) const GLARE_WARN: f64 = 0.002;

pub(crate) struct Glare {
    /// Largest blob's area inside the document / document area (0 without document).
    pub doc_fraction: f64,
    /// Largest blob's area / picture area.
    pub image_fraction: f64,
    pub over_text: bool,
    /// Bounding box of the worst blob, working coordinates.
    pub bbox: Option<(usize, usize, usize, usize)>,
}

pub(crate) fn glare(work: &Working, doc: Option<&Quad>) -> Glare {
    let (w, h) = (work.w(), work.h());
    let sat: Vec<bool> = work
        .rgb
        .iter()
        .map(|p| p[0] >= GLARE_LEVEL && p[1] >= GLARE_LEVEL && p[2] >= GLARE_LEVEL)
        .collect();
    let (labels, n) = label_components(&sat, w, h);
    let mut area = vec![0usize; n as usize + 1];
    let mut in_doc = vec![0usize; n as usize + 1];
    let mut bbox = vec![(usize::MAX, usize::MAX, 0usize, 0usize); n as usize + 1];
    for (i, &l) in labels.iter().enumerate() {
        if l == 0 {
            continue;
        }
        let (x, y) = (i % w, i / w);
        area[l as usize] += 1;
        if doc.is_some_and(|q| q.contains(x as f64, y as f64)) {
            in_doc[l as usize] += 1;
        }
        let b = &mut bbox[l as usize];
        *b = (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y));
    }
    let doc_area = doc.map(|q| q.area).unwrap_or(0.0);
    let mut best = Glare {
        doc_fraction: 0.0,
        image_fraction: 0.0,
        over_text: false,
        bbox: None,
    };
    let mut best_key = 0.0;
    for l in 1..=n as usize {
        let doc_fraction = if doc_area > 0.0 {
            in_doc[l] as f64 / doc_area
        } else {
            0.0
        };
        let image_fraction = area[l] as f64 / (w * h) as f64;
        let key = doc_fraction.max(image_fraction);
        if key > best_key {
            best_key = key;
            best = Glare {
                doc_fraction,
                image_fraction,
                over_text: false,
                bbox: Some(bbox[l]),
            };
            if doc_fraction > 0.0 {
                best.over_text = touches_text(&work.gray, bbox[l], doc);
            }
        }
    }
    best
}

/// Inside the document and outside every `exclude` box (the portrait).
fn in_document(doc: &Quad, exclude: &[(f64, f64, f64, f64)], x: usize, y: usize) -> bool {
    let (xf, yf) = (x as f64, y as f64);
    doc.contains(xf, yf)
        && !exclude
            .iter()
            .any(|e| xf >= e.0 && xf <= e.2 && yf >= e.1 && yf <= e.3)
}

fn luma_of(p: [u8; 3]) -> f64 {
    0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2])
}

/// The document's own paper as this photo shows it (its median colour, under whatever
/// light and white balance the photo has): what glare and fingers must differ from.
struct Paper {
    rgb: [f64; 3],
    luma: f64,
    /// Colourfulness, max - min channel.
    chroma: f64,
}

impl Paper {
    fn of(work: &Working, doc: &Quad, exclude: &[(f64, f64, f64, f64)]) -> Option<Paper> {
        let (w, h) = (work.w(), work.h());
        let (bx0, by0, bx1, by1) = doc.bbox;
        let (mut lumas, mut chromas) = (Vec::new(), Vec::new());
        let mut channels: [Vec<f64>; 3] = Default::default();
        for y in (by0..=by1.min(h - 1)).step_by(2) {
            for x in (bx0..=bx1.min(w - 1)).step_by(2) {
                if in_document(doc, exclude, x, y) {
                    let p = work.rgb[y * w + x];
                    lumas.push(luma_of(p));
                    let (hi, lo) = (p.iter().max()?, p.iter().min()?);
                    chromas.push(f64::from(hi - lo));
                    for (c, v) in channels.iter_mut().zip(p) {
                        c.push(f64::from(v));
                    }
                }
            }
        }
        let median = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v.get(v.len() / 2).copied()
        };
        let [mut r, mut g, mut b] = channels;
        Some(Paper {
            rgb: [median(&mut r)?, median(&mut g)?, median(&mut b)?],
            luma: median(&mut lumas)?,
            chroma: median(&mut chromas)?,
        })
    }

    /// Euclidean RGB distance of `p` from the paper's colour.
    fn distance(&self, p: [u8; 3]) -> f64 {
        p.iter()
            .zip(self.rgb)
            .map(|(&v, c)| (f64::from(v) - c).powi(2))
            .sum::<f64>()
            .sqrt()
    }
}

/// Soft glare: a reflection that never saturates but washes the card's colour out, to
/// near-white or to the lamp's tint, over its text. A pixel is washed out when it is at
/// least as bright as the document's own paper (its median) plus this...
pub(crate) const WASHED_BRIGHTER: f64 = 2.0;
/// ... and its colour has moved this far from the paper's (Euclidean RGB): noise, JPEG
/// and a lighting gradient move it far less.
pub(crate) const WASHED_COLOUR_SHIFT: f64 = 16.0;
/// Paper with less colour than this (a white passport page) cannot show a soft glare this
/// way: the check stays with saturated blobs there.
pub(crate) const WASHED_PAPER_CHROMA_MIN: f64 = 16.0;
/// Radius (working pixels) of the local mean a pixel's colour is judged on.
const WASHED_MEAN_RADIUS: usize = 4;
/// Share of the document a washed-out patch over text must cover to hide it (fail).
pub(crate) const WASHED_DOC_FAIL: f64 = 0.04;

/// The largest washed-out patch inside the document (outside `exclude`, the portrait),
/// as (share of the document, bounding box), when it lies over text.
pub(crate) fn washed_out(
    work: &Working,
    doc: &Quad,
    exclude: &[(f64, f64, f64, f64)],
) -> Option<(f64, (usize, usize, usize, usize))> {
    let (w, h) = (work.w(), work.h());
    let (bx0, by0, bx1, by1) = doc.bbox;
    let inside = |x: usize, y: usize| in_document(doc, exclude, x, y);
    let paper = Paper::of(work, doc, exclude)?;
    if paper.chroma < WASHED_PAPER_CHROMA_MIN {
        return None;
    }
    let paper_luma = paper.luma;
    let shift = |p: [u8; 3]| paper.distance(p);
    // Judged on the local mean colour: a printout's halftone dots leave bright paper
    // between them, which averages back to the paper's colour; a reflection does not.
    let mean = box_mean(
        &work.rgb,
        w,
        (bx0, by0, bx1.min(w - 1), by1.min(h - 1)),
        WASHED_MEAN_RADIUS,
    );
    let mut washed = vec![false; w * h];
    for y in by0..=by1.min(h - 1) {
        for x in bx0..=bx1.min(w - 1) {
            let p = mean(x, y);
            washed[y * w + x] = inside(x, y)
                && luma_of(p) >= paper_luma + WASHED_BRIGHTER
                && shift(p) >= WASHED_COLOUR_SHIFT;
        }
    }
    // Close the holes the washed-out text leaves, then drop specks.
    let washed = morph(&morph(&washed, w, h, 2, true), w, h, 2, false);
    let (labels, n) = label_components(&washed, w, h);
    let mut area = vec![0usize; n as usize + 1];
    let mut bbox = vec![(usize::MAX, usize::MAX, 0usize, 0usize); n as usize + 1];
    for (i, &l) in labels.iter().enumerate() {
        if l != 0 {
            let (x, y) = (i % w, i / w);
            area[l as usize] += 1;
            let b = &mut bbox[l as usize];
            *b = (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y));
        }
    }
    let l = (1..=n as usize).max_by_key(|&l| area[l])?;
    let share = area[l] as f64 / doc.area.max(1.0);
    (touches_text(&work.gray, bbox[l], Some(doc))).then_some((share, bbox[l]))
}

/// The mean colour of the (2r+1)² square around each pixel of `bbox` (clipped to it), from
/// per-channel summed-area tables.
fn box_mean(
    rgb: &[[u8; 3]],
    w: usize,
    (x0, y0, x1, y1): (usize, usize, usize, usize),
    r: usize,
) -> impl Fn(usize, usize) -> [u8; 3] + '_ {
    let (bw, bh) = (x1 + 1 - x0, y1 + 1 - y0);
    let mut sums = vec![[0u64; 3]; (bw + 1) * (bh + 1)];
    for y in 0..bh {
        let mut row = [0u64; 3];
        for x in 0..bw {
            let p = rgb[(y0 + y) * w + x0 + x];
            for c in 0..3 {
                row[c] += u64::from(p[c]);
                sums[(y + 1) * (bw + 1) + x + 1][c] = sums[y * (bw + 1) + x + 1][c] + row[c];
            }
        }
    }
    move |x: usize, y: usize| {
        let (lx, ly) = ((x - x0).saturating_sub(r), (y - y0).saturating_sub(r));
        let (hx, hy) = ((x - x0 + r + 1).min(bw), (y - y0 + r + 1).min(bh));
        let n = ((hx - lx) * (hy - ly)) as u64;
        let at = |x: usize, y: usize| sums[y * (bw + 1) + x];
        let mut out = [0u8; 3];
        for (c, o) in out.iter_mut().enumerate() {
            let total = at(hx, hy)[c] + at(lx, ly)[c] - at(lx, hy)[c] - at(hx, ly)[c];
            *o = u8::try_from(total / n).unwrap_or(u8::MAX);
        }
        out
    }
}

/// Text-like detail (strong dark/light transitions) in a ring around the blob, inside
/// the document: the blob sits over a text area.
fn touches_text(g: &Gray, b: (usize, usize, usize, usize), doc: Option<&Quad>) -> bool {
    let pad = ((b.2 - b.0).max(b.3 - b.1) / 3).max(6);
    let (x0, y0) = (
        b.0.saturating_sub(pad).max(1),
        b.1.saturating_sub(pad).max(1),
    );
    let (x1, y1) = ((b.2 + pad).min(g.w - 2), (b.3 + pad).min(g.h - 2));
    let (mut strong, mut total) = (0usize, 0usize);
    for y in y0..=y1 {
        for x in x0..=x1 {
            let inside_blob = x >= b.0 && x <= b.2 && y >= b.1 && y <= b.3;
            if inside_blob || !doc.is_some_and(|q| q.contains(x as f64, y as f64)) {
                continue;
            }
            total += 1;
            let gx = i32::from(g.at(x + 1, y)) - i32::from(g.at(x - 1, y));
            let gy = i32::from(g.at(x, y + 1)) - i32::from(g.at(x, y - 1));
            if gx.abs() + gy.abs() > 60 {
                strong += 1;
            }
        }
    }
    total > 0 && strong as f64 / total as f64 > 0.004
}

// ------------------------------------------------------------------ covered text
/// Skin-coloured (YCbCr: 142 ≤ Cr ≤ 180, 77 ≤ Cb ≤ 127, Y ≥ 60, R - B ≥ 40) area inside the
/// document that reaches the document's edge — a finger holding the card — as a
/// fraction of the document area, from which the finding warns. Faces inside the
/// document (the portrait) are excluded. Advisory only until calibrated on real photos.
pub(crate) const SKIN_DOC_WARN: f64 = 0.008;
/// RGB distance from the paper's own colour a skin-coloured pixel needs to count.
pub(crate) const FINGER_PAPER_SHIFT: f64 = 30.0;

pub(crate) fn covered_text(
    work: &Working,
    doc: &Quad,
    exclude: &[(f64, f64, f64, f64)],
) -> (f64, Option<(usize, usize, usize, usize)>) {
    let (w, h) = (work.w(), work.h());
    let (bx0, by0, bx1, by1) = doc.bbox;
    // Under warm light a cream page itself passes the skin test: a finger must also
    // stand out from the paper as this photo shows it.
    let paper = Paper::of(work, doc, exclude);
    let off_paper = |p: [u8; 3]| {
        paper
            .as_ref()
            .is_none_or(|pp| pp.distance(p) >= FINGER_PAPER_SHIFT)
    };
    let mut skin = vec![false; w * h];
    for y in by0..=by1.min(h - 1) {
        for x in bx0..=bx1.min(w - 1) {
            if !in_document(doc, exclude, x, y) {
                continue;
            }
            let [r, g, b] = work.rgb[y * w + x];
            let (r, g, b) = (f64::from(r), f64::from(g), f64::from(b));
            let yy = 0.299 * r + 0.587 * g + 0.114 * b;
            let cb = 128.0 - 0.168_736 * r - 0.331_264 * g + 0.5 * b;
            let cr = 128.0 + 0.5 * r - 0.418_688 * g - 0.081_312 * b;
            skin[y * w + x] = yy >= 60.0
                && (142.0..=180.0).contains(&cr)
                && (77.0..=127.0).contains(&cb)
                && r - b >= 40.0
                && off_paper(work.rgb[y * w + x]);
        }
    }
    let skin = morph(&morph(&skin, w, h, 1, false), w, h, 1, true);
    let (labels, n) = label_components(&skin, w, h);
    let mut area = vec![0usize; n as usize + 1];
    let mut at_edge = vec![false; n as usize + 1];
    let mut bbox = vec![(usize::MAX, usize::MAX, 0usize, 0usize); n as usize + 1];
    let edge = (doc.short_side() * 0.04).max(2.0);
    for (i, &l) in labels.iter().enumerate() {
        if l == 0 {
            continue;
        }
        let (x, y) = (i % w, i / w);
        area[l as usize] += 1;
        if doc.edge_distance(x as f64, y as f64) <= edge {
            at_edge[l as usize] = true;
        }
        let b = &mut bbox[l as usize];
        *b = (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y));
    }
    let mut best = (0.0, None);
    for l in 1..=n as usize {
        let f = area[l] as f64 / doc.area.max(1.0);
        if at_edge[l] && f > best.0 {
            best = (f, Some(bbox[l]));
        }
    }
    best
}

// ------------------------------------------------------------------ screen or print
/// Peak-to-local-background ratio (log10) of the power spectrum of 128x128 patches,
/// off the axes and above the lowest frequencies, reached in two directions, from which a
/// regular lattice (halftone dots, a screen's pixel grid) is suspected. Advisory only until calibrated on real printouts and screens.
pub(crate) const SCREEN_PEAK_MIN: f64 = 2.3;
/// Lowest spatial frequency considered, in cycles per patch (period ≤ 12.8 px).
const MIN_RADIUS: i64 = 10;
const PATCH: usize = 128;

/// Measures the strongest isolated periodic component in full-resolution patches of
/// the document (or a grid over the picture). JPEG's 8x8 block harmonics are skipped.
pub(crate) fn screen_peak(rgb: &RgbImage, region: (usize, usize, usize, usize)) -> f64 {
    let (x0, y0, x1, y1) = region;
    let (w, h) = (x1.saturating_sub(x0), y1.saturating_sub(y0));
    if w < PATCH || h < PATCH {
        return 0.0;
    }
    // a grid of patch centres: 3 across the region's diagonal, or 4x3 over a large region
    let mut centres = vec![
        (x0 + w / 2, y0 + h / 2),
        (x0 + w / 3, y0 + h / 3),
        (x0 + 2 * w / 3, y0 + 2 * h / 3),
    ];
    if w >= 4 * PATCH && h >= 3 * PATCH {
        centres = (0..12)
            .map(|i| {
                (
                    x0 + w * (2 * (i % 4) + 1) / 8,
                    y0 + h * (2 * (i / 4) + 1) / 6,
                )
            })
            .collect();
    }
    let raw = rgb.as_raw();
    let iw = rgb.width() as usize;
    let mut best = 0.0f64;
    for (cx, cy) in centres {
        let px = cx.saturating_sub(PATCH / 2).min(x1 - PATCH);
        let py = cy.saturating_sub(PATCH / 2).min(y1 - PATCH);
        let mut re = vec![0f64; PATCH * PATCH];
        let mut mean = 0.0;
        for y in 0..PATCH {
            for x in 0..PATCH {
                let i = ((py + y) * iw + px + x) * 3;
                let v = f64::from(luma(raw[i], raw[i + 1], raw[i + 2]));
                re[y * PATCH + x] = v;
                mean += v;
            }
        }
        mean /= (PATCH * PATCH) as f64;
        let hann: Vec<f64> = (0..PATCH)
            .map(|i| 0.5 - 0.5 * (2.0 * std::f64::consts::PI * i as f64 / PATCH as f64).cos())
            .collect();
        for y in 0..PATCH {
            for x in 0..PATCH {
                re[y * PATCH + x] = (re[y * PATCH + x] - mean) * hann[x] * hann[y];
            }
        }
        let mut im = vec![0f64; PATCH * PATCH];
        fft2(&mut re, &mut im, PATCH);
        let power: Vec<f64> = re.iter().zip(&im).map(|(a, b)| a * a + b * b).collect();
        let at = |u: i64, v: i64| {
            power[(v.rem_euclid(PATCH as i64) as usize) * PATCH
                + u.rem_euclid(PATCH as i64) as usize]
        };
        let half = PATCH as i64 / 2;
        // Every isolated peak: (strength, u, v).
        let mut peaks: Vec<(f64, i64, i64)> = Vec::new();
        for v in -half + 4..half - 4 {
            for u in 0..half - 4 {
                let r2 = u * u + v * v;
                // JPEG's 8x8 blocks put peaks on the axes at multiples of PATCH/8 cycles
                let block_harmonic = |k: i64| matches!(k.rem_euclid(PATCH as i64 / 8), 0 | 1 | 15);
                let on_axis_block =
                    (u.abs() <= 1 && block_harmonic(v)) || (v.abs() <= 1 && block_harmonic(u));
                if r2 < MIN_RADIUS * MIN_RADIUS || on_axis_block {
                    continue;
                }
                let p = at(u, v);
                let neighbours_lower = (-1..=1i64)
                    .flat_map(|dv| (-1..=1i64).map(move |du| (du, dv)))
                    .filter(|&d| d != (0, 0))
                    .all(|(du, dv)| at(u + du, v + dv) <= p);
                if !neighbours_lower {
                    continue;
                }
                // local background: the 9x9 ring around the bin, its 3x3 core excluded
                let (mut sum, mut n) = (0.0, 0.0);
                for dv in -4..=4i64 {
                    for du in -4..=4i64 {
                        if du.abs() <= 1 && dv.abs() <= 1 {
                            continue;
                        }
                        sum += at(u + du, v + dv);
                        n += 1.0;
                    }
                }
                let local = sum / n;
                if local > 0.0 && p > 0.0 {
                    let ratio = (p / local).log10();
                    if ratio >= PEAK_FLOOR {
                        peaks.push((ratio, u, v));
                    }
                }
            }
        }
        best = best.max(two_direction_peak(&peaks));
    }
    best
}

/// Peaks weaker than this (log10 over their surroundings) are not looked at.
const PEAK_FLOOR: f64 = 1.0;
/// Two frequencies are two directions from this sine of the angle between them (20°).
const SIN_APART: f64 = 0.34;

/// The strength of a lattice: the weaker of the two strongest peaks that lie in different
/// directions. A printer's dots and a screen's pixel grid repeat in two directions; the
/// line patterns and guilloche printed on ID cards (a residence card's fine diagonal
/// lines) repeat in one, with harmonics along it, and are not a screen.
fn two_direction_peak(peaks: &[(f64, i64, i64)]) -> f64 {
    let mut best: f64 = 0.0;
    for (i, &(a, ua, va)) in peaks.iter().enumerate() {
        for &(b, ub, vb) in &peaks[i + 1..] {
            let cross = (ua * vb - va * ub) as f64;
            let norms = (((ua * ua + va * va) * (ub * ub + vb * vb)) as f64).sqrt();
            if norms > 0.0 && cross.abs() / norms >= SIN_APART {
                best = best.max(a.min(b));
            }
        }
    }
    best
}

/// In-place radix-2 FFT of rows then columns.
fn fft2(re: &mut [f64], im: &mut [f64], n: usize) {
    let mut rr = vec![0f64; n];
    let mut ii = vec![0f64; n];
    for y in 0..n {
        fft1(&mut re[y * n..(y + 1) * n], &mut im[y * n..(y + 1) * n]);
    }
    for x in 0..n {
        for y in 0..n {
            rr[y] = re[y * n + x];
            ii[y] = im[y * n + x];
        }
        fft1(&mut rr, &mut ii);
        for y in 0..n {
            re[y * n + x] = rr[y];
            im[y * n + x] = ii[y];
        }
    }
}

fn fft1(re: &mut [f64], im: &mut [f64]) {
    let n = re.len();
    let mut j = 0;
    for i in 1..n {
        let mut bit = n >> 1;
        while j & bit != 0 {
            j ^= bit;
            bit >>= 1;
        }
        j |= bit;
        if i < j {
            re.swap(i, j);
            im.swap(i, j);
        }
    }
    let mut len = 2;
    while len <= n {
        let ang = -2.0 * std::f64::consts::PI / len as f64;
        let (wr, wi) = (ang.cos(), ang.sin());
        for start in (0..n).step_by(len) {
            let (mut cr, mut ci) = (1.0f64, 0.0f64);
            for k in 0..len / 2 {
                let (a, b) = (start + k, start + k + len / 2);
                let (tr, ti) = (re[b] * cr - im[b] * ci, re[b] * ci + im[b] * cr);
                re[b] = re[a] - tr;
                im[b] = im[a] - ti;
                re[a] += tr;
                im[a] += ti;
                let ncr = cr * wr - ci * wi;
                ci = cr * wi + ci * wr;
                cr = ncr;
            }
        }
        len <<= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    /// A 400x250 card of `paper` colour with dark text lines, on grey, in a 600x400 frame,
    /// with `blob` (centre, radius, colour) blended softly over it.
    fn card(paper: [u8; 3], blob: Option<((f64, f64), f64, [u8; 3])>) -> (Working, Quad) {
        let img = RgbImage::from_fn(600, 400, |x, y| {
            let (xf, yf) = (f64::from(x), f64::from(y));
            if !(100.0..500.0).contains(&xf) || !(75.0..325.0).contains(&yf) {
                return Rgb([90, 90, 90]);
            }
            let text = (y % 24 < 6) && (120..480).contains(&x) && (x / 7) % 3 != 0;
            let mut p = if text {
                [30.0, 30.0, 40.0]
            } else {
                paper.map(f64::from)
            };
            if let Some(((cx, cy), r, colour)) = blob {
                let d = ((xf - cx).powi(2) + (yf - cy).powi(2)).sqrt() / r;
                // A plateau that never saturates, fading out at its edge.
                let a = 0.9 * (1.0 - ((d - 0.6) / 0.4).clamp(0.0, 1.0));
                for c in 0..3 {
                    p[c] = p[c] * (1.0 - a) + f64::from(colour[c]) * a;
                }
            }
            Rgb(p.map(|v| v as u8))
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

    #[test]
    fn sensor_noise_does_not_make_a_blurred_photo_sharp() {
        // A soft gradient (a blurred scene) under strong pixel noise, and hard-edged
        // blocks (a sharp one) under the same noise.
        // White noise from a hash of the position (SplitMix64), σ ≈ 8 grey levels, as a
        // phone's sensor in poor light, on a 1600×1200 frame.
        let noise = |x: u32, y: u32| {
            let mut z = (u64::from(y) << 32 | u64::from(x)).wrapping_add(0x9E37_79B9_7F4A_7C15);
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            ((z ^ (z >> 31)) % 29) as f64 - 14.0
        };
        let blurred = RgbImage::from_fn(1600, 1200, |x, y| {
            let v = 128.0 + 100.0 * (f64::from(x) / 180.0).sin() + noise(x, y);
            Rgb([v.clamp(0.0, 255.0) as u8; 3])
        });
        let sharp = RgbImage::from_fn(1600, 1200, |x, y| {
            let v = if (x / 80 + y / 80) % 2 == 0 {
                60.0
            } else {
                200.0
            } + noise(x, y);
            Rgb([v.clamp(0.0, 255.0) as u8; 3])
        });
        let measure = |img: &RgbImage| sharpness(&crate::raster::working_copy(img, 1024), None).0;
        let (b, s) = (measure(&blurred), measure(&sharp));
        assert!(b < SHARPNESS_WHOLE_MIN, "blurred under noise: {b}");
        assert!(s >= SHARPNESS_WHOLE_MIN, "sharp under noise: {s}");
    }

    #[test]
    fn a_cream_page_under_warm_light_is_no_finger_but_a_finger_on_it_is() {
        // This page colour passes the skin test by itself.
        let warm_page = [236, 200, 170];
        let (work, doc) = card(warm_page, None);
        let (share, _) = covered_text(&work, &doc, &[]);
        assert!(share < SKIN_DOC_WARN, "the page alone: {share}");
        let (work, doc) = card(warm_page, Some(((110.0, 200.0), 70.0, [190, 130, 100])));
        let (share, _) = covered_text(&work, &doc, &[]);
        assert!(share >= SKIN_DOC_WARN, "a finger from the edge: {share}");
    }

    #[test]
    fn soft_glare_over_a_coloured_card_is_found_white_or_warm() {
        let green = [206, 232, 212];
        let (work, doc) = card(green, None);
        assert!(washed_out(&work, &doc, &[]).is_none_or(|(share, _)| share < WASHED_DOC_FAIL));
        for lamp in [[238, 238, 236], [250, 236, 214]] {
            let (work, doc) = card(green, Some(((300.0, 180.0), 90.0, lamp)));
            let (share, _) = washed_out(&work, &doc, &[]).expect("a patch over text");
            assert!(share >= WASHED_DOC_FAIL, "{lamp:?}: {share}");
        }
        // A white page shows no soft glare this way: saturated blobs are its only glare.
        let (work, doc) = card(
            [240, 240, 238],
            Some(((300.0, 180.0), 90.0, [252, 252, 252])),
        );
        assert!(washed_out(&work, &doc, &[]).is_none());
    }

    #[test]
    fn fft_finds_a_pure_tone() {
        let n = 16;
        let mut re: Vec<f64> = (0..n)
            .map(|i| (2.0 * std::f64::consts::PI * 3.0 * i as f64 / n as f64).cos())
            .collect();
        let mut im = vec![0.0; n];
        fft1(&mut re, &mut im);
        let peak = (0..n / 2)
            .max_by(|&a, &b| re[a].abs().partial_cmp(&re[b].abs()).unwrap())
            .unwrap();
        assert_eq!(peak, 3);
    }

    #[test]
    fn halftone_dots_raise_the_spectrum_peak() {
        let flat = RgbImage::from_fn(600, 600, |x, y| {
            let v = 180.0 + 20.0 * ((x as f64 / 37.0).sin() * (y as f64 / 53.0).cos());
            Rgb([v as u8, v as u8, v as u8])
        });
        let dotted = RgbImage::from_fn(600, 600, |x, y| {
            let a = std::f64::consts::FRAC_PI_4;
            let (u, v) = (
                (x as f64 * a.cos() + y as f64 * a.sin()) / 6.0,
                (-(x as f64) * a.sin() + y as f64 * a.cos()) / 6.0,
            );
            let d =
                ((u * std::f64::consts::TAU).cos() * (v * std::f64::consts::TAU).cos() + 1.0) / 2.0;
            let g = (180.0 * (0.62 + 0.38 * d)) as u8;
            Rgb([g, g, g])
        });
        let a = screen_peak(&flat, (0, 0, 600, 600));
        let b = screen_peak(&dotted, (0, 0, 600, 600));
        assert!(b > SCREEN_PEAK_MIN && b > a + 1.0, "flat {a} dotted {b}");
    }

    #[test]
    fn printed_lines_repeat_in_one_direction_and_are_no_screen() {
        // A card's fine diagonal security lines, every 7 px: strongly periodic, one way.
        let tau = std::f64::consts::TAU;
        let along = |x: u32, y: u32| (f64::from(x) * 0.89 + f64::from(y) * 0.45) / 7.0;
        // A camera's noise, as in every photo (±6 grey levels, a fixed hash).
        let noise = |x: u32, y: u32| {
            let h = (x.wrapping_mul(73_856_093) ^ y.wrapping_mul(19_349_663)) % 13;
            f64::from(h) - 6.0
        };
        let lines = RgbImage::from_fn(600, 600, |x, y| {
            let t = along(x, y);
            let g = 190.0 + 40.0 * (tau * t).cos() + 15.0 * (2.0 * tau * t).cos() + noise(x, y);
            Rgb([g as u8, g as u8, g as u8])
        });
        let l = screen_peak(&lines, (0, 0, 600, 600));
        assert!(l < SCREEN_PEAK_MIN, "lines {l}");
        // The same lines crossed by others (a grid): two directions.
        let grid = RgbImage::from_fn(600, 600, |x, y| {
            let t = along(x, y);
            let g = 170.0
                + 30.0 * (tau * t).cos()
                + 30.0 * (tau * f64::from(y) / 6.0).cos()
                + noise(x, y);
            Rgb([g as u8, g as u8, g as u8])
        });
        let g = screen_peak(&grid, (0, 0, 600, 600));
        assert!(g >= SCREEN_PEAK_MIN, "grid {g}");
    }
}
