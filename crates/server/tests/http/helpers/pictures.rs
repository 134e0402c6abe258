//! Pictures for the photo tests, and sending one as the page's script does.
use super::browser::Browser;
use serde_json::Value;

/// A noisy grey picture: no document, no face — the selfie checks block it.
pub fn noise_png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Grayscale);
    let mut seed = 12345u32;
    let pixels: Vec<u8> = (0..w * h)
        .map(|_| {
            seed = seed.wrapping_mul(1103515245).wrapping_add(12345);
            (seed >> 24) as u8
        })
        .collect();
    enc.write_header()
        .unwrap()
        .write_image_data(&pixels)
        .unwrap();
    out
}

pub fn blank_png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_compression(png::Compression::Best);
        let mut writer = enc.write_header().unwrap();
        let mut stream = writer.stream_writer().unwrap();
        let row = vec![0u8; w as usize];
        for _ in 0..h {
            std::io::Write::write_all(&mut stream, &row).unwrap();
        }
        stream.finish().unwrap();
    }
    out
}

/// Posts the bytes as the photo page's script does (CSRF header, raw body).
pub async fn post_photo(
    b: &Browser,
    path: &str,
    bytes: Vec<u8>,
    content_type: &str,
) -> (u16, Value) {
    let csrf = b.csrf().await;
    let r = b
        .client
        .post(format!("{}{path}", b.base))
        .header("x-csrf-token", csrf)
        .header("content-type", content_type)
        .body(bytes)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// A selfie the checks block (noise: no face, no document), tried twice and then sent
/// anyway, as a customer with no other photo would: the submission's status and body.
pub async fn send_blocked_selfie_anyway(b: &Browser) -> (u16, Value) {
    let photo = noise_png(800, 600);
    for _ in 0..2 {
        post_photo(
            b,
            "/photo-check/check?kind=selfie",
            photo.clone(),
            "image/png",
        )
        .await;
    }
    post_photo(
        b,
        "/photo-check/submit?kind=selfie&send_anyway=1",
        photo,
        "image/png",
    )
    .await
}
