//! Personal promo codes: [`CODE_LEN`] characters of an alphabet without the look-alikes (no
//! 0/O, 1/I/L), so a code read aloud or typed from a phone screen is not mistaken.

use rand::Rng;

/// The characters a code is made of: A–Z and 2–9 without 0, O, 1, I and L (31 of them).
pub const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// How long a code is: 31⁸ ≈ 8.5 × 10¹¹ codes.
pub const CODE_LEN: usize = 8;

/// A new random code.
pub fn generate() -> String {
    let mut rng = rand::rng();
    (0..CODE_LEN).map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())])).collect()
}

/// A code as typed (any case, spaces and dashes around or between its characters) as stored,
/// or `None` when it cannot be one.
pub fn normalize(input: &str) -> Option<String> {
    let code: String =
        input.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect();
    (code.len() == CODE_LEN && code.bytes().all(|b| ALPHABET.contains(&b))).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_only_the_unambiguous_alphabet() {
        for _ in 0..1000 {
            let code = generate();
            assert_eq!(code.len(), CODE_LEN);
            assert!(!code.contains(['0', 'O', '1', 'I', 'L']), "{code}");
            assert_eq!(normalize(&code.to_lowercase()).as_deref(), Some(code.as_str()));
        }
        assert_eq!(normalize(" abcd-efgh ").as_deref(), Some("ABCDEFGH"));
        assert_eq!(normalize("ABCDEFG0"), None);
        assert_eq!(normalize("ABCDEFG"), None);
        assert_eq!(normalize("ÁBCDEFGH"), None);
    }
}
