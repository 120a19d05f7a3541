//! `/graphql/ws`: graphql-transport-ws with the session token in `connection_init`, or, with
//! `{"public": true}` as its payload, without a session for the operations anyone may run (a
//! status link's live feed): such a connection has no principal, so every other operation is
//! UNAUTHENTICATED on it, and a session cookie sent along is ignored.
//!
//! The handshake is checked here; after it async-graphql speaks the protocol, with every client
//! message checked on its way in ([`limits`]) and the session watched ([`session`]). A connection
//! is closed with:
//! - 4400 for a message that is not JSON or has no known `type` (or a wrong shape for its type);
//! - 4401 without a valid session in `connection_init` (or the cookie), and as soon as its session
//!   ends: signed out, ended by a password reset (on any node) or expired. 4401 rather than 4403:
//!   the client has no valid credentials any more and must sign in again; graphql-ws clients do
//!   not retry it;
//! - 4403 when the session comes from the cookie and the upgrade's `Origin` is not the web app's
//!   (cross-site WebSocket hijacking); a Bearer token in `connection_init` needs no `Origin`;
//! - 4408 without `connection_init` within [`INIT_TIMEOUT`];
//! - 4429 for a second `connection_init` (async-graphql's own check), or for one connection more
//!   than [`MAX_CONNECTIONS_PER_SESSION`], or for a public connection beyond the status-link
//!   lookups one address may make ([`STATUS_LINK_PER_IP`]).

mod limits;
mod session;

use std::future::pending;
use std::pin::pin;
use std::time::Duration;

use async_graphql::Data;
use async_graphql::http::{ALL_WEBSOCKET_PROTOCOLS, ClientMessage, WebSocketProtocols, WsMessage};
use axum::extract::State;
use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::{StreamExt, stream};
use oficina_domain::Language;
use oficina_domain::identity::Principal;
use tokio::sync::mpsc;

pub use limits::{MAX_CONNECTIONS_PER_SESSION, MAX_SUBSCRIPTIONS_PER_CONNECTION, OpenConnections};

use crate::auth::{Credential, SessionCookie, bearer_token, same_origin, token_from_headers};
use crate::client_ip::ClientIp;
use crate::error::{in_language, language_from_headers};
use crate::rate_limit::STATUS_LINK_PER_IP;
use crate::state::AppState;
use limits::Subscriptions;

/// How long a client has to send `connection_init`.
pub const INIT_TIMEOUT: Duration = Duration::from_secs(10);

