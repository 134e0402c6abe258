//! Document (and memo paper) detection.
//!
//! Method: at the working size (1024 px long side), smooth the colour image (5x5 box)
//! and grow regions of gently varying colour (neighbours differ by at most
//! `raster::SMOOTH_STEP` per channel): a document's printed background is one such
//! region, separated from whatever it lies on by a colour step at its edge. Each large
//! region's holes (text, portrait, seal) are filled and the minimum-area rectangle is
//! fitted to its convex hull.
//! A component is a quadrilateral when it fills at least [`MIN_RECTANGULARITY`] of that
//! rectangle. It is document-like when its sides are in an ID-1 / passport ratio
//! ([`DOC_ASPECT`]) and it holds text-like detail (edge density ≥ [`MIN_EDGE_DENSITY`]).
//! A document-like quadrilateral that touches the frame is cut off: its true aspect is
//! unknown, so any ratio up to 4:1 counts there.

use crate::raster::{smooth_regions, Working};

/// Filled area / minimum-area rectangle area for a quadrilateral.
pub(crate) const MIN_RECTANGULARITY: f64 = 0.80;
/// Filled area / convex hull area for a quadrilateral cut by the frame (its rectangle is
/// unknown, but what remains of it is still convex).
pub(crate) const MIN_SOLIDITY_CUT: f64 = 0.93;
/// Smallest quadrilateral considered, as a fraction of the picture.
pub(crate) const MIN_AREA: f64 = 0.012;
/// Long side / short side of a document: ID-1 is 1.586, a passport page 1.42; a dark
/// header band, which is a region of its own, lengthens what is found to ~1.85.
pub(crate) const DOC_ASPECT: (f64, f64) = (1.25, 2.0);
/// Fraction of pixels with a strong gradient: text, lines, portrait.
pub(crate) const MIN_EDGE_DENSITY: f64 = 0.02;

#[derive(Debug, Clone)]
pub(crate) struct Quad {
    /// Working-image coordinates, ordered top-left, top-right, bottom-right, bottom-left.
    pub corners: [(f64, f64); 4],
    pub area: f64,
    pub rectangularity: f64,
    pub solidity: f64,
    pub aspect: f64,
    pub touches_border: bool,
    pub edge_density: f64,
    pub bbox: (usize, usize, usize, usize),
    /// Mean grey level inside.
    pub mean: f64,
}

impl Quad {
    pub fn is_document_like(&self) -> bool {
        let aspect_ok = if self.touches_border {
            self.aspect <= 4.0
        } else {
            (DOC_ASPECT.0..=DOC_ASPECT.1).contains(&self.aspect)
        };
        aspect_ok && self.edge_density >= MIN_EDGE_DENSITY
    }
    pub fn contains(&self, x: f64, y: f64) -> bool {
        // Convex quadrilateral: the point is on the same side of every edge.
        let mut sign = 0.0;
        for i in 0..4 {
            let (a, b) = (self.corners[i], self.corners[(i + 1) % 4]);
            let cross = (b.0 - a.0) * (y - a.1) - (b.1 - a.1) * (x - a.0);
            if cross.abs() < 1e-9 {
                continue;
            }
            if sign == 0.0 {
                sign = cross.signum();
            } else if cross.signum() != sign {
                return false;
            }
        }
        true
    }
    /// Distance from a point inside to the nearest edge.
    pub fn edge_distance(&self, x: f64, y: f64) -> f64 {
        (0..4)
            .map(|i| {
                let (a, b) = (self.corners[i], self.corners[(i + 1) % 4]);
                let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt().max(1e-9);
                ((b.0 - a.0) * (y - a.1) - (b.1 - a.1) * (x - a.0)).abs() / len
            })
            .fold(f64::INFINITY, f64::min)
    }
    pub fn short_side(&self) -> f64 {
        let d = |a: (f64, f64), b: (f64, f64)| ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        d(self.corners[0], self.corners[1]).min(d(self.corners[1], self.corners[2]))
    }
}

fn cross(o: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
}

