//! p50/p95 timing of one photo, full pipeline and without OCR (what BENCH.md reports):
//!
//!     OMP_THREAD_LIMIT=1 cargo run -p keydesk-photocheck --release --example bench_report -- IMAGE [RUNS] [--no-ocr|--ocr-only]
//!
//! Each pass is a fresh `check_photo` call (engines are pooled after the first).

#[path = "../tests/support/label.rs"]
mod label;

use keydesk_photocheck::{check_photo, Options};
use label::first_label_expected;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: bench_report IMAGE [RUNS] [--no-ocr|--ocr-only]");
        std::process::exit(2)
    };
    let runs: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(20);
    let bytes = std::fs::read(path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2)
    });
    let expected = first_label_expected(std::path::Path::new(path));
    let modes: Vec<(&str, bool)> = if args.iter().any(|a| a == "--no-ocr") {
        vec![("without OCR", false)]
    } else if args.iter().any(|a| a == "--ocr-only") {
        vec![("full pipeline", true)]
    } else {
        vec![("without OCR", false), ("full pipeline", true)]
    };
    for (name, ocr) in modes {
        let options = Options {
            ocr,
            ..Options::default()
        };
        // warm-up: loads the face model and the OCR engines once, as a server would
        let _ = check_photo(&bytes, &expected, &options);
        let mut times = Vec::with_capacity(runs);
        let mut blocking = false;
        for _ in 0..runs {
            let t = std::time::Instant::now();
            match check_photo(&bytes, &expected, &options) {
                Ok(r) => blocking = r.blocking(),
                Err(e) => {
                    eprintln!("{e}");
                    std::process::exit(1)
                }
            }
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        let pct = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
        println!(
            "{name}: runs {runs}  p50 {:.0} ms  p95 {:.0} ms  min {:.0} ms  max {:.0} ms  (blocking: {blocking})",
            pct(0.5),
            pct(0.95),
            times[0],
            times[times.len() - 1]
        );
    }
}
