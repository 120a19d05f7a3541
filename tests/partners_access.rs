//! Partners, who sees and does what: roles × operations on the demo workshop, another workshop's
//! ids, the partner's PII boundary (every field a PARTNER can reach, with and without the
//! customer's consent to share with partners) and the statement counts of the lists.

use oficina_domain::crm::{ConsentChannel, ConsentSource, Customer};
use serde_json::{Value, json};

use crate::demo::demo_sign_in;
use crate::helpers::{CNPJ_A, CNPJ_B, Options, Response, TestApp};
use crate::partners::{
    DEACTIVATE, GRANT_ALL, GRANT_JOB, OFFERS, PAYABLE, code, grant, offer, partner, redeem,
};
use crate::service_order_access::{FORBIDDEN, NOT_FOUND, OK, ROLES, UNAUTHENTICATED};

#[rustfmt::skip]
const TABLE: &[(&str, [&str; 6])] = &[
    //                          ADMIN      OPERATOR   MECHANIC   CUSTOMER   PARTNER    ANONYMOUS
    ("partners",                [OK,       FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("myPartner",               [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,       UNAUTHENTICATED]),
    ("partnerOffers",           [OK,       FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,        UNAUTHENTICATED]),
    ("grantJob",                [OK,       FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("partnerCustomers",        [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,       UNAUTHENTICATED]),
    ("commissions",             [OK,       FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,        UNAUTHENTICATED]),
    ("createPartner",           [OK,       FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("updatePartner",           [OK,       FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("createPartnerOffer",      [OK,       FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("grantOffer",              [OK,       FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("grantOfferToAllEligible", [OK,       FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("redeemPromoCode",         [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHENTICATED]),
    ("addPayableCommission",    [OK,       FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("settleCommission",        [OK,       FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("deactivatePartner",       [OK,       FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
];

const UPDATE: &str =
    "mutation($id: ID!, $input: PartnerUpdateInput!) { updatePartner(id: $id, input: $input) { id } }";

fn expected(operation: &str, column: usize) -> &'static str {
    let (_, row) = TABLE.iter().find(|(name, _)| *name == operation).unwrap_or_else(|| panic!("{operation}"));
    row[column]
}

fn id_of(response: &Response, path: &[&str]) -> String {
    let mut value = response.data();
    for key in path {
        value = &value[*key];
    }
    value.as_str().unwrap_or_else(|| panic!("{path:?} in {:#}", response.body)).to_owned()
}

/// Every partners operation as every role of the demo workshop: refused ones answer the table's
/// code and write nothing.
#[tokio::test(flavor = "multi_thread")]
async fn role_matrix() {
    let app = TestApp::spawn_with(Options { demo: true, ..Options::default() }).await;
    let demo = |email: &'static str| demo_sign_in(&app, email);
    let admin = demo("admin@demo.oficina.app").await;
    let carlos = demo("cliente@demo.oficina.app").await;
    let partners = app.graphql("{ partners { id name } }", json!({}), Some(&admin)).await;
    assert_eq!(partners.data()["partners"][0]["name"], "Auto Lavagem Brilho");
    let brilho = partners.data()["partners"][0]["id"].as_str().unwrap().to_owned();
    let offers = app.graphql(OFFERS, json!({}), Some(&admin)).await;
    let offers = offers.data()["partnerOffers"].as_array().unwrap().clone();
    let wax = offers.iter().find(|o| o["discountCents"] == 1500).expect("the demo's wax offer")["id"].clone();
    let carlos_id = app.graphql("{ myCustomer { id } }", json!({}), Some(&carlos)).await;
    let carlos_id = carlos_id.data()["myCustomer"]["id"].clone();
    let tokens = [
        Some(admin.clone()),
        Some(demo("operador@demo.oficina.app").await),
        Some(demo("mecanica@demo.oficina.app").await),
        Some(carlos.clone()),
        Some(demo("parceiro@demo.oficina.app").await),
        None,
    ];
    for (column, (role, token)) in ROLES.iter().zip(&tokens).enumerate() {
        let token = token.as_deref();
        let ledger = app.op("Commissions", json!({}), Some(&admin)).await;
        let open = ledger.data()["commissions"]["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["settledAt"].is_null() && i["direction"] == "PAYABLE")
            .map(|i| i["id"].clone());
        let reads: Vec<(&str, Response)> = vec![
            ("partners", app.graphql("{ partners { id } }", json!({}), token).await),
            ("myPartner", app.graphql("{ myPartner { id name } }", json!({}), token).await),
            ("partnerOffers", app.graphql(OFFERS, json!({}), token).await),
            ("grantJob", app.graphql(GRANT_JOB, json!({ "offerId": wax }), token).await),
            ("partnerCustomers", app.op("PartnerCustomers", json!({ "first": 5 }), token).await),
            ("commissions", app.op("Commissions", json!({}), token).await),
        ];
        let events = app.event_count().await;
        let email = format!("novo-{}@example.com", role.to_lowercase());
        let new_partner = json!({ "input": { "name": "Pneus Serra", "email": email,
            "password": crate::helpers::PASSWORD, "commissionPercent": 5 } });
        let new_offer = json!({ "input": { "partnerId": brilho, "description": "Aspiração grátis",
            "discountPercent": 100 } });
        let payable = json!({ "input": { "partnerId": brilho, "amountCents": 100 } });
        let writes: Vec<(&str, Response)> = vec![
            ("createPartner", app.op("CreatePartner", new_partner, token).await),
            (
                "updatePartner",
                app.graphql(UPDATE, json!({ "id": brilho, "input": { "commissionPercent": 10 } }), token)
                    .await,
            ),
            ("createPartnerOffer", app.op("CreatePartnerOffer", new_offer, token).await),
            (
                "grantOffer",
                app.op("GrantOffer", json!({ "customerId": carlos_id, "offerId": wax }), token).await,
            ),
            ("grantOfferToAllEligible", app.graphql(GRANT_ALL, json!({ "offerId": wax }), token).await),
            ("redeemPromoCode", redeem(&app, token.unwrap_or_default(), "ZZZZZZZZ", 1000).await),
            ("addPayableCommission", app.graphql(PAYABLE, payable, token).await),
            ("settleCommission", app.op("SettleCommission", json!({ "id": open }), token).await),
        ];
        // Deactivating: a partner made for it by the admin.
        let victim = app
            .op(
                "CreatePartner",
                json!({ "input": { "name": "Seguradora", "email": format!("seg-{column}@example.com"),
                "password": crate::helpers::PASSWORD, "commissionPercent": 1 } }),
                Some(&admin),
            )
            .await;
        let victim = id_of(&victim, &["createPartner", "id"]);
        let before_deactivate = app.event_count().await;
        let deactivated = app.graphql(DEACTIVATE, json!({ "id": victim }), token).await;
        if expected("deactivatePartner", column) != OK {
            assert_eq!(
                app.event_count().await,
                before_deactivate,
                "{role}: a refused deactivation writes nothing"
            );
        }
        if column == 0 {
            // The grant job runs in the background: let it finish before counting the others.
            let done = async || {
                let job = app.graphql(GRANT_JOB, json!({ "offerId": wax }), Some(&admin)).await;
                (job.data()["grantJob"]["status"] == "DONE").then_some(())
            };
            crate::helpers::wait_for(done, "the grant job").await;
        } else {
            let written = app.event_count().await - events;
            assert_eq!(written, 1, "{role}: only the admin's partner to deactivate was written");
        }
        let outcomes: Vec<(&str, Response)> =
            reads.into_iter().chain(writes).chain([("deactivatePartner", deactivated)]).collect();
        assert_eq!(outcomes.len(), TABLE.len());
        for (name, response) in &outcomes {
            match expected(name, column) {
                OK => assert!(response.body.get("errors").is_none(), "{role} {name}: {:#}", response.body),
                code => response.assert_error(code, None),
            }
        }
    }
}

/// Another workshop's partner, offer, customer, code and ledger entry are NOT_FOUND, and nothing
/// changes.
#[tokio::test(flavor = "multi_thread")]
async fn another_workshops_ids_are_not_found() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "admin-pa1@example.com").await;
    let other = app.register(CNPJ_B, "admin-pa2@example.com").await;
    let workshop_b = app.workshop_id(&other).await;
    let (theirs, their_login) = partner(&app, &other, "pb@example.com", 10.0).await;
    let their_offer = offer(&app, &other, &theirs, json!({})).await;
    let their_customer = app.insert_customer(workshop_b, "Bia", &crate::service_order_access::cpf(700)).await;
    code(&app, &other, &their_customer.to_string(), &their_offer).await;
    let payable = json!({ "input": { "partnerId": theirs, "amountCents": 100 } });
    let entry = app.graphql(PAYABLE, payable, Some(&other)).await;
    let entry = id_of(&entry, &["addPayableCommission", "id"]);
    let (mine, _) = partner(&app, &admin, "pa@example.com", 10.0).await;
    let my_offer = offer(&app, &admin, &mine, json!({})).await;
    let events = app.event_count().await;
    let not_found = [
        app.graphql(UPDATE, json!({ "id": theirs, "input": { "name": "X" } }), Some(&admin)).await,
        app.graphql(DEACTIVATE, json!({ "id": theirs }), Some(&admin)).await,
        app.op(
            "CreatePartnerOffer",
            json!({ "input": { "partnerId": theirs, "description": "X", "discountPercent": 5 } }),
            Some(&admin),
        )
        .await,
        grant(&app, &admin, &their_customer.to_string(), &my_offer).await,
        grant(&app, &admin, &their_customer.to_string(), &their_offer).await,
        app.graphql(GRANT_ALL, json!({ "offerId": their_offer }), Some(&admin)).await,
        app.graphql(PAYABLE, json!({ "input": { "partnerId": theirs, "amountCents": 100 } }), Some(&admin))
            .await,
        app.op("SettleCommission", json!({ "id": entry }), Some(&admin)).await,
        app.op("Commissions", json!({ "partnerId": mine }), Some(&their_login)).await,
    ];
    for response in &not_found {
        response.assert_error("NOT_FOUND", None);
    }
    assert_eq!(app.event_count().await, events);
    let listed = app.graphql("{ partners { id } }", json!({}), Some(&admin)).await;
    assert_eq!(listed.data()["partners"], json!([{ "id": mine }]));
    let ledger = app.op("Commissions", json!({ "partnerId": theirs }), Some(&admin)).await;
    assert_eq!(ledger.data()["commissions"]["items"], json!([]));
}

/// Every field of each type a PARTNER can reach, so that a field added later is walked too.
const REACHABLE: &[(&str, &str)] = &[
    ("Partner", "id name email commissionPercent active createdAt"),
    ("PartnerOffer", "id description discountPercent discountCents validFrom validUntil eligibility partner"),
    ("OfferEligibility", "vehicleKind spentOverCents visitedWithinDays"),
    (
        "PartnerCustomer",
        "id name firstName offerDescription promoCode redeemed redeemedAt validUntil email phone",
    ),
    ("CommissionLedger", "receivableOpenCents payableOpenCents items"),
    ("Commission", "id direction amountCents description fromRedemption createdAt settledAt partner"),
    ("Benefit", "id promoCode grantedAt redeemedAt offer commission"),
];

const PARTNER_FIELDS: &str = "id name email commissionPercent active createdAt";
const OFFER_FIELDS: &str = "id description discountPercent discountCents validFrom validUntil \
    eligibility { vehicleKind spentOverCents visitedWithinDays } partner { id name email commissionPercent active createdAt }";

fn walk_query() -> String {
    format!(
        "{{ myPartner {{ {PARTNER_FIELDS} }} partnerOffers {{ {OFFER_FIELDS} }} \
         partnerCustomers(first: 100) {{ totalCount edges {{ cursor node {{ id name firstName offerDescription \
         promoCode redeemed redeemedAt validUntil email phone }} }} }} \
         commissions {{ receivableOpenCents payableOpenCents items {{ id direction amountCents description \
         fromRedemption createdAt settledAt partner {{ {PARTNER_FIELDS} }} }} }} }}"
    )
}

fn redeem_query() -> String {
    format!(
        "mutation($code: String!) {{ redeemPromoCode(promoCode: $code, saleCents: 5000) {{ id promoCode grantedAt \
         redeemedAt offer {{ {OFFER_FIELDS} }} commission {{ id direction amountCents description fromRedemption \
         createdAt settledAt partner {{ {PARTNER_FIELDS} }} }} }} }}"
    )
}

/// The PII boundary: a PARTNER walking every field it can reach finds no CPF, address, e-mail or
/// phone of a customer who did not consent to share with partners, and the e-mail and phone (never
/// the CPF or the address) of one who did.
#[tokio::test(flavor = "multi_thread")]
async fn a_partner_reaches_no_personal_data_without_the_customers_consent() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "admin-pa3@example.com").await;
    for (type_name, fields) in REACHABLE {
        let query = format!("{{ __type(name: \"{type_name}\") {{ fields {{ name }} }} }}");
        let found = app.graphql(&query, json!({}), Some(&admin)).await;
        let mut names: Vec<&str> = found.data()["__type"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        names.sort_unstable();
        let mut walked: Vec<&str> = fields.split(' ').collect();
        walked.sort_unstable();
        assert_eq!(names, walked, "{type_name}: walk every field a PARTNER can reach");
    }
    let maria = json!({
        "name": "Maria Silva", "document": "529.982.247-25",
        "emails": ["maria.silva@example.com"], "phones": [{"ddd": "11", "number": "987654321", "kind": "MOBILE"}],
        "addresses": [{"kind": "HOME", "street": "Rua das Acácias", "number": "10", "district": "Centro",
            "city": "São Paulo", "state": "SP", "cep": "01001-000"}]
    });
    let created = app.op("CreateCustomer", json!({ "input": maria }), Some(&admin)).await;
    let maria_id = id_of(&created, &["createCustomer", "id"]);
    let (partner_id, partner) = partner(&app, &admin, "pii@example.com", 10.0).await;
    let offer_id = offer(&app, &admin, &partner_id, json!({})).await;
    let code = code(&app, &admin, &maria_id, &offer_id).await;
    let secrets = [
        "52998224725",
        "529.982.247",
        "982.247",
        "maria.silva@",
        "987654321",
        "98765-4321",
        "Acácias",
        "01001",
    ];
    let assert_clean = |response: &Response, what: &str| {
        let text = response.body.to_string();
        for secret in secrets {
            assert!(!text.contains(secret), "{what} leaks {secret}: {text}");
        }
    };
    let walked = app.graphql(&walk_query(), json!({}), Some(&partner)).await;
    assert_eq!(walked.data()["partnerCustomers"]["edges"][0]["node"]["firstName"], "Maria");
    assert_eq!(walked.data()["partnerCustomers"]["edges"][0]["node"]["email"], Value::Null);
    assert_clean(&walked, "the partner's queries");
    let redeemed = app.graphql(&redeem_query(), json!({ "code": code }), Some(&partner)).await;
    assert_eq!(redeemed.data()["redeemPromoCode"]["commission"]["amountCents"], 500);
    assert_clean(&redeemed, "the redemption");

    let mut pooled = app.state.db.get().await.unwrap();
    let workshop = app.workshop_id(&admin).await;
    Customer::set_consent(
        &mut pooled.conn(),
        workshop,
        None,
        maria_id.parse().unwrap(),
        ConsentChannel::PartnerSharing,
        true,
        ConsentSource::Staff,
    )
    .await
    .unwrap();
    drop(pooled);
    let walked = app.graphql(&walk_query(), json!({}), Some(&partner)).await;
    let node = &walked.data()["partnerCustomers"]["edges"][0]["node"];
    assert_eq!(node["email"], "maria.silva@example.com");
    assert_eq!(node["phone"], "(11) 987654321");
    let text = walked.body.to_string();
    for secret in ["52998224725", "529.982.247", "Acácias", "01001"] {
        assert!(!text.contains(secret), "consent shares no {secret}: {text}");
    }
}

/// The lists cost the same number of statements for 2 customers as for 6: partnerCustomers (with
/// consenting customers on the page), commissions and the customer's benefits.
#[tokio::test(flavor = "multi_thread")]
async fn lists_cost_a_fixed_number_of_statements() {
    let app = TestApp::counting_statements().await;
    let admin = app.register(CNPJ_A, "admin-pa4@example.com").await;
    let workshop = app.workshop_id(&admin).await;
    let (partner_id, partner) = partner(&app, &admin, "stmt@example.com", 10.0).await;
    let offers = [
        offer(&app, &admin, &partner_id, json!({})).await,
        offer(&app, &admin, &partner_id, json!({ "discountPercent": null, "discountCents": 990 })).await,
    ];
    let (carlos, _, carlos_token) = crate::scheduling::customer(&app, &admin, 330).await;
    let customers_query = "{ partnerCustomers(first: 50) { totalCount edges { node { name firstName \
        offerDescription promoCode redeemed email phone } } } }";
    let ledger_query =
        "{ commissions { receivableOpenCents payableOpenCents items { id amountCents partner { name } } } }";
    let benefits_query =
        "{ myCustomer { benefits { id promoCode offer { description partner { name } } } } }";
    let mut counts = Vec::new();
    for round in 0..2 {
        for n in 0..(if round == 0 { 2 } else { 4 }) {
            let id = app
                .insert_customer(
                    workshop,
                    &format!("C{round}{n}"),
                    &crate::service_order_access::cpf(800 + round * 10 + n),
                )
                .await;
            let mut pooled = app.state.db.get().await.unwrap();
            Customer::set_consent(
                &mut pooled.conn(),
                workshop,
                None,
                id,
                ConsentChannel::PartnerSharing,
                true,
                ConsentSource::Staff,
            )
            .await
            .unwrap();
            drop(pooled);
            let code = code(&app, &admin, &id.to_string(), &offers[0]).await;
            redeem(&app, &partner, &code, 1000).await.data();
        }
        code(&app, &admin, &carlos, &offers[round as usize]).await;
        let count = |query: &'static str, token: String| {
            let app = &app;
            async move {
                app.fewest_statements(query, json!({}), &token, |r| {
                    r.data();
                })
                .await
            }
        };
        counts.push((
            count(customers_query, partner.clone()).await,
            count(ledger_query, partner.clone()).await,
            count(ledger_query, admin.clone()).await,
            count(benefits_query, carlos_token.clone()).await,
        ));
    }
    assert_eq!(counts[0], counts[1], "(partnerCustomers, commissions as partner and admin, benefits)");
}
