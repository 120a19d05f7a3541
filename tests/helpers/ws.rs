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
        let mut request = format!("ws://{addr}/graphql/ws").into_client_request().unwrap();
        request.headers_mut().insert("Sec-WebSocket-Protocol", "graphql-transport-ws".parse().unwrap());
        let (socket, _) = connect_async(request).await.expect("websocket connects");
        WsClient { socket }
    }

    /// Connects and completes the handshake as the holder of `token`.
    pub async fn signed_in(addr: SocketAddr, token: &str) -> WsClient {
        let mut client = Self::connect(addr).await;
        client.send(json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {token}") } })).await;
        let ack = client.next().await.expect("connection_ack");
        assert_eq!(ack["type"], "connection_ack", "{ack}");
        client
    }

    pub async fn send(&mut self, message: Value) {
        self.socket.send(Message::text(message.to_string())).await.unwrap();
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
