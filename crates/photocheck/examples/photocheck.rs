//! Check one photo from the command line (what `keydesk photocheck` does in the server):
//!
//!     cargo run -p keydesk-photocheck --release --example photocheck -- FILE \
//!         --kind selfie|document-front|document-back|address-side \
//!         [--name "TANAKA HANAKO"] [--request "2FA reset"] [--date 2026-11-23]... [--json] [--no-ocr]
//!
//! Exit status 0 when nothing blocks, 1 when something does, 2 on bad input.

use keydesk_photocheck::{check_photo, Expected, MemoDate, Options, PhotoKind};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut file = None;
    let mut expected = Expected::new(PhotoKind::IdSelfie);
    let mut options = Options::default();
    let mut json = false;
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--kind" => {
                expected.kind = PhotoKind::from_input(&value)
                    .unwrap_or_else(|| fail(&format!("unknown kind {value}")));
                i += 1;
            }
            "--name" => {
                expected.name = Some(value);
                i += 1;
            }
            "--request" => {
                expected.request_text = Some(value);
                i += 1;
            }
            "--date" => {
                expected.dates.push(
                    MemoDate::parse(&value).unwrap_or_else(|| fail(&format!("bad date {value}"))),
                );
                i += 1;
            }
            "--json" => json = true,
            "--no-ocr" => options.ocr = false,
            other => file = Some(other.to_string()),
        }
        i += 1;
    }
    let Some(file) = file else {
        fail("usage: photocheck FILE --kind KIND [--name N] [--request R] [--date D] [--json] [--no-ocr]")
    };
    let bytes = std::fs::read(&file).unwrap_or_else(|e| fail(&format!("{file}: {e}")));
    let report = match check_photo(&bytes, &expected, &options) {
        Ok(r) => r,
        Err(e) => {
            if json {
                println!(
                    "{{\"error\":{{\"code\":\"{}\",\"message\":{:?}}}}}",
                    e.code(),
                    e.to_string()
                );
            } else {
                eprintln!("{file}: {} ({})", e, e.code());
            }
            std::process::exit(2);
        }
    };
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        println!(
            "{file}: {}x{} {} {:?}",
            report.width, report.height, report.format, report.kind
        );
        for f in &report.findings {
            let reasons: Vec<&str> = f.reasons.iter().map(|r| r.code()).collect();
            println!(
                "  {:<16} {:<5} {:<40} measured {:>10} threshold {:>8} {}",
                f.check.code(),
                format!("{:?}", f.status).to_lowercase(),
                reasons.join(","),
                f.measured.map(|v| v.to_string()).unwrap_or_default(),
                f.threshold.map(|v| v.to_string()).unwrap_or_default(),
                f.region
                    .map(|r| format!("[{} {} {}x{}]", r.x, r.y, r.width, r.height))
                    .unwrap_or_default()
            );
        }
        for s in &report.skipped {
            println!("  {:<16} skipped ({})", s.check.code(), s.why);
        }
        println!("  blocking: {}", report.blocking());
    }
    std::process::exit(i32::from(report.blocking()));
}

fn fail(msg: &str) -> ! {
    eprintln!("{msg}");
    std::process::exit(2)
}
