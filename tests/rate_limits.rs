//! Rate limits and account enumeration: sign-in, password-reset and registration limits per
//! e-mail and per client address, counted atomically, on the in-memory limiter and on Redis shared
//! by two nodes; where the client address comes from; resets answered alike for every e-mail.

use futures_util::future::join_all;
use serde_json::{Value, json};

use crate::helpers::{CNPJ_A, CNPJ_B, Options, PASSWORD, Response, TestApp, over_socket, redis_available};

/// An app under test, once per limiter: alone with the in-memory one, and, when Redis is there,
/// as two nodes sharing a Redis namespace; [`Nodes::at`] alternates between them.
struct Nodes {
    first: TestApp,
    second: Option<TestApp>,
}

impl Nodes {
    /// The node for the `i`th request.
    fn at(&self, i: usize) -> &TestApp {
        match &self.second {
            Some(second) if i % 2 == 1 => second,
            _ => &self.first,
        }
    }

    /// The `i`th request, a SignIn with `variables` from `address`.
    async fn sign_in(&self, i: usize, address: &str, variables: Value) -> Response {
        self.at(i).op_from(address, None, "SignIn", variables).await
    }

    /// The `i`th request, a RequestPasswordReset for `email` from `address`.
    async fn reset(&self, i: usize, address: &str, email: &str) -> Response {
        self.at(i).op_from(address, None, "RequestPasswordReset", json!({ "email": email })).await
    }
}

/// One [`Nodes`] per limiter, with `OFICINA_TRUSTED_PROXIES=trusted_proxies` when given.
async fn each_limiter(trusted_proxies: Option<&'static str>) -> Vec<Nodes> {
    let options = |redis_namespace| Options { redis_namespace, trusted_proxies, ..Options::default() };
    let mut all = vec![Nodes { first: TestApp::spawn_with(options(None)).await, second: None }];
    if redis_available() {
        let namespace = format!("oficina-test-limits-{}", random_suffix());
        let first = TestApp::spawn_with(options(Some(namespace.clone()))).await;
        let second = first.another_node(options(Some(namespace))).await;
        all.push(Nodes { first, second: Some(second) });
    }
    all
}

fn random_suffix() -> u128 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
    now.as_nanos() * 1000 + u128::from(std::process::id() % 1000)
}

fn wrong(email: &str) -> Value {
    json!({ "email": email, "password": "errada-errada" })
}

fn right(email: &str) -> Value {
    json!({ "email": email, "password": PASSWORD })
}

