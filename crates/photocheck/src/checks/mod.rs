//! Runs the checks on a decoded photo and assembles the report.

pub(crate) mod added_light;
pub(crate) mod document;
pub(crate) mod faces;
pub(crate) mod pixels;
#[cfg(feature = "ocr")]
pub(crate) mod reading;

use document::Quad;
use faces::Face;

use crate::intake::Photo;
use crate::raster::{stretch_if_dim, working_copy, Working};
use crate::{
    Check, Expected, Finding, Options, PhotoKind, Reason, Region, Report, Skipped, Status,
};

/// Long side of the working copy on which sizes, thresholds and detectors are defined.
pub(crate) const WORKING_SIZE: usize = 1024;
/// A selfie's document should cover at least this share of the picture to be legible.
const DOC_MIN_SHARE_SELFIE: f64 = 0.04;

/// What the layout analysis found, shared by the checks.
pub(crate) struct Layout {
    pub doc: Option<Quad>,
    pub cut_off: Option<Quad>,
    pub memo: Option<Quad>,
    pub faces: Option<Vec<Face>>,
    /// A document-shaped quad with nothing sharp on it (see `document::blurred_document`).
    pub blurred: Option<Quad>,
}

pub(crate) fn to_region(work: &Working, b: (f64, f64, f64, f64), full: (u32, u32)) -> Region {
    let s = work.scale;
    let x0 = (b.0 / s).max(0.0).floor() as u32;
    let y0 = (b.1 / s).max(0.0).floor() as u32;
    let x1 = ((b.2 + 1.0) / s).ceil().min(f64::from(full.0)) as u32;
    let y1 = ((b.3 + 1.0) / s).ceil().min(f64::from(full.1)) as u32;
    Region {
        x: x0.min(full.0),
        y: y0.min(full.1),
        width: x1.saturating_sub(x0),
        height: y1.saturating_sub(y0),
    }
}

fn quad_region(work: &Working, q: &Quad, full: (u32, u32)) -> Region {
    let (x0, y0, x1, y1) = q.bbox;
    to_region(work, (x0 as f64, y0 as f64, x1 as f64, y1 as f64), full)
}

fn face_box(f: &Face) -> (f64, f64, f64, f64) {
    (f.x, f.y, f.x + f.w, f.y + f.h)
}

