//! Partners and the benefits club (contract: partners.graphql, MyPortal's `benefits`): partners
//! and their logins, offers and their input rules, promo codes (unique under 50 concurrent
//! grants), eligibility and the "grant to all eligible" job, redemption (once, also under a race;
//! another partner's or workshop's code; validity), half-even commissions, the ledger's balances
//! and settling, and a deactivated partner.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use futures_util::future::join_all;
use oficina_domain::schema::partner_offers;
use serde_json::{Value, json};

use crate::helpers::{CNPJ_A, CNPJ_B, PASSWORD, Response, TestApp, wait_for};
use crate::scheduling::customer;

pub(crate) const OFFERS: &str = "query($partnerId: ID) { partnerOffers(partnerId: $partnerId) { id description \
    discountPercent discountCents validFrom validUntil eligibility { vehicleKind spentOverCents visitedWithinDays } \
    partner { id name } } }";
pub(crate) const GRANT_ALL: &str =
    "mutation($offerId: ID!) { grantOfferToAllEligible(offerId: $offerId) { id status total done } }";
pub(crate) const GRANT_JOB: &str =
    "query($offerId: ID!) { grantJob(offerId: $offerId) { id status total done finishedAt } }";
pub(crate) const DEACTIVATE: &str = "mutation($id: ID!) { deactivatePartner(id: $id) { id active } }";
pub(crate) const PAYABLE: &str = "mutation($input: PayableCommissionInput!) { \
    addPayableCommission(input: $input) { id direction amountCents settledAt } }";

/// A partner of the admin's workshop with `percent` commission: (id, its login's token).
pub(crate) async fn partner(app: &TestApp, admin: &str, email: &str, percent: f64) -> (String, String) {
    let input = json!({ "name": format!("Parceiro {email}"), "email": email, "password": PASSWORD,
        "commissionPercent": percent });
    let created = app.op("CreatePartner", json!({ "input": input }), Some(admin)).await;
    let partner = &created.data()["createPartner"];
    assert_eq!(partner["active"], true);
    assert_eq!(partner["email"], email);
    (partner["id"].as_str().unwrap().to_owned(), app.sign_in(email).await)
}

/// An offer of `partner` made of `extra` (a partial `PartnerOfferInput`); its id.
pub(crate) async fn offer(app: &TestApp, admin: &str, partner: &str, extra: Value) -> String {
    let mut input = json!({ "partnerId": partner, "description": "Lavagem completa", "discountPercent": 20 });
    for (key, value) in extra.as_object().unwrap() {
        input[key] = value.clone();
    }
    let created = app.op("CreatePartnerOffer", json!({ "input": input }), Some(admin)).await;
    created.data()["createPartnerOffer"]["id"].as_str().unwrap().to_owned()
}

/// Grants `offer` to `customer` as `admin`.
pub(crate) async fn grant(app: &TestApp, admin: &str, customer: &str, offer: &str) -> Response {
    app.op("GrantOffer", json!({ "customerId": customer, "offerId": offer }), Some(admin)).await
}

/// The code `grant` handed out.
pub(crate) async fn code(app: &TestApp, admin: &str, customer: &str, offer: &str) -> String {
    grant(app, admin, customer, offer).await.data()["grantOffer"]["promoCode"].as_str().unwrap().to_owned()
}

pub(crate) async fn redeem(app: &TestApp, partner: &str, code: &str, sale: i64) -> Response {
    app.op("RedeemPromoCode", json!({ "promoCode": code, "saleCents": sale }), Some(partner)).await
}

