//! `keydesk photocheck FILE --kind …`: the same checks as the upload page, for
//! operators, integrators and tests.
use anyhow::Context;
use keydesk_photocheck::{check_photo, Expected, MemoDate, Options, PhotoKind, Status};
use std::path::Path;

/// Returns the exit status: 0 nothing blocks, 1 something blocks, 2 unusable file.
pub fn run(
    file: &Path,
    kind: &str,
    name: Option<String>,
    request: Option<String>,
    dates: &[String],
    json: bool,
    ocr: bool,
) -> anyhow::Result<i32> {
    let kind = PhotoKind::from_input(kind)
        .context("--kind must be selfie, document-front, document-back or address-side")?;
    let dates = dates
        .iter()
        .map(|d| MemoDate::parse(d).with_context(|| format!("--date {d}: expected YYYY-MM-DD")))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let options = Options {
        ocr: ocr && Options::default().ocr,
        ..Options::default()
    };
    let report = match check_photo(
        &bytes,
        &Expected {
            kind,
            name,
            request_text: request,
            dates,
        },
        &options,
    ) {
        Ok(r) => r,
        Err(e) => {
            if json {
                println!(
                    "{}",
                    serde_json::json!({ "error": { "code": e.code(), "message": e.to_string() } })
                );
            } else {
                eprintln!("{}: cannot be used: {e} ({})", file.display(), e.code());
            }
            return Ok(2);
        }
    };
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({ "blocking": report.blocking(), "report": report })
            )?
        );
    } else {
        println!(
            "{} ({}x{} {})",
            file.display(),
            report.width,
            report.height,
            report.format
        );
        for f in &report.findings {
            let status = match f.status {
                Status::Pass => "pass",
                Status::Warn => "WARN",
                Status::Fail => "FAIL",
            };
            let reasons: Vec<&str> = f.reasons.iter().map(|r| r.code()).collect();
            let measured = match (f.measured, f.threshold) {
                (Some(m), Some(t)) => format!(" measured {m} (threshold {t})"),
                _ => String::new(),
            };
            println!(
                "  {status:<4} {:<16} {}{measured}",
                f.check.code(),
                reasons.join(", ")
            );
        }
        for s in &report.skipped {
            println!("  skip {:<16} {}", s.check.code(), s.why);
        }
        println!(
            "{}",
            if report.blocking() {
                "blocked: ask for a new photo"
            } else {
                "nothing blocks"
            }
        );
    }
    Ok(if report.blocking() { 1 } else { 0 })
}
