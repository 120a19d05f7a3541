//! The HTTP client the `oauth2` crate and the JWKS fetch use: the reqwest that sendgrid brings
//! (no second HTTP stack), following no redirects, with a timeout.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use oauth2::{AsyncHttpClient, HttpRequest, HttpResponse};

/// How long a call to the provider may take.
const TIMEOUT: Duration = Duration::from_secs(10);
/// The largest answer read from the provider (a token answer or a JWKS is a few kilobytes).
const MAX_BODY: usize = 256 * 1024;

/// A failed call to the provider.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error(transparent)]
    Request(#[from] reqwest::Error),
    #[error(transparent)]
    Http(#[from] oauth2::http::Error),
    #[error("the answer is larger than {MAX_BODY} bytes")]
    TooLarge,
}

/// A client that follows no redirects (an endpoint that redirects is misconfigured, and a
/// redirect could send the code elsewhere) and gives up after [`TIMEOUT`].
pub fn client() -> Result<reqwest::Client, reqwest::Error> {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).timeout(TIMEOUT).build()
}

/// The client as `oauth2`'s `request_async` calls it (a named type: a closure's future trips the
/// compiler's higher-ranked `Send` check in an axum handler).
pub struct OauthHttp<'a>(pub &'a reqwest::Client);

impl<'c> AsyncHttpClient<'c> for OauthHttp<'_> {
    type Error = HttpError;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, HttpError>> + Send + Sync + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(send(self.0, request))
    }
}

/// Sends an `oauth2` request with `client`.
async fn send(client: &reqwest::Client, request: HttpRequest) -> Result<HttpResponse, HttpError> {
    let (parts, body) = request.into_parts();
    let answer =
        client.request(parts.method, parts.uri.to_string()).headers(parts.headers).body(body).send().await?;
    let mut response = oauth2::http::Response::builder().status(answer.status());
    for (name, value) in answer.headers() {
        response = response.header(name, value);
    }
    let body = read_body(answer).await?;
    Ok(response.body(body)?)
}

/// The body of `answer`, up to [`MAX_BODY`] bytes.
pub async fn read_body(mut answer: reqwest::Response) -> Result<Vec<u8>, HttpError> {
    let mut body = Vec::new();
    while let Some(chunk) = answer.chunk().await? {
        if body.len() + chunk.len() > MAX_BODY {
            return Err(HttpError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
