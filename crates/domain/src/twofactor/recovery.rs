//! Recovery codes: ten single-use codes of 80 bits each, shown once, stored hashed
//! (NIST SP 800-63B §5.1.2: look-up secrets under 112 bits are stored with a salted
//! password hash, here Argon2id).
use rand::Rng;

pub const COUNT: usize = 10;
/// 16 symbols of a 32-symbol alphabet: 80 bits.
const SYMBOLS: usize = 16;
/// Crockford's base32: no I, L, O or U, so nothing is misread when copied by hand.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A code in its canonical form (16 symbols, no separators).
#[derive(Clone, PartialEq, Eq)]
pub struct RecoveryCode(String);

impl std::fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryCode(..)")
    }
}

impl RecoveryCode {
    pub fn generate_set() -> Vec<RecoveryCode> {
        let mut rng = rand::rngs::OsRng;
        (0..COUNT)
            .map(|_| {
                RecoveryCode(
                    (0..SYMBOLS)
                        .map(|_| ALPHABET[rng.gen_range(0..32)] as char)
                        .collect(),
                )
            })
            .collect()
    }

    /// Accepts what people type: any case, spaces and hyphens, O for 0 and I/L for 1.
    pub fn parse(input: &str) -> Option<Self> {
        let mut out = String::with_capacity(SYMBOLS);
        for c in input.chars() {
            let c = match c.to_ascii_uppercase() {
                ' ' | '-' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !ALPHABET.contains(&(c as u8)) || !c.is_ascii() {
                return None;
            }
            out.push(c);
        }
        (out.len() == SYMBOLS).then_some(Self(out))
    }

    pub fn canonical(&self) -> &str {
        &self.0
    }

    /// `ABCD-EFGH-JKMN-PQRS`, as shown and downloaded.
    pub fn display(&self) -> String {
        self.0
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_shape() {
        let set = RecoveryCode::generate_set();
        assert_eq!(set.len(), 10);
        let distinct: std::collections::HashSet<_> =
            set.iter().map(|c| c.canonical().to_owned()).collect();
        assert_eq!(distinct.len(), 10);
        for c in &set {
            assert_eq!(c.display().len(), 19);
            assert_eq!(RecoveryCode::parse(&c.display()).as_ref(), Some(c));
        }
    }

    #[test]
    fn forgiving_parse() {
        let c = RecoveryCode::parse("abcd-efgh-jkmn-pqrs").unwrap();
        assert_eq!(c.canonical(), "ABCDEFGHJKMNPQRS");
        assert_eq!(
            RecoveryCode::parse("0O1I L000 0000 0000")
                .unwrap()
                .canonical(),
            "0011100000000000"
        );
        assert!(RecoveryCode::parse("ABCD-EFGH").is_none());
        assert!(RecoveryCode::parse("ABCD-EFGH-JKMN-PQRU").is_none());
        assert!(RecoveryCode::parse("123456").is_none());
    }
}
