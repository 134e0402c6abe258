//! Intake: type by content, size and pixel limits, decode with `image`'s `Limits`,
//! EXIF orientation (kamadak-exif) applied, the clean copy for storage.

use std::io::Cursor;

use image::codecs::png::PngDecoder;
use image::codecs::webp::WebPDecoder;
use image::metadata::Orientation;
use image::{DynamicImage, ImageError, ImageFormat, ImageReader, RgbImage};

use crate::error::IntakeError;

/// Limits applied before and while decoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IntakeLimits {
    /// Largest accepted file (bytes). Default 30 MB: a 48-megapixel phone JPEG is ~15 MB.
    pub max_bytes: usize,
    /// Largest accepted width x height, read from the header before any pixel is
    /// decoded (decompression bombs stop here). Default 40 megapixels.
    pub max_pixels: u64,
    /// Largest single allocation the decoder may make. Default 256 MiB.
    pub max_alloc: u64,
    /// Smallest accepted side. Default 320 pixels.
    pub min_side: u32,
}

impl Default for IntakeLimits {
    fn default() -> Self {
        IntakeLimits {
            max_bytes: 30_000_000,
            max_pixels: 40_000_000,
            max_alloc: 256 << 20,
            min_side: 320,
        }
    }
}

/// A decoded, oriented photo.
#[derive(Debug)]
pub(crate) struct Photo {
    pub rgb: RgbImage,
    pub format: &'static str,
    /// EXIF orientation 1..=8 as found (1 when absent).
    pub exif_orientation: u8,
}

impl Photo {
    /// EXIF orientations 2, 4, 5 and 7 include a mirror.
    pub fn exif_mirrored(&self) -> bool {
        matches!(self.exif_orientation, 2 | 4 | 5 | 7)
    }
}

/// Type by content, never by name.
pub(crate) fn sniff(bytes: &[u8]) -> Result<ImageFormat, &'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(ImageFormat::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(ImageFormat::Png);
    }
    if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Ok(ImageFormat::WebP);
    }
    if bytes.starts_with(b"GIF8") {
        return Err("gif");
    }
    // ISO BMFF: HEIC/HEIF/AVIF. Not decoded here (see README): Debian's libheif would
    // need a C binding and its own build-time bindgen; phones offer JPEG on upload.
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Err(match &bytes[8..12] {
            b"avif" | b"avis" => "avif",
            _ => "heic",
        });
    }
    if bytes.starts_with(b"%PDF") {
        return Err("pdf");
    }
    if bytes.starts_with(b"BM") {
        return Err("bmp");
    }
    if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        return Err("tiff");
    }
    Err("unknown")
}

/// A complete file ends where its format says; decoders may otherwise fill the missing
/// part with grey and hide the truncation.
fn looks_truncated(format: ImageFormat, bytes: &[u8]) -> bool {
    match format {
        ImageFormat::Jpeg => {
            // The last EOI (FF D9) must come after the last start of scan (FF DA); an
            // embedded EXIF thumbnail has its own EOI, but before the main image's scans.
            let last = |marker: u8| {
                bytes
                    .windows(2)
                    .rposition(|w| w[0] == 0xFF && w[1] == marker)
            };
            match (last(0xDA), last(0xD9)) {
                (Some(sos), Some(eoi)) => eoi < sos,
                _ => true,
            }
        }
        ImageFormat::Png => !bytes.windows(4).rev().take(64).any(|w| w == b"IEND"),
        ImageFormat::WebP => {
            let declared = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize;
            bytes.len() < declared.saturating_add(8)
        }
        _ => false,
    }
}

/// Width and height from a JPEG's frame header (SOFn), walking the marker segments.
fn jpeg_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        let is_sof = (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_sof {
            let seg = bytes.get(i + 4..i + 9)?;
            let h = u32::from(u16::from_be_bytes([seg[1], seg[2]]));
            let w = u32::from(u16::from_be_bytes([seg[3], seg[4]]));
            return Some((w, h));
        }
        if marker == 0xDA {
            return None;
        }
        i += 2 + len;
    }
    None
}

