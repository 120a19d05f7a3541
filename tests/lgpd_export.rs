//! LGPD art. 18: a customer downloads all their data (a zip of JSON and CSV files) through a
//! short-lived link; staff run the same export on the customer's request. Only that customer's
//! data, only while the link works, on any node.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use oficina_domain::schema::data_exports;
use serde_json::{Value, json};

use crate::chat::sent;
use crate::demo::demo_sign_in;
use crate::helpers::{CNPJ_A, CNPJ_B, Options, PUBLIC_URL, TestApp};
use crate::nps::{finished_order, labour};
use crate::scheduling::{Shop, at, booked, customer, shop, weekday_ahead};
use crate::service_order_access::{FORBIDDEN, OK, ROLES, UNAUTHENTICATED};

/// The files of the zip, by name, as text.
pub(crate) fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            (file.name().to_owned(), text)
        })
        .collect()
}

/// The path of an export link (without PUBLIC_URL).
fn path_of(url: &str) -> String {
    url.strip_prefix(PUBLIC_URL).unwrap_or_else(|| panic!("{url} is not under {PUBLIC_URL}")).to_owned()
}

/// GETs the link `url`.
async fn download(app: &TestApp, url: &str) -> crate::helpers::Response {
    app.send(Request::get(path_of(url)).body(Body::empty()).unwrap()).await
}

/// GETs the link `url` and returns the zip's bytes, asserting it is one.
async fn zip_bytes(app: &TestApp, url: &str) -> Vec<u8> {
    zip_at(app, &path_of(url)).await
}

/// GETs `path` and returns the zip's bytes, asserting it is one.
pub(crate) async fn zip_at(app: &TestApp, path: &str) -> Vec<u8> {
    let request = Request::get(path).body(Body::empty()).unwrap();
    let answer = tower::ServiceExt::oneshot(app.router.clone(), request).await.unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    assert_eq!(answer.headers()[header::CONTENT_TYPE], "application/zip");
    assert!(answer.headers()[header::CONTENT_DISPOSITION].to_str().unwrap().contains("attachment"));
    http_body_util::BodyExt::collect(answer.into_body()).await.unwrap().to_bytes().to_vec()
}

pub(crate) async fn export_my_data(app: &TestApp, token: &str) -> String {
    let link = app.op("ExportMyData", json!({}), Some(token)).await;
    let link = &link.data()["exportMyData"];
    let expires: chrono::DateTime<chrono::Utc> = link["expiresAt"].as_str().unwrap().parse().unwrap();
    let minutes = (expires - chrono::Utc::now()).num_minutes();
    assert!((13..=15).contains(&minutes), "a short-lived link: {minutes} min");
    link["url"].as_str().unwrap().to_owned()
}

const STAFF_EXPORT: &str = "mutation($id: ID!) { exportCustomerData(customerId: $id) { url expiresAt } }";
const SET_MY_CONSENT: &str = "mutation($channel: ConsentChannel!, $granted: Boolean!) { setMyConsent(channel: $channel, granted: $granted) { id } }";

