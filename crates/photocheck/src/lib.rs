//! keydesk-photocheck: pre-checks on identity photos (ID selfie with memo, document
//! front, document back, address side), run the moment the photo is taken so that the
//! customer hears what to fix before anything is sent.
//!
//! One entry point, [`check_photo`], takes the uploaded bytes and what the photo
//! should show ([`Expected`]) and returns a [`Report`]: one [`Finding`] per check, each
//! `{check, status, reasons, measured, threshold, region}` (serde-serialisable, reason
//! codes are stable snake_case strings). [`clean_jpeg`] gives the copy to store:
//! oriented, re-encoded, without EXIF (which may hold the customer's location).
//!
//! The crate does no I/O beyond the bytes it is given, is synchronous and thread-safe
//! (every call owns its buffers; the face model is parsed once and shared read-only).
//! OCR uses Tesseract, which starts OpenMP threads of its own: the caller bounds them
//! with `OMP_THREAD_LIMIT=1` in the process environment (set before the first call)
//! and bounds the number of concurrent calls with its blocking pool. Set
//! [`Options::ocr`] to `false` to run the checks that need no OCR only.
//!
//! Blocking policy (see [`Report::blocking`]): only high-precision checks may `fail`
//! (blur, glare over the document text, document cut off, mirrored text, no face or
//! several large faces, a memo read confidently with the wrong request, name or date).
//! Whatever the machine cannot read with confidence is a `warn` and goes to the agent.

#![forbid(unsafe_code)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]
// Without OCR, the text helpers (MRZ search, memo layout) have no caller.
#![cfg_attr(not(feature = "ocr"), allow(dead_code))]

mod checks;
mod error;
mod intake;
mod mrz;
mod raster;
mod text;
mod written_dates;

#[cfg(feature = "ocr")]
mod ocr;
#[cfg(feature = "ocr")]
mod verify;

use serde::{Deserialize, Serialize};

pub use error::IntakeError;
pub use intake::{clean_jpeg, IntakeLimits};
pub use mrz::{validate_td3, MrzResult};
pub use text::MemoDate;

/// What the photo is meant to show (the product's own kinds).
pub use keydesk_domain::photo::kind::PhotoKind;

/// What the photo should show: the kind, and for an ID selfie what the memo must say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expected {
    pub kind: PhotoKind,
    /// Full name on file, e.g. "TANAKA HANAKO" (any case; order of the parts is free).
    pub name: Option<String>,
    /// The request the memo must state, e.g. "2FA reset" or "二段階認証解除".
    pub request_text: Option<String>,
    /// Dates the memo may carry: the request date and, on a resubmission, the new date.
    pub dates: Vec<MemoDate>,
}

impl Expected {
    pub fn new(kind: PhotoKind) -> Expected {
        Expected {
            kind,
            name: None,
            request_text: None,
            dates: Vec::new(),
        }
    }
}

/// How to run the checks.
#[derive(Debug, Clone)]
pub struct Options {
    /// Run the OCR-based checks (mirrored text, MRZ, memo). Without OCR they are listed in
    /// [`Report::skipped`], never reported as passed.
    pub ocr: bool,
    pub limits: IntakeLimits,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            ocr: cfg!(feature = "ocr"),
            limits: IntakeLimits::default(),
        }
    }
}

/// The checks, one finding each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    Orientation,
    Sharpness,
    Glare,
    Exposure,
    Document,
    Faces,
    Mirrored,
    Mrz,
    Memo,
    CoveredText,
    ScreenOrPrint,
}

impl Check {
    pub fn code(self) -> &'static str {
        match self {
            Check::Orientation => "orientation",
            Check::Sharpness => "sharpness",
            Check::Glare => "glare",
            Check::Exposure => "exposure",
            Check::Document => "document",
            Check::Faces => "faces",
            Check::Mirrored => "mirrored",
            Check::Mrz => "mrz",
            Check::Memo => "memo",
            Check::CoveredText => "covered_text",
            Check::ScreenOrPrint => "screen_or_print",
        }
    }

    /// How much of the rest this check's problem can explain: the smaller, the earlier
    /// it is told (see [`Report::open_findings`]).
    pub fn cause_rank(self) -> u8 {
        match self {
            Check::Sharpness => 0,
            Check::Exposure => 1,
            Check::Orientation => 2,
            Check::Glare => 3,
            Check::Mirrored => 4,
            Check::ScreenOrPrint => 5,
            Check::Document => 6,
            Check::CoveredText => 7,
            Check::Faces => 8,
            Check::Mrz => 9,
            Check::Memo => 10,
        }
    }

    pub const ALL: [Check; 11] = [
        Check::Orientation,
        Check::Sharpness,
        Check::Glare,
        Check::Exposure,
        Check::Document,
        Check::Faces,
        Check::Mirrored,
        Check::Mrz,
        Check::Memo,
        Check::CoveredText,
        Check::ScreenOrPrint,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pass,
    Warn,
    Fail,
}

