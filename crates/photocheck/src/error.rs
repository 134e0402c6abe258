//! Why bytes could not be taken in. Content problems are findings, not errors.

use thiserror::Error;

/// Intake errors, each with a stable code ([`IntakeError::code`]) for the server's texts.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum IntakeError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {size} bytes, more than the {max} allowed")]
    TooLarge { size: usize, max: usize },
    #[error("not a supported image type (JPEG, PNG or WebP); found {found}")]
    UnsupportedFormat { found: &'static str },
    #[error("the image is {width}x{height} pixels, more than the {max_pixels} pixels allowed")]
    TooManyPixels {
        width: u32,
        height: u32,
        max_pixels: u64,
    },
    #[error("the image is {width}x{height} pixels, smaller than {min_side} pixels on a side")]
    TooSmall {
        width: u32,
        height: u32,
        min_side: u32,
    },
    #[error("animated images are not accepted")]
    Animated,
    #[error("the image data is truncated")]
    Truncated,
    #[error("the image data is corrupt: {0}")]
    Corrupt(String),
    #[error("decoding would need more memory than allowed")]
    MemoryLimit,
    #[error("the clean copy could not be encoded: {0}")]
    Encode(String),
}

impl IntakeError {
    /// Stable machine code.
    pub fn code(&self) -> &'static str {
        match self {
            IntakeError::Empty => "empty",
            IntakeError::TooLarge { .. } => "too_large",
            IntakeError::UnsupportedFormat { .. } => "unsupported_format",
            IntakeError::TooManyPixels { .. } => "too_many_pixels",
            IntakeError::TooSmall { .. } => "too_small",
            IntakeError::Animated => "animated",
            IntakeError::Truncated => "truncated",
            IntakeError::Corrupt(_) => "corrupt",
            IntakeError::MemoryLimit => "memory_limit",
            IntakeError::Encode(_) => "encode_failed",
        }
    }
}