/// A customer with a car, an order (items, payment), an NPS answer, a chat message, an
/// appointment and a consent change exports all of it, and nothing of the other customer.
#[tokio::test(flavor = "multi_thread")]
async fn a_customer_downloads_a_zip_of_all_and_only_their_data() {
    let app = TestApp::spawn().await;
    let Shop { admin, customer_id, vehicle, customer: me } = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let (other_id, other_vehicle, other) = customer(&app, &admin, 2).await;
    let service = labour(&app, &admin).await;
    let order = finished_order(&app, &admin, &customer_id, &vehicle, &service, None).await;
    finished_order(&app, &admin, &other_id, &other_vehicle, &service, None).await;
    let answer = json!({ "serviceOrderId": order, "score": 9, "comment": "Atendimento ótimo" });
    app.op("AnswerNps", answer, Some(&me)).await.data();
    sent(&app, &me, None, "Meu carro está pronto?").await;
    sent(&app, &other, None, "Segredo do outro cliente").await;
    booked(&app, &me, &vehicle, &at(weekday_ahead(2), 10)).await;
    app.graphql(SET_MY_CONSENT, json!({ "channel": "WHATSAPP", "granted": true }), Some(&me)).await.data();

    let files = unzip(&zip_bytes(&app, &export_my_data(&app, &me).await).await);
    let sheets = [
        "profile",
        "addresses",
        "vehicles",
        "service_orders",
        "service_order_items",
        "payments",
        "chat_messages",
        "consents",
        "consent_log",
        "appointments",
        "nps_answers",
    ];
    for sheet in sheets {
        for ext in ["json", "csv"] {
            assert!(files.contains_key(&format!("{sheet}.{ext}")), "{sheet}.{ext} in {:?}", files.keys());
        }
    }
    assert!(files.contains_key("LEIA-ME.txt"));
    let json = |name: &str| -> Vec<Value> { serde_json::from_str(&files[&format!("{name}.json")]).unwrap() };
    let profile = json("profile");
    assert_eq!(profile.len(), 1);
    assert_eq!(profile[0]["name"], "Cliente 1");
    assert_eq!(profile[0]["emails"], "cliente1@example.com");
    let my_cpf = crate::service_order_access::cpf(1);
    let digits = |text: &str| text.chars().filter(char::is_ascii_digit).collect::<String>();
    assert_eq!(digits(profile[0]["document"].as_str().unwrap()), my_cpf, "their whole CPF");
    assert_eq!(json("vehicles")[0]["plate"], "AGD1B01");
    let orders = json("service_orders");
    assert_eq!(orders.len(), 1, "only their order: {orders:?}");
    assert_eq!(orders[0]["status"], "FINISHED");
    assert_eq!(json("service_order_items")[0]["description"], "Revisão");
    assert_eq!(json("payments")[0]["method"], "PIX");
    assert_eq!(json("nps_answers")[0]["score"], 9);
    let chat = json("chat_messages");
    assert_eq!(chat.len(), 1);
    assert_eq!(chat[0]["text"], "Meu carro está pronto?");
    assert_eq!(json("appointments").len(), 1);
    let consents = json("consents");
    let whatsapp = consents.iter().find(|c| c["channel"] == "WHATSAPP").unwrap();
    assert_eq!(whatsapp["granted"], true);
    let log = json("consent_log");
    assert!(log.iter().any(|c| c["channel"] == "WHATSAPP" && c["source"] == "PORTAL"), "{log:?}");
    assert!(files["profile.csv"].starts_with("\u{feff}name;kind;document;"), "{}", files["profile.csv"]);
    assert!(files["chat_messages.csv"].contains("Meu carro está pronto?"));

    let other_cpf = crate::service_order_access::cpf(2);
    for (name, text) in &files {
        assert!(!text.contains("Cliente 2"), "{name} names the other customer");
        assert!(!digits(text).contains(&other_cpf), "{name} holds the other customer's CPF");
        assert!(!text.contains("AGD2B02"), "{name} holds the other customer's plate");
        assert!(!text.contains("Segredo do outro"), "{name} holds the other customer's chat");
    }
}

