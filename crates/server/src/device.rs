//! "Chrome on Linux" rather than a User-Agent header, on the pages and in the API: people
//! must recognise their own sessions and sign-ins at a glance to notice one that is not
//! theirs.
use keydesk_domain::identity::language::Language;

use crate::i18n::I18n;

/// The browser and the operating system named in a User-Agent header, each when known.
#[derive(Debug, PartialEq, Eq)]
pub struct Device {
    pub browser: Option<String>,
    pub os: Option<String>,
}

const UNKNOWN: &str = "UNKNOWN";

/// Categories of real browsers; for the rest (an HTTP library, an app, a script) the
/// client's own first product name says more than woothee's "HTTP Library".
const BROWSERS: [&str; 4] = ["pc", "smartphone", "mobilephone", "appliance"];

pub fn parse(user_agent: &str) -> Device {
    let known = |s: &str| (!s.is_empty() && s != UNKNOWN).then(|| s.to_owned());
    let parsed = woothee::parser::Parser::new().parse(user_agent);
    let browser = parsed
        .as_ref()
        .filter(|r| BROWSERS.contains(&r.category))
        .and_then(|r| known(r.name))
        .or_else(|| first_product(user_agent));
    let os = parsed
        .and_then(|r| known(r.os))
        .map(|os| match os.as_str() {
            "Mac OSX" => "macOS".to_owned(),
            _ => os,
        });
    Device { browser, os }
}

/// `curl/8.5.0 …` → `curl`.
fn first_product(user_agent: &str) -> Option<String> {
    let name = user_agent.split(['/', ' ']).next()?.trim();
    let plain = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    (plain && !name.is_empty() && name != "Mozilla").then(|| name.chars().take(40).collect())
}

/// The device in the reader's language; what is not known is left out.
pub fn describe(i18n: &I18n, lang: Language, user_agent: &str) -> String {
    match parse(user_agent) {
        Device {
            browser: Some(browser),
            os: Some(os),
        } => i18n.t_args(
            lang,
            "device-browser-on-os",
            &[("browser", browser.into()), ("os", os.into())],
        ),
        Device {
            browser: Some(one),
            os: None,
        }
        | Device {
            browser: None,
            os: Some(one),
        } => one,
        Device {
            browser: None,
            os: None,
        } => i18n.t(lang, "device-unknown"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_browsers_are_named() {
        let chrome_linux = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36";
        let d = parse(chrome_linux);
        assert_eq!(d.os.as_deref(), Some("Linux"));
        let safari_iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        assert_eq!(
            parse(safari_iphone),
            Device {
                browser: Some("Safari".into()),
                os: Some("iPhone".into())
            }
        );
        let firefox_windows =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
        assert_eq!(parse(firefox_windows).browser.as_deref(), Some("Firefox"));
        let chrome_mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
        assert_eq!(
            parse(chrome_mac),
            Device {
                browser: Some("Chrome".into()),
                os: Some("macOS".into())
            }
        );
        assert_eq!(
            parse(""),
            Device {
                browser: None,
                os: None
            }
        );
    }

    #[test]
    fn described_in_the_readers_language() {
        let i18n = I18n::load().unwrap();
        let ua = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
        assert_eq!(describe(&i18n, Language::En, ua), "Chrome on macOS");
        assert_eq!(describe(&i18n, Language::Ja, ua), "macOS の Chrome");
        assert_eq!(describe(&i18n, Language::En, "curl/8.5.0"), "curl");
        assert_eq!(
            describe(&i18n, Language::En, "keydesk-tests"),
            "keydesk-tests"
        );
        assert_eq!(describe(&i18n, Language::Ja, ""), "不明な端末");
        assert_eq!(
            describe(&i18n, Language::En, "Mozilla/5.0 (compatible)"),
            "Unknown device"
        );
    }
}
