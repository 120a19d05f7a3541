//! A graphql-transport-ws client over a real socket.

use std::net::SocketAddr;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async};

pub struct WsClient {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl WsClient {
    /// Opens `/graphql/ws` with the graphql-transport-ws subprotocol.
    pub async fn connect(addr: SocketAddr) -> WsClient {
        Self::connect_with(addr, &[]).await
    }

    /// Opens `/graphql/ws` with the graphql-transport-ws subprotocol and these upgrade headers
    /// (`Cookie`, `Origin`, `Accept-Language`).
    pub async fn connect_with(addr: SocketAddr, headers: &[(&'static str, &str)]) -> WsClient {
        let mut request = format!("ws://{addr}/graphql/ws").into_client_request().unwrap();
        request.headers_mut().insert("Sec-WebSocket-Protocol", "graphql-transport-ws".parse().unwrap());
        for (name, value) in headers {
            request.headers_mut().insert(*name, value.parse().unwrap());
        }
        let (socket, _) = connect_async(request).await.expect("websocket connects");
        WsClient { socket }
    }

    /// Connects and completes the handshake as the holder of `token`.
    pub async fn signed_in(addr: SocketAddr, token: &str) -> WsClient {
        let mut client = Self::connect(addr).await;
        client.init_with_bearer(token).await;
        client.expect_ack().await;
        client
    }

    /// Sends `connection_init` with `token` as its `authorization`.
    pub async fn init_with_bearer(&mut self, token: &str) {
        self.send(
            json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {token}") } }),
        )
        .await;
    }

    /// Asserts the next message is `connection_ack`.
    pub async fn expect_ack(&mut self) {
        let ack = self.next().await.expect("connection_ack");
        assert_eq!(ack["type"], "connection_ack", "{ack}");
    }

    pub async fn send(&mut self, message: Value) {
        self.send_text(&message.to_string()).await;
    }

    /// Sends `text` as it is, JSON or not.
    pub async fn send_text(&mut self, text: &str) {
        self.socket.send(Message::text(text)).await.unwrap();
    }

    /// Asserts the connection is open and working: a `ping` is answered with `pong`.
    pub async fn expect_open(&mut self) {
        self.send(json!({ "type": "ping" })).await;
        let pong = self.next_within(Duration::from_secs(5)).await.expect("an answer to ping");
        assert_eq!(pong["type"], "pong", "{pong}");
    }

    /// Closes the connection from this side and waits for the server's close.
    pub async fn close(mut self) {
        self.socket.close(None).await.unwrap();
        while self.socket.next().await.is_some() {}
    }

    /// Starts subscription `id` with `query`.
    pub async fn subscribe(&mut self, id: &str, query: &str) {
        self.send(json!({ "id": id, "type": "subscribe", "payload": { "query": query } })).await;
    }

    /// The next protocol message, or `None` when the server closed the socket.
    pub async fn next(&mut self) -> Option<Value> {
        while let Some(message) = self.socket.next().await {
            match message.ok()? {
                Message::Text(text) => return Some(serde_json::from_str(&text).unwrap()),
                Message::Close(_) => return None,
                _ => continue,
            }
        }
        None
    }

    /// The next message within `wait`, or `None` when nothing came.
    pub async fn next_within(&mut self, wait: Duration) -> Option<Value> {
        tokio::time::timeout(wait, self.next()).await.ok().flatten()
    }

    /// Asserts nothing arrives for 700 ms; `who` names the subscriber when something does.
    pub async fn expect_nothing(&mut self, who: &str) {
        let next = self.next_within(Duration::from_millis(700)).await;
        assert!(next.is_none(), "{who} got {next:?}");
    }

    /// Waits for the server to close the socket; returns the close code.
    pub async fn close_code(&mut self, wait: Duration) -> Option<u16> {
        tokio::time::timeout(wait, async {
            while let Some(message) = self.socket.next().await {
                if let Ok(Message::Close(frame)) = message {
                    return frame.map(|f| u16::from(f.code));
                }
            }
            None
        })
        .await
        .expect("server closes the socket in time")
    }
}

/// A subscriber of a test, named in the failures it reports.
pub struct Watcher {
    pub name: &'static str,
    pub client: WsClient,
}

impl Watcher {
    /// The next message, within 5 s; panics naming the subscriber when none comes.
    pub async fn next(&mut self) -> Value {
        let next = self.client.next_within(Duration::from_secs(5)).await;
        next.unwrap_or_else(|| panic!("{} got nothing", self.name))
    }

    /// Asserts nothing arrives for 700 ms.
    pub async fn expect_nothing(&mut self) {
        self.client.expect_nothing(self.name).await;
    }
}