/// Why a finding is not `pass`: stable machine codes that the server translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// EXIF orientation says the picture is stored mirrored (front camera setting).
    ExifMirrorFlag,
    /// The whole picture is blurred.
    Blurry,
    /// The document region is blurred.
    DocumentBlurry,
    /// A saturated reflection lies over the document text.
    GlareOverText,
    /// A smaller reflection (or one outside the document).
    GlareMinor,
    /// The document's text looks faded under added light: probably a reflection, but
    /// the measure has blocked a printout once on unseen photos, so it only warns.
    GlareFadedText,
    TooDark,
    TooBright,
    /// No document-shaped quadrilateral was found.
    DocumentNotFound,
    /// The document touches the edge of the picture: a part is cut off.
    DocumentCutOff,
    /// The document covers a small part of the picture (hard to read).
    DocumentTooSmall,
    /// No face outside the document.
    NoFace,
    /// More than one large face.
    SeveralFaces,
    /// The face is small in the picture.
    FaceTooSmall,
    /// The face seems turned away (asymmetric).
    FaceNotFrontal,
    /// No portrait found inside the document.
    NoDocumentPortrait,
    /// The text reads correctly only when flipped: the picture is mirrored.
    MirroredText,
    /// The text could not be read well enough either way to tell.
    MirrorUndetermined,
    /// A machine-readable zone was found but its check digits do not add up.
    MrzCheckDigits,
    /// No machine-readable zone could be read on what looks like a passport.
    MrzUnreadable,
    /// No memo paper found, or nothing legible on it.
    MemoNotFound,
    /// The memo was read and states another request.
    MemoWrongRequest,
    /// The memo was read and shows another name.
    MemoWrongName,
    /// The memo was read and shows another date.
    MemoWrongDate,
    /// The request text could not be read with confidence.
    MemoRequestUnreadable,
    MemoNameUnreadable,
    MemoDateUnreadable,
    /// Skin-coloured region over the document entering from its edge (a finger?).
    TextCovered,
    /// Periodic peaks in the spectrum: possibly a printout or a screen.
    PossibleScreenOrPrint,
}

impl Reason {
    /// The stable code, as serialised.
    pub fn code(self) -> &'static str {
        match self {
            Reason::ExifMirrorFlag => "exif_mirror_flag",
            Reason::Blurry => "blurry",
            Reason::DocumentBlurry => "document_blurry",
            Reason::GlareOverText => "glare_over_text",
            Reason::GlareMinor => "glare_minor",
            Reason::GlareFadedText => "glare_faded_text",
            Reason::TooDark => "too_dark",
            Reason::TooBright => "too_bright",
            Reason::DocumentNotFound => "document_not_found",
            Reason::DocumentCutOff => "document_cut_off",
            Reason::DocumentTooSmall => "document_too_small",
            Reason::NoFace => "no_face",
            Reason::SeveralFaces => "several_faces",
            Reason::FaceTooSmall => "face_too_small",
            Reason::FaceNotFrontal => "face_not_frontal",
            Reason::NoDocumentPortrait => "no_document_portrait",
            Reason::MirroredText => "mirrored_text",
            Reason::MirrorUndetermined => "mirror_undetermined",
            Reason::MrzCheckDigits => "mrz_check_digits",
            Reason::MrzUnreadable => "mrz_unreadable",
            Reason::MemoNotFound => "memo_not_found",
            Reason::MemoWrongRequest => "memo_wrong_request",
            Reason::MemoWrongName => "memo_wrong_name",
            Reason::MemoWrongDate => "memo_wrong_date",
            Reason::MemoRequestUnreadable => "memo_request_unreadable",
            Reason::MemoNameUnreadable => "memo_name_unreadable",
            Reason::MemoDateUnreadable => "memo_date_unreadable",
            Reason::TextCovered => "text_covered",
            Reason::PossibleScreenOrPrint => "possible_screen_or_print",
        }
    }
}

/// A pixel rectangle in the oriented image's coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// One check's result, shaped like Persona's check objects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub check: Check,
    pub status: Status,
    pub reasons: Vec<Reason>,
    /// What was measured (unit per check, see README), if a number applies.
    pub measured: Option<f64>,
    /// The threshold it was compared with.
    pub threshold: Option<f64>,
    pub region: Option<Region>,
}