fn is_promo_code(code: &str) -> bool {
    code.len() == 8 && code.bytes().all(|b| b"ABCDEFGHJKMNPQRSTUVWXYZ23456789".contains(&b))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_partner_redeems_a_code_granted_to_a_customer_and_the_ledger_shows_it() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "admin-parc@example.com").await;
    let (carlos, _, carlos_token) = customer(&app, &admin, 301).await;
    let (partner_id, partner) = partner(&app, &admin, "brilho@example.com", 10.0).await;
    let me = app.op("Me", json!({}), Some(&partner)).await;
    assert_eq!(me.data()["me"]["membership"]["role"], "PARTNER");
    let offer = offer(&app, &admin, &partner_id, json!({})).await;
    let granted = grant(&app, &admin, &carlos, &offer).await;
    let code = granted.data()["grantOffer"]["promoCode"].as_str().unwrap().to_owned();
    assert!(is_promo_code(&code), "{code}");
    assert_eq!(granted.data()["grantOffer"]["redeemedAt"], Value::Null);
    // Each customer at most once per offer.
    grant(&app, &admin, &carlos, &offer).await.assert_error("CONFLICT", Some("customerId"));

    let portal = app.op("MyPortal", json!({}), Some(&carlos_token)).await;
    let benefits = &portal.data()["myCustomer"]["benefits"];
    assert_eq!(benefits[0]["promoCode"], code.as_str());
    assert_eq!(benefits[0]["offer"]["discountPercent"], 20);
    assert_eq!(benefits[0]["offer"]["partner"]["name"], "Parceiro brilho@example.com");

    let listed = app.op("PartnerCustomers", json!({ "first": 10 }), Some(&partner)).await;
    let listed = &listed.data()["partnerCustomers"];
    assert_eq!(listed["totalCount"], 1);
    assert_eq!(
        listed["edges"][0]["node"],
        json!({ "name": "Cliente 301", "offerDescription": "Lavagem completa", "promoCode": code, "redeemed": false })
    );

    // Any case; 10% of R$ 1,25 is 12,5 centavos: half-even gives 12.
    let redeemed = redeem(&app, &partner, &code.to_lowercase(), 125).await;
    let redeemed = &redeemed.data()["redeemPromoCode"];
    assert!(redeemed["redeemedAt"].is_string());
    assert_eq!(redeemed["commission"], json!({ "amountCents": 12, "direction": "RECEIVABLE" }));
    redeem(&app, &partner, &code, 125).await.assert_error("CONFLICT", Some("promoCode"));
    let portal = app.op("MyPortal", json!({}), Some(&carlos_token)).await;
    assert!(portal.data()["myCustomer"]["benefits"][0]["redeemedAt"].is_string());

    let payable =
        json!({ "input": { "partnerId": partner_id, "amountCents": 5000, "description": "Indicação" } });
    let entry = app.graphql(PAYABLE, payable, Some(&admin)).await;
    let entry = entry.data()["addPayableCommission"]["id"].as_str().unwrap().to_owned();
    let ledger = app.op("Commissions", json!({}), Some(&admin)).await;
    let ledger = &ledger.data()["commissions"];
    assert_eq!(
        (ledger["receivableOpenCents"].as_i64(), ledger["payableOpenCents"].as_i64()),
        (Some(12), Some(5000))
    );
    assert_eq!(ledger["items"].as_array().unwrap().len(), 2);
    assert_eq!(ledger["items"][0]["partner"]["name"], "Parceiro brilho@example.com");

    let settled = app.op("SettleCommission", json!({ "id": entry }), Some(&admin)).await;
    assert!(settled.data()["settleCommission"]["settledAt"].is_string());
    app.op("SettleCommission", json!({ "id": entry }), Some(&admin))
        .await
        .assert_error("CONFLICT", Some("id"));
    let own = app.op("Commissions", json!({ "partnerId": partner_id }), Some(&partner)).await;
    let own = &own.data()["commissions"];
    assert_eq!((own["receivableOpenCents"].as_i64(), own["payableOpenCents"].as_i64()), (Some(12), Some(0)));
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_partner_and_offer_inputs_name_their_field_and_write_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "admin-parc2@example.com").await;
    let (partner_id, _) = partner(&app, &admin, "p2@example.com", 7.5).await;
    let events = app.event_count().await;
    let cases = [
        (json!({ "discountPercent": 10, "discountCents": 500 }), "input.discountPercent"),
        (json!({ "discountPercent": null }), "input.discountPercent"),
        (json!({ "discountPercent": 0 }), "input.discountPercent"),
        (json!({ "discountPercent": null, "discountCents": 0 }), "input.discountCents"),
        (json!({ "description": "  " }), "input.description"),
        (json!({ "description": "x".repeat(201) }), "input.description"),
        (json!({ "validFrom": "2026-12-10", "validUntil": "2026-12-01" }), "input.validUntil"),
        (json!({ "eligibility": { "visitedWithinDays": 0 } }), "input.eligibility.visitedWithinDays"),
        (json!({ "eligibility": { "spentOverCents": -1 } }), "input.eligibility.spentOverCents"),
    ];
    for (extra, field) in cases {
        let mut input = json!({ "partnerId": partner_id, "description": "Oferta", "discountPercent": 20 });
        for (key, value) in extra.as_object().unwrap() {
            input[key] = value.clone();
        }
        let refused = app.op("CreatePartnerOffer", json!({ "input": input }), Some(&admin)).await;
        refused.assert_error("BAD_USER_INPUT", Some(field));
    }
    let bad_partner = |email: &str, percent: f64| json!({ "input": { "name": "Pneus", "email": email, "password": PASSWORD, "commissionPercent": percent } });
    let refused = app.op("CreatePartner", bad_partner("p3@example.com", 100.5), Some(&admin)).await;
    refused.assert_error("BAD_USER_INPUT", Some("input.commissionPercent"));
    let refused = app.op("CreatePartner", bad_partner("p2@example.com", 5.0), Some(&admin)).await;
    refused.assert_error("CONFLICT", Some("input.email"));
    assert_eq!(app.event_count().await, events, "nothing was written");
}

