//! What an agent confirms, item by item, before deciding a reset by ID selfie: the
//! photo's own checklist (pre-filled from the pre-check's findings, see
//! [`crate::photo::checklist`]), then that the face is the holder's of the document on
//! file, and the address side where the document on file needs one. Every item must be
//! marked pass or fail; an approval needs them all passed.
use crate::photo::checklist::{checklist, ChecklistItem, Finding, Prefill};

/// The person in the selfie is the holder of the document on file (face, name, birth
/// date): the check a stolen password and mailbox cannot pass.
pub const FACE_MATCHES_DOCUMENT: &str = "face_matches_document";
/// The address side was sent, readable, and the address is the one on file.
pub const ADDRESS_SIDE: &str = "address_side";

/// The checklist for a selfie with `findings`; `address_side_needed` when the document
/// on file has its address on the other side.
pub fn items(findings: &[Finding<'_>], address_side_needed: bool) -> Vec<ChecklistItem> {
    let mut items = checklist(true, findings);
    items.push(ChecklistItem {
        key: FACE_MATCHES_DOCUMENT,
        prefill: Prefill::Look,
    });
    if address_side_needed {
        items.push(ChecklistItem {
            key: ADDRESS_SIDE,
            prefill: Prefill::Look,
        });
    }
    items
}

/// What the agent marked, item by item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Pass,
    Fail,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChecklistError {
    #[error("every item must be marked pass or fail first: {0:?}")]
    Unmarked(Vec<&'static str>),
    #[error("an approval needs every item passed: {0:?}")]
    Failed(Vec<&'static str>),
}

/// Whether the marks allow `approve` (every item passed) or a refusal (every item
/// marked, at least one failed, or an agent's own reason). Marks for keys not on the
/// list are ignored.
pub fn check_marks(
    items: &[ChecklistItem],
    marks: &[(String, Mark)],
    approve: bool,
) -> Result<(), ChecklistError> {
    let mark = |key: &str| marks.iter().find(|(k, _)| k == key).map(|(_, m)| *m);
    let unmarked: Vec<&'static str> = items
        .iter()
        .filter(|i| mark(i.key).is_none())
        .map(|i| i.key)
        .collect();
    if !unmarked.is_empty() {
        return Err(ChecklistError::Unmarked(unmarked));
    }
    let failed: Vec<&'static str> = items
        .iter()
        .filter(|i| mark(i.key) == Some(Mark::Fail))
        .map(|i| i.key)
        .collect();
    if approve && !failed.is_empty() {
        return Err(ChecklistError::Failed(failed));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::photo::checklist::Verdict;

    fn all(items: &[ChecklistItem], mark: Mark) -> Vec<(String, Mark)> {
        items.iter().map(|i| (i.key.to_string(), mark)).collect()
    }

    #[test]
    fn the_holder_and_the_address_side_join_the_photo_items() {
        let findings = [Finding {
            check: "mirrored",
            verdict: Verdict::Fail,
            reasons: vec!["mirrored_text"],
        }];
        let items = items(&findings, true);
        let keys: Vec<&str> = items.iter().map(|i| i.key).collect();
        assert!(keys.contains(&"not_mirrored") && keys.contains(&"memo_date"));
        assert_eq!(
            &keys[keys.len() - 2..],
            [FACE_MATCHES_DOCUMENT, ADDRESS_SIDE]
        );
        let mirrored = items.iter().find(|i| i.key == "not_mirrored").unwrap();
        assert_eq!(mirrored.prefill, Prefill::Problem);
        assert!(!super::items(&findings, false)
            .iter()
            .any(|i| i.key == ADDRESS_SIDE));
    }

    #[test]
    fn no_decision_without_every_item_marked_and_no_approval_with_a_failure() {
        let items = items(&[], false);
        let mut marks = all(&items, Mark::Pass);
        assert_eq!(check_marks(&items, &marks, true), Ok(()));
        let hasty = &marks[..marks.len() - 1];
        assert_eq!(
            check_marks(&items, hasty, true),
            Err(ChecklistError::Unmarked(vec![FACE_MATCHES_DOCUMENT]))
        );
        assert!(check_marks(&items, hasty, false).is_err(), "refusing too");
        marks[0].1 = Mark::Fail;
        assert!(matches!(
            check_marks(&items, &marks, true),
            Err(ChecklistError::Failed(_))
        ));
        assert_eq!(check_marks(&items, &marks, false), Ok(()));
    }
}
