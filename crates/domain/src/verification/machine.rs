//! What the machine decides about an attempt on its own, and what it only points out.
//! It refuses only where it is certain: a document type not accepted for the country,
//! and an expired document (by its machine-readable zone, or by the date the customer
//! typed from it). Everything it cannot be sure of — a name or date of birth that does
//! not match the facts given, a zone it could not read or whose check digits do not add
//! up (OCR misreads as often as forgers do) — is a flag for the agent, never a refusal.
use super::documents::{DocumentCatalog, DocumentType};
use super::facts::BasicFacts;
use super::name_match;
use super::reason::Reason;
use serde::{Deserialize, Serialize};

/// What the machine points out for the agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    NameMismatch,
    DateOfBirthMismatch,
    MrzUnreadable,
    MrzInvalid,
    /// The expiry typed differs from the one in the zone.
    ExpiryMismatch,
    /// A photo was sent although its pre-check blocked it (after two tries).
    SentAnyway,
}

crate::stored::stored_names!(Flag {
    NameMismatch => "name_mismatch",
    DateOfBirthMismatch => "date_of_birth_mismatch",
    MrzUnreadable => "mrz_unreadable",
    MrzInvalid => "mrz_invalid",
    ExpiryMismatch => "expiry_mismatch",
    SentAnyway => "sent_anyway",
});

/// The fields of a TD3 zone (a passport's two lines of 44) the checks use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MrzFields {
    /// `YAMADA<<HANAKO`: surname, then the given names.
    pub name: String,
    pub document_number: String,
    pub nationality: String,
    /// `YYYY-MM-DD`
    pub date_of_birth: String,
    /// `YYYY-MM-DD`
    pub expires_on: String,
    /// Every check digit adds up.
    pub valid: bool,
}

impl MrzFields {
    /// Reads the fields of a TD3 zone; `None` when the lines are not of its shape.
    /// `today` (`YYYY-MM-DD`) places two-digit years: a birth year is never in the
    /// future, an expiry year is within this century.
    pub fn parse(line1: &str, line2: &str, valid: bool, today: &str) -> Option<MrzFields> {
        let l1: Vec<char> = line1.chars().collect();
        let l2: Vec<char> = line2.chars().collect();
        if l1.len() != 44 || l2.len() != 44 || l1[0] != 'P' {
            return None;
        }
        let text = |v: &[char], a: usize, b: usize| v[a..b].iter().collect::<String>();
        let this_year: i32 = today.get(0..4)?.parse().ok()?;
        let birth = yymmdd(&text(&l2, 13, 19), |yy| {
            let y = 2000 + yy;
            if y > this_year {
                y - 100
            } else {
                y
            }
        })?;
        let expiry = yymmdd(&text(&l2, 21, 27), |yy| 2000 + yy)?;
        Some(MrzFields {
            name: name_field(&text(&l1, 5, 44)),
            document_number: text(&l2, 0, 9).trim_end_matches('<').to_owned(),
            nationality: text(&l2, 10, 13),
            date_of_birth: birth,
            expires_on: expiry,
            valid,
        })
    }
}

/// The name field as written, without its filler. Line 1 has no check digit, so OCR's
/// misreadings of the filler (`<` read as `S`, `E`, `K`) are common: the name ends where
/// three fillers in a row begin. ICAO writes names in A–Z only, so a digit is a letter
/// misread (0 for O), except a trailing one repeating the letter before it — the edge
/// of the filler read twice (`HANAKO0<<<`).
fn name_field(field: &str) -> String {
    let name = field
        .split("<<<")
        .next()
        .unwrap_or("")
        .trim_end_matches('<');
    let mut letters: Vec<char> = name
        .chars()
        .map(|c| match c {
            '0' => 'O',
            '1' => 'I',
            '5' => 'S',
            '8' => 'B',
            '2' => 'Z',
            other => other,
        })
        .collect();
    let ends_in_digit = name.chars().last().is_some_and(|c| c.is_ascii_digit());
    if ends_in_digit
        && letters.len() >= 2
        && letters[letters.len() - 1] == letters[letters.len() - 2]
    {
        letters.pop();
    }
    letters.into_iter().collect()
}

fn yymmdd(s: &str, century: impl Fn(i32) -> i32) -> Option<String> {
    if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let yy: i32 = s[0..2].parse().ok()?;
    let (mm, dd) = (&s[2..4], &s[4..6]);
    let (m, d): (u32, u32) = (mm.parse().ok()?, dd.parse().ok()?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(format!("{:04}-{mm}-{dd}", century(yy)))
}

/// An attempt as sent, with what the pre-check read.
pub struct Attempt<'a> {
    pub country: &'a str,
    pub document: DocumentType,
    /// The expiry date typed from the document (`YYYY-MM-DD`), if it was asked for.
    pub expires_on: Option<&'a str>,
    /// The zone, when one was read.
    pub mrz: Option<&'a MrzFields>,
    /// A photo blocked by its pre-check was sent anyway.
    pub sent_anyway: bool,
}

