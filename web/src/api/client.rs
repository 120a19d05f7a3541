use std::cell::Cell;

use gloo_net::http::Request;
use graphql_client::{GraphQLQuery, Response};

use super::ApiError;

/// The GraphQL endpoint, on the same origin as the app (the session cookie travels with it).
const ENDPOINT: &str = "/graphql";
/// The header that shows the server a request comes from the web app: without it (or an `Origin`
/// of the app) the server refuses a request signed in by the session cookie, as another site's
/// page could send that one.
const CLIENT_HEADER: (&str, &str) = ("X-Oficina-Client", "web");

thread_local! {
    /// The language tag sent as `Accept-Language` (the app runs on the browser's one thread).
    static LANGUAGE: Cell<&'static str> = const { Cell::new("pt-BR") };
}

/// Sends `tag` (`pt-BR` or `en`, the language the person chose) as `Accept-Language` with every
/// later request, so that the server's messages (BAD_USER_INPUT's sentence) come in it.
pub fn set_language(tag: &'static str) {
    LANGUAGE.with(|language| language.set(tag));
}

/// Posts the operation `Q` with `variables` to `/graphql`, in the chosen language, and returns
/// its data.
///
/// The first GraphQL error becomes an [`ApiError`] chosen by its `extensions.code`; a request that
/// never reaches the server, or an answer that is not a GraphQL response, is [`ApiError::Network`].
pub async fn request<Q: GraphQLQuery>(variables: Q::Variables) -> Result<Q::ResponseData, ApiError> {
    let response = Request::post(ENDPOINT)
        .header(CLIENT_HEADER.0, CLIENT_HEADER.1)
        .header("Accept-Language", LANGUAGE.with(Cell::get))
        .json(&Q::build_query(variables))
        .map_err(|_| ApiError::Internal)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    let status_ok = response.ok();
    let body: Response<Q::ResponseData> = match response.json().await {
        Ok(body) => body,
        Err(_) if status_ok => return Err(ApiError::Internal),
        Err(_) => return Err(ApiError::Network),
    };
    if let Some(error) = body.errors.into_iter().flatten().next() {
        return Err(ApiError::from_graphql(&error));
    }
    body.data.ok_or(ApiError::Internal)
}
