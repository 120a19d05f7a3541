//! Each workshop's NPS settings: the review link (e.g. its Google review page) a promoter is
//! invited to after answering.

use chrono::Utc;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::events::{NPS_SETTINGS_UPDATED, SettingsUpdated};
use crate::audit::{Actor, Committed, NewEvent};
use crate::db::Conn;
use crate::error::DomainError;
use crate::message::Message;
use crate::schema::nps_settings;

/// The longest review link, in characters.
pub const REVIEW_URL_MAX: usize = 500;

/// The review link of `workshop_id`, if the ADMIN set one.
pub async fn review_url(conn: &mut Conn<'_>, workshop_id: i64) -> QueryResult<Option<String>> {
    let found: Option<Option<String>> = crate::run!(conn, |c| {
        nps_settings::table.find(workshop_id).select(nps_settings::review_url).first(c).await.optional()
    })?;
    Ok(found.flatten())
}

/// `url` trimmed, if it is an https address of at most [`REVIEW_URL_MAX`] characters with a host
/// and no spaces; an empty one is none. Else BAD_USER_INPUT on `reviewUrl`.
fn parse_review_url(url: Option<&str>) -> Result<Option<String>, DomainError> {
    let Some(url) = url.map(str::trim).filter(|u| !u.is_empty()) else { return Ok(None) };
    if url.chars().count() > REVIEW_URL_MAX {
        return Err(DomainError::invalid("reviewUrl", Message::too_long(REVIEW_URL_MAX)));
    }
    let host = url.strip_prefix("https://").map(|rest| rest.split(['/', '?', '#']).next().unwrap_or(""));
    let valid = host.is_some_and(|h| h.contains('.') && !h.starts_with('.'))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>');
    if !valid {
        return Err(DomainError::invalid(
            "reviewUrl",
            Message::new(
                "Informe um endereço https completo, como https://g.page/r/…/review.",
                "Enter a full https address, such as https://g.page/r/…/review.",
            ),
        ));
    }
    Ok(Some(url.to_owned()))
}

/// Sets (or, with `None` or blank, clears) the review link of `workshop_id`.
pub async fn update_review_url(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    actor: &Actor,
    url: Option<&str>,
) -> Result<Committed<Option<String>>, DomainError> {
    let url = parse_review_url(url)?;
    let actor = actor.clone();
    Committed::run(conn, move |tx| {
        Box::pin(async move {
            let before = review_url(tx, workshop_id).await?;
            let now = Utc::now().naive_utc();
            let updated = crate::run!(tx, |c| {
                diesel::update(nps_settings::table.find(workshop_id))
                    .set((nps_settings::review_url.eq(url.as_deref()), nps_settings::updated_at.eq(now)))
                    .execute(c)
                    .await
            })?;
            if updated == 0 {
                crate::run!(tx, |c| {
                    diesel::insert_into(nps_settings::table)
                        .values((
                            nps_settings::workshop_id.eq(workshop_id),
                            nps_settings::review_url.eq(url.as_deref()),
                            nps_settings::updated_at.eq(now),
                        ))
                        .execute(c)
                        .await
                })?;
            }
            let event = NewEvent::new(NPS_SETTINGS_UPDATED, workshop_id, workshop_id)
                .by(&actor)
                .with(&SettingsUpdated { review_url_before: before, review_url: url.clone() });
            Ok((url, vec![event]))
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_addresses_are_review_links() {
        let ok = parse_review_url(Some(" https://g.page/r/abc/review ")).unwrap();
        assert_eq!(ok.as_deref(), Some("https://g.page/r/abc/review"));
        assert_eq!(parse_review_url(Some("  ")).unwrap(), None);
        for bad in ["http://g.page/r", "javascript:alert(1)", "https://", "https://x y.com", "g.page/r"] {
            assert!(parse_review_url(Some(bad)).is_err(), "{bad}");
        }
        let long = format!("https://g.page/{}", "a".repeat(REVIEW_URL_MAX));
        assert!(parse_review_url(Some(&long)).is_err());
    }
}
