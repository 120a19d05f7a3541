//! Finding customers: the search index's text, and the paged search over it.

use diesel::prelude::*;

use crate::crm::models::Customer;
use crate::db::Conn;
use crate::schema::customers;
use crate::search::NameCursor;
use crate::types::normalize_search;

/// One page of a customer list, in name order.
#[derive(Debug, Clone)]
pub struct CustomerPage {
    pub customers: Vec<Customer>,
    pub total: i64,
    pub has_next: bool,
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
        after: Option<&NameCursor>,
    ) -> QueryResult<CustomerPage> {
        let (total, rows, has_next) = crate::search::trigram_search!(
            conn,
            customers,
            Customer,
            || customers::table.filter(customers::workshop_id.eq(workshop_id)).into_boxed(),
            search,
            first,
            after
        )?;
        Ok(CustomerPage { customers: rows, total, has_next })
    }

    /// Where the next page starts after this customer.
    pub fn cursor(&self) -> NameCursor {
        NameCursor { sort_name: normalize_search(&self.name), id: self.id }
    }
}