fn map_image_error(e: ImageError) -> IntakeError {
    match e {
        ImageError::Limits(l) => match l.kind() {
            image::error::LimitErrorKind::InsufficientMemory => IntakeError::MemoryLimit,
            _ => IntakeError::MemoryLimit,
        },
        ImageError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            IntakeError::Truncated
        }
        ImageError::Unsupported(u) => IntakeError::Corrupt(format!("unsupported feature: {u}")),
        other => {
            let msg = other.to_string();
            let lower = msg.to_ascii_lowercase();
            if lower.contains("eof")
                || lower.contains("end of file")
                || lower.contains("no more bytes")
            {
                IntakeError::Truncated
            } else {
                IntakeError::Corrupt(msg)
            }
        }
    }
}

fn exif_orientation(bytes: &[u8]) -> u8 {
    let reader = exif::Reader::new();
    let Ok(exif) = reader.read_from_container(&mut Cursor::new(bytes)) else {
        return 1;
    };
    exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .and_then(|v| u8::try_from(v).ok())
        .filter(|v| (1..=8).contains(v))
        .unwrap_or(1)
}

/// What [`admit`] found: the format and the header's dimensions.
struct Admitted {
    format: ImageFormat,
    width: u32,
    height: u32,
}

/// Every refusal that needs no pixels: empty, too many bytes, an unsupported type, too
/// many or too few pixels (from the header), animation, truncation.
fn admit(bytes: &[u8], limits: &IntakeLimits) -> Result<Admitted, IntakeError> {
    if bytes.is_empty() {
        return Err(IntakeError::Empty);
    }
    if bytes.len() > limits.max_bytes {
        return Err(IntakeError::TooLarge {
            size: bytes.len(),
            max: limits.max_bytes,
        });
    }
    let format = sniff(bytes).map_err(|found| IntakeError::UnsupportedFormat { found })?;
    // Header only: a 100-megapixel bomb is refused here, before any pixel buffer exists.
    let header = if format == ImageFormat::Jpeg {
        jpeg_dimensions(bytes)
    } else {
        None
    };
    let (width, height) = match header {
        Some(d) => d,
        None => ImageReader::with_format(Cursor::new(bytes), format)
            .into_dimensions()
            .map_err(map_image_error)?,
    };
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(IntakeError::TooManyPixels {
            width,
            height,
            max_pixels: limits.max_pixels,
        });
    }
    if width.min(height) < limits.min_side {
        return Err(IntakeError::TooSmall {
            width,
            height,
            min_side: limits.min_side,
        });
    }
    match format {
        ImageFormat::Png => {
            let dec = PngDecoder::new(Cursor::new(bytes)).map_err(map_image_error)?;
            if dec.is_apng().map_err(map_image_error)? {
                return Err(IntakeError::Animated);
            }
        }
        ImageFormat::WebP => {
            let dec = WebPDecoder::new(Cursor::new(bytes)).map_err(map_image_error)?;
            if dec.has_animation() {
                return Err(IntakeError::Animated);
            }
        }
        _ => {}
    }
    if looks_truncated(format, bytes) {
        return Err(IntakeError::Truncated);
    }
    Ok(Admitted {
        format,
        width,
        height,
    })
}

fn format_name(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Png => "png",
        ImageFormat::WebP => "webp",
        _ => "jpeg",
    }
}

/// The photo at full resolution (the copy to store is made from it).
pub(crate) fn decode(bytes: &[u8], limits: &IntakeLimits) -> Result<Photo, IntakeError> {
    let admitted = admit(bytes, limits)?;
    decode_admitted(bytes, limits, &admitted)
}

/// Long side the checks need. The layout works at 1024 px; the OCR reads the memo and
/// the document from this image, and a memo's line is still 30–40 px high at 1600.
pub(crate) const CHECK_LONG_SIDE: u32 = 1600;

