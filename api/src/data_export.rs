//! `GET /lgpd/export/<workshop>/<token>`: the download behind a data-export link (LGPD art. 18),
//! a zip with each kind of the customer's records as JSON and as CSV. The link is the credential
//! (random, short-lived, for one customer of one workshop); the database knows it, so any node
//! serves it. An unknown, expired or other-workshop link is 404 with a page that says so.

use std::io::Write;

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use oficina_domain::privacy::{DataExport, Sheet};
use serde_json::{Map, Value};
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use crate::client_ip::ClientIp;
use crate::export::{csv_writer, neutralised};
use crate::rate_limit::DATA_EXPORT_DOWNLOADS_PER_IP;
use crate::state::AppState;

/// What the zip's first file says.
const README: &str = "Seus dados pessoais guardados pela oficina (LGPD, art. 18), em JSON e em CSV:\n\
profile: cadastro; addresses: endereços; vehicles: veículos; service_orders, service_order_items e\n\
payments: ordens de serviço, itens e parcelas; chat_messages: conversas; consents e consent_log:\n\
consentimentos e seu histórico; appointments: agendamentos; nps_answers: avaliações.\n\
Horários em UTC; valores em centavos.\n\n\
Your personal data kept by the workshop (LGPD, art. 18), as JSON and as CSV: profile, addresses,\n\
vehicles, service orders with their items and payments, chat messages, consents and their log,\n\
appointments and NPS answers. Times in UTC; amounts in centavos.\n";

/// The 404 page of a link that does not work.
const GONE: &str = "<!doctype html><html lang=\"pt-BR\"><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Link expirado</title>\
<body style=\"font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem\">\
<h1>Link de exportação inválido ou expirado</h1>\
<p>Os links de exportação de dados valem por 15 minutos. Peça uma nova exportação na página \
Privacidade do portal do cliente.</p>\
<p lang=\"en\">This data-export link is unknown or expired (links work for 15 minutes). Ask for a \
new export on the Privacy page of the customer portal.</p></body></html>";

/// The download: 404 for a link that does not work, 429 past [`DATA_EXPORT_DOWNLOADS_PER_IP`],
/// 500 (and nothing else said) when the data cannot be read.
pub async fn download(
    State(state): State<AppState>,
    client: ClientIp,
    Path((workshop, token)): Path<(String, String)>,
) -> Response {
    let key = client.to_string();
    if state.limiter.count_all(&[(DATA_EXPORT_DOWNLOADS_PER_IP, &key)]).await.is_err() {
        return (StatusCode::TOO_MANY_REQUESTS, "Muitas tentativas; tente mais tarde. Too many attempts.")
            .into_response();
    }
    let Ok(workshop_id) = workshop.parse::<i64>() else { return gone() };
    match sheets(&state, workshop_id, &token).await {
        Ok(Some(sheets)) => match zip_of(&sheets) {
            Ok(bytes) => (
                [
                    (header::CONTENT_TYPE, "application/zip"),
                    (header::CONTENT_DISPOSITION, "attachment; filename=\"meus-dados.zip\""),
                    (header::CACHE_CONTROL, "no-store"),
                ],
                bytes,
            )
                .into_response(),
            Err(err) => internal_error(&err),
        },
        Ok(None) => gone(),
        Err(err) => internal_error(&err),
    }
}

fn gone() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-store")],
        GONE,
    )
        .into_response()
}

fn internal_error(err: &anyhow::Error) -> Response {
    tracing::error!(err = format!("{err:#}"), "cannot build a data export");
    (StatusCode::INTERNAL_SERVER_ERROR, "Erro interno.").into_response()
}

/// The sheets of the customer the link exports, or `None` when it does not work.
async fn sheets(state: &AppState, workshop_id: i64, token: &str) -> anyhow::Result<Option<Vec<Sheet>>> {
    let mut pooled = state.db.get().await?;
    let mut conn = pooled.conn();
    let Some(customer_id) = DataExport::customer_of(&mut conn, workshop_id, token, Utc::now()).await? else {
        return Ok(None);
    };
    Ok(Some(Sheet::export_of(&mut conn, workshop_id, customer_id).await?))
}

/// The zip: a read-me, then `<sheet>.json` (an array of objects) and `<sheet>.csv` (the
/// customer export's CSV dialect) for each sheet; deflated.
pub fn zip_of(sheets: &[Sheet]) -> anyhow::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zip.start_file("LEIA-ME.txt", options)?;
    zip.write_all(README.as_bytes())?;
    for sheet in sheets {
        let objects: Vec<Map<String, Value>> = sheet
            .rows
            .iter()
            .map(|row| sheet.columns.iter().map(|c| (*c).to_owned()).zip(row.iter().cloned()).collect())
            .collect();
        zip.start_file(format!("{}.json", sheet.name), options)?;
        serde_json::to_writer_pretty(&mut zip, &objects)?;
        zip.start_file(format!("{}.csv", sheet.name), options)?;
        let mut csv = csv_writer(crate::export::BOM.as_bytes().to_vec());
        csv.write_record(sheet.columns)?;
        for row in &sheet.rows {
            csv.write_record(row.iter().map(|cell| neutralised(cell_text(cell))))?;
        }
        zip.write_all(&csv.into_inner().map_err(|e| e.into_error())?)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// A JSON value as a CSV cell: text as is, null empty, anything else as JSON.
fn cell_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