/// Andrew's monotone chain.
fn convex_hull(mut pts: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    pts.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    pts.dedup();
    if pts.len() < 3 {
        return pts;
    }
    let mut lower: Vec<(f64, f64)> = Vec::new();
    for &p in &pts {
        while lower.len() >= 2 && cross(lower[lower.len() - 2], lower[lower.len() - 1], p) <= 0.0 {
            lower.pop();
        }
        lower.push(p);
    }
    let mut upper: Vec<(f64, f64)> = Vec::new();
    for &p in pts.iter().rev() {
        while upper.len() >= 2 && cross(upper[upper.len() - 2], upper[upper.len() - 1], p) <= 0.0 {
            upper.pop();
        }
        upper.push(p);
    }
    lower.pop();
    upper.pop();
    lower.extend(upper);
    lower
}

/// Minimum-area enclosing rectangle of a convex hull (one side is collinear with a hull
/// edge): returns its area and corners.
fn min_area_rect(hull: &[(f64, f64)]) -> (f64, [(f64, f64); 4]) {
    let mut best = (f64::INFINITY, [(0.0, 0.0); 4]);
    for i in 0..hull.len() {
        let (a, b) = (hull[i], hull[(i + 1) % hull.len()]);
        let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        if len < 1e-9 {
            continue;
        }
        let (ux, uy) = ((b.0 - a.0) / len, (b.1 - a.1) / len);
        let (mut min_u, mut max_u, mut min_v, mut max_v) = (
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
        );
        for p in hull {
            let u = p.0 * ux + p.1 * uy;
            let v = -p.0 * uy + p.1 * ux;
            min_u = min_u.min(u);
            max_u = max_u.max(u);
            min_v = min_v.min(v);
            max_v = max_v.max(v);
        }
        let area = (max_u - min_u) * (max_v - min_v);
        if area < best.0 {
            let pt = |u: f64, v: f64| (u * ux - v * uy, u * uy + v * ux);
            best = (
                area,
                [
                    pt(min_u, min_v),
                    pt(max_u, min_v),
                    pt(max_u, max_v),
                    pt(min_u, max_v),
                ],
            );
        }
    }
    best
}

/// Orders corners top-left, top-right, bottom-right, bottom-left (clockwise on screen).
fn order_corners(c: [(f64, f64); 4]) -> [(f64, f64); 4] {
    let cx = c.iter().map(|p| p.0).sum::<f64>() / 4.0;
    let cy = c.iter().map(|p| p.1).sum::<f64>() / 4.0;
    let mut v = c.to_vec();
    v.sort_by(|a, b| {
        let aa = (a.1 - cy).atan2(a.0 - cx);
        let bb = (b.1 - cy).atan2(b.0 - cx);
        aa.partial_cmp(&bb).unwrap_or(std::cmp::Ordering::Equal)
    });
    // atan2 from -pi: the first is upper-left-ish; rotate so that index 0 has min x+y.
    let start = (0..4)
        .min_by(|&i, &j| {
            (v[i].0 + v[i].1)
                .partial_cmp(&(v[j].0 + v[j].1))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
        .unwrap_or(0);
    [
        v[start],
        v[(start + 1) % 4],
        v[(start + 2) % 4],
        v[(start + 3) % 4],
    ]
}

/// A document blurred on its own (the face sharp, so the whole picture passes): a card's
/// shape, light, with something printed on it (its grey level varies), but without one
/// strong edge in a hundred pixels where a sharp document has seven or more. Its text is
/// what made the other documents document-like; blurred, it is what is missing.
pub(crate) fn blurred_document<'q>(work: &Working, quads: &'q [Quad]) -> Option<&'q Quad> {
    let frame = (work.w() * work.h()) as f64;
    quads
        .iter()
        .filter(|q| {
            !q.touches_border
                && q.rectangularity >= BLURRED_RECTANGULARITY
                && (DOC_ASPECT.0..=DOC_ASPECT.1).contains(&q.aspect)
                && q.area >= BLURRED_MIN_SHARE * frame
                && q.edge_density < BLURRED_EDGE_DENSITY
                && q.mean >= BLURRED_MIN_MEAN
                && inner_spread(work, q) >= BLURRED_MIN_SPREAD
        })
        .max_by(|a, b| a.area.total_cmp(&b.area))
}

