//! Redirect targets taken from a request (the language switch's `back`): only this
//! application's own paths, read the way a browser's URL parser reads them rather than
//! checked by prefix, so `/\t/evil.example` (a browser drops the tab and goes to
//! evil.example) or a header-splitting `/\r\n…` never leaves as a `Location`.
use url::Url;

/// Any origin would do: a target is resolved against it, and must stay on it.
const BASE: &str = "http://keydesk.invalid/";

/// The path (and query) `target` names on this application, normalised; `None` for
/// anything else, which callers answer with a safe default.
pub fn local_path(target: &str) -> Option<String> {
    // Browsers drop tabs and newlines inside URLs and read `\` as `/`: a target they
    // would read differently from how it is written is refused outright.
    if !target.starts_with('/') || target.chars().any(|c| c.is_control() || c == '\\') {
        return None;
    }
    let base = Url::parse(BASE).ok()?;
    let url = base.join(target).ok()?;
    if url.origin() != base.origin() || url.username() != "" || url.password().is_some() {
        return None;
    }
    let mut path = url.path().to_owned();
    if let Some(query) = url.query() {
        path.push('?');
        path.push_str(query);
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn own_paths_pass_and_everything_else_is_refused() {
        for (target, expected) in [
            ("/", "/"),
            ("/account", "/account"),
            ("/photo-check?sent=1", "/photo-check?sent=1"),
            ("/a/../account", "/account"),
            ("/söme path", "/s%C3%B6me%20path"),
        ] {
            assert_eq!(local_path(target).as_deref(), Some(expected), "{target:?}");
        }
        for target in [
            "",
            "account",
            "//evil.example",
            "///evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\nSet-Cookie: x=1",
            "/\\evil.example",
            "\\\\evil.example",
            "http://evil.example/",
            "https:evil.example",
            "/%0d%0aSet-Cookie:x=1\u{0}",
            " /account",
        ] {
            assert_eq!(local_path(target), None, "{target:?}");
        }
    }
}
