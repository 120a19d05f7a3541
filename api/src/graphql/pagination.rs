//! Relay-style pages: the page size a list accepts, the opaque cursors and the totals that come
//! with a connection.

use async_graphql::connection::{Connection, Edge};
use async_graphql::{OutputType, SimpleObject};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use oficina_domain::Message;
use oficina_domain::search::NameCursor;

use crate::error::ApiError;

/// Page size when `first` is not given.
const DEFAULT_PAGE: i64 = 20;
/// The largest page allowed.
const MAX_PAGE: i64 = 100;

/// Counts that come with a connection.
#[derive(SimpleObject)]
pub struct Totals {
    /// How many items match, across all pages.
    pub total_count: i64,
}

/// A page of `T` with its totals.
pub type Page<T> = Connection<String, T, Totals>;

/// `first` within 1..=100 (default 20).
pub fn page_size(first: Option<i32>) -> Result<i64, ApiError> {
    match first.map(i64::from) {
        None => Ok(DEFAULT_PAGE),
        Some(n) if (1..=MAX_PAGE).contains(&n) => Ok(n),
        Some(_) => Err(ApiError::bad_input(
            "first",
            Message::owned(
                format!("Peça de 1 a {MAX_PAGE} itens por página."),
                format!("Ask for 1 to {MAX_PAGE} items per page."),
            ),
        )),
    }
}

/// What a page costs in the query's complexity: its size (as [`page_size`] reads `first`,
/// clamped) times what each item selects.
pub fn page_cost(first: Option<i32>, child_complexity: usize) -> usize {
    let size = first.map_or(DEFAULT_PAGE, |n| i64::from(n).clamp(1, MAX_PAGE));
    usize::try_from(size).unwrap_or(1) * child_complexity
}

/// A page of `items`, each with where the next page starts after it.
pub fn page_of<T: OutputType>(
    after: bool,
    has_next: bool,
    total_count: i64,
    items: impl IntoIterator<Item = (NameCursor, T)>,
) -> Page<T> {
    let mut connection = Connection::with_additional_fields(after, has_next, Totals { total_count });
    connection.edges.extend(items.into_iter().map(|(cursor, item)| Edge::new(encode_cursor(&cursor), item)));
    connection
}

/// The opaque text of a position in a name-ordered list (customers, products, services).
pub fn encode_cursor(cursor: &NameCursor) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}:{}", cursor.id, cursor.sort_name))
}

/// The position behind an `after` argument, or BAD_USER_INPUT on `after`.
pub fn decode_cursor(text: &str) -> Result<NameCursor, ApiError> {
    let invalid = || ApiError::bad_input("after", Message::new("Cursor inválido.", "Invalid cursor."));
    let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let (id, sort_name) = text.split_once(':').ok_or_else(invalid)?;
    Ok(NameCursor { id: id.parse().map_err(|_| invalid())?, sort_name: sort_name.to_owned() })
}

/// The row id behind an `after` argument of a list ordered by id (newest first), or
/// BAD_USER_INPUT on `after`.
pub fn decode_id_cursor(after: Option<&str>) -> Result<Option<i64>, ApiError> {
    let invalid = || ApiError::bad_input("after", Message::new("Cursor inválido.", "Invalid cursor."));
    after.map(|a| a.parse::<i64>().map_err(|_| invalid())).transpose()
}