#[tokio::test(flavor = "multi_thread")]
async fn promo_codes_stay_unique_under_50_concurrent_grants() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "admin-parc3@example.com").await;
    let workshop = app.workshop_id(&admin).await;
    let (partner_id, _) = partner(&app, &admin, "p3@example.com", 10.0).await;
    let first = offer(&app, &admin, &partner_id, json!({})).await;
    let second =
        offer(&app, &admin, &partner_id, json!({ "discountPercent": null, "discountCents": 1500 })).await;
    let mut customers = Vec::new();
    for n in 0..25 {
        let cpf = crate::service_order_access::cpf(400 + n);
        customers.push(app.insert_customer(workshop, &format!("Cliente {n}"), &cpf).await.to_string());
    }
    let grants =
        customers.iter().flat_map(|c| [(c, &first), (c, &second)]).map(|(c, o)| grant(&app, &admin, c, o));
    let answers = join_all(grants).await;
    let mut codes: Vec<String> =
        answers.iter().map(|a| a.data()["grantOffer"]["promoCode"].as_str().unwrap().to_owned()).collect();
    assert!(codes.iter().all(|c| is_promo_code(c)), "{codes:?}");
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 50, "50 grants, 50 different codes");
    // And the same customer granted twice at once gets one code.
    let again = join_all((0..5).map(|_| grant(&app, &admin, &customers[0], &first))).await;
    assert!(again.iter().all(|a| a.code() == "CONFLICT"));
}

