use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::message::Message;

/// A new password that meets the policy: 10 to 256 characters.
pub struct Password(String);

/// An argon2id hash in PHC string form, as stored.
pub struct PasswordHash(pub String);

/// OWASP's argon2id parameters: 19 MiB of memory, 2 iterations, 1 lane.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19_456, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

impl Password {
    pub fn parse(input: &str) -> Result<Self, Message> {
        match input.chars().count() {
            0..10 => Err(Message::new(
                "A senha deve ter pelo menos 10 caracteres.",
                "The password must have at least 10 characters.",
            )),
            10..=256 => Ok(Self(input.to_owned())),
            _ => Err(Message::new(
                "A senha deve ter no máximo 256 caracteres.",
                "The password must have at most 256 characters.",
            )),
        }
    }

    /// Hashes on tokio's blocking pool: argon2 is deliberately slow.
    pub async fn hash(self) -> PasswordHash {
        tokio::task::spawn_blocking(move || {
            let salt = SaltString::generate(&mut OsRng);
            let hash = hasher()
                .hash_password(self.0.as_bytes(), &salt)
                .expect("argon2 hashing with valid parameters");
            PasswordHash(hash.to_string())
        })
        .await
        .expect("password hashing task")
    }
}

impl PasswordHash {
    /// Whether `candidate` is the password behind `stored`; `None` (an account with no password,
    /// or no account) still spends the same time, so timing tells nothing.
    pub async fn verify(stored: Option<String>, candidate: &str) -> bool {
        let candidate = candidate.to_owned();
        tokio::task::spawn_blocking(move || {
            let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_owned());
            match argon2::PasswordHash::new(&stored) {
                Ok(parsed) => hasher().verify_password(candidate.as_bytes(), &parsed).is_ok(),
                Err(_) => false,
            }
        })
        .await
        .unwrap_or(false)
    }
}

/// A hash of a random password nobody knows, verified against when there is no account.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$wHqS0yJ2cGdxfY6I6qQ8oq1VfNw8pWqQkqgXJ6Yd3nE";