/// A blurred document's outline is as clean as a sharp one's: only its inside is soft.
const BLURRED_RECTANGULARITY: f64 = 0.95;
/// Held up to the camera, not a card-shaped thing far behind.
const BLURRED_MIN_SHARE: f64 = 0.05;
/// Strong-gradient share below which nothing on it is sharp (sharp documents: ≥ 0.07;
/// blurred ones on the generated sets: 0.000–0.004).
pub(crate) const BLURRED_EDGE_DENSITY: f64 = 0.01;
/// Mean grey level of a document's face (blurred ones: 188–225).
const BLURRED_MIN_MEAN: f64 = 150.0;
/// Grey-level standard deviation over the middle of it: printing smeared, not a blank
/// (blurred documents: 9.9–32; plain paper is noise only).
const BLURRED_MIN_SPREAD: f64 = 8.0;

/// Standard deviation of the grey level over the middle half of the quad's box (inside
/// the card however it is turned, for the tilts a held card has).
fn inner_spread(work: &Working, q: &Quad) -> f64 {
    let (x0, y0, x1, y1) = q.bbox;
    let (qw, qh) = (x1 - x0, y1 - y0);
    let (ax, bx, ay, by) = (x0 + qw / 4, x1 - qw / 4, y0 + qh / 4, y1 - qh / 4);
    let (mut n, mut sum, mut sq) = (0f64, 0f64, 0f64);
    for y in ay..by {
        for x in ax..bx {
            let v = f64::from(work.gray.at(x, y));
            n += 1.0;
            sum += v;
            sq += v * v;
        }
    }
    if n == 0.0 {
        return 0.0;
    }
    let mean = sum / n;
    (sq / n - mean * mean).max(0.0).sqrt()
}

pub(crate) fn find_quads(work: &Working) -> Vec<Quad> {
    let mut quads = Vec::new();
    find_quads_inner(work, &mut quads);
    quads.retain(|q| {
        q.rectangularity >= MIN_RECTANGULARITY
            || (q.touches_border && q.solidity >= MIN_SOLIDITY_CUT)
    });
    quads
}

fn find_quads_inner(work: &Working, quads: &mut Vec<Quad>) {
    let (w, h) = (work.w(), work.h());
    let g = &work.gray;
    // Gradient magnitude mask for the edge density measure.
    let mut strong = vec![false; w * h];
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let gx = i32::from(g.at(x + 1, y)) - i32::from(g.at(x - 1, y));
            let gy = i32::from(g.at(x, y + 1)) - i32::from(g.at(x, y - 1));
            strong[y * w + x] = gx.abs() + gy.abs() > 60;
        }
    }
    let (labels, n) = smooth_regions(&work.rgb, w, h);
    let mut regions = vec![Region::default(); n as usize + 1];
    for (i, &l) in labels.iter().enumerate() {
        if l != 0 {
            regions[l as usize].add(i % w, i / w, work.rgb[i]);
        }
    }
    let plane = Plane {
        work,
        labels: &labels,
        strong: &strong,
    };
    let min_px = (MIN_AREA * (w * h) as f64) as usize;
    let is_scene = |r: &Region| {
        // The scene itself, not an object in it: what surrounds everything reaches all
        // four sides of the frame. (Not "a bounding box over 70 % of the frame": a card
        // held at 20° close to the camera has one, with half the frame inside it.)
        let (x0, y0, x1, y1) = r.bbox;
        (x0 == 0 && y0 == 0 && x1 == w - 1 && y1 == h - 1) || r.count > (w * h) * 7 / 10
    };
    for (l, r) in regions.iter().enumerate().skip(1) {
        if r.count >= min_px && !is_scene(r) {
            quads.extend(plane.measure(&[l as u32], r.bbox));
        }
    }
    // A band printed across a card from edge to edge (the validity band of a Japanese
    // driving licence) cuts its background in two: the halves, each too long for a
    // document, are measured together when they are of one colour and meet across it.
    let pieces: Vec<u32> = (1..regions.len())
        .filter(|&l| regions[l].count >= min_px / 3 && !is_scene(&regions[l]))
        .map(|l| l as u32)
        .collect();
    for (i, &a) in pieces.iter().enumerate() {
        for &b in &pieces[i + 1..] {
            let (ra, rb) = (&regions[a as usize], &regions[b as usize]);
            if ra.colour_distance(rb) > MERGE_COLOUR || ra.gap(rb) > MERGE_GAP * w.max(h) as f64 {
                continue;
            }
            let union = ra.union_bbox(rb);
            let Some(between) = plane.joined_inside(ra, rb, union, &regions) else {
                continue;
            };
            let members: Vec<u32> = [a, b].into_iter().chain(between).collect();
            let merged = plane.measure(&members, union);
            let alone_doc = quads
                .iter()
                .any(|q| (q.bbox == ra.bbox || q.bbox == rb.bbox) && q.is_document_like());
            if let Some(q) = merged.filter(|q| q.rectangularity >= MERGED_RECTANGULARITY) {
                if !alone_doc {
                    quads.push(q);
                }
            }
        }
    }
}

