//! Face detection with rustface (SeetaFace funnel-structured cascade, frontal model
//! shipped in the rustface crate and embedded at build time; see build.rs).
//!
//! Method: detect on the working grey image downscaled to 720 px long side, windows from
//! [`MIN_FACE`] px, pyramid factor 0.8, step 4, score threshold [`SCORE_THRESHOLD`].
//! A face is "large" when its width is at least [`LARGE_FACE`] of the picture's short
//! side; faces whose centre lies inside the document are its portrait.
//! Frontal enough: the seeta model only fires on roughly frontal faces; in addition
//! the face box's left/right mirror correlation must reach [`MIN_SYMMETRY`].

use std::io::Cursor;
use std::sync::OnceLock;

use rustface::{Detector, ImageData, Model};

use crate::raster::Gray;

static MODEL_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/seeta_fd_frontal_v1.0.bin"));
static MODEL: OnceLock<Option<Model>> = OnceLock::new();

pub(crate) const MIN_FACE: u32 = 20;
pub(crate) const SCORE_THRESHOLD: f64 = 6.0;
/// Large face: width ≥ 9 % of the short side (an arm's-length selfie is ~20 %).
pub(crate) const LARGE_FACE: f64 = 0.09;
/// A second large face is another person from this share of the first face's width.
pub(crate) const SECOND_PERSON_SHARE: f64 = 0.6;
/// Mirror correlation of the face box below which the face is reported as not frontal.
pub(crate) const MIN_SYMMETRY: f64 = 0.25;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Face {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub score: f64,
}

impl Face {
    pub fn centre(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
}

fn detector() -> Option<Box<dyn Detector>> {
    let model = MODEL
        .get_or_init(|| rustface::read_model(Cursor::new(MODEL_BYTES)).ok())
        .clone()?;
    let mut d = rustface::create_detector_with_model(model);
    d.set_min_face_size(MIN_FACE);
    d.set_score_thresh(SCORE_THRESHOLD);
    d.set_pyramid_scale_factor(0.8);
    d.set_slide_window_step(4, 4);
    Some(d)
}

/// Long side of the plane the detector runs on: a document portrait held at arm's
/// length is still ~35 px there, and the detector costs half what it does at 1024.
pub(crate) const DETECT_SIZE: usize = 720;

/// Faces in a grey plane, in its coordinates (detected on a [`DETECT_SIZE`] copy).
/// `None` if the model could not be loaded.
pub(crate) fn detect(g: &Gray) -> Option<Vec<Face>> {
    let (small, f) = g.downscaled(DETECT_SIZE);
    let faces = detect_at(&small)?;
    Some(
        faces
            .into_iter()
            .map(|x| Face {
                x: x.x / f,
                y: x.y / f,
                w: x.w / f,
                h: x.h / f,
                score: x.score,
            })
            .collect(),
    )
}

pub(crate) fn detect_at(g: &Gray) -> Option<Vec<Face>> {
    let mut d = detector()?;
    if g.w < MIN_FACE as usize || g.h < MIN_FACE as usize {
        return Some(Vec::new());
    }
    let data = ImageData::new(&g.px, g.w as u32, g.h as u32);
    let faces = d
        .detect(&data)
        .into_iter()
        .map(|f| {
            let b = f.bbox();
            Face {
                x: f64::from(b.x()),
                y: f64::from(b.y()),
                w: f64::from(b.width()),
                h: f64::from(b.height()),
                score: f.score(),
            }
        })
        .collect();
    Some(faces)
}

/// Pearson correlation between the face box and its mirror image.
pub(crate) fn symmetry(g: &Gray, f: &Face) -> f64 {
    let x0 = f.x.max(0.0) as usize;
    let y0 = f.y.max(0.0) as usize;
    let x1 = ((f.x + f.w) as usize).min(g.w);
    let y1 = ((f.y + f.h) as usize).min(g.h);
    if x1 <= x0 + 4 || y1 <= y0 + 4 {
        return 0.0;
    }
    let (mut sa, mut sb, mut saa, mut sbb, mut sab, mut n) = (0f64, 0f64, 0f64, 0f64, 0f64, 0f64);
    for y in y0..y1 {
        for x in x0..x1 {
            let a = f64::from(g.at(x, y));
            let b = f64::from(g.at(x1 - 1 - (x - x0), y));
            sa += a;
            sb += b;
            saa += a * a;
            sbb += b * b;
            sab += a * b;
            n += 1.0;
        }
    }
    let cov = sab / n - (sa / n) * (sb / n);
    let va = saa / n - (sa / n).powi(2);
    let vb = sbb / n - (sb / n).powi(2);
    cov / (va * vb).sqrt().max(1e-9)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_loads() {
        assert!(MODEL_BYTES.len() > 1_000_000);
        let g = Gray::new(64, 64);
        assert_eq!(detect(&g).map(|f| f.len()), Some(0));
    }
}