/// A link works for its customer only while it lives; an unknown token, another workshop's
/// path or an expired link is 404 with a page that says so. Staff exports on request work the
/// same and another workshop's customer is NOT_FOUND.
#[tokio::test(flavor = "multi_thread")]
async fn links_expire_and_belong_to_one_customer_of_one_workshop() {
    let app = TestApp::spawn().await;
    let a = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let b = shop(&app, CNPJ_B, "b@example.com", 2).await;
    let url = export_my_data(&app, &a.customer).await;
    let (workshop, token) = path_of(&url)
        .trim_start_matches("/lgpd/export/")
        .split_once('/')
        .map(|(w, t)| (w.to_owned(), t.to_owned()))
        .unwrap();
    let gone = |response: crate::helpers::Response| {
        assert_eq!(response.status, StatusCode::NOT_FOUND);
        let page = response.body.as_str().unwrap().to_owned();
        assert!(page.contains("inválido ou expirado") && page.contains("unknown or expired"), "{page}");
    };
    let b_workshop = app.workshop_id(&b.admin).await;
    gone(download(&app, &format!("{PUBLIC_URL}/lgpd/export/{b_workshop}/{token}")).await);
    gone(download(&app, &format!("{PUBLIC_URL}/lgpd/export/{workshop}/not-a-token")).await);
    gone(download(&app, &format!("{PUBLIC_URL}/lgpd/export/x/{token}")).await);
    // Another node (same database) serves the link.
    let other_node = app.another_node(Options::default()).await;
    let files = unzip(&zip_bytes(&other_node, &url).await);
    assert!(files["profile.json"].contains("Cliente 1"));

    // Staff on the customer's request: the same export; another workshop's customer NOT_FOUND.
    let staff = app.graphql(STAFF_EXPORT, json!({ "id": a.customer_id }), Some(&a.admin)).await;
    let staff_url = staff.data()["exportCustomerData"]["url"].as_str().unwrap().to_owned();
    assert!(unzip(&zip_bytes(&app, &staff_url).await)["profile.json"].contains("Cliente 1"));
    app.graphql(STAFF_EXPORT, json!({ "id": b.customer_id }), Some(&a.admin))
        .await
        .assert_error("NOT_FOUND", Some("customerId"));

    // Expired: the same link 404s once its time passed.
    let mut pooled = app.state.db.get().await.unwrap();
    let past = (chrono::Utc::now() - chrono::Duration::seconds(1)).naive_utc();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        diesel::update(data_exports::table).set(data_exports::expires_at.eq(past)).execute(c).await
    })
    .unwrap();
    gone(download(&app, &url).await);
    gone(download(&app, &staff_url).await);
}

/// exportMyData is the customer's, exportCustomerData the front desk's; the customer's is rate
/// limited (5 an hour).
#[tokio::test(flavor = "multi_thread")]
async fn role_matrix_and_rate_limit() {
    let app = TestApp::spawn_with(Options { demo: true, ..Options::default() }).await;
    let demo = |email: &'static str| demo_sign_in(&app, email);
    let carlos = demo("cliente@demo.oficina.app").await;
    let carlos_id = app.graphql("{ myCustomer { id } }", json!({}), Some(&carlos)).await;
    let carlos_id = carlos_id.data()["myCustomer"]["id"].as_str().unwrap().to_owned();
    let tokens = [
        Some(demo("admin@demo.oficina.app").await),
        Some(demo("operador@demo.oficina.app").await),
        Some(demo("mecanica@demo.oficina.app").await),
        Some(carlos.clone()),
        Some(demo("parceiro@demo.oficina.app").await),
        None,
    ];
    #[rustfmt::skip]
    let table: [(&str, [&str; 6]); 2] = [
        //                     ADMIN      OPERATOR   MECHANIC   CUSTOMER   PARTNER    ANONYMOUS
        ("exportMyData",       [FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,        FORBIDDEN, UNAUTHENTICATED]),
        ("exportCustomerData", [OK,        OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ];
    for (column, (role, token)) in ROLES.iter().zip(&tokens).enumerate() {
        let token = token.as_deref();
        let outcomes = [
            app.op("ExportMyData", json!({}), token).await,
            app.graphql(STAFF_EXPORT, json!({ "id": carlos_id }), token).await,
        ];
        for ((name, row), response) in table.iter().zip(&outcomes) {
            match row[column] {
                OK => assert!(response.body.get("errors").is_none(), "{role} {name}: {:#}", response.body),
                code => response.assert_error(code, None),
            }
        }
    }
    // Carlos used one of his 5 an hour above.
    for _ in 0..4 {
        app.op("ExportMyData", json!({}), Some(&carlos)).await.data();
    }
    app.op("ExportMyData", json!({}), Some(&carlos)).await.assert_error("RATE_LIMITED", None);
}
