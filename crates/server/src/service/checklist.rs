//! The agent's checklist for an identity photo: the refusal reasons support used in
//! the first seed (mirrored, glare, fingers over text, blur, a copy, face, memo),
//! each pre-filled from the machine's findings. The agent decides; the machine only
//! says where to look.
use keydesk_photocheck::{Check, Reason, Report, Status};
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

/// Which checks (and, for the memo, which reasons) speak for each item.
const ITEMS: &[(&str, Check, &[Reason])] = &[
    ("not_mirrored", Check::Mirrored, &[]),
    ("sharp", Check::Sharpness, &[]),
    ("no_glare_over_text", Check::Glare, &[]),
    ("nothing_covers_text", Check::CoveredText, &[]),
    ("original_document", Check::ScreenOrPrint, &[]),
    ("document_complete", Check::Document, &[]),
    ("face_visible", Check::Faces, &[]),
    (
        "memo_request",
        Check::Memo,
        &[
            Reason::MemoWrongRequest,
            Reason::MemoRequestUnreadable,
            Reason::MemoNotFound,
        ],
    ),
    (
        "memo_name",
        Check::Memo,
        &[
            Reason::MemoWrongName,
            Reason::MemoNameUnreadable,
            Reason::MemoNotFound,
        ],
    ),
    (
        "memo_date",
        Check::Memo,
        &[
            Reason::MemoWrongDate,
            Reason::MemoDateUnreadable,
            Reason::MemoNotFound,
        ],
    ),
];

pub fn checklist(report: &Report) -> Vec<ChecklistItem> {
    let selfie = report.kind == keydesk_photocheck::PhotoKind::IdSelfie;
    ITEMS
        .iter()
        .filter(|(key, _, _)| selfie || !(key.starts_with("memo_") || *key == "face_visible"))
        .map(|(key, check, reasons)| {
            let prefill = match report.finding(*check) {
                None => Prefill::Look,
                Some(f) if reasons.is_empty() => match f.status {
                    Status::Pass => Prefill::Ok,
                    Status::Fail => Prefill::Problem,
                    Status::Warn => Prefill::Look,
                },
                // The memo finding covers three items: only its own reasons count.
                Some(f) => match f.reasons.iter().find(|r| reasons.contains(r)) {
                    None if f.status == Status::Pass || !f.reasons.is_empty() => Prefill::Ok,
                    None => Prefill::Look,
                    Some(r)
                        if matches!(
                            r,
                            Reason::MemoWrongRequest
                                | Reason::MemoWrongName
                                | Reason::MemoWrongDate
                        ) && f.status == Status::Fail =>
                    {
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

    fn report(findings: serde_json::Value) -> Report {
        serde_json::from_value(serde_json::json!({
            "kind": "id-selfie", "width": 100, "height": 100, "format": "jpeg", "skipped": [], "findings": findings
        }))
        .unwrap()
    }

    fn prefill(items: &[ChecklistItem], key: &str) -> Prefill {
        items.iter().find(|i| i.key == key).unwrap().prefill
    }

    #[test]
    fn findings_prefill_the_checklist() {
        let r = report(serde_json::json!([
            {"check": "mirrored", "status": "fail", "reasons": ["mirrored_text"], "measured": 7.5, "threshold": 2.0, "region": null},
            {"check": "sharpness", "status": "pass", "reasons": [], "measured": 900.0, "threshold": 120.0, "region": null},
            {"check": "covered_text", "status": "warn", "reasons": ["text_covered"], "measured": null, "threshold": null, "region": null},
            {"check": "memo", "status": "fail", "reasons": ["memo_wrong_date"], "measured": null, "threshold": null, "region": null}
        ]));
        let items = checklist(&r);
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
        let r = report(serde_json::json!([
            {"check": "memo", "status": "warn", "reasons": ["memo_not_found"], "measured": null, "threshold": null, "region": null}
        ]));
        let items = checklist(&r);
        for key in ["memo_request", "memo_name", "memo_date"] {
            assert_eq!(prefill(&items, key), Prefill::Look, "{key}");
        }
    }
}
