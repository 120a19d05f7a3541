//! The one way lists are searched and paged: every word of the search must occur in a table's
//! normalized `search_text` (through pg_trgm's GIN index on PostgreSQL, an FTS5 trigram table on
//! SQLite), in `sort_name` order, a page at a time after a [`NameCursor`].

use crate::types::normalize_search;

/// Where a page of a name-ordered list starts: after this (sort name, id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameCursor {
    pub sort_name: String,
    pub id: i64,
}

/// The normalized words of a search, empty ones dropped.
pub(crate) fn words(search: Option<&str>) -> Vec<String> {
    search
        .map(normalize_search)
        .unwrap_or_default()
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A LIKE pattern matching `word` anywhere, its wildcards escaped with `\`.
pub(crate) fn like(word: &str) -> String {
    format!("%{}%", word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))
}

/// An FTS5 phrase matching `word` as typed.
pub(crate) fn phrase(word: &str) -> String {
    format!("\"{}\"", word.replace('"', "\"\""))
}

/// Searches `$table` (which has `id`, `search_text` and `sort_name`, and on SQLite a
/// `<table>_search` FTS5 trigram table): `$filtered` is a closure giving the boxed query of the
/// table with its other filters (workshop first). Evaluates to `QueryResult<(total, page of $model, has_next)>`.
///
/// The two backends differ only in the index that finds a substring: pg_trgm's GIN index
/// answers LIKE '%…%' on Postgres; on SQLite the FTS5 trigram table answers a phrase MATCH
/// (LIKE with ESCAPE would bypass it), and words under 3 characters, which no trigram index can
/// serve, fall back to LIKE. Count and page share the filter.
macro_rules! trigram_search {
    ($conn:expr, $table:ident, $model:ty, $filtered:expr, $search:expr, $first:expr, $after:expr) => {{
        use ::diesel::{
            BoolExpressionMethods, ExpressionMethods, QueryDsl, SelectableHelper, TextExpressionMethods,
        };
        let words = $crate::search::words($search);
        let first: i64 = $first;
        let after: Option<&$crate::search::NameCursor> = $after;
        async {
            let (total, mut rows): (i64, Vec<$model>) = match $conn {
                $crate::db::Conn::Postgres(c) => {
                    let filtered = || {
                        let mut query = ($filtered)();
                        for word in &words {
                            query = query
                                .filter($table::search_text.like($crate::search::like(word)).escape('\\'));
                        }
                        query
                    };
                    $crate::search::count_and_page!(&mut **c, $table, $model, filtered, first, after)
                }
                $crate::db::Conn::Sqlite(c) => {
                    let filtered = || {
                        let mut query = ($filtered)();
                        for word in &words {
                            query = if word.chars().count() >= 3 {
                                query.filter(
                                    ::diesel::dsl::sql::<::diesel::sql_types::Bool>(concat!(
                                        stringify!($table),
                                        ".id IN (SELECT rowid FROM ",
                                        stringify!($table),
                                        "_search WHERE ",
                                        stringify!($table),
                                        "_search MATCH "
                                    ))
                                    .bind::<::diesel::sql_types::Text, _>($crate::search::phrase(word))
                                    .sql(")"),
                                )
                            } else {
                                query
                                    .filter($table::search_text.like($crate::search::like(word)).escape('\\'))
                            };
                        }
                        query
                    };
                    $crate::search::count_and_page!(&mut **c, $table, $model, filtered, first, after)
                }
            };
            let has_next = rows.len() as i64 > first;
            rows.truncate(first as usize);
            Ok::<_, ::diesel::result::Error>((total, rows, has_next))
        }
        .await
    }};
}

/// The count and the page of [`trigram_search!`] on one backend's connection.
macro_rules! count_and_page {
    ($c:expr, $table:ident, $model:ty, $filtered:ident, $first:expr, $after:expr) => {{
        let total: i64 = ::diesel_async::RunQueryDsl::get_result($filtered().count(), $c).await?;
        let mut page = $filtered();
        if let Some(cursor) = $after {
            page = page.filter(
                $table::sort_name
                    .gt(cursor.sort_name.clone())
                    .or($table::sort_name.eq(cursor.sort_name.clone()).and($table::id.gt(cursor.id))),
            );
        }
        let page =
            page.order(($table::sort_name, $table::id)).limit($first + 1).select(<$model>::as_select());
        let rows = ::diesel_async::RunQueryDsl::load(page, $c).await?;
        (total, rows)
    }};
}

pub(crate) use {count_and_page, trigram_search};
