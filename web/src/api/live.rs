//! Live updates: a GraphQL subscription over `/graphql/ws` (graphql-transport-ws), signed in by
//! the session cookie (the browser sends it with the upgrade, and the `Origin` is the app's).
//!
//! [`subscribe`] keeps the subscription open while the component that asked for it lives: it
//! reconnects after a dropped connection (a few seconds later, longer each time) and then calls
//! `on_event` once, since changes may have happened while it was away. A closed session (4401)
//! or a refused origin (4403) is not retried.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use graphql_client::GraphQLQuery;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::wasm_bindgen::closure::Closure;
use leptos::web_sys::{CloseEvent, MessageEvent, WebSocket};

/// The subscription's id within its connection (one subscription per connection).
const SUBSCRIPTION_ID: &str = "1";
/// The first wait before reconnecting, in milliseconds; it doubles up to [`MAX_RETRY_MS`].
const FIRST_RETRY_MS: u32 = 1_000;
const MAX_RETRY_MS: u32 = 30_000;

thread_local! {
    /// The open subscriptions by key: a component's cleanup (which must be `Send`) names its
    /// subscription by key to stop it.
    static SUBSCRIPTIONS: RefCell<HashMap<u64, Rc<RefCell<Live>>>> = RefCell::new(HashMap::new());
    static NEXT_KEY: Cell<u64> = const { Cell::new(0) };
}

/// What one open connection holds on to: the socket and its handlers.
struct Connection {
    socket: WebSocket,
    _on_open: Closure<dyn FnMut()>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_close: Closure<dyn FnMut(CloseEvent)>,
}

/// The state shared by the handlers of every connection of one subscription.
struct Live {
    payload: String,
    on_event: Rc<dyn Fn()>,
    connection: Option<Connection>,
    retry_ms: u32,
    stopped: bool,
}

/// Subscribes to `Q` (a subscription operation) and calls `on_event` for each event it pushes,
/// and once after each reconnection, until the calling component is cleaned up.
pub fn subscribe<Q: GraphQLQuery>(variables: Q::Variables, on_event: impl Fn() + 'static) {
    let payload = serde_json::json!({
        "id": SUBSCRIPTION_ID,
        "type": "subscribe",
        "payload": Q::build_query(variables),
    })
    .to_string();
    let live = Rc::new(RefCell::new(Live {
        payload,
        on_event: Rc::new(on_event),
        connection: None,
        retry_ms: FIRST_RETRY_MS,
        stopped: false,
    }));
    connect(&live, false);
    let key = NEXT_KEY.with(|next| next.replace(next.get() + 1));
    SUBSCRIPTIONS.with(|open| open.borrow_mut().insert(key, live));
    on_cleanup(move || {
        let Some(live) = SUBSCRIPTIONS.with(|open| open.borrow_mut().remove(&key)) else { return };
        let mut live = live.borrow_mut();
        live.stopped = true;
        if let Some(connection) = live.connection.take() {
            // No handler may run once its closure is dropped: unset them before closing.
            connection.socket.set_onopen(None);
            connection.socket.set_onmessage(None);
            connection.socket.set_onclose(None);
            // Closing a socket that is already closing is no error worth telling.
            let _ = connection.socket.close();
        }
    });
}

/// The WebSocket URL of `/graphql/ws` on the app's own origin.
fn endpoint() -> Option<String> {
    let location = window().location();
    let scheme = if location.protocol().ok()? == "https:" { "wss" } else { "ws" };
    Some(format!("{scheme}://{}/graphql/ws", location.host().ok()?))
}

/// Opens a connection; `reconnected` makes the first acknowledgement call `on_event`.
fn connect(live: &Rc<RefCell<Live>>, reconnected: bool) {
    let Some(url) = endpoint() else { return };
    let Ok(socket) = WebSocket::new_with_str(&url, "graphql-transport-ws") else {
        retry_later(live);
        return;
    };
    let on_open = {
        let socket = socket.clone();
        Closure::<dyn FnMut()>::new(move || {
            let _ = socket.send_with_str(r#"{"type":"connection_init","payload":{}}"#);
        })
    };
    let on_message = {
        let (socket, live) = (socket.clone(), Rc::clone(live));
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(text) = event.data().as_string() else { return };
            let Ok(message) = serde_json::from_str::<serde_json::Value>(&text) else { return };
            match message.get("type").and_then(serde_json::Value::as_str) {
                Some("connection_ack") => {
                    let (payload, on_event) = {
                        let mut live = live.borrow_mut();
                        live.retry_ms = FIRST_RETRY_MS;
                        (live.payload.clone(), Rc::clone(&live.on_event))
                    };
                    let _ = socket.send_with_str(&payload);
                    if reconnected {
                        on_event();
                    }
                }
                Some("ping") => {
                    let _ = socket.send_with_str(r#"{"type":"pong"}"#);
                }
                Some("next") => {
                    let on_event = Rc::clone(&live.borrow().on_event);
                    on_event();
                }
                _ => {}
            }
        })
    };
    let on_close = {
        let live = Rc::clone(live);
        Closure::<dyn FnMut(CloseEvent)>::new(move |event: CloseEvent| {
            // The connection (and this handler) stays until the next one replaces it.
            let stopped = live.borrow().stopped;
            // 4401: the session ended; 4403: refused; both stay refused if tried again.
            if !stopped && !matches!(event.code(), 4401 | 4403) {
                retry_later(&live);
            }
        })
    };
    socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    live.borrow_mut().connection =
        Some(Connection { socket, _on_open: on_open, _on_message: on_message, _on_close: on_close });
}

/// Connects again after the current wait, and doubles the wait for the next time.
fn retry_later(live: &Rc<RefCell<Live>>) {
    let wait = {
        let mut live = live.borrow_mut();
        let wait = live.retry_ms;
        live.retry_ms = (wait * 2).min(MAX_RETRY_MS);
        wait
    };
    let live = Rc::clone(live);
    gloo_timers::callback::Timeout::new(wait, move || {
        if !live.borrow().stopped {
            connect(&live, true);
        }
    })
    .forget();
}
