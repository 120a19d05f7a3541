use std::sync::{Arc, LazyLock};
use std::time::Duration;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

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

    /// Hashes on the [`ARGON2_POOL`]: argon2 is deliberately slow.
    pub async fn hash(self) -> Result<PasswordHash, Busy> {
        on_pool(&ARGON2_POOL, QUEUE_TIMEOUT, move || {
            let salt = SaltString::generate(&mut OsRng);
            let hash = hasher()
                .hash_password(self.0.as_bytes(), &salt)
                .expect("argon2 hashing with valid parameters");
            PasswordHash(hash.to_string())
        })
        .await
    }
}

impl PasswordHash {
    /// Whether `candidate` is the password behind `stored`; `None` (an account with no password,
    /// or no account) still spends the same time, so timing tells nothing.
    /// Runs on the [`ARGON2_POOL`].
    pub async fn verify(stored: Option<String>, candidate: &str) -> Result<bool, Busy> {
        let candidate = candidate.to_owned();
        on_pool(&ARGON2_POOL, QUEUE_TIMEOUT, move || {
            let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_owned());
            match argon2::PasswordHash::new(&stored) {
                Ok(parsed) => hasher().verify_password(candidate.as_bytes(), &parsed).is_ok(),
                Err(_) => false,
            }
        })
        .await
    }
}

/// The permits for argon2 work, one per core: a burst of sign-ins queues here instead of running
/// every 19 MiB hash at once.
pub static ARGON2_POOL: LazyLock<Arc<Semaphore>> =
    LazyLock::new(|| Arc::new(Semaphore::new(std::thread::available_parallelism().map_or(1, |n| n.get()))));

/// How long a password check or hash waits for a permit of the [`ARGON2_POOL`] before it gives up.
pub const QUEUE_TIMEOUT: Duration = Duration::from_secs(5);

/// The password work waited longer than its timeout for the pool: the server is too busy now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the password pool stayed busy")]
pub struct Busy;

/// Runs `work` on tokio's blocking pool once a permit of `pool` is free, holding the permit until
/// `work` ends; [`Busy`] when no permit came within `wait`.
pub async fn on_pool<T: Send + 'static>(
    pool: &Arc<Semaphore>,
    wait: Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Busy> {
    let permit = match tokio::time::timeout(wait, pool.clone().acquire_owned()).await {
        Ok(Ok(permit)) => permit,
        // Timed out, or the semaphore was closed (never, in this crate).
        _ => return Err(Busy),
    };
    let task = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work()
    });
    Ok(task.await.expect("password hashing task"))
}

/// A hash of a random password nobody knows, verified against when there is no account.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$wHqS0yJ2cGdxfY6I6qQ8oq1VfNw8pWqQkqgXJ6Yd3nE";

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn work_waits_for_a_permit_and_gives_up_when_the_pool_stays_busy() {
        let pool = Arc::new(Semaphore::new(1));
        let held = pool.clone().acquire_owned().await.unwrap();
        assert_eq!(on_pool(&pool, Duration::from_millis(10), || 1).await, Err(Busy));
        let queued = tokio::spawn({
            let pool = pool.clone();
            async move { on_pool(&pool, Duration::from_secs(60), || 2).await }
        });
        drop(held);
        assert_eq!(queued.await.unwrap(), Ok(2));
        assert_eq!(pool.available_permits(), 1, "the permit is back once the work ended");
    }
}
