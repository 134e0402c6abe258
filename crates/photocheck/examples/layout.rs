//! Prints the layout analysis of a photo (quadrilaterals, faces), for tuning.
fn main() {
    for file in std::env::args().skip(1) {
        let bytes = std::fs::read(&file).unwrap_or_default();
        println!("{file}");
        match keydesk_photocheck::debug_layout(&bytes) {
            Ok(lines) => lines.iter().for_each(|l| println!("  {l}")),
            Err(e) => println!("  error {e}"),
        }
    }
}
