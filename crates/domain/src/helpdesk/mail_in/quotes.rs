//! A reply's own words: the text above the quoted history (the client's attribution
//! line — "On … wrote:", 「2026年12月1日(火) 10:00 … <…>:」 — an Outlook header block,
//! "-----Original Message-----", or a run of `>` lines) and above the signature
//! (`-- `, a phone's "Sent from my iPhone" / 「iPhoneから送信」, the ruled box Japanese
//! business mail signs with). The agents read this; the full message is kept beside
//! it. `tests/quote_styles.rs` scores the rules on styles they were not written for.

/// The reply's own words, and whether anything was cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stripped {
    pub reply: String,
    pub cut: bool,
}

fn is_separator(line: &str) -> bool {
    let t = line.trim();
    let lower = t.to_ascii_lowercase();
    (t.starts_with("---") && t.ends_with("---") && t.len() > 10)
        && (lower.contains("original message")
            || lower.contains("forwarded message")
            || t.contains("元のメッセージ")
            || t.contains("転送メッセージ")
            || t.contains("オリジナル"))
        || (t.len() >= 20 && t.chars().all(|c| c == '_'))
}

/// An Outlook header block: `From:` / `差出人:` followed by `Sent:`/`Date:`/`送信日時:`.
fn is_header_block(line: &str, next: Option<&str>) -> bool {
    let t = line.trim_start_matches('*').trim();
    let from = ["From:", "差出人:", "差出人：", "送信者:"]
        .iter()
        .any(|p| t.starts_with(p));
    let sent = next.is_some_and(|n| {
        let n = n.trim_start_matches('*').trim();
        [
            "Sent:",
            "Date:",
            "送信日時:",
            "送信日時：",
            "日時:",
            "To:",
            "宛先:",
        ]
        .iter()
        .any(|p| n.starts_with(p))
    });
    from && sent
}

fn ends_as_attribution(t: &str) -> bool {
    let t = t.trim_end();
    t.ends_with("wrote:")
        || t.ends_with("writes:")
        || t.ends_with("書きました:")
        || t.ends_with("書きました：")
        || t.ends_with("のメール:")
        || t.ends_with("のメール：")
}

/// A line that introduces the quoted history (given the line after it, for
/// attributions a client wrapped over two lines).
fn is_attribution(line: &str, next: Option<&str>) -> bool {
    let t = line.trim();
    if t.is_empty() {
        return false;
    }
    if ends_as_attribution(t) && (t.starts_with("On ") || t.len() < 200) {
        // "On …, … wrote:" (Gmail, Apple Mail, Thunderbird) and their Japanese forms.
        return t.starts_with("On ")
            || t.starts_with("Le ")
            || t.contains('@')
            || t.contains('<')
            || t.chars().next().is_some_and(|c| c.is_ascii_digit())
            || t.contains("さんは")
            || t.contains("さん")
            || t.contains("wrote:");
    }
    if t.starts_with("On ") && next.is_some_and(|n| ends_as_attribution(n.trim())) {
        return true;
    }
    // Gmail in Japanese: 「2026年12月1日(火) 10:00 keydesk <support@…>:」
    let dated_jp = t.chars().take(4).all(|c| c.is_ascii_digit()) && t.contains('年');
    let dated_slash = t.chars().take(4).all(|c| c.is_ascii_digit())
        && t.chars().nth(4).is_some_and(|c| c == '/' || c == '-');
    (dated_jp || dated_slash) && (t.ends_with(':') || t.ends_with('：')) && t.contains('@')
}

fn is_signature(line: &str) -> bool {
    line == "-- " || line.trim_end() == "--"
}

/// A phone or app's line under the reply: "Sent from my iPhone", 「iPhoneから送信」,
/// "Get Outlook for Android".
fn is_sent_from(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() <= 60
        && (t.starts_with("Sent from ")
            || t.starts_with("Get Outlook for")
            || t.ends_with("から送信")
            || t.ends_with("から送信しました")
            || (t.contains("Outlook") && t.ends_with("を入手")))
}

/// A ruled line (━━━━, ────, ====) over a short block to the end: the signature box
/// Japanese business mail closes with.
fn is_ruled_signature(lines: &[&str], at: usize) -> bool {
    let t = lines[at].trim();
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let ruled = t.chars().count() >= 8
        && "━─―-=＝*＊_~〜■□◆◇・".contains(first)
        && chars.all(|c| c == first);
    ruled
        && lines[at + 1..]
            .iter()
            .filter(|l| !l.trim().is_empty())
            .count()
            <= 8
}