fn layout(work: &Working, kind: PhotoKind) -> Layout {
    let t = std::time::Instant::now();
    // Faces and documents are found independently: side by side on two cores, the
    // slower of the two is the wait.
    let (mut faces, quads) = std::thread::scope(|s| {
        let faces = s.spawn(|| faces::detect(&work.gray));
        let quads = document::find_quads(work);
        (faces.join().unwrap_or(None), quads)
    });
    trace("faces and documents", t);
    // Document portraits are small: look for them again inside each document-like
    // quadrilateral at the working resolution.
    if let Some(found) = faces.as_mut() {
        for q in quads.iter().filter(|q| q.is_document_like()) {
            if found.iter().any(|f| q.contains(f.centre().0, f.centre().1)) {
                continue; // its portrait was already found
            }
            let (x0, y0, x1, y1) = q.bbox;
            let crop = work.gray.crop(x0, y0, x1 + 1, y1 + 1);
            for f in faces::detect_at(&crop).unwrap_or_default() {
                let f = Face {
                    x: f.x + x0 as f64,
                    y: f.y + y0 as f64,
                    ..f
                };
                let (cx, cy) = f.centre();
                let known = found.iter().any(|g| {
                    (g.centre().0 - cx).abs() < g.w / 2.0 && (g.centre().1 - cy).abs() < g.h / 2.0
                });
                if q.contains(cx, cy) && !known {
                    found.push(f);
                }
            }
        }
    }
    trace("document portraits", t);
    let short = work.w().min(work.h()) as f64;
    let face_list: &[Face] = faces.as_deref().unwrap_or(&[]);
    let holds_large_face = |q: &Quad| {
        face_list
            .iter()
            .any(|f| f.w >= faces::LARGE_FACE * short && q.contains(f.centre().0, f.centre().1))
    };
    // A document's portrait: a face inside it smaller than the person's own.
    let holds_portrait = |q: &Quad| {
        face_list
            .iter()
            .any(|f| f.w < faces::LARGE_FACE * short && q.contains(f.centre().0, f.centre().1))
    };
    let doc_like: Vec<&Quad> = quads.iter().filter(|q| q.is_document_like()).collect();
    let complete: Vec<&Quad> = doc_like
        .iter()
        .copied()
        .filter(|q| !q.touches_border)
        .collect();
    let aspect_gap = |q: &Quad| (q.aspect - 1.586).abs().min((q.aspect - 1.42).abs());
    let doc = match kind {
        PhotoKind::IdSelfie => {
            let with_portrait: Vec<&Quad> = complete
                .iter()
                .copied()
                .filter(|q| {
                    face_list
                        .iter()
                        .any(|f| q.contains(f.centre().0, f.centre().1))
                })
                .collect();
            // A card cut by the frame that shows its portrait is the document, not a
            // complete card-shaped thing without one (the memo on portrait paper is
            // card-shaped too): then the document is the cut one.
            let cut_with_portrait = doc_like
                .iter()
                .any(|q| q.touches_border && holds_portrait(q));
            let pool = if !with_portrait.is_empty() {
                &with_portrait
            } else if cut_with_portrait {
                &Vec::new()
            } else {
                &complete
            };
            pool.iter()
                .min_by(|a, b| {
                    aspect_gap(a)
                        .partial_cmp(&aspect_gap(b))
                        .unwrap_or(std::cmp::Ordering::Equal)
                })
                .map(|q| (*q).clone())
        }
        _ => complete
            .iter()
            .max_by(|a, b| {
                a.area
                    .partial_cmp(&b.area)
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
            .map(|q| (*q).clone()),
    };
    let cut_off = doc_like
        .iter()
        .filter(|q| q.touches_border)
        .filter(|q| {
            // Larger than the complete one, or, in a selfie, about as large when the
            // complete one shows no portrait (a memo on card-shaped paper): the card is the
            // cut one, its portrait cut with it.
            doc.as_ref().is_none_or(|d| {
                q.area > 1.5 * d.area
                    || (kind == PhotoKind::IdSelfie && !holds_portrait(d) && q.area >= 0.5 * d.area)
            })
        })
        .max_by(|a, b| {
            a.area
                .partial_cmp(&b.area)
                .unwrap_or(std::cmp::Ordering::Equal)
        })
        .map(|q| (*q).clone());
    let memo = match kind {
        PhotoKind::IdSelfie => quads
            .iter()
            .filter(|q| {
                !q.touches_border && (1.15..=3.6).contains(&q.aspect) && !holds_large_face(q)
            })
            .filter(|q| {
                doc.as_ref().is_none_or(|d| {
                    let (cx, cy) = (
                        (q.bbox.0 + q.bbox.2) as f64 / 2.0,
                        (q.bbox.1 + q.bbox.3) as f64 / 2.0,
                    );
                    let (dx, dy) = (
                        (d.bbox.0 + d.bbox.2) as f64 / 2.0,
                        (d.bbox.1 + d.bbox.3) as f64 / 2.0,
                    );
                    !d.contains(cx, cy) && !q.contains(dx, dy)
                })
            })
            .max_by(|a, b| {
                a.area
                    .partial_cmp(&b.area)
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
            .cloned(),
        _ => None,
    };
    let blurred = document::blurred_document(work, &quads).cloned();
    Layout {
        doc,
        cut_off,
        memo,
        faces,
        blurred,
    }
}

/// Stage timings on stderr when PHOTOCHECK_DEBUG_TIMING is set (for tuning).
pub(crate) fn trace(stage: &str, since: std::time::Instant) {
    if std::env::var_os("PHOTOCHECK_DEBUG_TIMING").is_some() {
        eprintln!(
            "photocheck timing: {stage} {:.1} ms",
            since.elapsed().as_secs_f64() * 1000.0
        );
    }
}

pub(crate) fn run(photo: &Photo, expected: &Expected, options: &Options) -> Report {
    let t = std::time::Instant::now();
    let full = (photo.rgb.width(), photo.rgb.height());
    let mut work = working_copy(&photo.rgb, WORKING_SIZE);
    trace("working copy", t);
    let (mean, clipped) = pixels::exposure(&work);
    stretch_if_dim(&mut work);
    let lay = layout(&work, expected.kind);
    trace("layout (faces + documents)", t);
    let mut findings = Vec::new();
    let mut skipped = Vec::new();

    // Orientation: EXIF applied at intake; a mirror flag is worth telling the agent.
    let mut f = Finding::new(Check::Orientation);
    f.measured = Some(f64::from(photo.exif_orientation));
    if photo.exif_mirrored() {
        f = f.with(Status::Warn, Reason::ExifMirrorFlag);
    }
    findings.push(f);

    // Document present, complete, large enough.
    let mut f = Finding::new(Check::Document);
    match (&lay.doc, &lay.cut_off) {
        (_, Some(cut)) => {
            f = f
                .with(Status::Fail, Reason::DocumentCutOff)
                .region(Some(quad_region(&work, cut, full)));
            f.measured = Some(cut.rectangularity);
            f.threshold = Some(document::MIN_RECTANGULARITY);
        }
        (Some(doc), None) => {
            let share = doc.area / (work.w() * work.h()) as f64;
            f = f
                .measured(share, DOC_MIN_SHARE_SELFIE)
                .region(Some(quad_region(&work, doc, full)));
            if expected.kind == PhotoKind::IdSelfie && share < DOC_MIN_SHARE_SELFIE {
                f = f.with(Status::Warn, Reason::DocumentTooSmall);
            }
        }
        (None, None) => f = f.with(Status::Warn, Reason::DocumentNotFound),
    }
    findings.push(f);

    // Sharpness: the document's text decides when there is one.
    let (whole, doc_var) = pixels::sharpness(&work, lay.doc.as_ref());
    let mut f = match doc_var {
        Some(v) => {
            let mut f = Finding::new(Check::Sharpness).measured(v, pixels::SHARPNESS_DOC_MIN);
            f.region = lay.doc.as_ref().map(|d| quad_region(&work, d, full));
            if v < pixels::SHARPNESS_DOC_MIN {
                f = f.with(Status::Fail, Reason::DocumentBlurry);
            }
            f
        }
        None => Finding::new(Check::Sharpness).measured(whole, pixels::SHARPNESS_WHOLE_MIN),
    };
    // A document blurred alone is not found as one (its text made it document-like), so
    // the sharp face carries the whole picture: unless a sharp document with its portrait
    // was found, a card-shaped quad with nothing sharp on it is that document.
    let sharp_doc_with_portrait = lay
        .doc
        .as_ref()
        .is_some_and(|d| !portraits(&lay, d).is_empty());
    if let Some(b) = lay.blurred.as_ref().filter(|_| !sharp_doc_with_portrait) {
        if f.status != Status::Fail {
            f = Finding::new(Check::Sharpness)
                .measured(b.edge_density, document::BLURRED_EDGE_DENSITY)
                .with(Status::Fail, Reason::DocumentBlurry)
                .region(Some(quad_region(&work, b, full)));
        }
    }
    if whole < pixels::SHARPNESS_WHOLE_MIN {
        f = f.with(Status::Fail, Reason::Blurry);
    }
    findings.push(f);

    // Glare.
    let mut g = pixels::glare(&work, lay.doc.as_ref());
    let mut f = if lay.doc.is_some() {
        Finding::new(Check::Glare).measured(g.doc_fraction, pixels::GLARE_DOC_FAIL)
    } else {
        Finding::new(Check::Glare).measured(g.image_fraction, pixels::GLARE_WARN)
    };
    let washed = lay
        .doc
        .as_ref()
        .and_then(|doc| pixels::washed_out(&work, doc, &portraits(&lay, doc)))
        .filter(|(share, _)| *share >= pixels::WASHED_DOC_FAIL);
    let added = lay
        .doc
        .as_ref()
        .and_then(|doc| added_light::added_light(&work, doc, &portraits(&lay, doc)));
    if std::env::var_os("PHOTOCHECK_DEBUG_GLARE").is_some() {
        eprintln!("added light: {added:?}");
    }
    let added = added.filter(|(share, _)| *share >= added_light::ADDED_TEXT_WARN);
    if g.doc_fraction >= pixels::GLARE_DOC_FAIL && g.over_text {
        f = f.with(Status::Fail, Reason::GlareOverText);
    } else if let Some((share, bbox)) = washed {
        f = f
            .measured(share, pixels::WASHED_DOC_FAIL)
            .with(Status::Fail, Reason::GlareOverText);
        g.bbox = Some(bbox);
    } else if let Some((share, bbox)) = added {
        // Warns, does not block: on unseen photos it once took a printout's halftone for
        // a reflection (ACCURACY.md, seed 1010).
        f = f
            .measured(share, added_light::ADDED_TEXT_WARN)
            .with(Status::Warn, Reason::GlareFadedText);
        g.bbox = Some(bbox);
    } else if g.doc_fraction >= pixels::GLARE_WARN || g.image_fraction >= pixels::GLARE_WARN {
        f = f.with(Status::Warn, Reason::GlareMinor);
    }
    if f.status != Status::Pass {
        f.region = g.bbox.map(|b| {
            to_region(
                &work,
                (b.0 as f64, b.1 as f64, b.2 as f64, b.3 as f64),
                full,
            )
        });
    }
    findings.push(f);

    // Exposure (advisory).
    let mut f = Finding::new(Check::Exposure);
    if mean < pixels::EXPOSURE_DARK_MEAN {
        f = f
            .measured(mean, pixels::EXPOSURE_DARK_MEAN)
            .with(Status::Warn, Reason::TooDark);
    } else if mean > pixels::EXPOSURE_BRIGHT_MEAN || clipped > pixels::EXPOSURE_CLIPPED_MAX {
        f = f
            .measured(mean, pixels::EXPOSURE_BRIGHT_MEAN)
            .with(Status::Warn, Reason::TooBright);
    } else {
        f = f.measured(mean, pixels::EXPOSURE_DARK_MEAN);
    }
    findings.push(f);

    // Faces.
    match &lay.faces {
        None => skipped.push(Skipped {
            check: Check::Faces,
            why: "model_unavailable".into(),
        }),
        Some(faces) => {
            if let Some(f) = face_finding(&work, faces, &lay, expected.kind, full) {
                findings.push(f);
            } else {
                skipped.push(Skipped {
                    check: Check::Faces,
                    why: "not_applicable".into(),
                });
            }
        }
    }

    // Covered text (advisory).
    match &lay.doc {
        Some(doc) => {
            let (share, bbox) = pixels::covered_text(&work, doc, &portraits(&lay, doc));
            let mut f = Finding::new(Check::CoveredText).measured(share, pixels::SKIN_DOC_WARN);
            if share >= pixels::SKIN_DOC_WARN {
                f = f.with(Status::Warn, Reason::TextCovered);
                f.region = bbox.map(|b| {
                    to_region(
                        &work,
                        (b.0 as f64, b.1 as f64, b.2 as f64, b.3 as f64),
                        full,
                    )
                });
            }
            findings.push(f);
        }
        None => skipped.push(Skipped {
            check: Check::CoveredText,
            why: "no_document".into(),
        }),
    }

    // Screen or printout (advisory): full-resolution patches of the document.
    let region = match &lay.doc {
        Some(d) => {
            let r = quad_region(&work, d, full);
            // the inner 70 %: edges and background are not the document's surface
            let (mx, my) = (r.width * 15 / 100, r.height * 15 / 100);
            (r.x + mx, r.y + my, r.x + r.width - mx, r.y + r.height - my)
        }
        None => (0, 0, full.0, full.1),
    };
    trace("pixel checks", t);
    let peak = pixels::screen_peak(
        &photo.rgb,
        (
            region.0 as usize,
            region.1 as usize,
            region.2 as usize,
            region.3 as usize,
        ),
    );
    let mut f = Finding::new(Check::ScreenOrPrint).measured(peak, pixels::SCREEN_PEAK_MIN);
    if peak >= pixels::SCREEN_PEAK_MIN {
        f = f.with(Status::Warn, Reason::PossibleScreenOrPrint);
        f.region = Some(Region {
            x: region.0,
            y: region.1,
            width: region.2 - region.0,
            height: region.3 - region.1,
        });
    }
    findings.push(f);

    trace("screen", t);
    // The checks that read text.
    let ocr_checks = [Check::Mirrored, Check::Mrz, Check::Memo];
    let mut mrz = None;
    if !options.ocr {
        for c in ocr_checks {
            skipped.push(Skipped {
                check: c,
                why: "ocr_disabled".into(),
            });
        }
    } else {
        #[cfg(feature = "ocr")]
        {
            mrz = reading::run(photo, &work, &lay, expected, &mut findings, &mut skipped);
        }
        #[cfg(not(feature = "ocr"))]
        for c in ocr_checks {
            skipped.push(Skipped {
                check: c,
                why: "ocr_unavailable".into(),
            });
        }
    }

    trace("ocr", t);
    findings.sort_by_key(|f| f.check);
    Report {
        kind: expected.kind,
        width: full.0,
        height: full.1,
        format: photo.format.to_string(),
        findings,
        skipped,
        mrz,
    }
}

/// ID selfie: exactly one large face outside the document, frontal enough, and a
/// portrait inside the document. Document front: a portrait is expected (advisory).
fn face_finding(
    work: &Working,
    faces: &[Face],
    lay: &Layout,
    kind: PhotoKind,
    full: (u32, u32),
) -> Option<Finding> {
    let short = work.w().min(work.h()) as f64;
    // The portrait of a document found whole or cut off is no person.
    let in_doc = |f: &Face| {
        [lay.doc.as_ref(), lay.cut_off.as_ref()]
            .into_iter()
            .flatten()
            .any(|d| d.contains(f.centre().0, f.centre().1))
    };
    let mut outside: Vec<&Face> = faces.iter().filter(|f| !in_doc(f)).collect();
    outside.sort_by(|a, b| b.w.total_cmp(&a.w));
    let large: Vec<&Face> = outside
        .iter()
        .copied()
        .filter(|f| f.w >= faces::LARGE_FACE * short)
        .collect();
    // A second person stands near the first, at a like size; a face much smaller than the
    // first is the portrait of a document that was not found.
    let second_person = large
        .get(1)
        .filter(|f| f.w >= faces::SECOND_PERSON_SHARE * large[0].w);
    let portrait = faces.iter().any(in_doc);
    match kind {
        PhotoKind::IdSelfie => {
            let biggest = outside.iter().map(|f| f.w / short).fold(0.0, f64::max);
            let mut f = Finding::new(Check::Faces).measured(biggest, faces::LARGE_FACE);
            if let Some(second) = second_person {
                f = f.with(Status::Fail, Reason::SeveralFaces);
                f.region = Some(to_region(work, face_box(second), full));
            } else if outside.is_empty() {
                f = f.with(Status::Fail, Reason::NoFace);
            } else if large.is_empty() {
                f = f.with(Status::Warn, Reason::FaceTooSmall);
            }
            if let Some(face) = large.first() {
                f.region
                    .get_or_insert(to_region(work, face_box(face), full));
                if faces::symmetry(&work.gray, face) < faces::MIN_SYMMETRY {
                    f = f.with(Status::Warn, Reason::FaceNotFrontal);
                }
            }
            if lay.doc.is_some() && !portrait {
                f = f.with(Status::Warn, Reason::NoDocumentPortrait);
            }
            Some(f)
        }
        PhotoKind::DocumentFront => {
            let lay_doc = lay.doc.as_ref()?;
            let mut f = Finding::new(Check::Faces);
            f.region = Some(quad_region(work, lay_doc, full));
            if !portrait {
                f = f.with(Status::Warn, Reason::NoDocumentPortrait);
            }
            Some(f)
        }
        _ => None,
    }
}

/// The document's portrait with its hair and shoulders, from the faces found inside it:
/// skin and white there are no finger and no glare.
fn portraits(lay: &Layout, doc: &Quad) -> Vec<(f64, f64, f64, f64)> {
    lay.faces
        .as_deref()
        .unwrap_or(&[])
        .iter()
        .filter(|f| doc.contains(f.centre().0, f.centre().1))
        .map(|f| {
            (
                f.x - 0.4 * f.w,
                f.y - 0.4 * f.h,
                f.x + 1.4 * f.w,
                f.y + 1.6 * f.h,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raster::working_copy;
    use image::{Rgb, RgbImage};

    /// Light paper with dark text-like stripes inside `(x0, y0, x1, y1)`.
    fn paper(img: &mut RgbImage, (x0, y0, x1, y1): (i64, i64, i64, i64), colour: [u8; 3]) {
        for y in y0.max(0)..y1.min(i64::from(img.height())) {
            for x in x0.max(0)..x1.min(i64::from(img.width())) {
                let text = (y - y0) % 24 < 3 && (x - x0) % 40 < 30 && x - x0 > 20 && y - y0 > 20;
                let p = if text { [20, 20, 20] } else { colour };
                img.put_pixel(x as u32, y as u32, Rgb(p));
            }
        }
    }

    #[test]
    fn a_card_cut_by_the_frame_is_cut_off_beside_a_card_shaped_memo() {
        let mut img = RgbImage::from_pixel(800, 600, Rgb([70, 60, 55]));
        // The card leaves the frame at its top-left corner; the memo (4:3 paper) is whole.
        paper(&mut img, (-120, -60, 300, 205), [215, 230, 240]);
        paper(&mut img, (440, 280, 700, 480), [246, 246, 240]);
        let lay = layout(&working_copy(&img, WORKING_SIZE), PhotoKind::IdSelfie);
        let cut = lay.cut_off.expect("the cut card");
        assert!(cut.touches_border && cut.bbox.0 == 0, "{cut:?}");
        // Without the cut card, the memo-shaped paper is what there is: nothing is cut off.
        let mut img = RgbImage::from_pixel(800, 600, Rgb([70, 60, 55]));
        paper(&mut img, (440, 280, 700, 480), [246, 246, 240]);
        let lay = layout(&working_copy(&img, WORKING_SIZE), PhotoKind::IdSelfie);
        assert!(lay.cut_off.is_none());
    }
}
