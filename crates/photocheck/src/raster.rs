//! Small raster helpers: grey planes, area-average downscaling, warping a document
//! quadrilateral upright. Written out here to keep the dependency tree (and the build on
//! a 2-core machine) small.

use image::RgbImage;

/// An 8-bit single-channel plane.
#[derive(Clone)]
pub(crate) struct Gray {
    pub w: usize,
    pub h: usize,
    pub px: Vec<u8>,
}

impl Gray {
    pub fn new(w: usize, h: usize) -> Gray {
        Gray {
            w,
            h,
            px: vec![0; w * h],
        }
    }
    #[inline]
    pub fn at(&self, x: usize, y: usize) -> u8 {
        self.px[y * self.w + x]
    }
    pub fn flipped_horizontally(&self) -> Gray {
        let mut out = Gray::new(self.w, self.h);
        for y in 0..self.h {
            let row = &self.px[y * self.w..(y + 1) * self.w];
            let dst = &mut out.px[y * self.w..(y + 1) * self.w];
            for (d, s) in dst.iter_mut().zip(row.iter().rev()) {
                *d = *s;
            }
        }
        out
    }
    /// Area-average downscale so that the long side is at most `long_side`; returns the
    /// plane and the factor (new / old).
    pub fn downscaled(&self, long_side: usize) -> (Gray, f64) {
        let f = (long_side as f64 / self.w.max(self.h) as f64).min(1.0);
        if f >= 1.0 {
            return (self.clone(), 1.0);
        }
        let (w, h) = (
            ((self.w as f64 * f).round() as usize).max(1),
            ((self.h as f64 * f).round() as usize).max(1),
        );
        let mut out = Gray::new(w, h);
        for y in 0..h {
            let (y0, y1) = (
                y * self.h / h,
                ((y + 1) * self.h / h).max(y * self.h / h + 1).min(self.h),
            );
            for x in 0..w {
                let (x0, x1) = (
                    x * self.w / w,
                    ((x + 1) * self.w / w).max(x * self.w / w + 1).min(self.w),
                );
                let mut s = 0u32;
                for yy in y0..y1 {
                    for xx in x0..x1 {
                        s += u32::from(self.px[yy * self.w + xx]);
                    }
                }
                let n = ((y1 - y0) * (x1 - x0)) as u32;
                out.px[y * w + x] = ((s + n / 2) / n) as u8;
            }
        }
        (out, w as f64 / self.w as f64)
    }

    pub fn crop(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> Gray {
        let (x1, y1) = (x1.min(self.w), y1.min(self.h));
        let (x0, y0) = (x0.min(x1), y0.min(y1));
        let mut out = Gray::new(x1 - x0, y1 - y0);
        for y in y0..y1 {
            out.px[(y - y0) * out.w..(y - y0 + 1) * out.w]
                .copy_from_slice(&self.px[y * self.w + x0..y * self.w + x1]);
        }
        out
    }
}

impl Gray {
    /// Half the size, each pixel the mean of a 2×2 block: sensor noise averages out,
    /// while edges that were sharp stay sharp at the smaller scale.
    pub fn halved(&self) -> Gray {
        let (w, h) = ((self.w / 2).max(1), (self.h / 2).max(1));
        let mut out = Gray::new(w, h);
        for y in 0..h {
            for x in 0..w {
                let (sx, sy) = ((2 * x).min(self.w - 1), (2 * y).min(self.h - 1));
                let (sx1, sy1) = ((sx + 1).min(self.w - 1), (sy + 1).min(self.h - 1));
                let sum = u32::from(self.at(sx, sy))
                    + u32::from(self.at(sx1, sy))
                    + u32::from(self.at(sx, sy1))
                    + u32::from(self.at(sx1, sy1));
                out.px[y * w + x] = ((sum + 2) / 4) as u8;
            }
        }
        out
    }

    /// The plane inside a white frame of `pad` pixels (Tesseract reads text that touches
    /// the image edge badly).
    pub fn framed(&self, pad: usize) -> Gray {
        let mut out = Gray {
            w: self.w + 2 * pad,
            h: self.h + 2 * pad,
            px: vec![255; (self.w + 2 * pad) * (self.h + 2 * pad)],
        };
        for y in 0..self.h {
            let dst = (y + pad) * out.w + pad;
            out.px[dst..dst + self.w].copy_from_slice(&self.px[y * self.w..(y + 1) * self.w]);
        }
        out
    }