/// The photo for the checks: a large JPEG decoded at 1/2, 1/4 or 1/8 scale in the IDCT
/// (jpeg-decoder's scaling), the smallest that keeps [`CHECK_LONG_SIDE`]. A 12-megapixel
/// phone photo then costs a quarter of its full decode and of every pass after it; the
/// refusals are the same as [`decode`]'s, and anything the scaled decoder cannot take
/// (CMYK, 16-bit, an error) goes the full way, which reports it.
pub(crate) fn decode_for_checks(bytes: &[u8], limits: &IntakeLimits) -> Result<Photo, IntakeError> {
    let admitted = admit(bytes, limits)?;
    let long = admitted.width.max(admitted.height);
    if admitted.format == ImageFormat::Jpeg && long >= 2 * CHECK_LONG_SIDE {
        if let Some(photo) = decode_jpeg_scaled(bytes, limits, &admitted) {
            return Ok(photo);
        }
    }
    decode_admitted(bytes, limits, &admitted)
}

fn decode_jpeg_scaled(bytes: &[u8], limits: &IntakeLimits, a: &Admitted) -> Option<Photo> {
    let long = u64::from(a.width.max(a.height));
    let want = |side: u32| {
        u16::try_from((u64::from(side) * u64::from(CHECK_LONG_SIDE)).div_ceil(long)).ok()
    };
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    decoder.set_max_decoding_buffer_size(usize::try_from(limits.max_alloc).ok()?);
    decoder.read_info().ok()?;
    let (w, h) = decoder.scale(want(a.width)?, want(a.height)?).ok()?;
    let info = decoder.info()?;
    let pixels = decoder.decode().ok()?;
    let (w, h) = (u32::from(w), u32::from(h));
    let rgb = match info.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => RgbImage::from_raw(w, h, pixels)?,
        jpeg_decoder::PixelFormat::L8 => {
            let grey = image::GrayImage::from_raw(w, h, pixels)?;
            DynamicImage::ImageLuma8(grey).into_rgb8()
        }
        _ => return None,
    };
    Some(oriented(rgb, a.format, exif_orientation(bytes)))
}

fn oriented(rgb: RgbImage, format: ImageFormat, exif_orientation: u8) -> Photo {
    let mut image = DynamicImage::ImageRgb8(rgb);
    if let Some(o) = Orientation::from_exif(exif_orientation) {
        image.apply_orientation(o);
    }
    Photo {
        rgb: image.into_rgb8(),
        format: format_name(format),
        exif_orientation,
    }
}

fn decode_admitted(
    bytes: &[u8],
    limits: &IntakeLimits,
    a: &Admitted,
) -> Result<Photo, IntakeError> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), a.format);
    let mut image_limits = image::Limits::default();
    image_limits.max_alloc = Some(limits.max_alloc);
    reader.limits(image_limits);
    let decoded = reader.decode().map_err(map_image_error)?;
    Ok(oriented(
        decoded.into_rgb8(),
        a.format,
        exif_orientation(bytes),
    ))
}

/// The copy to store: decoded under the same limits, EXIF orientation applied, and
/// re-encoded as JPEG (quality 90) with no metadata at all — EXIF may carry the
/// customer's location, camera serial and time.
pub fn clean_jpeg(bytes: &[u8], limits: &IntakeLimits) -> Result<Vec<u8>, IntakeError> {
    let photo = decode(bytes, limits)?;
    encode_jpeg(&photo.rgb, 90)
}

