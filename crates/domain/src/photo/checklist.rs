//! The agent's checklist for an identity photo: the refusal reasons support used in
//! the first seed (mirrored, glare, fingers over text, blur, a copy, face, memo),
//! each pre-filled from the machine's findings. The agent decides; the machine only
//! says where to look.
//!
//! Findings come in as the pre-check's stable codes (`keydesk-photocheck`'s
//! `Check::code` and `Reason::code`), so this rule does not depend on how pixels are read.
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Prefill {
    /// The machine checked it and found nothing wrong.
    Ok,
    /// The machine found a problem it is confident about.
    Problem,
    /// The machine is unsure or did not check: the agent must look.
    Look,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistItem {
    /// Stable key; the Fluent id is `checklist-<key>`.
    pub key: &'static str,
    pub prefill: Prefill,
}

/// How sure the machine was about one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Warn,
    Fail,
}

/// One check's finding, by code.
#[derive(Debug, Clone)]
pub struct Finding<'a> {
    pub check: &'a str,
    pub verdict: Verdict,
    pub reasons: Vec<&'a str>,
}

/// Which check (and, for the memo, which reasons) speaks for each item.
const ITEMS: &[(&str, &str, &[&str])] = &[
    ("not_mirrored", "mirrored", &[]),
    ("sharp", "sharpness", &[]),
    ("no_glare_over_text", "glare", &[]),
    ("nothing_covers_text", "covered_text", &[]),
    ("original_document", "screen_or_print", &[]),
    ("document_complete", "document", &[]),
    ("face_visible", "faces", &[]),
    (
        "memo_request",
        "memo",
        &[
            "memo_wrong_request",
            "memo_request_unreadable",
            "memo_not_found",
        ],
    ),
    (
        "memo_name",
        "memo",
        &["memo_wrong_name", "memo_name_unreadable", "memo_not_found"],
    ),
    (
        "memo_date",
        "memo",
        &["memo_wrong_date", "memo_date_unreadable", "memo_not_found"],
    ),
];

/// A wrong memo the machine read is a problem; an unreadable one is for the agent.
const MEMO_WRONG: &[&str] = &["memo_wrong_request", "memo_wrong_name", "memo_wrong_date"];

/// The checklist for a photo: every item for an ID selfie; a document photo has no
/// memo and no face to look at.
pub fn checklist(selfie: bool, findings: &[Finding<'_>]) -> Vec<ChecklistItem> {
    ITEMS
        .iter()
        .filter(|(key, _, _)| selfie || !(key.starts_with("memo_") || *key == "face_visible"))
        .map(|(key, check, reasons)| {
            let prefill = match findings.iter().find(|f| f.check == *check) {
                None => Prefill::Look,
                Some(f) if reasons.is_empty() => match f.verdict {
                    Verdict::Pass => Prefill::Ok,
                    Verdict::Fail => Prefill::Problem,
                    Verdict::Warn => Prefill::Look,
                },
                // The memo finding covers three items: only its own reasons count.
                Some(f) => match f.reasons.iter().find(|r| reasons.contains(r)) {
                    None if f.verdict == Verdict::Pass || !f.reasons.is_empty() => Prefill::Ok,
                    None => Prefill::Look,
                    Some(r) if MEMO_WRONG.contains(r) && f.verdict == Verdict::Fail => {
                        Prefill::Problem
                    }
                    Some(_) => Prefill::Look,
                },
            };
            ChecklistItem { key, prefill }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding<'a>(check: &'a str, verdict: Verdict, reasons: &[&'a str]) -> Finding<'a> {
        Finding {
            check,
            verdict,
            reasons: reasons.to_vec(),
        }
    }

    fn prefill(items: &[ChecklistItem], key: &str) -> Prefill {
        items.iter().find(|i| i.key == key).unwrap().prefill
    }

    #[test]
    fn findings_prefill_the_checklist() {
        let items = checklist(
            true,
            &[
                finding("mirrored", Verdict::Fail, &["mirrored_text"]),
                finding("sharpness", Verdict::Pass, &[]),
                finding("covered_text", Verdict::Warn, &["text_covered"]),
                finding("memo", Verdict::Fail, &["memo_wrong_date"]),
            ],
        );
        assert_eq!(prefill(&items, "not_mirrored"), Prefill::Problem);
        assert_eq!(prefill(&items, "sharp"), Prefill::Ok);
        assert_eq!(prefill(&items, "nothing_covers_text"), Prefill::Look);
        assert_eq!(
            prefill(&items, "no_glare_over_text"),
            Prefill::Look,
            "not checked: look"
        );
        assert_eq!(prefill(&items, "memo_date"), Prefill::Problem);
        assert_eq!(
            prefill(&items, "memo_name"),
            Prefill::Ok,
            "the memo was read and only the date is wrong"
        );
    }

    #[test]
    fn unreadable_memo_goes_to_the_agent() {
        let items = checklist(true, &[finding("memo", Verdict::Warn, &["memo_not_found"])]);
        for key in ["memo_request", "memo_name", "memo_date"] {
            assert_eq!(prefill(&items, key), Prefill::Look, "{key}");
        }
    }

    #[test]
    fn a_document_photo_has_no_memo_or_face_items() {
        let items = checklist(false, &[]);
        assert!(items
            .iter()
            .all(|i| !i.key.starts_with("memo_") && i.key != "face_visible"));
        assert_eq!(items.len(), 6);
    }
}