#[tokio::test(flavor = "multi_thread")]
async fn of_racing_redemptions_of_one_code_exactly_one_wins() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "admin-parc4@example.com").await;
    let workshop = app.workshop_id(&admin).await;
    let (partner_id, partner) = partner(&app, &admin, "p4@example.com", 10.0).await;
    let offer = offer(&app, &admin, &partner_id, json!({})).await;
    let customer = app.insert_customer(workshop, "Rita", &crate::service_order_access::cpf(500)).await;
    let code = code(&app, &admin, &customer.to_string(), &offer).await;
    let answers = join_all((0..10).map(|_| redeem(&app, &partner, &code, 10_000))).await;
    let won = answers.iter().filter(|a| a.body["errors"].is_null()).count();
    assert_eq!(won, 1, "{answers:?}");
    assert!(answers.iter().filter(|a| !a.body["errors"].is_null()).all(|a| a.code() == "CONFLICT"));
    let ledger = app.op("Commissions", json!({}), Some(&partner)).await;
    assert_eq!(ledger.data()["commissions"]["items"].as_array().unwrap().len(), 1);
    assert_eq!(ledger.data()["commissions"]["receivableOpenCents"], 1000);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_code_redeems_only_by_its_partner_in_its_workshop_while_its_offer_is_valid() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "admin-parc5@example.com").await;
    let workshop = app.workshop_id(&admin).await;
    let (mine_id, mine) = partner(&app, &admin, "p5@example.com", 10.0).await;
    let (_, theirs) = partner(&app, &admin, "p6@example.com", 10.0).await;
    let other_admin = app.register(CNPJ_B, "admin-parc6@example.com").await;
    let (_, other_workshop) = partner(&app, &other_admin, "p7@example.com", 10.0).await;
    let offer_id = offer(&app, &admin, &mine_id, json!({})).await;
    let customer =
        app.insert_customer(workshop, "Rita", &crate::service_order_access::cpf(501)).await.to_string();
    let code = code(&app, &admin, &customer, &offer_id).await;
    redeem(&app, &theirs, &code, 1000).await.assert_error("NOT_FOUND", Some("promoCode"));
    redeem(&app, &other_workshop, &code, 1000).await.assert_error("NOT_FOUND", Some("promoCode"));
    redeem(&app, &mine, "ZZZZZZZZ", 1000).await.assert_error("NOT_FOUND", Some("promoCode"));
    redeem(&app, &mine, &code, 0).await.assert_error("BAD_USER_INPUT", Some("saleCents"));
    // Not yet valid, then expired.
    let future = offer(&app, &admin, &mine_id, json!({ "validFrom": "2999-01-01" })).await;
    let later = code_for(&app, &admin, &customer, &future).await;
    redeem(&app, &mine, &later, 1000).await.assert_error("BAD_USER_INPUT", Some("promoCode"));
    let mut pooled = app.state.db.get().await.unwrap();
    let yesterday = chrono::Utc::now().date_naive() - chrono::Duration::days(2);
    let offer_row: i64 = offer_id.parse().unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        diesel::update(partner_offers::table.find(offer_row))
            .set(partner_offers::valid_until.eq(Some(yesterday)))
            .execute(c)
            .await
    })
    .unwrap();
    drop(pooled);
    redeem(&app, &mine, &code, 1000).await.assert_error("BAD_USER_INPUT", Some("promoCode"));
    let second =
        app.insert_customer(workshop, "Rui", &crate::service_order_access::cpf(502)).await.to_string();
    grant(&app, &admin, &second, &offer_id).await.assert_error("BAD_USER_INPUT", Some("offerId"));
}

async fn code_for(app: &TestApp, admin: &str, customer: &str, offer: &str) -> String {
    code(app, admin, customer, offer).await
}

