//! Text as a person wrote it, without the control characters that no one types but that
//! pasted or mailed text can carry: a NUL cuts a text short for SQLite's indexes and is
//! refused by PostgreSQL, and the rest are invisible on a page.

/// `text` with line ends as `\n` and every other control character but the tab dropped.
pub fn plain(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_go_and_lines_stay() {
        assert_eq!(plain("a\u{0}b\r\nc\rd\te\u{7}\u{1b}[0m"), "ab\nc\nd\te[0m");
        assert_eq!(plain("二段階認証\u{0}の解除"), "二段階認証の解除");
        assert_eq!(plain("\u{85}x\u{9f}"), "x");
    }
}