/// Largest mean colour difference (per channel, summed) of two halves of one card.
const MERGE_COLOUR: f64 = 36.0;
/// Largest gap between the halves' bounding boxes, as a fraction of the frame's long
/// side: a band is a few percent of a card.
const MERGE_GAP: f64 = 0.08;
/// The halves and the band between them fill their rectangle this much.
const MERGED_RECTANGULARITY: f64 = 0.84;

/// One smooth region's size, extent and colour.
#[derive(Debug, Clone, Default)]
struct Region {
    count: usize,
    bbox: (usize, usize, usize, usize),
    sum: [u64; 3],
    /// Sum of the pixels' x and y.
    at: (u64, u64),
}

impl Region {
    fn add(&mut self, x: usize, y: usize, p: [u8; 3]) {
        if self.count == 0 {
            self.bbox = (x, y, x, y);
        }
        let b = &mut self.bbox;
        b.0 = b.0.min(x);
        b.1 = b.1.min(y);
        b.2 = b.2.max(x);
        b.3 = b.3.max(y);
        self.count += 1;
        self.at.0 += x as u64;
        self.at.1 += y as u64;
        for (sum, v) in self.sum.iter_mut().zip(p) {
            *sum += u64::from(v);
        }
    }
    fn centre(&self) -> (f64, f64) {
        let n = self.count.max(1) as f64;
        (self.at.0 as f64 / n, self.at.1 as f64 / n)
    }
    fn mean(&self) -> [f64; 3] {
        let n = self.count.max(1) as f64;
        [0, 1, 2].map(|c| self.sum[c] as f64 / n)
    }
    fn colour_distance(&self, other: &Region) -> f64 {
        let (a, b) = (self.mean(), other.mean());
        (0..3).map(|c| (a[c] - b[c]).abs()).sum()
    }
    /// Distance between the two bounding boxes (0 when they overlap).
    fn gap(&self, other: &Region) -> f64 {
        let (a, b) = (self.bbox, other.bbox);
        let dx = (b.0 as f64 - a.2 as f64)
            .max(a.0 as f64 - b.2 as f64)
            .max(0.0);
        let dy = (b.1 as f64 - a.3 as f64)
            .max(a.1 as f64 - b.3 as f64)
            .max(0.0);
        dx.hypot(dy)
    }
    fn union_bbox(&self, other: &Region) -> (usize, usize, usize, usize) {
        let (a, b) = (self.bbox, other.bbox);
        (a.0.min(b.0), a.1.min(b.1), a.2.max(b.2), a.3.max(b.3))
    }
}

/// The working picture with its smooth regions and strong-gradient mask.
struct Plane<'a> {
    work: &'a Working,
    labels: &'a [u32],
    strong: &'a [bool],
}