    /// Otsu's threshold: the grey level that best separates ink from paper.
    pub fn otsu_threshold(&self) -> u8 {
        let mut hist = [0u64; 256];
        for &v in &self.px {
            hist[usize::from(v)] += 1;
        }
        let total = self.px.len() as f64;
        let sum_all: f64 = hist
            .iter()
            .enumerate()
            .map(|(i, &n)| i as f64 * n as f64)
            .sum();
        let (mut w0, mut sum0, mut best, mut best_t) = (0.0, 0.0, -1.0, 127u8);
        for (t, &n) in hist.iter().enumerate() {
            w0 += n as f64;
            sum0 += t as f64 * n as f64;
            let w1 = total - w0;
            if w0 == 0.0 || w1 == 0.0 {
                continue;
            }
            let (m0, m1) = (sum0 / w0, (sum_all - sum0) / w1);
            let between = w0 * w1 * (m0 - m1) * (m0 - m1);
            if between > best {
                best = between;
                best_t = t as u8;
            }
        }
        best_t
    }

    /// Boxes (x0, y0, x1, y1) of the lines of writing on a sheet that stands upright,
    /// top to bottom, from the horizontal profile of ink (Otsu). Rows inked over most of
    /// the width (a ruled line, the sheet's edge) are no writing.
    pub fn text_lines(&self) -> Vec<(usize, usize, usize, usize)> {
        let (w, h) = (self.w, self.h);
        if w == 0 || h == 0 {
            return Vec::new();
        }
        let t = self.otsu_threshold();
        let ink = |x: usize, y: usize| self.px[y * w + x] <= t;
        let min_ink = ((w as f64 * 0.004) as usize).max(3);
        let rows: Vec<bool> = (0..h)
            .map(|y| {
                let n = (0..w).filter(|&x| ink(x, y)).count();
                n > min_ink && (n as f64) < w as f64 * 0.6
            })
            .collect();
        let mut bands: Vec<(usize, usize)> = Vec::new();
        let mut y = 0;
        while y < h {
            if rows[y] {
                let s = y;
                while y < h && rows[y] {
                    y += 1;
                }
                // Strokes of one line separated by a thin gap (accents, dots) stay one line.
                match bands.last_mut() {
                    Some(last) if ((s - last.1) as f64) < h as f64 * 0.04 => last.1 = y,
                    _ => bands.push((s, y)),
                }
            } else {
                y += 1;
            }
        }
        const PAD: usize = 6;
        bands
            .into_iter()
            .filter(|(s, e)| (e - s) as f64 >= h as f64 * 0.05)
            .filter_map(|(s, e)| {
                let cols: Vec<usize> = (0..w).filter(|&x| (s..e).any(|y| ink(x, y))).collect();
                let (x0, x1) = (*cols.first()?, *cols.last()? + 1);
                Some((
                    x0.saturating_sub(PAD),
                    s.saturating_sub(PAD),
                    (x1 + PAD).min(w),
                    (e + PAD).min(h),
                ))
            })
            .collect()
    }

