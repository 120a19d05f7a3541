//! Live updates: one GraphQL subscription over `/graphql/ws` (graphql-transport-ws), signed in by
//! the session cookie (the browser sends the app's `Origin` with the upgrade, which the server
//! requires for the cookie), or public (no session) for what anyone may follow, reconnecting
//! after a dropped connection.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use graphql_client::{GraphQLQuery, Response};
use leptos::prelude::*;
use serde_json::{Value, json};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

/// The server's WebSocket endpoint, on the app's own origin.
const PATH: &str = "/graphql/ws";
/// The protocol the server speaks.
const PROTOCOL: &str = "graphql-transport-ws";
/// How long to wait before connecting again after the connection dropped.
const RETRY: Duration = Duration::from_secs(3);
/// Close codes after which connecting again cannot help: no valid session (4401), the cookie
/// refused from another origin (4403).
const FINAL_CLOSE_CODES: [u16; 2] = [4401, 4403];
/// The id of the one subscription a connection carries.
const SUBSCRIPTION_ID: &str = "1";

/// The callbacks a connection holds (dropped when the subscription stops, so nothing is left
/// pointing at the subscription).
struct Handlers {
    _open: Closure<dyn FnMut()>,
    _message: Closure<dyn FnMut(MessageEvent)>,
    _close: Closure<dyn FnMut(CloseEvent)>,
}

/// What a running subscription keeps between connections.
struct Live {
    /// The `connection_init` message's payload.
    init: Value,
    /// The `subscribe` message's payload (query, variables, operation name).
    subscribe: Value,
    /// Gets each `next` payload.
    on_next: Box<dyn Fn(Value)>,
    /// Told when a connection is (again) acknowledged: `true` after a reconnection, when events
    /// may have been missed.
    on_connected: Box<dyn Fn(bool)>,
    /// Told when the connection drops.
    on_dropped: Box<dyn Fn()>,
    /// Told when the server ends the subscription (`complete`).
    on_complete: Box<dyn Fn()>,
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    socket: Option<WebSocket>,
    handlers: Option<Handlers>,
    stopped: bool,
    acknowledged_before: bool,
}

/// Whether the live connection is up, for a "ao vivo" mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveStatus {
    /// Connecting (or connecting again after a drop).
    Connecting,
    /// Receiving changes.
    Live,
    /// The connection dropped; another attempt comes soon.
    Offline,
}

/// Subscribes to `Q` for as long as the calling component lives: `on_data` gets each change;
/// `on_missed` runs after a reconnection (the changes in between were missed: reload what the
/// page shows). Returns the connection's status.
pub fn subscribe<Q>(
    variables: Q::Variables,
    on_data: impl Fn(Q::ResponseData) + 'static,
    on_missed: impl Fn() + 'static,
) -> ReadSignal<LiveStatus>
where
    Q: GraphQLQuery,
    Q::ResponseData: 'static,
{
    subscribe_with::<Q>(json!({}), variables, on_data, on_missed, || {})
}

/// Subscribes to `Q` without a session (a public connection: a session cookie is not used), for
/// what anyone may follow, such as a status link's order. `on_missed` runs after a reconnection
/// and when the server ends the subscription (the link stopped working): reload the page's data.
pub fn subscribe_public<Q>(
    variables: Q::Variables,
    on_data: impl Fn(Q::ResponseData) + 'static,
    on_missed: impl Fn() + Clone + 'static,
) -> ReadSignal<LiveStatus>
where
    Q: GraphQLQuery,
    Q::ResponseData: 'static,
{
    subscribe_with::<Q>(json!({ "public": true }), variables, on_data, on_missed.clone(), on_missed)
}