/// A close code of graphql-transport-ws and its reason.
type Close = (u16, &'static str);

const INVALID_MESSAGE: Close = (4400, "Invalid message");
const UNAUTHORIZED: Close = (4401, "Unauthorized");
const SESSION_ENDED: Close = (4401, "Session ended");
const FOREIGN_ORIGIN: Close = (4403, "Forbidden: the session cookie only works from the app's own pages");
const NO_INIT: Close = (4408, "Connection initialisation timeout");
const TOO_MANY_CONNECTIONS: Close = (4429, "Too many connections for this session");
const TOO_MANY_PUBLIC: Close = (4429, "Too many connections from this address");
const INTERNAL: Close = (1011, "Internal error");

/// What the upgrade request tells about the connection.
struct Upgrade {
    /// The client's address, for the rate limits of what runs on the connection.
    client: ClientIp,
    /// The token the upgrade request itself carries: its `Authorization` or the session cookie.
    credential: Option<Credential>,
    /// Whether its `Origin` is the web app's.
    same_origin: bool,
    /// The language of its messages (`Accept-Language`).
    language: Language,
}

/// Upgrades to a graphql-transport-ws (or legacy graphql-ws) connection; 400 without either protocol.
pub async fn graphql_ws(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: ClientIp,
    upgrade: WebSocketUpgrade,
) -> Response {
    let upgrade = upgrade.protocols(ALL_WEBSOCKET_PROTOCOLS);
    let protocol = upgrade.selected_protocol().and_then(|p| p.to_str().ok()).and_then(|p| p.parse().ok());
    let Some(protocol) = protocol else { return StatusCode::BAD_REQUEST.into_response() };
    let request = Upgrade {
        client,
        credential: token_from_headers(&headers, SessionCookie::for_public_url(&state.public_url)),
        same_origin: same_origin(&headers, &state.public_url),
        language: language_from_headers(&headers),
    };
    upgrade.on_upgrade(move |socket| serve(state, socket, protocol, request))
}

async fn serve(state: AppState, mut socket: WebSocket, protocol: WebSocketProtocols, request: Upgrade) {
    // Listening before the session is looked up, so an event that ends it later is not missed.
    let events = state.bus.subscribe();
    let payload = match tokio::time::timeout(INIT_TIMEOUT, next_message(&mut socket)).await {
        Err(_) => return close(socket, NO_INIT).await,
        Ok(None) => return,
        Ok(Some(Err(_))) => return close(socket, INVALID_MESSAGE).await,
        Ok(Some(Ok(ClientMessage::ConnectionInit { payload }))) => payload.unwrap_or_default(),
        Ok(Some(Ok(_))) => return close(socket, UNAUTHORIZED).await,
    };
    let bearer = payload["authorization"].as_str().and_then(bearer_token);
    if bearer.is_none() && payload["public"] == true {
        // Opening one counts as a status-link lookup of the client's address.
        if !state.limiter.count(STATUS_LINK_PER_IP, &request.client.to_string()).await {
            return close(socket, TOO_MANY_PUBLIC).await;
        }
        let relayed =
            relay(&state, socket, protocol, None, request.client, payload, pending(), request.language);
        return in_language(request.language, relayed).await;
    }
    let token = match bearer {
        Some(bearer) => bearer,
        None => match request.credential {
            // Any site's page can open a socket the browser sends the cookie with.
            Some(credential) if credential.from_cookie && !request.same_origin => {
                return close(socket, FOREIGN_ORIGIN).await;
            }
            Some(credential) => credential.token,
            None => return close(socket, UNAUTHORIZED).await,
        },
    };
    let principal = match state.principal(Some(&token)).await {
        Ok(Some(principal)) => principal,
        Ok(None) => return close(socket, UNAUTHORIZED).await,
        Err(err) => {
            tracing::error!(%err, "cannot check a websocket session");
            return close(socket, INTERNAL).await;
        }
    };
    let Some(_counted) = state.ws_connections.open(principal.session_id) else {
        return close(socket, TOO_MANY_CONNECTIONS).await;
    };
    let ended = session::ended(state.clone(), events, principal.clone(), token);
    let relayed =
        relay(&state, socket, protocol, Some(principal), request.client, payload, ended, request.language);
    in_language(request.language, relayed).await;
}

/// Runs the protocol once the handshake passed: client messages go to async-graphql after
/// [`limits`] checked them, its answers go back, until either side closes or `ended` resolves.
#[expect(clippy::too_many_arguments, reason = "what one connection runs with, passed once")]
async fn relay(
    state: &AppState,
    mut socket: WebSocket,
    protocol: WebSocketProtocols,
    principal: Option<Principal>,
    client: ClientIp,
    init_payload: serde_json::Value,
    ended: impl Future<Output = ()>,
    language: Language,
) {
    let (to_graphql, mut from_client) = mpsc::unbounded_channel();
    let mut data = Data::default();
    if let Some(principal) = principal {
        data.insert(principal);
    }
    data.insert(client);
    let input = stream::poll_fn(move |cx| from_client.poll_recv(cx));
    let mut graphql =
        async_graphql::http::WebSocket::from_message_stream(state.schema.clone(), input, protocol)
            .connection_data(data);
    let _ = to_graphql.send(Ok(ClientMessage::ConnectionInit { payload: Some(init_payload) }));
    let mut subscriptions = Subscriptions::default();
    let mut ended = pin!(ended);
    loop {
        tokio::select! {
            message = next_message(&mut socket) => match message {
                None => return,
                Some(Err(_)) => return close(socket, INVALID_MESSAGE).await,
                Some(Ok(message)) => match subscriptions.admit(message, language) {
                    Ok(message) => {
                        let _ = to_graphql.send(Ok(message));
                    }
                    Err(refusal) => {
                        if socket.send(Message::Text(refusal.into())).await.is_err() {
                            return;
                        }
                    }
                },
            },
            answer = graphql.next() => match answer {
                Some(WsMessage::Text(text)) => {
                    subscriptions.follow_answer(&text);
                    if socket.send(Message::Text(text.into())).await.is_err() {
                        return;
                    }
                }
                Some(WsMessage::Close(code, reason)) => return send_close(socket, code, reason.into()).await,
                None => return,
            },
            () = &mut ended => return close(socket, SESSION_ENDED).await,
        }
    }
}

/// The next protocol message, skipping pings; `None` when the client went away.
async fn next_message(socket: &mut WebSocket) -> Option<serde_json::Result<ClientMessage>> {
    while let Some(Ok(message)) = socket.next().await {
        match message {
            Message::Text(text) => return Some(ClientMessage::from_bytes(text.as_bytes())),
            Message::Binary(bytes) => return Some(ClientMessage::from_bytes(bytes)),
            Message::Close(_) => return None,
            Message::Ping(_) | Message::Pong(_) => continue,
        }
    }
    None
}

async fn close(socket: WebSocket, (code, reason): Close) {
    send_close(socket, code, reason.into()).await;
}

async fn send_close(mut socket: WebSocket, code: u16, reason: Utf8Bytes) {
    let _ = socket.send(Message::Close(Some(CloseFrame { code, reason }))).await;
}
