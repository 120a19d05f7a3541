//! The outbox delivers each message at most once: several workers at once never send the same
//! message twice, and a delivery a crash interrupted (started, maybe sent, no outcome recorded) or
//! whose outcome is unknown is given up on, never sent again, while the rest of the crashed
//! worker's claim is still delivered. On a database with no app on it, so
//! the workers in play are exactly the test's.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use oficina_api::config::{DEFAULT_MAIL_FROM, MailConfig, MailFrom};
use oficina_api::mail::{Mailer, Outbox, templates};
use oficina_domain::Db;
use oficina_domain::notifications::{INTERRUPTED, Mail, Notification};
use oficina_domain::schema::{notifications, workshops};
use tokio::io::AsyncReadExt;

use crate::helpers::sendgrid::{FakeSendGrid, Recorded};
use crate::helpers::{CNPJ_A, PUBLIC_URL, TestDatabase};
use crate::portal_access::wait_until_processed;

/// A workshop for the messages to belong to; its id.
async fn insert_workshop(db: &Db) -> i64 {
    let now = chrono::Utc::now().naive_utc();
    let mut pooled = db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        diesel::insert_into(workshops::table)
            .values((
                workshops::name.eq("Oficina do Zé"),
                workshops::cnpj.eq(CNPJ_A),
                workshops::created_at.eq(now),
            ))
            .returning(workshops::id)
            .get_result(c)
            .await
    })
    .unwrap()
}

/// Queues a due password-reset message to `pessoa<i>@example.com` for each `i` in `people`.
async fn queue(db: &Db, workshop_id: i64, people: Range<usize>) {
    let now = chrono::Utc::now().naive_utc();
    let mut pooled = db.get().await.unwrap();
    for i in people {
        let mail = Mail::PasswordReset { name: format!("Pessoa {i}") };
        let row = (
            notifications::workshop_id.eq(workshop_id),
            notifications::kind.eq(mail.kind()),
            notifications::recipient.eq(recipient(i)),
            notifications::locale.eq("pt-BR"),
            notifications::payload.eq(serde_json::to_string(&mail).unwrap()),
            notifications::secret.eq(Some(format!("segredo-{i}"))),
            notifications::created_at.eq(now),
            notifications::next_attempt_at.eq(now),
        );
        oficina_domain::run!(&mut pooled.conn(), |c| {
            diesel::insert_into(notifications::table).values(row.clone()).execute(c).await
        })
        .unwrap();
    }
}

fn recipient(i: usize) -> String {
    format!("pessoa{i}@example.com")
}

/// A worker's mailer, sending through `config`.
fn mailer(config: &MailConfig) -> Mailer {
    Mailer::new(config, &MailFrom::parse(DEFAULT_MAIL_FROM).unwrap())
}

/// Starts an outbox worker of its own (its own pool) on `database`, sending through `config`.
async fn start_worker(database: &TestDatabase, config: &MailConfig) {
    Outbox::spawn(database.open(2).await, mailer(config), PUBLIC_URL.into());
}

/// The recipient of each mail-send request, sorted.
fn recipients(requests: &[Recorded]) -> Vec<String> {
    let mut all: Vec<String> = requests
        .iter()
        .map(|r| r.body["personalizations"][0]["to"][0]["email"].as_str().unwrap().to_owned())
        .collect();
    all.sort();
    all
}

#[tokio::test(flavor = "multi_thread")]
async fn two_workers_at_once_deliver_each_due_message_exactly_once() {
    // Each answer takes a moment, so that the two workers' batches overlap.
    let sendgrid = FakeSendGrid::start_with(0, std::time::Duration::from_millis(20)).await;
    let database = TestDatabase::create().await;
    let db = database.open(2).await;
    let workshop = insert_workshop(&db).await;
    let count = 60;
    queue(&db, workshop, 0..count).await;
    start_worker(&database, &sendgrid.config()).await;
    start_worker(&database, &sendgrid.config()).await;

    let processed = wait_until_processed(&db).await;
    assert_eq!(processed.len(), count);
    assert!(processed.iter().all(|row| *row == (1, None, None)), "{processed:?}");
    let requests = sendgrid.requests.lock().unwrap().clone();
    let mut expected: Vec<String> = (0..count).map(recipient).collect();
    expected.sort();
    assert_eq!(recipients(&requests), expected, "every message once");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_delivery_interrupted_between_sending_and_recording_is_not_sent_again() {
    let sendgrid = FakeSendGrid::start(0).await;
    let database = TestDatabase::create().await;
    let db = database.open(2).await;
    let workshop = insert_workshop(&db).await;
    queue(&db, workshop, 0..2).await;

    // A worker claims both messages, starts sending the first and sends it, and dies before it
    // records the outcome (and before it starts the second).
    let claimed = Notification::claim_due(&mut db.get().await.unwrap().conn(), 10).await.unwrap();
    assert_eq!(claimed.len(), 2);
    assert!(claimed[0].start_sending(&mut db.get().await.unwrap().conn()).await.unwrap());
    let message = templates::render(&claimed[0], PUBLIC_URL).unwrap();
    mailer(&sendgrid.config()).send(&message).await.unwrap();
    // Nobody else claims them while the lease lasts, nor starts the one started.
    let again = Notification::claim_due(&mut db.get().await.unwrap().conn(), 10).await.unwrap();
    assert!(again.is_empty(), "{again:?}");
    assert!(!claimed[0].start_sending(&mut db.get().await.unwrap().conn()).await.unwrap());

    // The lease runs out; a worker runs.
    let past = chrono::Utc::now().naive_utc() - chrono::Duration::seconds(1);
    let mut pooled = db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        diesel::update(notifications::table).set(notifications::next_attempt_at.eq(past)).execute(c).await
    })
    .unwrap();
    start_worker(&database, &sendgrid.config()).await;

    let processed = wait_until_processed(&db).await;
    assert_eq!(processed, [(1, Some(INTERRUPTED.to_owned()), None), (1, None, None)]);
    let requests = sendgrid.requests.lock().unwrap().clone();
    assert_eq!(recipients(&requests), [recipient(0), recipient(1)], "the interrupted one not resent");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_send_with_no_answer_is_not_sent_again() {
    // A SendGrid that takes each request and drops the connection without answering.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let config = MailConfig::SendGrid {
        api_key: "SG.test-key".into(),
        base_url: format!("http://{}", listener.local_addr().unwrap()),
    };
    let connections = std::sync::Arc::new(AtomicUsize::new(0));
    let counted = connections.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            counted.fetch_add(1, Ordering::SeqCst);
            let mut request = [0u8; 256];
            let _ = socket.read(&mut request).await;
        }
    });
    let database = TestDatabase::create().await;
    let db = database.open(2).await;
    let workshop = insert_workshop(&db).await;
    queue(&db, workshop, 0..1).await;
    start_worker(&database, &config).await;

    let processed = wait_until_processed(&db).await;
    let (attempts, error, secret) = &processed[0];
    assert_eq!((*attempts, secret), (1, &None));
    assert!(error.as_deref().unwrap().starts_with(INTERRUPTED), "{error:?}");
    assert_eq!(AtomicUsize::load(&connections, Ordering::SeqCst), 1, "tried once, never again");
}
