//! `GET /export/customers.csv?search=…`, or `POST` with the form field `search`: the staff's
//! current customer search as a CSV download (semicolon-separated with a BOM, as spreadsheets in
//! Brazil expect), streamed page by page. The web app posts the form, so that a search for a CPF
//! never travels in a URL (which proxies, the request log and the browser's history keep). Each
//! page writes the EXPORTED_LIST rows of its people (whole CPFs) to the access log in one INSERT.

use axum::body::{Body, Bytes};
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::stream;
use oficina_domain::DomainError;
use oficina_domain::crm::{Customer, CustomerDetails, CustomerKind};
use oficina_domain::identity::{Principal, Role};
use oficina_domain::privacy::{AccessAction, AccessEntry, NewAccess};
use oficina_domain::search::NameCursor;
use serde::Deserialize;

use crate::auth::{FRONT_DESK, session_token};
use crate::error::{in_language, language_from_headers};
use crate::state::AppState;

/// Rows fetched per query while streaming.
const PAGE: i64 = 500;
/// The first line: the column names.
const HEADER: [&str; 11] = [
    "Nome",
    "Tipo",
    "CPF/CNPJ",
    "RG",
    "Nascimento",
    "E-mails",
    "Telefones",
    "Endereço",
    "Placas",
    "Aceita marketing",
    "Cliente desde",
];
/// Tells spreadsheets the file is UTF-8.
pub(crate) const BOM: &str = "\u{feff}";

/// Where the stream is: the header line, the page after a cursor, or the end.
enum Step {
    Header,
    After(Option<NameCursor>),
    Done,
}

/// The query string or the form: the search the list shows.
#[derive(Deserialize)]
pub struct ExportQuery {
    search: Option<String>,
}

/// The download: 401 without a session, 403 for anyone but the front desk (admins and operators)
/// and for a session cookie that does not show it comes from the web app, 500 (and nothing else
/// said) when the session or the audit trail cannot be read or written.
pub async fn customers_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<ExportQuery>,
) -> Response {
    export(state, headers, query).await
}

/// The same download for a posted form (what the web app sends).
pub async fn customers_csv_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(query): Form<ExportQuery>,
) -> Response {
    export(state, headers, query).await
}

async fn export(state: AppState, headers: HeaderMap, query: ExportQuery) -> Response {
    let token = match session_token(&headers, &state.public_url) {
        Ok(token) => token,
        Err(refused) => {
            let language = language_from_headers(&headers);
            let message = in_language(language, async { async_graphql::Error::from(refused).message }).await;
            return (StatusCode::FORBIDDEN, message).into_response();
        }
    };
    let principal = match state.principal(token.as_deref()).await {
        Ok(Some(principal)) => principal,
        Ok(None) => return (StatusCode::UNAUTHORIZED, "Entre para exportar.").into_response(),
        Err(err) => return internal_error(&err, "cannot check the session of a customer export"),
    };
    if !FRONT_DESK.contains(&principal.membership.role) {
        return (StatusCode::FORBIDDEN, "Você não tem permissão para isto.").into_response();
    }
    if let Err(err) = record_export(&state, &principal, query.search.as_deref()).await {
        return internal_error(&err, "cannot record a customer export");
    }
    let pages = stream::unfold(Step::Header, move |step| {
        let (state, principal, search) = (state.clone(), principal.clone(), query.search.clone());
        async move {
            match step {
                Step::Header => Some((header_line().map_err(std::io::Error::other), Step::After(None))),
                Step::After(cursor) => {
                    match next_page(&state, &principal, search.as_deref(), cursor.as_ref()).await {
                        Ok((rows, Some(next))) => Some((Ok(rows), Step::After(Some(next)))),
                        Ok((rows, None)) => Some((Ok(rows), Step::Done)),
                        Err(err) => {
                            tracing::error!(err = format!("{err:#}"), "customer export failed midway");
                            Some((Err(std::io::Error::other(err)), Step::Done))
                        }
                    }
                }
                Step::Done => None,
            }
        }
    });
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"clientes.csv\""),
        ],
        Body::from_stream(pages),
    )
        .into_response()
}

/// Logs `err` with its causes and answers 500 with a generic message.
fn internal_error(err: &anyhow::Error, what: &str) -> Response {
    tracing::error!(err = format!("{err:#}"), "{what}");
    (StatusCode::INTERNAL_SERVER_ERROR, "Erro interno.").into_response()
}