/// [`subscribe`] with `init` as the `connection_init` payload and `on_complete` for the end of
/// the subscription.
fn subscribe_with<Q>(
    init: Value,
    variables: Q::Variables,
    on_data: impl Fn(Q::ResponseData) + 'static,
    on_missed: impl Fn() + 'static,
    on_complete: impl Fn() + 'static,
) -> ReadSignal<LiveStatus>
where
    Q: GraphQLQuery,
    Q::ResponseData: 'static,
{
    let (status, set_status) = signal(LiveStatus::Connecting);
    let subscribe = serde_json::to_value(Q::build_query(variables)).unwrap_or(Value::Null);
    let live = Rc::new(Live {
        init,
        subscribe,
        on_next: Box::new(move |payload| {
            if let Ok(Response { data: Some(data), .. }) =
                serde_json::from_value::<Response<Q::ResponseData>>(payload)
            {
                on_data(data);
            }
        }),
        on_connected: Box::new(move |again| {
            set_status.try_set(LiveStatus::Live);
            if again {
                on_missed();
            }
        }),
        on_dropped: Box::new(move || {
            set_status.try_set(LiveStatus::Offline);
        }),
        on_complete: Box::new(on_complete),
        state: RefCell::new(State::default()),
    });
    connect(&live);
    let kept = StoredValue::new_local(Some(live));
    on_cleanup(move || {
        if let Some(live) = kept.try_update_value(Option::take).flatten() {
            stop(&live);
        }
    });
    status
}

/// The WebSocket URL of the app's origin: `wss://` under https.
fn endpoint() -> Option<String> {
    let location = window().location();
    let scheme = if location.protocol().ok()? == "https:" { "wss" } else { "ws" };
    Some(format!("{scheme}://{}{PATH}", location.host().ok()?))
}

fn send(socket: &WebSocket, message: &Value) {
    // A send on a closing socket fails; its close handler connects again.
    let _ = socket.send_with_str(&message.to_string());
}

/// Opens a connection: `connection_init` once open, the subscription once acknowledged.
fn connect(live: &Rc<Live>) {
    let Some(url) = endpoint() else { return };
    let Ok(socket) = WebSocket::new_with_str(&url, PROTOCOL) else {
        (live.on_dropped)();
        retry(live);
        return;
    };
    let open = {
        let socket = socket.clone();
        let init = live.init.clone();
        Closure::<dyn FnMut()>::new(move || {
            send(&socket, &json!({ "type": "connection_init", "payload": init }));
        })
    };
    let message = {
        let socket = socket.clone();
        let live = Rc::clone(live);
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(text) = event.data().as_string() else { return };
            let Ok(message) = serde_json::from_str::<Value>(&text) else { return };
            match message["type"].as_str() {
                Some("connection_ack") => {
                    send(
                        &socket,
                        &json!({ "id": SUBSCRIPTION_ID, "type": "subscribe", "payload": live.subscribe }),
                    );
                    let again = std::mem::replace(&mut live.state.borrow_mut().acknowledged_before, true);
                    (live.on_connected)(again);
                }
                Some("next") => (live.on_next)(message["payload"].clone()),
                Some("complete") => (live.on_complete)(),
                Some("ping") => send(&socket, &json!({ "type": "pong" })),
                _ => {}
            }
        })
    };
    let close = {
        let live = Rc::clone(live);
        Closure::<dyn FnMut(CloseEvent)>::new(move |event: CloseEvent| {
            if live.state.borrow().stopped {
                return;
            }
            (live.on_dropped)();
            if !FINAL_CLOSE_CODES.contains(&event.code()) {
                retry(&live);
            }
        })
    };
    socket.set_onopen(Some(open.as_ref().unchecked_ref()));
    socket.set_onmessage(Some(message.as_ref().unchecked_ref()));
    socket.set_onclose(Some(close.as_ref().unchecked_ref()));
    let mut state = live.state.borrow_mut();
    state.socket = Some(socket);
    // The handlers of the previous connection are dropped here, from a timer, never while one of
    // them runs.
    state.handlers = Some(Handlers { _open: open, _message: message, _close: close });
}

/// Connects again after [`RETRY`], unless stopped by then.
fn retry(live: &Rc<Live>) {
    let live = Rc::clone(live);
    set_timeout(
        move || {
            if !live.state.borrow().stopped {
                connect(&live);
            }
        },
        RETRY,
    );
}

/// Ends the subscription: closes the socket and drops the handlers (and with them the cycle
/// between the handlers and `live`).
fn stop(live: &Rc<Live>) {
    let mut state = live.state.borrow_mut();
    state.stopped = true;
    if let Some(socket) = state.socket.take() {
        socket.set_onopen(None);
        socket.set_onmessage(None);
        socket.set_onclose(None);
        let _ = socket.close();
    }
    state.handlers = None;
}