#[tokio::test(flavor = "multi_thread")]
async fn parallel_wrong_sign_ins_get_no_more_password_checks_than_the_limit() {
    for nodes in each_limiter(None).await {
        nodes.first.register(CNPJ_A, "ze@example.com").await;
        let attempts = (0..20).map(|i| nodes.at(i).op("SignIn", wrong("ze@example.com"), None));
        let codes: Vec<String> = join_all(attempts).await.iter().map(|r| r.code().to_owned()).collect();
        let count = |code: &str| codes.iter().filter(|c| *c == code).count();
        // Each attempt counts before its password is checked: only the first five get a check.
        assert_eq!((count("UNAUTHENTICATED"), count("RATE_LIMITED")), (5, 15), "{codes:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_guesser_locks_the_owner_out_only_at_the_guessers_address() {
    for nodes in each_limiter(None).await {
        nodes.first.register(CNPJ_A, "ze@example.com").await;
        let (guesser, owner) = ("203.0.113.66", "198.51.100.10");
        for i in 0..5 {
            nodes.sign_in(i, guesser, wrong("ze@example.com")).await.assert_error("UNAUTHENTICATED", None);
        }
        let locked = nodes.sign_in(5, guesser, right("ze@example.com")).await;
        locked.assert_error("RATE_LIMITED", None);
        // The owner, elsewhere, gets in; a success does not count, so four failures around it
        // and one more are still checked (six attempts, five of them failures).
        for i in 0..4 {
            nodes.sign_in(i, owner, wrong("ze@example.com")).await.assert_error("UNAUTHENTICATED", None);
        }
        let signed_in = nodes.sign_in(4, owner, right("ze@example.com")).await;
        assert!(signed_in.data()["signIn"]["token"].is_string());
        let fifth = nodes.sign_in(5, owner, wrong("ze@example.com")).await;
        fifth.assert_error("UNAUTHENTICATED", None);
        let sixth = nodes.sign_in(6, owner, right("ze@example.com")).await;
        sixth.assert_error("RATE_LIMITED", None);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn failed_sign_ins_for_one_email_from_many_addresses_are_limited() {
    for nodes in each_limiter(None).await {
        nodes.first.register(CNPJ_A, "ze@example.com").await;
        for i in 0..20 {
            let address = format!("203.0.113.{}", i / 5);
            let response = nodes.sign_in(i, &address, wrong("ze@example.com")).await;
            response.assert_error("UNAUTHENTICATED", None);
        }
        let fresh_address = nodes.sign_in(0, "198.51.100.1", right("ze@example.com")).await;
        fresh_address.assert_error("RATE_LIMITED", None);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn failed_sign_ins_from_one_address_are_limited_across_emails() {
    for nodes in each_limiter(None).await {
        nodes.first.register(CNPJ_A, "ze@example.com").await;
        let sprayer = "203.0.113.7";
        for i in 0..30 {
            let email = format!("pessoa{}@example.com", i / 5);
            let response = nodes.sign_in(i, sprayer, wrong(&email)).await;
            response.assert_error("UNAUTHENTICATED", None);
        }
        let limited = nodes.sign_in(30, sprayer, right("ze@example.com")).await;
        limited.assert_error("RATE_LIMITED", None);
        let elsewhere = nodes.sign_in(31, "198.51.100.1", right("ze@example.com")).await;
        assert!(elsewhere.data()["signIn"]["token"].is_string());
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn behind_a_trusted_proxy_the_forwarded_address_is_the_client() {
    for nodes in each_limiter(Some("10.0.0.1, 10.1.0.0/16")).await {
        nodes.first.register(CNPJ_A, "ze@example.com").await;
        let via_proxy = |i: usize, forwarded: &'static str, variables: Value| {
            nodes.at(i).op_from("10.0.0.1", Some(forwarded), "SignIn", variables)
        };
        // The client wrote the first address itself; the proxies appended the rest.
        for i in 0..5 {
            let forwarded = ["1.1.1.1, 203.0.113.5, 10.1.2.3", "2.2.2.2, 203.0.113.5"][i % 2];
            via_proxy(i, forwarded, wrong("ze@example.com")).await.assert_error("UNAUTHENTICATED", None);
        }
        via_proxy(5, "203.0.113.5", right("ze@example.com")).await.assert_error("RATE_LIMITED", None);
        let other_client = via_proxy(6, "198.51.100.20", right("ze@example.com")).await;
        assert!(other_client.data()["signIn"]["token"].is_string());

        // From an address that is not a proxy, X-Forwarded-For is the client's own word.
        for i in 0..5 {
            let forwarded = ["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"][i];
            let response = nodes
                .at(i)
                .op_from("198.51.100.99", Some(forwarded), "SignIn", wrong("ze@example.com"))
                .await;
            response.assert_error("UNAUTHENTICATED", None);
        }
        let spoofed =
            nodes.at(5).op_from("198.51.100.99", Some("192.0.2.6"), "SignIn", right("ze@example.com")).await;
        spoofed.assert_error("RATE_LIMITED", None);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_served_app_counts_by_the_socket_address() {
    for nodes in each_limiter(None).await {
        nodes.first.register(CNPJ_A, "ze@example.com").await;
        let addr = nodes.at(1).serve().await;
        for _ in 0..5 {
            over_socket(addr, None, "SignIn", wrong("ze@example.com"))
                .await
                .assert_error("UNAUTHENTICATED", None);
        }
        over_socket(addr, None, "SignIn", right("ze@example.com")).await.assert_error("RATE_LIMITED", None);
        // In-process requests have no socket: they are another client.
        let in_process = nodes.at(0).op("SignIn", right("ze@example.com"), None).await;
        assert!(in_process.data()["signIn"]["token"].is_string());
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reset_is_answered_alike_for_every_email_and_sent_only_to_an_account() {
    for nodes in each_limiter(None).await {
        nodes.first.register(CNPJ_A, "ze@example.com").await;
        let unknown =
            nodes.at(0).op("RequestPasswordReset", json!({ "email": "ninguem@example.com" }), None).await;
        let known = nodes.at(1).op("RequestPasswordReset", json!({ "email": "ze@example.com" }), None).await;
        assert_eq!(known.body, json!({ "data": { "requestPasswordReset": true } }));
        assert_eq!((unknown.status, &unknown.body), (known.status, &known.body));
        let mail = nodes.first.wait_for_mail(1).await;
        assert_eq!(mail[0]["to"], "ze@example.com");
        // Nothing goes to the unknown e-mail.
        assert_eq!(nodes.first.mail_log().len(), 1);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_fourth_reset_for_one_email_within_the_hour_is_rate_limited_known_or_not() {
    for nodes in each_limiter(None).await {
        nodes.first.register(CNPJ_A, "ze@example.com").await;
        for email in ["ze@example.com", "ninguem@example.com"] {
            for i in 0..3 {
                let response = nodes.reset(i, "203.0.113.1", email).await;
                assert_eq!(response.data()["requestPasswordReset"], true);
            }
            // The same answer for both, from any address, in any case.
            let fourth = nodes.reset(3, "198.51.100.1", &email.to_uppercase()).await;
            fourth.assert_error("RATE_LIMITED", None);
        }
        assert_eq!(nodes.first.wait_for_mail(3).await.len(), 3);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn resets_from_one_address_are_limited_across_emails() {
    for nodes in each_limiter(None).await {
        for i in 0..20 {
            let email = format!("pessoa{i}@example.com");
            let response = nodes.reset(i, "203.0.113.2", &email).await;
            assert_eq!(response.data()["requestPasswordReset"], true);
        }
        let limited = nodes.reset(20, "203.0.113.2", "outra@example.com").await;
        limited.assert_error("RATE_LIMITED", None);
        let elsewhere = nodes.reset(21, "198.51.100.2", "outra@example.com").await;
        assert_eq!(elsewhere.data()["requestPasswordReset"], true);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn registrations_from_one_address_are_limited_whatever_their_outcome() {
    for nodes in each_limiter(None).await {
        let register = |i: usize, address: &'static str, cnpj: &str, email: &str| {
            let input = json!({ "input": {
                "workshopName": "Oficina", "cnpj": cnpj, "adminName": "José", "email": email, "password": PASSWORD,
            }});
            nodes.at(i).op_from(address, None, "RegisterWorkshop", input)
        };
        let prober = "203.0.113.3";
        let first = register(0, prober, CNPJ_A, "ze@example.com").await;
        assert!(first.data()["registerWorkshop"]["token"].is_string());
        // Nine more probes of e-mails in use: CONFLICT, as the contract says, until the limit.
        for i in 1..10 {
            register(i, prober, CNPJ_B, "ze@example.com").await.assert_error("CONFLICT", Some("input.email"));
        }
        register(10, prober, CNPJ_B, "ze@example.com").await.assert_error("RATE_LIMITED", None);
        register(11, prober, CNPJ_B, "novo@example.com").await.assert_error("RATE_LIMITED", None);
        let elsewhere = register(12, "198.51.100.3", CNPJ_B, "novo@example.com").await;
        assert!(elsewhere.data()["registerWorkshop"]["token"].is_string());
    }
}
