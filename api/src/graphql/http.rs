//! GraphQL over HTTP (<https://graphql.github.io/graphql-over-http/draft/>): the parameters of a
//! request, from a JSON body or a query string; the media type of the answer, from `Accept`; and
//! the answer. In `application/graphql-response+json` a request refused before it ran (not a
//! GraphQL document, invalid, over a limit) is 400 without `data`; in `application/json`, what a
//! client that accepts only JSON gets, it is 200 (without `data` too).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextExecute};
use async_graphql::{Extensions, PathSegment, Request, ServerError, Value, Variables};
use axum::extract::Query;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use oficina_domain::{Language, Message};
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, in_language, language_from_headers};
use crate::graphql::OficinaSchema;

/// The media type of an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MediaType {
    /// `application/json`: for clients that accept only it, send no `Accept` or accept anything.
    Json,
    /// `application/graphql-response+json`: for clients that ask for it.
    GraphQLResponse,
}

impl MediaType {
    /// The type `Accept` prefers (quality first, then an exact match over a wildcard; on a full
    /// tie JSON, which every client reads), or `None` when it accepts neither (406).
    pub fn negotiate(headers: &HeaderMap) -> Option<Self> {
        let accept: Vec<&str> = headers
            .get_all(header::ACCEPT)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .filter(|range| !range.trim().is_empty())
            .collect();
        if accept.is_empty() {
            return Some(Self::Json);
        }
        let json = preference(&accept, "application", "json");
        let response = preference(&accept, "application", "graphql-response+json");
        match (json, response) {
            (None, None) => None,
            (json, response) if response > json => Some(Self::GraphQLResponse),
            _ => Some(Self::Json),
        }
    }

    fn content_type(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Self::Json => "application/json; charset=utf-8",
            Self::GraphQLResponse => "application/graphql-response+json; charset=utf-8",
        })
    }
}

/// How much `accept` wants `type_/subtype`: the quality of the most specific range that names it
/// (with 2 for an exact match, 1 for `type/*`, 0 for `*/*`), `None` when no range names it or the
/// quality is 0.
fn preference(accept: &[&str], type_: &str, subtype: &str) -> Option<(u16, u8)> {
    let ranges = accept.iter().filter_map(|range| {
        let mut parts = range.split(';');
        let (range_type, range_subtype) = parts.next()?.trim().split_once('/')?;
        let specificity = match (range_type.trim(), range_subtype.trim()) {
            ("*", "*") => 0,
            (t, "*") if t.eq_ignore_ascii_case(type_) => 1,
            (t, s) if t.eq_ignore_ascii_case(type_) && s.eq_ignore_ascii_case(subtype) => 2,
            _ => return None,
        };
        let quality = parts.filter_map(|p| p.trim().strip_prefix("q=")).next().map_or(Some(1000), |q| {
            q.trim().parse::<f32>().ok().map(|q| (q.clamp(0.0, 1.0) * 1000.0) as u16)
        })?;
        Some((specificity, quality))
    });
    let (specificity, quality) = ranges.max_by_key(|(specificity, _)| *specificity)?;
    (quality > 0).then_some((quality, specificity))
}

/// The parameters of a POST body: `query` is required, the others may be absent or null.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Params {
    query: String,
    operation_name: Option<String>,
    #[serde(default)]
    variables: Variables,
    #[serde(default)]
    extensions: Extensions,
}

impl From<Params> for Request {
    fn from(params: Params) -> Self {
        let mut request = Request::new(params.query);
        request.operation_name = params.operation_name;
        request.variables = params.variables;
        request.extensions = params.extensions;
        request
    }
}

/// The parameters of a GET query string: `variables` and `extensions` are JSON text.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct QueryParams {
    query: String,
    operation_name: Option<String>,
    variables: Option<String>,
    extensions: Option<String>,
}

/// The request a JSON body holds, or `None` when it is not one (not JSON, no string `query`,
/// `variables` or `extensions` not a map, `operationName` not a string).
pub fn from_json(body: &[u8]) -> Option<Request> {
    serde_json::from_slice::<Params>(body).ok().map(Request::from)
}

/// The request the query string of a GET holds, or `None` when it is not one.
pub fn from_query_string(uri: &Uri) -> Option<Request> {
    let Query(params) = Query::<QueryParams>::try_from_uri(uri).ok()?;
    let json = |text: Option<String>| text.map_or(Ok(serde_json::Value::Null), |t| serde_json::from_str(&t));
    Some(Request::from(Params {
        query: params.query,
        operation_name: params.operation_name,
        variables: serde_json::from_value(json(params.variables).ok()?).ok()?,
        extensions: serde_json::from_value(json(params.extensions).ok()?).ok()?,
    }))
}

