//! Finding customers: the search index's text, and the paged search over it.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use crate::crm::models::Customer;
use crate::db::Conn;
use crate::schema::customers;
use crate::types::normalize_search;

/// One page of a customer list, in name order.
#[derive(Debug, Clone)]
pub struct CustomerPage {
    pub customers: Vec<Customer>,
    pub total: i64,
    pub has_next: bool,
}

/// Where a page starts: after this (sort name, id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerCursor {
    pub sort_name: String,
    pub id: i64,
}

/// What the search index holds for a customer: name, document, e-mails, phones and plates.
pub(super) fn search_text(
    name: &str,
    document: &str,
    emails: &[&str],
    phones: &[(&str, &str)],
    plates: &[&str],
) -> String {
    let mut parts = vec![name.to_owned(), document.to_owned()];
    parts.extend(emails.iter().map(|e| e.to_string()));
    parts.extend(phones.iter().map(|(ddd, number)| format!("{ddd}{number}")));
    parts.extend(plates.iter().map(|p| p.to_string()));
    normalize_search(&parts.join(" "))
}

impl Customer {
    /// Customers of `workshop_id` whose name, document, e-mail, phone or plate contains every
    /// word of `search` (accents, case and punctuation ignored), in name order, `first` at a time.
    pub async fn search(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        search: Option<&str>,
        first: i64,
        after: Option<&CustomerCursor>,
    ) -> QueryResult<CustomerPage> {
        let words: Vec<String> = search
            .map(normalize_search)
            .unwrap_or_default()
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        let like =
            |word: &str| format!("%{}%", word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        // The two backends differ only in the index that finds a substring: pg_trgm's GIN index
        // answers LIKE '%…%' on Postgres; on SQLite the FTS5 trigram table answers a phrase MATCH
        // (LIKE with ESCAPE would bypass it), and words under 3 characters, which no trigram
        // index can serve, fall back to LIKE. Count and page share the filter.
        macro_rules! count_and_page {
            ($c:expr, $filtered:expr) => {{
                let total: i64 = $filtered().count().get_result($c).await?;
                let mut page = $filtered();
                if let Some(cursor) = after {
                    page = page.filter(customers::sort_name.gt(cursor.sort_name.clone()).or(
                        customers::sort_name.eq(cursor.sort_name.clone()).and(customers::id.gt(cursor.id)),
                    ));
                }
                let rows = page
                    .order((customers::sort_name, customers::id))
                    .limit(first + 1)
                    .select(Customer::as_select())
                    .load($c)
                    .await?;
                (total, rows)
            }};
        }
        let in_workshop = customers::workshop_id.eq(workshop_id);
        let (total, mut rows) = match conn {
            Conn::Postgres(c) => count_and_page!(*c, || {
                let mut query = customers::table.filter(in_workshop).into_boxed();
                for word in &words {
                    query = query.filter(customers::search_text.like(like(word)).escape('\\'));
                }
                query
            }),
            Conn::Sqlite(c) => count_and_page!(*c, || {
                let mut query = customers::table.filter(in_workshop).into_boxed();
                for word in &words {
                    query = if word.chars().count() >= 3 {
                        let phrase = format!("\"{}\"", word.replace('"', "\"\""));
                        query.filter(
                            diesel::dsl::sql::<diesel::sql_types::Bool>(
                                "customers.id IN (SELECT rowid FROM customers_search WHERE customers_search MATCH ",
                            )
                            .bind::<diesel::sql_types::Text, _>(phrase)
                            .sql(")"),
                        )
                    } else {
                        query.filter(customers::search_text.like(like(word)).escape('\\'))
                    };
                }
                query
            }),
        };
        let has_next = rows.len() as i64 > first;
        rows.truncate(first as usize);
        Ok(CustomerPage { customers: rows, total, has_next })
    }

    /// Where the next page starts after this customer.
    pub fn cursor(&self) -> CustomerCursor {
        CustomerCursor { sort_name: normalize_search(&self.name), id: self.id }
    }
}