impl Plane<'_> {
    /// The large regions that lie between two regions' centres (the band), if everything
    /// there belongs to things within their joint extent (a band, text, a portrait) and
    /// nothing to what surrounds them: two cards side by side on a table are apart, the
    /// table between them (`None`).
    fn joined_inside(
        &self,
        a: &Region,
        b: &Region,
        union: (usize, usize, usize, usize),
        regions: &[Region],
    ) -> Option<Vec<u32>> {
        let (w, h) = (self.work.w(), self.work.h());
        let slack = (w.max(h) / 50) as isize;
        let within = |r: &Region| {
            let (u, v) = (union, r.bbox);
            v.0 as isize >= u.0 as isize - slack
                && v.1 as isize >= u.1 as isize - slack
                && v.2 as isize <= u.2 as isize + slack
                && v.3 as isize <= u.3 as isize + slack
        };
        let ((ax, ay), (bx, by)) = (a.centre(), b.centre());
        let steps = (bx - ax).hypot(by - ay).ceil().max(1.0) as usize;
        let min_px = (MIN_AREA * (w * h) as f64 / 10.0) as usize;
        let mut between = Vec::new();
        for i in 0..=steps {
            let t = i as f64 / steps as f64;
            let (x, y) = (ax + (bx - ax) * t, ay + (by - ay) * t);
            let (x, y) = ((x as usize).min(w - 1), (y as usize).min(h - 1));
            let l = self.labels[y * w + x];
            if l == 0 {
                continue;
            }
            let r = &regions[l as usize];
            if !within(r) {
                return None;
            }
            // The band, not the letters printed on it: those are holes, filled anyway.
            if r.count >= min_px && !between.contains(&l) {
                between.push(l);
            }
        }
        Some(between)
    }

    /// The quadrilateral that the regions `members` make within `bbox`, their holes
    /// (text, portrait, seal) filled.
    fn measure(&self, members: &[u32], bbox: (usize, usize, usize, usize)) -> Option<Quad> {
        let (w, h) = (self.work.w(), self.work.h());
        let (labels, strong, g) = (self.labels, self.strong, &self.work.gray);
        let (x0, y0, x1, y1) = bbox;
        let (bw, bh) = (x1 - x0 + 1, y1 - y0 + 1);
        // Fill holes: flood the outside from the bounding box's rim.
        let inside = |x: usize, y: usize| members.contains(&labels[y * w + x]);
        let mut outside = vec![false; bw * bh];
        let mut stack: Vec<(usize, usize)> = Vec::new();
        // Seeds on the box's rim, except where the rim is the picture's edge: a hole
        // cut by the frame (the portrait of a cut-off card) is still a hole.
        let on_frame = |x: usize, y: usize| {
            let (gx, gy) = (x0 + x, y0 + y);
            gx == 0 || gy == 0 || gx == w - 1 || gy == h - 1
        };
        for x in 0..bw {
            for y in [0, bh - 1] {
                if !on_frame(x, y) {
                    stack.push((x, y));
                }
            }
        }
        for y in 0..bh {
            for x in [0, bw - 1] {
                if !on_frame(x, y) {
                    stack.push((x, y));
                }
            }
        }
        while let Some((x, y)) = stack.pop() {
            let i = y * bw + x;
            if outside[i] || inside(x0 + x, y0 + y) {
                continue;
            }
            outside[i] = true;
            if x > 0 {
                stack.push((x - 1, y));
            }
            if x + 1 < bw {
                stack.push((x + 1, y));
            }
            if y > 0 {
                stack.push((x, y - 1));
            }
            if y + 1 < bh {
                stack.push((x, y + 1));
            }
        }
        let mut area = 0usize;
        let mut edges = 0usize;
        let mut sum = 0u64;
        let mut border_px = 0usize;
        let mut rim = Vec::new();
        for y in 0..bh {
            for x in 0..bw {
                if outside[y * bw + x] {
                    continue;
                }
                area += 1;
                let (gx, gy) = (x0 + x, y0 + y);
                if strong[gy * w + gx] {
                    edges += 1;
                }
                sum += u64::from(g.at(gx, gy));
                if gx == 0 || gy == 0 || gx == w - 1 || gy == h - 1 {
                    border_px += 1;
                }
                let is_rim = x == 0
                    || y == 0
                    || x == bw - 1
                    || y == bh - 1
                    || outside[y * bw + x - 1]
                    || outside[y * bw + x + 1]
                    || outside[(y - 1) * bw + x]
                    || outside[(y + 1) * bw + x];
                if is_rim {
                    rim.push((gx as f64, gy as f64));
                }
            }
        }
        let hull = convex_hull(rim);
        if hull.len() < 3 {
            return None;
        }
        let hull_area = 0.5
            * (0..hull.len())
                .map(|i| {
                    let (a, b) = (hull[i], hull[(i + 1) % hull.len()]);
                    a.0 * b.1 - b.0 * a.1
                })
                .sum::<f64>()
                .abs();
        let (rect_area, corners) = min_area_rect(&hull);
        let corners = order_corners(corners);
        let d = |a: (f64, f64), b: (f64, f64)| ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        let (s1, s2) = (d(corners[0], corners[1]), d(corners[1], corners[2]));
        Some(Quad {
            corners,
            area: area as f64,
            rectangularity: area as f64 / rect_area.max(1.0),
            solidity: area as f64 / hull_area.max(1.0),
            aspect: s1.max(s2) / s1.min(s2).max(1.0),
            touches_border: border_px >= 4,
            edge_density: edges as f64 / area.max(1) as f64,
            bbox: (x0, y0, x1, y1),
            mean: sum as f64 / area.max(1) as f64,
        })
    }
}

