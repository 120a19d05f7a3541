//! `GET /export/customers.csv?search=…`: the staff's current customer search as a CSV download
//! (semicolon-separated with a BOM, as spreadsheets in Brazil expect), streamed page by page.

use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::stream;
use oficina_domain::audit::{Event, NewEvent};
use oficina_domain::crm::{Customer, CustomerCursor, CustomerDetails};
use oficina_domain::identity::{Principal, Role};
use oficina_domain::types::Document;
use serde::Deserialize;
use serde_json::json;

use crate::auth::{STAFF, token_from_headers};
use crate::state::AppState;

/// Rows fetched per query while streaming.
const PAGE: i64 = 500;
const HEADER: &str =
    "Nome;Tipo;CPF/CNPJ;RG;Nascimento;E-mails;Telefones;Endereço;Placas;Aceita marketing;Cliente desde\r\n";

/// Where the stream is: the header line, the page after a cursor, or the end.
enum Step {
    Header,
    After(Option<CustomerCursor>),
    Done,
}

#[derive(Deserialize)]
pub struct ExportQuery {
    search: Option<String>,
}

pub async fn customers_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<ExportQuery>,
) -> Response {
    let principal = match token_from_headers(&headers) {
        Some(token) => state.principal(&token).await.ok().flatten(),
        None => None,
    };
    let Some(principal) = principal else {
        return (StatusCode::UNAUTHORIZED, "Entre para exportar.").into_response();
    };
    if !STAFF.contains(&principal.membership.role) {
        return (StatusCode::FORBIDDEN, "Você não tem permissão para isto.").into_response();
    }
    if let Err(err) = record_export(&state, &principal, query.search.as_deref()).await {
        tracing::error!(%err, "cannot record a customer export");
        return (StatusCode::INTERNAL_SERVER_ERROR, "Erro interno.").into_response();
    }
    let pages = stream::unfold(Step::Header, move |step| {
        let (state, principal, search) = (state.clone(), principal.clone(), query.search.clone());
        async move {
            match step {
                Step::Header => Some((Ok(Bytes::from(format!("\u{feff}{HEADER}"))), Step::After(None))),
                Step::After(cursor) => {
                    match next_page(&state, &principal, search.as_deref(), cursor.as_ref()).await {
                        Ok((rows, Some(next))) => Some((Ok(rows), Step::After(Some(next)))),
                        Ok((rows, None)) => Some((Ok(rows), Step::Done)),
                        Err(err) => {
                            tracing::error!(%err, "customer export failed midway");
                            Some((Err(std::io::Error::other(err.to_string())), Step::Done))
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

/// The audit trail keeps who exported which search (the file holds whole CPFs).
async fn record_export(state: &AppState, principal: &Principal, search: Option<&str>) -> anyhow::Result<()> {
    let mut pooled = state.db.get().await?;
    let actor = principal.actor();
    Event::append(
        &mut pooled.conn(),
        NewEvent {
            workshop_id: principal.workshop.id,
            actor: Some(&actor),
            aggregate_type: "customer",
            aggregate_id: 0,
            kind: "customers.exported",
            payload: json!({ "search": search }),
        },
    )
    .await?;
    Ok(())
}

/// One page of CSV rows and the cursor after it (`None` when it was the last page).
async fn next_page(
    state: &AppState,
    principal: &Principal,
    search: Option<&str>,
    after: Option<&CustomerCursor>,
) -> anyhow::Result<(Bytes, Option<CustomerCursor>)> {
    let workshop_id = principal.workshop.id;
    let mut pooled = state.db.get().await?;
    let mut conn = pooled.conn();
    let page = Customer::search(&mut conn, workshop_id, search, PAGE, after).await?;
    let ids: Vec<i64> = page.customers.iter().map(|c| c.id).collect();
    let mut details = Customer::details(&mut conn, workshop_id, &ids).await?;
    let whole_documents = matches!(principal.membership.role, Role::Admin | Role::Operator);
    let mut out = String::new();
    for customer in &page.customers {
        if let Some(details) = details.remove(&customer.id) {
            out.push_str(&row(&details, whole_documents));
        }
    }
    let next = page.has_next.then(|| page.customers.last().map(Customer::cursor)).flatten();
    Ok((Bytes::from(out), next))
}

fn row(details: &CustomerDetails, whole_documents: bool) -> String {
    let c = &details.customer;
    let document = match Document::parse(&c.document) {
        Ok(document) if whole_documents => document.to_string(),
        Ok(document) => document.masked(),
        Err(_) => c.document.clone(),
    };
    let phones: Vec<String> = details.phones.iter().map(|p| format!("({}) {}", p.ddd, p.number)).collect();
    let address = details
        .addresses
        .first()
        .map(|a| format!("{}, {} - {}, {}/{} {}", a.street, a.number, a.district, a.city, a.state, a.cep))
        .unwrap_or_default();
    let plates: Vec<&str> = details.vehicles.iter().map(|v| v.plate.as_str()).collect();
    let fields = [
        c.name.clone(),
        if c.document.len() == 11 { "Pessoa física".into() } else { "Pessoa jurídica".into() },
        document,
        c.rg.clone().unwrap_or_default(),
        c.birth_date.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default(),
        details.emails.join(", "),
        phones.join(", "),
        address,
        plates.join(", "),
        if c.marketing_consent { "Sim".into() } else { "Não".into() },
        c.created_at.format("%d/%m/%Y").to_string(),
    ];
    let mut line = fields.iter().map(|f| escape(f)).collect::<Vec<_>>().join(";");
    line.push_str("\r\n");
    line
}

/// Quotes a field that holds the separator, a quote or a line break.
fn escape(field: &str) -> String {
    if field.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}
