//! What an agent confirms, item by item, before deciding an attempt; each item comes
//! pre-marked from what the machine flagged, and an approval needs every item passed.
use super::machine::Flag;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    /// The original document (no copy, printout or screen).
    Original,
    /// Every field readable: sharp, no glare, nothing covered, nothing cut off.
    Readable,
    NotExpired,
    NameMatches,
    BirthDateMatches,
    /// The current address matches the one given (on the address side if apart).
    AddressMatches,
    /// No sign of tampering: fonts, photo, hologram, seals as the document's design.
    NotTampered,
}

crate::stored::stored_names!(Item {
    Original => "original",
    Readable => "readable",
    NotExpired => "not_expired",
    NameMatches => "name_matches",
    BirthDateMatches => "birth_date_matches",
    AddressMatches => "address_matches",
    NotTampered => "not_tampered",
});

/// How an item comes pre-marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Prefill {
    /// The machine found a problem: look at it first.
    Problem,
    /// Nothing flagged; the agent still looks.
    Look,
}

/// The items, each pre-marked from the machine's flags and whether a photo's pre-check
/// found problems it was sent anyway with.
pub fn items(flags: &[Flag]) -> Vec<(Item, Prefill)> {
    let flagged = |f: &[Flag]| {
        if f.iter().any(|x| flags.contains(x)) {
            Prefill::Problem
        } else {
            Prefill::Look
        }
    };
    Item::ALL
        .iter()
        .map(|item| {
            let prefill = match item {
                Item::Readable => flagged(&[Flag::SentAnyway, Flag::MrzUnreadable]),
                Item::NotExpired => flagged(&[Flag::ExpiryMismatch]),
                Item::NameMatches => flagged(&[Flag::NameMismatch]),
                Item::BirthDateMatches => flagged(&[Flag::DateOfBirthMismatch]),
                Item::NotTampered => flagged(&[Flag::MrzInvalid]),
                Item::Original | Item::AddressMatches => Prefill::Look,
            };
            (*item, prefill)
        })
        .collect()
}

/// An approval needs every item confirmed as passed.
pub fn may_approve(passed: &[Item]) -> bool {
    Item::ALL.iter().all(|i| passed.contains(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_mark_their_items_and_approval_needs_every_item() {
        let items = items(&[Flag::NameMismatch, Flag::MrzInvalid]);
        let problem: Vec<Item> = items
            .iter()
            .filter(|(_, p)| *p == Prefill::Problem)
            .map(|(i, _)| *i)
            .collect();
        assert_eq!(problem, vec![Item::NameMatches, Item::NotTampered]);
        assert!(may_approve(&Item::ALL));
        assert!(!may_approve(&Item::ALL[1..]));
        assert!(!may_approve(&[]));
    }
}
