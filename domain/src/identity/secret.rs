//! Secrets handed to people (session tokens, one-time links): random, and stored only as a hash.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A new random token: 256 bits as URL-safe base64 without padding (43 characters).
pub(crate) fn generate() -> String {
    random::<32>()
}

/// A new random token short enough to paste into a chat message: 128 bits as URL-safe base64
/// without padding (22 characters).
pub(crate) fn generate_short() -> String {
    random::<16>()
}

/// `N` random bytes as URL-safe base64 without padding.
fn random<const N: usize>() -> String {
    let mut bytes = [0u8; N];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The SHA-256 of a token in hex: what the database keeps instead of the token.
pub(crate) fn hash(token: &str) -> String {
    format!("{:x}", Sha256::digest(token.as_bytes()))
}
