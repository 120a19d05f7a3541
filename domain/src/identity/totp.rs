//! TOTP codes (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps) and recovery codes.

use rand::Rng;
use totp_rs::{Algorithm, Secret, TOTP};

/// Seconds in one step.
pub(super) const STEP: u64 = 30;
/// Bytes of a new shared secret (160 bits, as RFC 4226 recommends).
const SECRET_BYTES: usize = 20;
/// Letters of a recovery code (Crockford-like: no 0/O or 1/I to confuse).
const RECOVERY_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/// Characters of a recovery code, shown as two groups of five.
const RECOVERY_LEN: usize = 10;

/// A new random shared secret, in base32 without padding (what authenticator apps take).
pub(super) fn new_secret() -> String {
    let mut bytes = [0u8; SECRET_BYTES];
    rand::rng().fill(&mut bytes[..]);
    match Secret::Raw(bytes.to_vec()).to_encoded() {
        Secret::Encoded(text) => text,
        Secret::Raw(_) => unreachable!("to_encoded gives an encoded secret"),
    }
}

/// The code of `secret` (base32) for the step `step`; `None` when the secret does not decode.
pub(super) fn code_for_step(secret: &str, step: u64) -> Option<String> {
    let bytes = Secret::Encoded(secret.to_owned()).to_bytes().ok()?;
    let totp = TOTP::new_unchecked(Algorithm::SHA1, 6, 1, STEP, bytes);
    Some(totp.generate(step * STEP))
}

/// The code of `secret` (base32) at the Unix time `unix_seconds`: what an authenticator app
/// shows then. Public for tests and tools that play the app.
pub fn code_at(secret: &str, unix_seconds: u64) -> Option<String> {
    code_for_step(secret, unix_seconds / STEP)
}

/// The step a code given now belongs to, among the current one and one either side (clock skew),
/// or `None` when it matches none of them.
pub(super) fn matching_step(secret: &str, code: &str, now_seconds: u64) -> Option<u64> {
    let now = now_seconds / STEP;
    [now.saturating_sub(1), now, now + 1]
        .into_iter()
        .find(|&step| code_for_step(secret, step).is_some_and(|expected| constant_eq(&expected, code)))
}

/// Compares two codes in time that does not depend on where they differ.
fn constant_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A new recovery code, `XXXXX-XXXXX`.
pub(super) fn new_recovery_code() -> String {
    let mut rng = rand::rng();
    let letters: String = (0..RECOVERY_LEN)
        .map(|_| char::from(RECOVERY_ALPHABET[rng.random_range(0..RECOVERY_ALPHABET.len())]))
        .collect();
    format!("{}-{}", &letters[..5], &letters[5..])
}

/// A recovery code as typed (any case, with or without the dash or spaces), as it is hashed.
pub(super) fn normalize_recovery_code(code: &str) -> String {
    code.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect()
}

/// The `otpauth://` URI an authenticator app reads from the QR code.
pub(super) fn otpauth_uri(issuer: &str, account: &str, secret: &str) -> String {
    let label = format!("{}:{}", encode(issuer), encode(account));
    format!(
        "otpauth://totp/{label}?secret={secret}&issuer={}&algorithm=SHA1&digits=6&period={STEP}",
        encode(issuer)
    )
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1, with the last six digits.
    #[test]
    fn rfc_6238_vectors() {
        let secret = match Secret::Raw(b"12345678901234567890".to_vec()).to_encoded() {
            Secret::Encoded(text) => text,
            Secret::Raw(_) => unreachable!(),
        };
        assert_eq!(code_at(&secret, 59).as_deref(), Some("287082"));
        assert_eq!(code_at(&secret, 1_111_111_109).as_deref(), Some("081804"));
        assert_eq!(code_at(&secret, 2_000_000_000).as_deref(), Some("279037"));
    }

    #[test]
    fn skew_of_one_step() {
        let secret = new_secret();
        let now = 1_800_000_000;
        let previous = code_at(&secret, now - STEP).unwrap();
        assert_eq!(matching_step(&secret, &previous, now), Some(now / STEP - 1));
    }

    #[test]
    fn recovery_codes_normalize() {
        let code = new_recovery_code();
        assert_eq!(normalize_recovery_code(&code.to_lowercase().replace('-', " ")), code.replace('-', ""));
    }
}