    /// A line of writing with at least `min_gap` (as a share of the line's height) of
    /// paper between neighbouring glyphs: columns of ink are kept as they are, gaps
    /// narrower than that are widened. Tightly written glyphs otherwise run together in
    /// the recogniser (a handwritten "11" reads as "N", "1." as "1)").
    pub fn respaced(&self, min_gap: f64) -> Gray {
        let (w, h) = (self.w, self.h);
        let t = self.otsu_threshold();
        let inked: Vec<usize> = (0..w)
            .map(|x| (0..h).filter(|&y| self.px[y * w + x] <= t).count())
            .collect();
        // Runs of inked columns; a run with less than 3 inked pixels is noise.
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut x = 0;
        while x < w {
            if inked[x] > 0 {
                let s = x;
                while x < w && inked[x] > 0 {
                    x += 1;
                }
                if inked[s..x].iter().sum::<usize>() >= 3 {
                    runs.push((s, x));
                }
            } else {
                x += 1;
            }
        }
        let gap = ((min_gap * h as f64) as usize).max(1);
        let gaps: Vec<usize> = runs
            .windows(2)
            .map(|p| (p[1].0 - p[0].1).max(gap))
            .collect();
        let out_w =
            runs.iter().map(|(a, b)| b - a).sum::<usize>() + gaps.iter().sum::<usize>() + 2 * gap;
        let mut out = Gray {
            w: out_w,
            h,
            px: vec![255; out_w * h],
        };
        let mut at = gap;
        for (i, &(a, b)) in runs.iter().enumerate() {
            for y in 0..h {
                out.px[y * out_w + at..y * out_w + at + (b - a)]
                    .copy_from_slice(&self.px[y * w + a..y * w + b]);
            }
            at += b - a + gaps.get(i).copied().unwrap_or(0);
        }
        out
    }
}

/// Rec. 601 luma.
#[inline]
pub(crate) fn luma(r: u8, g: u8, b: u8) -> u8 {
    ((u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114 + 500) / 1000) as u8
}

/// The working copy: RGB and grey, area-averaged so that the long side is `long_side`
/// (never upscaled). `scale` = working / original.
pub(crate) struct Working {
    pub rgb: Vec<[u8; 3]>,
    pub gray: Gray,
    pub scale: f64,
}

impl Working {
    pub fn w(&self) -> usize {
        self.gray.w
    }
    pub fn h(&self) -> usize {
        self.gray.h
    }
}

pub(crate) fn working_copy(src: &RgbImage, long_side: usize) -> Working {
    let (sw, sh) = (src.width() as usize, src.height() as usize);
    let f = (long_side as f64 / sw.max(sh) as f64).min(1.0);
    let (w, h) = (
        ((sw as f64 * f).round() as usize).max(1),
        ((sh as f64 * f).round() as usize).max(1),
    );
    let raw = src.as_raw();
    // Column spans are the same for every row: compute once.
    let xs: Vec<(usize, usize)> = (0..w)
        .map(|x| {
            let a = x * sw / w;
            let b = ((x + 1) * sw / w).max(a + 1).min(sw);
            (a, b)
        })
        .collect();
    let mut rgb = vec![[0u8; 3]; w * h];
    let mut acc = vec![[0u32; 3]; w];
    for y in 0..h {
        let y0 = y * sh / h;
        let y1 = ((y + 1) * sh / h).max(y0 + 1).min(sh);
        acc.iter_mut().for_each(|a| *a = [0; 3]);
        for sy in y0..y1 {
            let row = &raw[sy * sw * 3..(sy + 1) * sw * 3];
            for (x, &(a, b)) in xs.iter().enumerate() {
                let s = &mut acc[x];
                for sx in a..b {
                    s[0] += u32::from(row[sx * 3]);
                    s[1] += u32::from(row[sx * 3 + 1]);
                    s[2] += u32::from(row[sx * 3 + 2]);
                }
            }
        }
        for (x, &(a, b)) in xs.iter().enumerate() {
            let n = ((b - a) * (y1 - y0)) as u32;
            let s = acc[x];
            rgb[y * w + x] = [
                ((s[0] + n / 2) / n) as u8,
                ((s[1] + n / 2) / n) as u8,
                ((s[2] + n / 2) / n) as u8,
            ];
        }
    }
    let gray = Gray {
        w,
        h,
        px: rgb.iter().map(|p| luma(p[0], p[1], p[2])).collect(),
    };
    Working {
        rgb,
        gray,
        scale: w as f64 / sw as f64,
    }
}

/// A dim photo (99th percentile below 160) is stretched linearly so that its 1st..99th
/// percentiles span 0..230: the detectors then see a dark photo as a photo, while the
/// exposure check (measured before) still reports it as too dark.
pub(crate) fn stretch_if_dim(work: &mut Working) {
    let mut hist = [0usize; 256];
    for &v in &work.gray.px {
        hist[v as usize] += 1;
    }
    let n = work.gray.px.len();
    let pct = |p: f64| {
        let target = (n as f64 * p) as usize;
        let mut c = 0;
        for (i, &v) in hist.iter().enumerate() {
            c += v;
            if c > target {
                return i as f64;
            }
        }
        255.0
    };
    let (lo, hi) = (pct(0.01), pct(0.99));
    if hi >= 160.0 || hi - lo < 8.0 {
        return;
    }
    let gain = 230.0 / (hi - lo);
    let map = |v: u8| ((f64::from(v) - lo) * gain).clamp(0.0, 255.0).round() as u8;
    for p in work.rgb.iter_mut() {
        *p = [map(p[0]), map(p[1]), map(p[2])];
    }
    for (g, p) in work.gray.px.iter_mut().zip(work.rgb.iter()) {
        *g = luma(p[0], p[1], p[2]);
    }
}

/// Samples the quadrilateral `corners` (top-left, top-right, bottom-right, bottom-left, in
/// source pixels) into an upright `out_w` x `out_h` grey plane, bilinearly.
pub(crate) fn warp_quad(
    src: &RgbImage,
    corners: &[(f64, f64); 4],
    out_w: usize,
    out_h: usize,
) -> Gray {
    let (sw, sh) = (src.width() as usize, src.height() as usize);
    let raw = src.as_raw();
    let mut out = Gray::new(out_w, out_h);
    let [p0, p1, p2, p3] = *corners;
    let sample = |x: f64, y: f64| -> u8 {
        if x < 0.0 || y < 0.0 || x > (sw - 1) as f64 || y > (sh - 1) as f64 {
            return 255;
        }
        let (x0, y0) = (x.floor() as usize, y.floor() as usize);
        let (x1, y1) = ((x0 + 1).min(sw - 1), (y0 + 1).min(sh - 1));
        let (fx, fy) = (x - x0 as f64, y - y0 as f64);
        let l = |xx: usize, yy: usize| {
            let i = (yy * sw + xx) * 3;
            f64::from(luma(raw[i], raw[i + 1], raw[i + 2]))
        };
        let top = l(x0, y0) * (1.0 - fx) + l(x1, y0) * fx;
        let bot = l(x0, y1) * (1.0 - fx) + l(x1, y1) * fx;
        (top * (1.0 - fy) + bot * fy).round() as u8
    };
    for v in 0..out_h {
        let t = (v as f64 + 0.5) / out_h as f64;
        let left = (p0.0 + (p3.0 - p0.0) * t, p0.1 + (p3.1 - p0.1) * t);
        let right = (p1.0 + (p2.0 - p1.0) * t, p1.1 + (p2.1 - p1.1) * t);
        for u in 0..out_w {
            let s = (u as f64 + 0.5) / out_w as f64;
            out.px[v * out_w + u] = sample(
                left.0 + (right.0 - left.0) * s,
                left.1 + (right.1 - left.1) * s,
            );
        }
    }
    out
}

/// Connected components (4-connected) of `mask`; returns a label per pixel (0 = none)
/// and the number of labels.
pub(crate) fn label_components(mask: &[bool], w: usize, h: usize) -> (Vec<u32>, u32) {
    let mut labels = vec![0u32; w * h];
    let mut next = 0u32;
    let mut stack = Vec::new();
    for start in 0..w * h {
        if !mask[start] || labels[start] != 0 {
            continue;
        }
        next += 1;
        labels[start] = next;
        stack.push(start);
        while let Some(i) = stack.pop() {
            let (x, y) = (i % w, i / w);
            let mut visit = |j: usize| {
                if mask[j] && labels[j] == 0 {
                    labels[j] = next;
                    stack.push(j);
                }
            };
            if x > 0 {
                visit(i - 1);
            }
            if x + 1 < w {
                visit(i + 1);
            }
            if y > 0 {
                visit(i - w);
            }
            if y + 1 < h {
                visit(i + w);
            }
        }
    }
    (labels, next)
}

/// Largest per-channel step between 4-neighbours (after a 3x3 box blur) that keeps two
/// pixels in the same smooth region.
pub(crate) const SMOOTH_STEP: i16 = 6;
/// A pixel whose largest per-channel central difference exceeds this is an edge and
/// belongs to no region: edges separate a document from a similar-coloured background.
pub(crate) const EDGE_BARRIER: i16 = 20;

/// Regions of gently varying colour: 4-connected components of non-edge pixels whose
/// neighbours differ by at most [`SMOOTH_STEP`] per channel, after a 3x3 box blur.
/// Edge pixels (central difference above [`EDGE_BARRIER`]) get label 0.
pub(crate) fn smooth_regions(rgb: &[[u8; 3]], w: usize, h: usize) -> (Vec<u32>, u32) {
    let mut blur = vec![[0i16; 3]; w * h];
    for y in 0..h {
        let (y0, y1) = (y.saturating_sub(1), (y + 1).min(h - 1));
        for x in 0..w {
            let (x0, x1) = (x.saturating_sub(1), (x + 1).min(w - 1));
            let mut s = [0u32; 3];
            for yy in y0..=y1 {
                for xx in x0..=x1 {
                    let p = rgb[yy * w + xx];
                    s[0] += u32::from(p[0]);
                    s[1] += u32::from(p[1]);
                    s[2] += u32::from(p[2]);
                }
            }
            let n = ((y1 - y0 + 1) * (x1 - x0 + 1)) as u32;
            blur[y * w + x] = [(s[0] / n) as i16, (s[1] / n) as i16, (s[2] / n) as i16];
        }
    }
    let mut edge = vec![false; w * h];
    for y in 1..h.saturating_sub(1) {
        for x in 1..w.saturating_sub(1) {
            let (l, r, u, d) = (
                blur[y * w + x - 1],
                blur[y * w + x + 1],
                blur[(y - 1) * w + x],
                blur[(y + 1) * w + x],
            );
            edge[y * w + x] = (0..3)
                .any(|c| (l[c] - r[c]).abs() > EDGE_BARRIER || (u[c] - d[c]).abs() > EDGE_BARRIER);
        }
    }
    let close = |a: [i16; 3], b: [i16; 3]| (0..3).all(|c| (a[c] - b[c]).abs() <= SMOOTH_STEP);
    let mut labels = vec![0u32; w * h];
    let mut next = 0u32;
    let mut stack = Vec::new();
    for start in 0..w * h {
        if labels[start] != 0 || edge[start] {
            continue;
        }
        next += 1;
        labels[start] = next;
        stack.push(start);
        while let Some(i) = stack.pop() {
            let (x, y) = (i % w, i / w);
            let c = blur[i];
            let mut visit = |j: usize| {
                if labels[j] == 0 && !edge[j] && close(c, blur[j]) {
                    labels[j] = next;
                    stack.push(j);
                }
            };
            if x > 0 {
                visit(i - 1);
            }
            if x + 1 < w {
                visit(i + 1);
            }
            if y > 0 {
                visit(i - w);
            }
            if y + 1 < h {
                visit(i + w);
            }
        }
    }
    (labels, next)
}

/// Binary erosion or dilation with a (2r+1)^2 square, separably.
pub(crate) fn morph(mask: &[bool], w: usize, h: usize, r: usize, dilate: bool) -> Vec<bool> {
    let pass = |src: &[bool], horizontal: bool| -> Vec<bool> {
        let mut out = vec![false; w * h];
        for y in 0..h {
            for x in 0..w {
                let (lo, hi, fixed) = if horizontal {
                    (x.saturating_sub(r), (x + r).min(w - 1), y)
                } else {
                    (y.saturating_sub(r), (y + r).min(h - 1), x)
                };
                let mut any = false;
                let mut all = true;
                for k in lo..=hi {
                    let v = if horizontal {
                        src[fixed * w + k]
                    } else {
                        src[k * w + fixed]
                    };
                    any |= v;
                    all &= v;
                }
                out[y * w + x] = if dilate { any } else { all };
            }
        }
        out
    };
    let a = pass(mask, true);
    pass(&a, false)
}

/// Variance of the 4-neighbour Laplacian over a rectangle of a grey plane, after
/// stretching the rectangle's 2nd..98th percentile to 0..255 so that a dim or
/// low-contrast photo is not mistaken for a blurred one.
pub(crate) fn laplacian_variance(g: &Gray, x0: usize, y0: usize, x1: usize, y1: usize) -> f64 {
    let (x0, y0) = (x0.max(1), y0.max(1));
    let (x1, y1) = (x1.min(g.w - 1), y1.min(g.h - 1));
    if x1 <= x0 + 2 || y1 <= y0 + 2 {
        return 0.0;
    }
    let mut hist = [0u64; 256];
    for y in y0..y1 {
        for x in x0..x1 {
            hist[g.at(x, y) as usize] += 1;
        }
    }
    let n: u64 = hist.iter().sum();
    let pct = |p: f64| -> f64 {
        let target = (n as f64 * p) as u64;
        let mut c = 0;
        for (i, &v) in hist.iter().enumerate() {
            c += v;
            if c > target {
                return i as f64;
            }
        }
        255.0
    };
    let (lo, hi) = (pct(0.02), pct(0.98));
    let gain = 255.0 / (hi - lo).max(24.0);
    let (mut sum, mut sum2, mut count) = (0f64, 0f64, 0f64);
    for y in y0..y1 {
        for x in x0..x1 {
            let c = f64::from(g.at(x, y));
            let lap = f64::from(g.at(x - 1, y))
                + f64::from(g.at(x + 1, y))
                + f64::from(g.at(x, y - 1))
                + f64::from(g.at(x, y + 1))
                - 4.0 * c;
            let lap = lap * gain;
            sum += lap;
            sum2 += lap * lap;
            count += 1.0;
        }
    }
    let mean = sum / count;
    sum2 / count - mean * mean
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    #[test]
    fn downscale_keeps_mean_and_aspect() {
        let img = RgbImage::from_fn(1000, 500, |x, _| {
            if x < 500 {
                Rgb([0, 0, 0])
            } else {
                Rgb([200, 200, 200])
            }
        });
        let w = working_copy(&img, 400);
        assert_eq!((w.w(), w.h()), (400, 200));
        let mean: f64 =
            w.gray.px.iter().map(|&v| f64::from(v)).sum::<f64>() / w.gray.px.len() as f64;
        assert!((mean - 100.0).abs() < 1.0, "{mean}");
    }

    /// A light sheet with dark blocks standing for glyphs on the given rows.
    fn sheet(w: usize, h: usize, glyphs: &[(usize, usize, usize, usize)]) -> Gray {
        let mut g = Gray {
            w,
            h,
            px: vec![235; w * h],
        };
        for &(x0, y0, x1, y1) in glyphs {
            for y in y0..y1 {
                for x in x0..x1 {
                    g.px[y * w + x] = 30;
                }
            }
        }
        g
    }

    #[test]
    fn text_lines_found_top_to_bottom_and_ruled_lines_ignored() {
        let mut glyphs = Vec::new();
        for (row, y) in [(0usize, 20usize), (1, 120), (2, 220)] {
            for k in 0..(5 + row) {
                glyphs.push((30 + k * 40, y, 55 + k * 40, y + 40));
            }
        }
        glyphs.push((0, 95, 700, 97)); // a ruled line across the sheet
        let g = sheet(700, 300, &glyphs);
        let lines = g.text_lines();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert_eq!(lines[0], (24, 14, 221, 66));
        assert!(lines[1].1 < 120 && lines[1].3 > 160);
        assert_eq!(lines[2].2, 30 + 6 * 40 + 25 + 6);
    }

    #[test]
    fn respacing_widens_only_narrow_gaps() {
        // Two glyphs 2 px apart, then one 40 px further on; the line is 50 px high.
        let g = sheet(
            200,
            50,
            &[(10, 10, 20, 40), (22, 10, 32, 40), (72, 10, 82, 40)],
        );
        let r = g.respaced(0.2);
        // 10-px margins, three 10-px glyphs, gaps of 10 (widened) and 40 (kept).
        assert_eq!((r.w, r.h), (10 + 10 + 10 + 10 + 40 + 10 + 10, 50));
        assert_eq!(r.at(10, 20), 30);
        assert_eq!(r.at(25, 20), 255);
        assert_eq!(r.at(30, 20), 30);
        let framed = r.framed(5);
        assert_eq!((framed.w, framed.h), (r.w + 10, 60));
        assert_eq!(framed.at(2, 2), 255);
    }

    #[test]
    fn laplacian_variance_drops_with_blur() {
        let sharp = Gray {
            w: 64,
            h: 64,
            px: (0..64 * 64)
                .map(|i| {
                    if (i % 64 / 4 + i / 64 / 4) % 2 == 0 {
                        0
                    } else {
                        255
                    }
                })
                .collect(),
        };
        let mut blurred = sharp.clone();
        for y in 1..63 {
            for x in 1..63 {
                let mut s = 0u32;
                for dy in 0..3 {
                    for dx in 0..3 {
                        s += u32::from(sharp.at(x + dx - 1, y + dy - 1));
                    }
                }
                blurred.px[y * 64 + x] = (s / 9) as u8;
            }
        }
        assert!(
            laplacian_variance(&sharp, 0, 0, 64, 64)
                > 2.0 * laplacian_variance(&blurred, 0, 0, 64, 64)
        );
    }
}