/// 400 for a body or query string that is not a GraphQL request, in the request's language and
/// media type.
pub async fn malformed(headers: &HeaderMap) -> Response {
    let media = MediaType::negotiate(headers).unwrap_or(MediaType::Json);
    let error = ApiError::bad_input(
        "query",
        Message::new("Requisição GraphQL inválida.", "Invalid GraphQL request."),
    );
    refusal(StatusCode::BAD_REQUEST, language_from_headers(headers), media, error).await
}

/// 406 for a request whose `Accept` takes neither JSON type, in JSON.
pub async fn not_acceptable(headers: &HeaderMap) -> Response {
    let error = ApiError::bad_input(
        "accept",
        Message::new(
            "Aceite application/graphql-response+json ou application/json (cabeçalho Accept).",
            "Accept application/graphql-response+json or application/json (Accept header).",
        ),
    );
    refusal(StatusCode::NOT_ACCEPTABLE, language_from_headers(headers), MediaType::Json, error).await
}

/// Request data that records whether the operation began to run: it passed parsing, validation
/// and the limits.
#[derive(Clone, Default)]
struct Started(Arc<AtomicBool>);

/// The schema extension that sets a request's [`Started`] when its operation begins to run.
pub struct MarkStarted;

impl ExtensionFactory for MarkStarted {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(MarkStarted)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for MarkStarted {
    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> async_graphql::Response {
        if let Some(Started(started)) = ctx.data_opt::<Started>() {
            started.store(true, Ordering::Relaxed);
        }
        next.run(ctx, operation_name).await
    }
}

/// Runs `request` with its messages in `language` and answers in `media`: 200 once it ran, else
/// without `data` and, in `application/graphql-response+json`, 400.
pub async fn answer(
    schema: &OficinaSchema,
    request: Request,
    language: Language,
    media: MediaType,
) -> Response {
    let started = Started::default();
    let mut response = in_language(language, schema.execute(request.data(started.clone()))).await;
    let ran = started.0.load(Ordering::Relaxed);
    code_bad_documents(&mut response.errors, ran);
    match (ran, media) {
        (true, _) => respond(StatusCode::OK, media, response, true),
        (false, MediaType::Json) => respond(StatusCode::OK, media, response, false),
        (false, MediaType::GraphQLResponse) => respond(StatusCode::BAD_REQUEST, media, response, false),
    }
}

/// Gives the errors async-graphql writes itself a code: a document that fails validation (it never
/// `ran`) is GRAPHQL_VALIDATION_FAILED; an argument that does not parse is BAD_USER_INPUT on the
/// field it was given to. Errors of our resolvers and limits have their code already.
fn code_bad_documents(errors: &mut [ServerError], ran: bool) {
    const ARGUMENT_ERRORS: [&str; 3] =
        ["Failed to parse", "Expected input type", "Invalid value for argument"];
    for error in errors {
        if error.extensions.as_ref().is_some_and(|extensions| extensions.get("code").is_some()) {
            continue;
        }
        let field = match error.path.last() {
            Some(PathSegment::Field(name)) => name.clone(),
            _ => String::new(),
        };
        let is_argument = ARGUMENT_ERRORS.iter().any(|start| error.message.starts_with(start));
        let extensions = error.extensions.get_or_insert_with(Default::default);
        if !ran {
            extensions.set("code", "GRAPHQL_VALIDATION_FAILED");
        } else if is_argument && !field.is_empty() {
            extensions.set("code", "BAD_USER_INPUT");
            extensions.set("field", field);
        }
    }
}

/// An answer with `status` and only `error`, in `language`.
pub async fn refusal(status: StatusCode, language: Language, media: MediaType, error: ApiError) -> Response {
    let error = in_language(language, async { async_graphql::Error::from(error) }).await;
    let response = async_graphql::Response::from_errors(vec![error.into_server_error(Default::default())]);
    respond(status, media, response, false)
}

/// A response of a request that never ran: its errors and extensions, no `data` entry.
#[derive(Serialize)]
struct WithoutData<'a> {
    errors: &'a [ServerError],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    extensions: &'a BTreeMap<String, Value>,
}

/// `response` as JSON (without `data` unless `with_data`) with `status` in `media`, and the
/// headers the response set (a session cookie).
fn respond(
    status: StatusCode,
    media: MediaType,
    response: async_graphql::Response,
    with_data: bool,
) -> Response {
    let json = if with_data {
        serde_json::to_vec(&response)
    } else {
        serde_json::to_vec(&WithoutData { errors: &response.errors, extensions: &response.extensions })
    };
    match json {
        Ok(json) => {
            let mut answer = (status, [(header::CONTENT_TYPE, media.content_type())], json).into_response();
            answer.headers_mut().extend(response.http_headers);
            answer
        }
        Err(err) => {
            tracing::error!(%err, "cannot serialize a GraphQL response");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
