//! `/graphql/ws`: graphql-transport-ws with the session token in `connection_init`.
//! The handshake is checked here so a bad connection gets the protocol's close codes
//! (4401 without a valid token, 4408 without `connection_init` within 10 s); after it,
//! async-graphql speaks the protocol.

use std::time::Duration;

use async_graphql::Data;
use async_graphql::http::ALL_WEBSOCKET_PROTOCOLS;
use async_graphql_axum::{GraphQLProtocol, GraphQLWebSocket};
use axum::extract::State;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::http::HeaderMap;
use axum::response::Response;
use futures_util::{StreamExt, stream};

use crate::auth::{SessionCookie, bearer_token, token_from_headers};
use crate::state::AppState;

/// How long a client has to send `connection_init`.
pub const INIT_TIMEOUT: Duration = Duration::from_secs(10);

pub async fn graphql_ws(
    State(state): State<AppState>,
    headers: HeaderMap,
    protocol: GraphQLProtocol,
    upgrade: WebSocketUpgrade,
) -> Response {
    let cookie = SessionCookie::for_public_url(&state.public_url);
    let cookie_token = token_from_headers(&headers, cookie).map(|credential| credential.token);
    upgrade
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |socket| serve(state, socket, protocol, cookie_token))
}

async fn serve(
    state: AppState,
    mut socket: WebSocket,
    protocol: GraphQLProtocol,
    cookie_token: Option<String>,
) {
    let init = match tokio::time::timeout(INIT_TIMEOUT, first_text(&mut socket)).await {
        Ok(Some(text)) => text,
        Ok(None) => return,
        Err(_) => return close(socket, 4408, "Connection initialisation timeout").await,
    };
    let message: serde_json::Value = serde_json::from_str(&init).unwrap_or_default();
    if message["type"] != "connection_init" {
        return close(socket, 4401, "Unauthorized").await;
    }
    let token = message["payload"]["authorization"].as_str().and_then(bearer_token).or(cookie_token);
    let principal = match state.principal(token.as_deref()).await {
        Ok(principal) => principal,
        Err(err) => {
            tracing::error!(%err, "cannot check a websocket session");
            return close(socket, 1011, "Internal error").await;
        }
    };
    let Some(principal) = principal else {
        return close(socket, 4401, "Unauthorized").await;
    };
    let mut data = Data::default();
    data.insert(principal);
    let (sink, rest) = socket.split();
    let replayed = stream::once(async move { Ok(Message::Text(init.into())) }).chain(rest);
    GraphQLWebSocket::new_with_pair(sink, replayed, state.schema.clone(), protocol)
        .on_connection_init(move |_| async move { Ok(data) })
        .serve()
        .await;
}

/// The first text message, skipping pings; `None` when the client went away.
async fn first_text(socket: &mut WebSocket) -> Option<String> {
    while let Some(Ok(message)) = socket.next().await {
        match message {
            Message::Text(text) => return Some(text.to_string()),
            Message::Close(_) => return None,
            _ => continue,
        }
    }
    None
}

async fn close(mut socket: WebSocket, code: u16, reason: &'static str) {
    let frame = CloseFrame { code, reason: reason.into() };
    let _ = socket.send(Message::Close(Some(frame))).await;
}