/// Appends `customers.exported` to the audit trail and publishes it like any other event.
async fn record_export(state: &AppState, principal: &Principal, search: Option<&str>) -> anyhow::Result<()> {
    let mut pooled = state.db.get().await?;
    let committed =
        Customer::record_export(&mut pooled.conn(), principal.workshop.id, &principal.actor(), search)
            .await?;
    state.bus.publish(&committed.events).await;
    Ok(())
}

/// A CSV writer the way the export writes: `;` between fields, CRLF after each row.
pub(crate) fn csv_writer(out: Vec<u8>) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::CRLF).from_writer(out)
}

/// The written rows, or the error that stopped them.
fn finish(writer: csv::Writer<Vec<u8>>) -> anyhow::Result<Bytes> {
    Ok(Bytes::from(writer.into_inner().map_err(|e| e.into_error())?))
}

/// The BOM and the column names.
fn header_line() -> anyhow::Result<Bytes> {
    let mut writer = csv_writer(BOM.as_bytes().to_vec());
    writer.write_record(HEADER)?;
    finish(writer)
}

/// One page of CSV rows and the cursor after it (`None` when it was the last page).
async fn next_page(
    state: &AppState,
    principal: &Principal,
    search: Option<&str>,
    after: Option<&NameCursor>,
) -> anyhow::Result<(Bytes, Option<NameCursor>)> {
    let workshop_id = principal.workshop.id;
    let mut pooled = state.db.get().await?;
    let mut conn = pooled.conn();
    let page = Customer::search(&mut conn, workshop_id, search, PAGE, after).await?;
    let ids: Vec<i64> = page.customers.iter().map(|c| c.id).collect();
    let mut details = Customer::details(&mut conn, workshop_id, &ids).await?;
    let role = principal.membership.role;
    let mut writer = csv_writer(Vec::new());
    for customer in &page.customers {
        if let Some(details) = details.remove(&customer.id) {
            writer.write_record(row(&details, role)?.map(neutralised))?;
        }
    }
    let bytes = finish(writer)?;
    if role.sees_full_document() {
        let at = chrono::Utc::now().naive_utc();
        let exported: Vec<NewAccess> = page
            .customers
            .iter()
            .filter(|c| c.kind == CustomerKind::Person)
            .map(|c| NewAccess {
                workshop_id,
                customer_id: c.id,
                actor_user_id: principal.user.id,
                action: AccessAction::ExportedList,
                at,
            })
            .collect();
        AccessEntry::record(&mut conn, &exported).await?;
    }
    let next = page.has_next.then(|| page.customers.last().map(Customer::cursor)).flatten();
    Ok((bytes, next))
}

/// `cell` with a leading `'` when it starts like a spreadsheet formula (`=`, `+`, `-`, `@`, tab or
/// CR), so a spreadsheet shows it as text instead of running it.
pub(crate) fn neutralised(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}") } else { cell }
}

/// The columns of [`HEADER`] for one customer, the document as `role` may see it.
fn row(details: &CustomerDetails, role: Role) -> Result<[String; 11], DomainError> {
    let c = &details.customer;
    let document = c.document_for(role)?;
    let phones: Vec<String> = details.phones.iter().map(|p| format!("({}) {}", p.ddd, p.number)).collect();
    let address = details
        .addresses
        .first()
        .map(|a| format!("{}, {} - {}, {}/{} {}", a.street, a.number, a.district, a.city, a.state, a.cep))
        .unwrap_or_default();
    let plates: Vec<&str> = details.vehicles.iter().map(|v| v.plate.as_str()).collect();
    Ok([
        c.name.clone(),
        match c.kind {
            CustomerKind::Person => "Pessoa física".into(),
            CustomerKind::Company => "Pessoa jurídica".into(),
        },
        document,
        c.rg.clone().unwrap_or_default(),
        c.birth_date.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default(),
        details.emails.join(", "),
        phones.join(", "),
        address,
        plates.join(", "),
        if c.marketing_consent { "Sim".into() } else { "Não".into() },
        c.created_at.format("%d/%m/%Y").to_string(),
    ])
}

#[cfg(test)]
mod tests {
    use super::neutralised;

    #[test]
    fn formulas_become_text() {
        for cell in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralised(cell.into()), format!("'{cell}"));
        }
        for cell in ["Maria", "", "1-1", "a=b"] {
            assert_eq!(neutralised(cell.into()), cell);
        }
    }
}