pub(crate) fn encode_jpeg(rgb: &RgbImage, quality: u8) -> Result<Vec<u8>, IntakeError> {
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
    rgb.write_with_encoder(encoder)
        .map_err(|e| IntakeError::Encode(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, Rgb};

    fn sample(w: u32, h: u32) -> RgbImage {
        RgbImage::from_fn(w, h, |x, y| {
            Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
        })
    }

    fn png_bytes(img: &RgbImage) -> Vec<u8> {
        let mut out = Vec::new();
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(
                img.as_raw(),
                img.width(),
                img.height(),
                image::ExtendedColorType::Rgb8,
            )
            .unwrap();
        out
    }

    /// A minimal JPEG header (SOI, SOF0) declaring `w` x `h`, and nothing else.
    fn jpeg_header_only(w: u16, h: u16) -> Vec<u8> {
        let mut v = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08];
        v.extend_from_slice(&h.to_be_bytes());
        v.extend_from_slice(&w.to_be_bytes());
        v.extend_from_slice(&[0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
        v
    }

    #[test]
    fn empty_file_is_refused() {
        assert_eq!(
            decode(&[], &IntakeLimits::default()).err(),
            Some(IntakeError::Empty)
        );
    }

    #[test]
    fn type_is_sniffed_from_content_not_name() {
        // A PNG that a customer named photo.jpg: the name never reaches us, the bytes do.
        let png = png_bytes(&sample(400, 400));
        let photo = decode(&png, &IntakeLimits::default()).unwrap();
        assert_eq!(photo.format, "png");
        assert_eq!(sniff(b"GIF89a......"), Err("gif"));
        assert_eq!(sniff(b"\0\0\0\x18ftypheic...."), Err("heic"));
        let err = decode(b"hello world, not an image", &IntakeLimits::default()).unwrap_err();
        assert_eq!(err.code(), "unsupported_format");
    }

    #[test]
    fn hundred_megapixel_bomb_is_refused_from_the_header() {
        let bomb = jpeg_header_only(10_000, 10_000);
        let err = decode(&bomb, &IntakeLimits::default()).unwrap_err();
        assert_eq!(err.code(), "too_many_pixels", "{err}");
        // A PNG bomb: 10000x10000 declared, a few hundred bytes of zlib stream.
        let mut png = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut png, 10_000, 10_000);
            enc.set_color(png::ColorType::Grayscale);
            let mut w = enc.write_header().unwrap();
            let mut s = w.stream_writer().unwrap();
            let row = vec![0u8; 10_000];
            for _ in 0..10_000 {
                std::io::Write::write_all(&mut s, &row).unwrap();
            }
            s.finish().unwrap();
        }
        assert!(
            png.len() < 1_000_000,
            "bomb is small on disk: {}",
            png.len()
        );
        assert_eq!(
            decode(&png, &IntakeLimits::default()).unwrap_err().code(),
            "too_many_pixels"
        );
    }

    #[test]
    fn truncated_and_corrupt_files_are_refused() {
        let jpeg = encode_jpeg(&sample(640, 480), 90).unwrap();
        for cut in [10, 200, jpeg.len() / 2, jpeg.len() - 2] {
            let err = decode(&jpeg[..cut], &IntakeLimits::default()).unwrap_err();
            assert!(
                matches!(err.code(), "truncated" | "corrupt"),
                "cut {cut}: {err}"
            );
        }
        let png = png_bytes(&sample(400, 400));
        let err = decode(&png[..png.len() / 2], &IntakeLimits::default()).unwrap_err();
        assert!(matches!(err.code(), "truncated" | "corrupt"), "{err}");
        let mut corrupt = jpeg.clone();
        for b in corrupt.iter_mut().skip(20).take(600) {
            *b = 0x5A;
        }
        let err = decode(&corrupt, &IntakeLimits::default()).unwrap_err();
        assert!(matches!(err.code(), "truncated" | "corrupt"), "{err}");
    }

    #[test]
    fn animated_png_is_refused() {
        let mut apng = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut apng, 400, 400);
            enc.set_color(png::ColorType::Grayscale);
            enc.set_animated(2, 0).unwrap();
            let mut w = enc.write_header().unwrap();
            w.write_image_data(&vec![0u8; 400 * 400]).unwrap();
            w.write_image_data(&vec![255u8; 400 * 400]).unwrap();
            w.finish().unwrap();
        }
        assert_eq!(
            decode(&apng, &IntakeLimits::default()).unwrap_err(),
            IntakeError::Animated
        );
    }

    #[test]
    fn oversized_and_tiny_files_are_refused() {
        let limits = IntakeLimits {
            max_bytes: 100,
            ..IntakeLimits::default()
        };
        let jpeg = encode_jpeg(&sample(640, 480), 90).unwrap();
        assert_eq!(decode(&jpeg, &limits).unwrap_err().code(), "too_large");
        let small = encode_jpeg(&sample(100, 80), 90).unwrap();
        assert_eq!(
            decode(&small, &IntakeLimits::default()).unwrap_err().code(),
            "too_small"
        );
    }

    /// A JPEG with an APP1 EXIF segment holding one Orientation entry.
    fn with_exif_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
        let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
        tiff.extend_from_slice(&1u16.to_be_bytes()); // one entry
        tiff.extend_from_slice(&0x0112u16.to_be_bytes());
        tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
        tiff.extend_from_slice(&1u32.to_be_bytes());
        tiff.extend_from_slice(&orientation.to_be_bytes());
        tiff.extend_from_slice(&[0, 0]);
        tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend_from_slice(&tiff);
        let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
        out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&app1);
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    #[test]
    fn exif_orientation_is_applied_and_mirror_noted() {
        let jpeg = encode_jpeg(&sample(640, 480), 90).unwrap();
        let turned = with_exif_orientation(&jpeg, 6);
        let photo = decode(&turned, &IntakeLimits::default()).unwrap();
        assert_eq!((photo.rgb.width(), photo.rgb.height()), (480, 640));
        assert!(!photo.exif_mirrored());
        let mirrored = with_exif_orientation(&jpeg, 2);
        assert!(decode(&mirrored, &IntakeLimits::default())
            .unwrap()
            .exif_mirrored());
    }

    #[test]
    fn checks_get_a_large_jpeg_scaled_and_turned_and_the_stored_copy_stays_full() {
        // A flat grey frame with one dark square: the same place at either scale.
        let big = RgbImage::from_fn(3400, 1000, |x, y| {
            if (1600..1800).contains(&x) && (400..600).contains(&y) {
                Rgb([20, 20, 20])
            } else {
                Rgb([200, 200, 200])
            }
        });
        let jpeg = encode_jpeg(&big, 90).unwrap();
        let limits = IntakeLimits::default();
        let photo = decode_for_checks(&jpeg, &limits).unwrap();
        assert_eq!((photo.rgb.width(), photo.rgb.height()), (1700, 500));
        assert!(photo.rgb.get_pixel(850, 250)[0] < 60);
        assert!(photo.rgb.get_pixel(100, 100)[0] > 180);
        // EXIF turns the scaled pixels as it turns the full ones.
        let turned = decode_for_checks(&with_exif_orientation(&jpeg, 6), &limits).unwrap();
        assert_eq!((turned.rgb.width(), turned.rgb.height()), (500, 1700));
        assert_eq!(turned.exif_orientation, 6);
        // The copy to store keeps every pixel; a photo under twice the checks' side too.
        assert_eq!(decode(&jpeg, &limits).unwrap().rgb.width(), 3400);
        let small = encode_jpeg(&sample(3000, 400), 90).unwrap();
        assert_eq!(
            decode_for_checks(&small, &limits).unwrap().rgb.width(),
            3000
        );
        // Refusals come before either decoder: a truncated large JPEG is refused.
        assert!(decode_for_checks(&jpeg[..jpeg.len() / 2], &limits).is_err());
    }

    #[test]
    fn clean_copy_has_no_exif() {
        let jpeg = encode_jpeg(&sample(640, 480), 90).unwrap();
        let tagged = with_exif_orientation(&jpeg, 6);
        assert!(tagged.windows(4).any(|w| w == b"Exif"));
        let clean = clean_jpeg(&tagged, &IntakeLimits::default()).unwrap();
        assert!(!clean.windows(4).any(|w| w == b"Exif"));
        let photo = decode(&clean, &IntakeLimits::default()).unwrap();
        assert_eq!((photo.rgb.width(), photo.rgb.height()), (480, 640));
        assert_eq!(photo.exif_orientation, 1);
    }
}