/// The reply without its quoted history and signature.
pub fn strip(text: &str) -> Stripped {
    let text = text.replace("\r\n", "\n");
    let lines: Vec<&str> = text.lines().collect();
    let mut end = lines.len();
    for (i, line) in lines.iter().enumerate() {
        let next = lines.get(i + 1).copied();
        let quoted_rest = line.trim_start().starts_with('>')
            && lines[i..]
                .iter()
                .all(|l| l.trim().is_empty() || l.trim_start().starts_with('>'));
        if is_signature(line)
            || is_sent_from(line)
            || is_ruled_signature(&lines, i)
            || is_separator(line)
            || is_header_block(line, next)
            || is_attribution(line, next)
            || quoted_rest
        {
            end = i;
            break;
        }
    }
    let reply = lines[..end].join("\n").trim().to_owned();
    Stripped {
        cut: end < lines.len(),
        reply,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own(text: &str) -> String {
        strip(text).reply
    }

    #[test]
    fn gmail_in_english_and_japanese() {
        assert_eq!(
            own("Thanks, it works now.\n\nOn Tue, Dec 1, 2026 at 10:00 AM keydesk <support@keydesk.example> wrote:\n> We reset it.\n"),
            "Thanks, it works now."
        );
        assert_eq!(
            own("ありがとうございます。解決しました。\n\n2026年12月1日(火) 10:00 keydesk <support@keydesk.example>:\n> リセットしました。\n"),
            "ありがとうございます。解決しました。"
        );
        // An attribution the client wrapped over two lines.
        assert_eq!(
            own("OK.\n\nOn Tue, Dec 1, 2026 at 10:00 AM keydesk <support@keydesk.example>\nwrote:\n> hi"),
            "OK."
        );
    }

    #[test]
    fn outlook_in_english_and_japanese() {
        assert_eq!(
            own("Please see attached.\n\n-----Original Message-----\nFrom: keydesk <support@keydesk.example>\nSent: Tuesday\n"),
            "Please see attached."
        );
        assert_eq!(
            own("添付をご確認ください。\n\n________________________________\n差出人: keydesk <support@keydesk.example>\n送信日時: 2026年12月1日 10:00\n"),
            "添付をご確認ください。"
        );
        assert_eq!(
            own("了解です。\r\n\r\nFrom: keydesk <support@keydesk.example>\r\nSent: Tuesday, December 1, 2026 10:00 AM\r\nTo: me\r\n"),
            "了解です。"
        );
        assert_eq!(
            own("承知しました。\n\n-----元のメッセージ-----\n差出人: keydesk\n"),
            "承知しました。"
        );
    }

    #[test]
    fn apple_mail_and_thunderbird() {
        assert_eq!(
            own("Done.\n\nOn 1 Dec 2026, at 10:00, keydesk <support@keydesk.example> wrote:\n\n> We reset it."),
            "Done."
        );
        assert_eq!(
            own("できました。\n\n2026/12/01 10:00、keydesk <support@keydesk.example>のメール:\n\n> リセットしました。"),
            "できました。"
        );
        assert_eq!(
            own("Yes.\n\nOn 12/1/26 10:00 AM, keydesk wrote:\n> x"),
            "Yes."
        );
        assert_eq!(own("はい。\n\nkeydesk さんは書きました:\n> x"), "はい。");
    }

    #[test]
    fn signatures_and_bare_quotes_go_and_a_plain_reply_stays() {
        assert_eq!(own("Thanks\n-- \nHanako Yamada\n090-1234-5678"), "Thanks");
        assert_eq!(own("Thanks\n\n> earlier\n> more\n"), "Thanks");
        // A quote in the middle, answered below, is the customer's own text.
        let inline = "> Which app?\nGoogle Authenticator.\n";
        assert_eq!(own(inline), inline.trim());
        let plain = strip("電車で落としました。\n2026年11月30日のことです。");
        assert!(!plain.cut);
        assert_eq!(
            plain.reply,
            "電車で落としました。\n2026年11月30日のことです。"
        );
    }
}