pub(crate) fn find_quads_debug(work: &Working) -> Vec<String> {
    let mut all = Vec::new();
    find_quads_inner(work, &mut all);
    all.iter().map(|q| format!("quad bbox {:?} area {:.0} rect {:.3} solid {:.3} aspect {:.3} border {} edges {:.3} mean {:.0} doclike {}", q.bbox, q.area, q.rectangularity, q.solidity, q.aspect, q.touches_border, q.edge_density, q.mean, q.is_document_like())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raster::working_copy;
    use image::{Rgb, RgbImage};

    fn scene(card_x: i64) -> RgbImage {
        RgbImage::from_fn(800, 600, |x, y| {
            let (x, y) = (x as i64, y as i64);
            let inside = x >= card_x && x < card_x + 400 && (150..402).contains(&y);
            if inside {
                // text-like stripes
                if (y - 150) % 24 < 3
                    && (x - card_x) % 40 < 30
                    && (x - card_x) > 40
                    && (y - 150) > 30
                {
                    Rgb([20, 20, 20])
                } else {
                    Rgb([215, 230, 240])
                }
            } else {
                Rgb([70, 60, 55])
            }
        })
    }

    #[test]
    fn a_card_with_nothing_sharp_on_it_is_a_blurred_document() {
        let sharp = working_copy(&scene(200), 1024);
        assert!(blurred_document(&sharp, &find_quads(&sharp)).is_none());
        let soft = working_copy(&image::imageops::blur(&scene(200), 4.0), 1024);
        let quads = find_quads(&soft);
        assert!(quads.iter().all(|q| !q.is_document_like()), "{quads:?}");
        let found = blurred_document(&soft, &quads).expect("the blurred card");
        assert!((found.aspect - 1.587).abs() < 0.05, "{}", found.aspect);
        // A blank card, sharp or not, has nothing printed on it to have been blurred.
        let blank = RgbImage::from_fn(800, 600, |x, y| {
            if (200..600).contains(&x) && (150..402).contains(&y) {
                Rgb([215, 230, 240])
            } else {
                Rgb([70, 60, 55])
            }
        });
        let blank = working_copy(&image::imageops::blur(&blank, 4.0), 1024);
        assert!(blurred_document(&blank, &find_quads(&blank)).is_none());
    }

    #[test]
    fn a_card_cut_in_two_by_a_band_is_one_card() {
        let mut card = scene(200);
        for (x, y, p) in card.enumerate_pixels_mut() {
            if (200..600).contains(&x) && (260..284).contains(&y) {
                *p = Rgb([40, 150, 80]);
            }
        }
        let quads = find_quads(&working_copy(&card, 1024));
        let doc: Vec<_> = quads.iter().filter(|q| q.is_document_like()).collect();
        assert_eq!(doc.len(), 1, "{quads:?}");
        assert!((doc[0].aspect - 1.587).abs() < 0.05, "{}", doc[0].aspect);
        // Two long cards of one colour, one above the other on a table, are not one
        // document, though together they would have a card's shape.
        let two = RgbImage::from_fn(800, 600, |x, y| {
            let card =
                (200..600).contains(&x) && ((150..260).contains(&y) || (280..390).contains(&y));
            let text = card && y % 24 < 3 && x % 40 < 30;
            match (card, text) {
                (true, true) => Rgb([20, 20, 20]),
                (true, false) => Rgb([215, 230, 240]),
                _ => Rgb([70, 60, 55]),
            }
        });
        let quads = find_quads(&working_copy(&two, 1024));
        assert!(quads.iter().all(|q| !q.is_document_like()), "{quads:?}");
    }

    #[test]
    fn finds_a_card_and_notes_a_cut_off_one() {
        let quads = find_quads(&working_copy(&scene(200), 1024));
        let doc: Vec<_> = quads.iter().filter(|q| q.is_document_like()).collect();
        assert_eq!(doc.len(), 1, "{quads:?}");
        assert!(!doc[0].touches_border);
        assert!((doc[0].aspect - 1.587).abs() < 0.05, "{}", doc[0].aspect);
        let quads = find_quads(&working_copy(&scene(560), 1024));
        let doc: Vec<_> = quads.iter().filter(|q| q.is_document_like()).collect();
        assert_eq!(doc.len(), 1, "{quads:?}");
        assert!(doc[0].touches_border);
    }
}