/// The machine's word on an attempt: refused at once for `refuse` (if any), else
/// passed on to an agent with `flags` marked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verdict {
    pub refuse: Vec<Reason>,
    pub flags: Vec<Flag>,
}

/// Checks an attempt against the accepted documents, the facts on file and `today`
/// (`YYYY-MM-DD`, in the customer's time zone: a document valid "until" a day is valid
/// all that day).
pub fn check(
    attempt: &Attempt<'_>,
    catalog: &DocumentCatalog,
    facts: &BasicFacts,
    today: &str,
) -> Verdict {
    let mut verdict = Verdict::default();
    if catalog
        .accepted(attempt.country, attempt.document)
        .is_none()
    {
        verdict.refuse.push(Reason::DocumentNotAccepted);
        return verdict;
    }
    if attempt.sent_anyway {
        verdict.flags.push(Flag::SentAnyway);
    }
    let typed_expired = attempt.expires_on.is_some_and(|d| d < today);
    match (attempt.document.has_mrz(), attempt.mrz) {
        (true, Some(mrz)) if mrz.valid => {
            // A zone whose every check digit adds up was read right: its dates decide.
            if mrz.expires_on.as_str() < today {
                verdict.refuse.push(Reason::Expired);
            }
            if attempt.expires_on.is_some_and(|d| d != mrz.expires_on) {
                verdict.flags.push(Flag::ExpiryMismatch);
            }
            if !name_match::same_name(&mrz.name, &facts.latin_name) {
                verdict.flags.push(Flag::NameMismatch);
            }
            if mrz.date_of_birth != facts.date_of_birth {
                verdict.flags.push(Flag::DateOfBirthMismatch);
            }
        }
        (true, Some(_)) => {
            verdict.flags.push(Flag::MrzInvalid);
            if typed_expired {
                verdict.refuse.push(Reason::Expired);
            }
        }
        (true, None) => {
            verdict.flags.push(Flag::MrzUnreadable);
            if typed_expired {
                verdict.refuse.push(Reason::Expired);
            }
        }
        (false, _) => {
            if typed_expired {
                verdict.refuse.push(Reason::Expired);
            }
        }
    }
    verdict
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verification::documents::{CountryRules, DocumentRule, Side};
    use crate::verification::facts::Occupation;

    const TODAY: &str = "2026-12-02";

    fn catalog() -> DocumentCatalog {
        let rule = |kind, sides: Vec<Side>| DocumentRule {
            kind,
            label: crate::helpdesk::localized::Localized::new("x", "x"),
            sides,
            address_may_be_apart: false,
        };
        DocumentCatalog {
            countries: vec![
                CountryRules {
                    country: "JP".into(),
                    documents: vec![
                        rule(DocumentType::Passport, vec![Side::PhotoPage]),
                        rule(DocumentType::DriversLicense, vec![Side::Front, Side::Back]),
                    ],
                },
                CountryRules {
                    country: "*".into(),
                    documents: vec![rule(DocumentType::Passport, vec![Side::PhotoPage])],
                },
            ],
        }
    }

    fn facts() -> BasicFacts {
        BasicFacts {
            latin_name: "Hanako Yamada".into(),
            native_name: Some("山田花子".into()),
            date_of_birth: "1990-04-01".into(),
            address: "東京都千代田区1-1".into(),
            phone: "+819012345678".into(),
            occupation: Occupation::Employee,
            country: "JP".into(),
        }
    }

    fn mrz(name: &str, dob: &str, expiry: &str, valid: bool) -> MrzFields {
        MrzFields {
            name: name.into(),
            document_number: "TK1234567".into(),
            nationality: "JPN".into(),
            date_of_birth: dob.into(),
            expires_on: expiry.into(),
            valid,
        }
    }

    fn passport<'a>(m: Option<&'a MrzFields>) -> Attempt<'a> {
        Attempt {
            country: "JP",
            document: DocumentType::Passport,
            expires_on: None,
            mrz: m,
            sent_anyway: false,
        }
    }

    #[test]
    fn the_zone_is_read_field_by_field() {
        let l1 = "P<JPNYAMADA<<HANAKO<<<<<<<<<<<<<<<<<<<<<<<<<";
        let l2 = "TK12345671JPN9004012F3104013<<<<<<<<<<<<<<00";
        let f = MrzFields::parse(l1, l2, true, TODAY).unwrap();
        assert_eq!(f.name, "YAMADA<<HANAKO");
        assert_eq!(f.document_number, "TK1234567");
        assert_eq!(f.nationality, "JPN");
        assert_eq!(f.date_of_birth, "1990-04-01");
        assert_eq!(f.expires_on, "2031-04-01");
        // A birth year never lies ahead; an expiry year always in this century.
        let l2 = "TK12345674JPN0501012F2104017<<<<<<<<<<<<<<00";
        let f = MrzFields::parse(l1, l2, true, TODAY).unwrap();
        assert_eq!(
            (f.date_of_birth.as_str(), f.expires_on.as_str()),
            ("2005-01-01", "2021-04-01")
        );
        assert!(MrzFields::parse(l1, &l2[..43], true, TODAY).is_none());
        // The filler misread by OCR after the name, and a digit for a letter inside it.
        let noisy = "P<JPNYAMADA<<HANAKO0<<<<<<<<<<<<SSSSESSSESSS";
        assert_eq!(
            MrzFields::parse(noisy, l2, true, TODAY).unwrap().name,
            "YAMADA<<HANAKO"
        );
        let inner = "P<JPNK0N0<<TAR0<<<<<<<<<<<<<<<<<<<<<<<<<<<<<";
        assert_eq!(
            MrzFields::parse(inner, l2, true, TODAY).unwrap().name,
            "KONO<<TARO"
        );
        assert!(MrzFields::parse(
            l1,
            "TK12345674JPN9013012F3104017<<<<<<<<<<<<<<00",
            true,
            TODAY
        )
        .is_none());
    }

    #[test]
    fn a_good_passport_goes_to_the_agent_without_a_flag() {
        let m = mrz("YAMADA<<HANAKO", "1990-04-01", "2031-04-01", true);
        assert_eq!(
            check(&passport(Some(&m)), &catalog(), &facts(), TODAY),
            Verdict::default()
        );
    }

    #[test]
    fn a_document_not_accepted_for_the_country_is_refused_at_once() {
        let a = Attempt {
            document: DocumentType::DriversLicense,
            country: "US",
            ..passport(None)
        };
        assert_eq!(
            check(&a, &catalog(), &facts(), TODAY).refuse,
            vec![Reason::DocumentNotAccepted]
        );
    }

    #[test]
    fn an_expired_document_is_refused_at_once_and_the_last_day_still_counts() {
        let m = mrz("YAMADA<<HANAKO", "1990-04-01", "2026-12-01", true);
        assert_eq!(
            check(&passport(Some(&m)), &catalog(), &facts(), TODAY).refuse,
            vec![Reason::Expired]
        );
        let m = mrz("YAMADA<<HANAKO", "1990-04-01", TODAY, true);
        assert!(check(&passport(Some(&m)), &catalog(), &facts(), TODAY)
            .refuse
            .is_empty());
        let license = Attempt {
            document: DocumentType::DriversLicense,
            expires_on: Some("2025-06-30"),
            ..passport(None)
        };
        assert_eq!(
            check(&license, &catalog(), &facts(), TODAY).refuse,
            vec![Reason::Expired]
        );
    }

    #[test]
    fn what_the_machine_is_unsure_of_is_flagged_not_refused() {
        let m = mrz("YAMAMOTO<<HANAKO", "1990-04-02", "2031-04-01", true);
        let v = check(&passport(Some(&m)), &catalog(), &facts(), TODAY);
        assert!(v.refuse.is_empty());
        assert_eq!(v.flags, vec![Flag::NameMismatch, Flag::DateOfBirthMismatch]);
        // Full-width, lower case, surname last: the same name.
        let mut f = facts();
        f.latin_name = "ｙａｍａｄａ　hanako".into();
        let m = mrz("YAMADA<<HANAKO", "1990-04-01", "2031-04-01", true);
        assert!(check(&passport(Some(&m)), &catalog(), &f, TODAY)
            .flags
            .is_empty());
        // A zone whose digits do not add up decides nothing.
        let m = mrz("SOMEONE<<ELSE", "1950-01-01", "2001-01-01", false);
        let v = check(&passport(Some(&m)), &catalog(), &facts(), TODAY);
        assert_eq!((v.refuse, v.flags), (vec![], vec![Flag::MrzInvalid]));
        assert_eq!(
            check(&passport(None), &catalog(), &facts(), TODAY).flags,
            vec![Flag::MrzUnreadable]
        );
    }
}
