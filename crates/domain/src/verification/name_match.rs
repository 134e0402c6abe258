//! Comparing the name a document's machine-readable zone carries with the name the
//! customer gave: as people type names, not byte for byte — full-width and half-width
//! letters alike (NFKC), case ignored, accents dropped (the MRZ has none: "MÜLLER" is
//! `MULLER`), spacing and punctuation ignored, and the order of the parts free (the MRZ
//! puts the surname first, people often put it last). A mismatch is flagged for an
//! agent, never refused by the machine: transliterations differ (ICAO writes Ü as UE).
use unicode_normalization::UnicodeNormalization;

/// The name's parts as compared: upper-case Latin letters and digits, without accents.
pub fn parts(name: &str) -> Vec<String> {
    let folded: String = name
        .nfkc()
        .collect::<String>()
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_uppercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut parts: Vec<String> = folded.split_whitespace().map(str::to_owned).collect();
    parts.sort();
    parts
}

/// The parts of an MRZ name field (`YAMADA<<HANAKO<MARIE`).
pub fn mrz_parts(field: &str) -> Vec<String> {
    parts(&field.replace('<', " "))
}

/// Whether the MRZ's name is the name given.
pub fn same_name(mrz_field: &str, given: &str) -> bool {
    let (mrz, given) = (mrz_parts(mrz_field), parts(given));
    !mrz.is_empty() && mrz == given
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_as_people_type_them() {
        assert!(same_name("YAMADA<<HANAKO<<<<<<<<", "Hanako Yamada"));
        assert!(same_name("YAMADA<<HANAKO", "ＹＡＭＡＤＡ　Ｈａｎａｋｏ"));
        assert!(same_name("MULLER<<JOSE", "José Müller"));
        assert!(same_name("O<BRIEN<<SEAN", "Seán O'Brien"));
        assert!(same_name("YAMADA<<HANAKO", "  yamada   hanako "));
    }

    #[test]
    fn a_different_name_does_not_match() {
        assert!(!same_name("YAMADA<<HANAKO", "Hanako Yamamoto"));
        assert!(!same_name("YAMADA<<HANAKO", "Hanako"));
        assert!(!same_name("<<<<", ""));
        assert!(!same_name("YAMADA<<HANAKO", "山田花子"));
    }
}