impl Finding {
    pub(crate) fn new(check: Check) -> Finding {
        Finding {
            check,
            status: Status::Pass,
            reasons: Vec::new(),
            measured: None,
            threshold: None,
            region: None,
        }
    }
    pub(crate) fn measured(mut self, measured: f64, threshold: f64) -> Finding {
        self.measured = Some(round3(measured));
        self.threshold = Some(threshold);
        self
    }
    pub(crate) fn with(mut self, status: Status, reason: Reason) -> Finding {
        if status > self.status {
            self.status = status;
        }
        if !self.reasons.contains(&reason) {
            self.reasons.push(reason);
        }
        self
    }
    pub(crate) fn region(mut self, region: Option<Region>) -> Finding {
        self.region = region;
        self
    }
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// A check that was not run, and why (never reported as passed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub check: Check,
    /// `ocr_disabled`, `ocr_unavailable`, `not_applicable`, `no_document`, `no_expectation`.
    pub why: String,
}

/// The result of [`check_photo`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub kind: PhotoKind,
    /// Size of the oriented image; regions are in these coordinates.
    pub width: u32,
    pub height: u32,
    /// Detected content type: `jpeg`, `png`, `webp`.
    pub format: String,
    pub findings: Vec<Finding>,
    pub skipped: Vec<Skipped>,
    /// A passport's machine-readable zone as read (with how many check digits add up),
    /// for the verification's own checks: expiry, name and date of birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mrz: Option<MrzResult>,
}

impl Report {
    /// The report as it may be kept: without the zone's text, which carries the
    /// document number, name and birth date (a verification seals what it needs of it).
    pub fn to_keep(&self) -> Report {
        Report {
            mrz: None,
            ..self.clone()
        }
    }

    /// True when any finding fails: the customer is asked to retake the photo.
    pub fn blocking(&self) -> bool {
        self.findings.iter().any(|f| f.status == Status::Fail)
    }

    /// What to tell the customer, the finding that matters first: failures before
    /// warnings, and a cause before what it causes (a blurred or dark photo also hides
    /// the document, the face and the memo, so "retake it sharp" leads).
    pub fn open_findings(&self) -> Vec<&Finding> {
        let mut open: Vec<&Finding> = self
            .findings
            .iter()
            .filter(|f| f.status != Status::Pass)
            .collect();
        open.sort_by_key(|f| (f.status != Status::Fail, f.check.cause_rank()));
        open
    }

    /// The finding of one check, if it ran.
    pub fn finding(&self, check: Check) -> Option<&Finding> {
        self.findings.iter().find(|f| f.check == check)
    }

    /// All reasons of failing findings, in check order.
    pub fn blocking_reasons(&self) -> Vec<Reason> {
        self.findings
            .iter()
            .filter(|f| f.status == Status::Fail)
            .flat_map(|f| f.reasons.iter().copied())
            .collect()
    }
}

/// Checks one photo. Errors only when the bytes cannot be taken in (see [`IntakeError`]);
/// everything about the picture's content is a finding.
pub fn check_photo(
    bytes: &[u8],
    expected: &Expected,
    options: &Options,
) -> Result<Report, IntakeError> {
    let started = std::time::Instant::now();
    let photo = intake::decode_for_checks(bytes, &options.limits)?;
    checks::trace("decode", started);
    Ok(checks::run(&photo, expected, options))
}