#[tokio::test(flavor = "multi_thread")]
async fn offers_reach_only_eligible_customers_and_grant_to_all_runs_as_a_job() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "admin-parc7@example.com").await;
    let workshop = app.workshop_id(&admin).await;
    let (partner_id, _) = partner(&app, &admin, "p8@example.com", 10.0).await;
    // Cliente 310 and 311 have cars; the others none.
    let (car_owner, _, _) = customer(&app, &admin, 310).await;
    customer(&app, &admin, 311).await;
    for n in 0..3 {
        app.insert_customer(workshop, &format!("Sem carro {n}"), &crate::service_order_access::cpf(600 + n))
            .await;
    }
    let bikes =
        offer(&app, &admin, &partner_id, json!({ "eligibility": { "vehicleKind": "MOTORCYCLE" } })).await;
    grant(&app, &admin, &car_owner, &bikes).await.assert_error("BAD_USER_INPUT", Some("customerId"));
    let big = offer(&app, &admin, &partner_id, json!({ "eligibility": { "spentOverCents": 100 } })).await;
    grant(&app, &admin, &car_owner, &big).await.assert_error("BAD_USER_INPUT", Some("customerId"));
    let recent =
        offer(&app, &admin, &partner_id, json!({ "eligibility": { "visitedWithinDays": 30 } })).await;
    grant(&app, &admin, &car_owner, &recent).await.assert_error("BAD_USER_INPUT", Some("customerId"));

    let cars = offer(&app, &admin, &partner_id, json!({ "eligibility": { "vehicleKind": "CAR" } })).await;
    grant(&app, &admin, &car_owner, &cars).await.data();
    let job = app.graphql(GRANT_ALL, json!({ "offerId": cars }), Some(&admin)).await;
    assert_eq!(job.data()["grantOfferToAllEligible"]["total"], 1, "one car owner lacks it");
    let done = wait_for(
        async || {
            let job = app.graphql(GRANT_JOB, json!({ "offerId": cars }), Some(&admin)).await;
            let job = job.data()["grantJob"].clone();
            (job["status"] == "DONE").then_some(job)
        },
        "the grant job",
    )
    .await;
    assert_eq!((done["total"].as_i64(), done["done"].as_i64()), (Some(1), Some(1)));
    let everyone = offer(&app, &admin, &partner_id, json!({})).await;
    let job = app.graphql(GRANT_ALL, json!({ "offerId": everyone }), Some(&admin)).await;
    assert_eq!(job.data()["grantOfferToAllEligible"]["total"], 5);
    wait_for(
        async || {
            let job = app.graphql(GRANT_JOB, json!({ "offerId": everyone }), Some(&admin)).await;
            (job.data()["grantJob"]["done"] == 5 && job.data()["grantJob"]["status"] == "DONE").then_some(())
        },
        "the grant job",
    )
    .await;
    // Run again: nobody is left, and nobody got it twice.
    let again = app.graphql(GRANT_ALL, json!({ "offerId": everyone }), Some(&admin)).await;
    assert_eq!(
        again.data()["grantOfferToAllEligible"],
        json!({ "id": again.data()["grantOfferToAllEligible"]["id"], "status": "DONE", "total": 0, "done": 0 })
    );
    let offers = app.graphql(OFFERS, json!({ "partnerId": partner_id }), Some(&admin)).await;
    assert_eq!(offers.data()["partnerOffers"].as_array().unwrap().len(), 5);
    assert_eq!(offers.data()["partnerOffers"][1]["eligibility"]["vehicleKind"], "CAR");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_deactivated_partner_cannot_sign_in_and_its_offers_stop() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "admin-parc8@example.com").await;
    let (carlos, _, carlos_token) = customer(&app, &admin, 320).await;
    let (partner_id, partner) = partner(&app, &admin, "p9@example.com", 10.0).await;
    let offer_id = offer(&app, &admin, &partner_id, json!({})).await;
    let code = code(&app, &admin, &carlos, &offer_id).await;
    let deactivated = app.graphql(DEACTIVATE, json!({ "id": partner_id }), Some(&admin)).await;
    assert_eq!(deactivated.data()["deactivatePartner"]["active"], false);
    app.graphql(DEACTIVATE, json!({ "id": partner_id }), Some(&admin))
        .await
        .assert_error("CONFLICT", Some("id"));
    redeem(&app, &partner, &code, 1000).await.assert_error("UNAUTHENTICATED", None);
    let signed_in = app.op("SignIn", json!({ "email": "p9@example.com", "password": PASSWORD }), None).await;
    signed_in.assert_error("UNAUTHENTICATED", None);
    let portal = app.op("MyPortal", json!({}), Some(&carlos_token)).await;
    assert_eq!(portal.data()["myCustomer"]["benefits"], json!([]));
    let (other, _, _) = customer(&app, &admin, 321).await;
    grant(&app, &admin, &other, &offer_id).await.assert_error("BAD_USER_INPUT", Some("offerId"));
    let refused = app.graphql(GRANT_ALL, json!({ "offerId": offer_id }), Some(&admin)).await;
    refused.assert_error("BAD_USER_INPUT", Some("offerId"));
    let listed = app.graphql("{ partners { id active } }", json!({}), Some(&admin)).await;
    assert_eq!(listed.data()["partners"], json!([{ "id": partner_id, "active": false }]));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_partner_login_trying_codes_is_rate_limited() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "admin-parc9@example.com").await;
    let (_, partner) = partner(&app, &admin, "p10@example.com", 10.0).await;
    for n in 0..60 {
        redeem(&app, &partner, &format!("ABCD{:04}", 2222 + n), 1000).await.assert_error("NOT_FOUND", None);
    }
    redeem(&app, &partner, "ABCDEFGH", 1000).await.assert_error("RATE_LIMITED", None);
}