/// Layout analysis as text, for tuning (not a stable interface).
#[doc(hidden)]
pub fn debug_layout(bytes: &[u8]) -> Result<Vec<String>, IntakeError> {
    let photo = intake::decode(bytes, &IntakeLimits::default())?;
    let work = raster::working_copy(&photo.rgb, checks::WORKING_SIZE);
    let mut out: Vec<String> = checks::document::find_quads_debug(&work);
    if let Some(path) = std::env::var_os("PHOTOCHECK_DEBUG_LABELS") {
        let (labels, _) = raster::smooth_regions(&work.rgb, work.w(), work.h());
        let img = image::RgbImage::from_fn(work.w() as u32, work.h() as u32, |x, y| {
            let l = labels[y as usize * work.w() + x as usize];
            image::Rgb([
                (l.wrapping_mul(97) % 255) as u8,
                (l.wrapping_mul(57) % 255) as u8,
                (l.wrapping_mul(33) % 255) as u8,
            ])
        });
        let _ = img.save_with_format(path, image::ImageFormat::Png);
        for (x, y) in [(757usize, 230usize), (10, 700), (800, 730), (600, 300)] {
            if x < work.w() && y < work.h() {
                let l = labels[y * work.w() + x];
                let n = labels.iter().filter(|&&m| m == l).count();
                out.push(format!(
                    "label at {x},{y}: {l} ({n} px) rgb {:?}",
                    work.rgb[y * work.w() + x]
                ));
            }
        }
    }
    for f in checks::faces::detect(&work.gray).unwrap_or_default() {
        out.push(format!(
            "face {:.0},{:.0} {:.0}x{:.0} score {:.2}",
            f.x, f.y, f.w, f.h, f.score
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage};

    /// A dark scene with a light "card" holding dark text-like stripes.
    fn scene(blur_passes: usize) -> Vec<u8> {
        let mut img = RgbImage::from_fn(1200, 900, |x, y| {
            let card = (400..1000).contains(&x) && (200..578).contains(&y);
            let text =
                card && (x - 400) % 60 < 44 && (y - 200) % 30 < 6 && x > 480 && y > 240 && y < 540;
            match (card, text) {
                (_, true) => Rgb([25, 25, 30]),
                (true, false) => Rgb([210, 228, 240]),
                _ => Rgb([70 + (x % 7) as u8, 62 + (y % 5) as u8, 55]),
            }
        });
        for _ in 0..blur_passes {
            let src = img.clone();
            for y in 2..898 {
                for x in 2..1198 {
                    let mut s = [0u32; 3];
                    for d in 0..5 {
                        for (c, acc) in s.iter_mut().enumerate() {
                            *acc += u32::from(src.get_pixel(x + d - 2, y)[c])
                                + u32::from(src.get_pixel(x, y + d - 2)[c]);
                        }
                    }
                    img.put_pixel(
                        x,
                        y,
                        Rgb([(s[0] / 10) as u8, (s[1] / 10) as u8, (s[2] / 10) as u8]),
                    );
                }
            }
        }
        intake::encode_jpeg(&img, 92).unwrap()
    }

    #[test]
    fn without_ocr_the_text_checks_are_skipped_not_passed() {
        let options = Options {
            ocr: false,
            ..Options::default()
        };
        let report = check_photo(
            &scene(0),
            &Expected::new(PhotoKind::DocumentFront),
            &options,
        )
        .unwrap();
        for c in [Check::Mirrored, Check::Mrz, Check::Memo] {
            assert!(report.finding(c).is_none(), "{c:?} must not be reported");
            assert!(report
                .skipped
                .iter()
                .any(|s| s.check == c && s.why == "ocr_disabled"));
        }
        let doc = report.finding(Check::Document).unwrap();
        assert_eq!(doc.status, Status::Pass, "{report:#?}");
        let r = doc.region.unwrap();
        assert!(
            (380..=420).contains(&r.x) && (560..=640).contains(&r.width),
            "{r:?}"
        );
        assert!(!report.blocking(), "{report:#?}");
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["findings"][0]["check"], "orientation");
        assert_eq!(json["kind"], "document-front");
    }

    #[test]
    fn a_blurred_photo_blocks() {
        let options = Options {
            ocr: false,
            ..Options::default()
        };
        let report = check_photo(
            &scene(6),
            &Expected::new(PhotoKind::DocumentFront),
            &options,
        )
        .unwrap();
        assert!(report.blocking(), "{report:#?}");
        let reasons = report.blocking_reasons();
        assert!(
            reasons
                .iter()
                .any(|r| matches!(r, Reason::Blurry | Reason::DocumentBlurry)),
            "{reasons:?}"
        );
    }

    #[test]
    fn checks_run_concurrently() {
        let bytes = std::sync::Arc::new(scene(0));
        let handles: Vec<_> = (0..2)
            .map(|_| {
                let bytes = bytes.clone();
                std::thread::spawn(move || {
                    let options = Options {
                        ocr: false,
                        ..Options::default()
                    };
                    check_photo(&bytes, &Expected::new(PhotoKind::DocumentFront), &options)
                        .map(|r| r.blocking())
                })
            })
            .collect();
        for h in handles {
            assert_eq!(h.join().unwrap(), Ok(false));
        }
    }

    #[test]
    fn reason_codes_are_the_serialised_names() {
        for r in [
            Reason::MirroredText,
            Reason::GlareOverText,
            Reason::GlareFadedText,
            Reason::MemoWrongDate,
            Reason::PossibleScreenOrPrint,
        ] {
            assert_eq!(serde_json::to_value(r).unwrap(), r.code());
        }
        for c in Check::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.code());
        }
    }
}
