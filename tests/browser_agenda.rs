//! The staff agenda in a real browser, live: a customer books on her page, and the staff's open
//! agenda (a second page) shows the booking without a reload; staff mark it attended. Ignored by
//! default, like the other browser tests (tests/browser.rs, whose helpers it uses).

use chrono::{Days, Utc};
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use crate::browser::{Driver, app_with_spa, attribute, click, fill, submit, wait_for_path, wait_for_text};
use crate::browser_booking::{invited_customer, pick_an_open_day};
use crate::helpers::{CNPJ_A, PASSWORD};

/// The plate of the customer's car (`invited_customer`'s).
const PLATE: &str = "BRA2E19";

/// The browser's local day (`YYYY-MM-DD`) of an instant: the day the agenda shows it on.
async fn local_day(browser: &Client, instant: &str) -> String {
    let day = browser
        .execute(
            "const d = new Date(arguments[0]);
             const two = (n) => String(n).padStart(2, '0');
             return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;",
            vec![json!(instant)],
        )
        .await
        .unwrap();
    day.as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built SPA and chromium; run by cargo xtask test"]
async fn browser_a_customers_booking_appears_live_on_the_staff_agenda_and_is_marked_attended() {
    let (app, addr) = app_with_spa().await;
    let admin = app.register(CNPJ_A, "ze@example.com").await;
    let (_, link) = invited_customer(&app, &admin, addr).await;

    // Two pages at once: Carla on her booking page, the staff on the agenda.
    let driver = Driver::start().await;
    let customer = driver.browser().await;
    customer.goto(&link).await.unwrap();
    fill(&customer, "password", PASSWORD).await;
    submit(&customer).await;
    wait_for_path(&customer, "/cliente").await;
    customer.goto(&format!("http://{addr}/cliente/agendar")).await.unwrap();
    wait_for_text(&customer, "select[name=vehicleId]", PLATE).await;
    pick_an_open_day(&customer).await;
    let starts_at = attribute(&customer, "[data-test=slot]", "data-starts-at").await;

    let browser = driver.browser().await;
    let base = format!("http://{addr}");
    browser.goto(&format!("{base}/entrar")).await.unwrap();
    fill(&browser, "email", "ze@example.com").await;
    fill(&browser, "password", PASSWORD).await;
    submit(&browser).await;
    wait_for_path(&browser, "/painel").await;

    // The staff open the day of the slot from the menu's agenda, and it is live.
    click(&browser, "[data-test=nav-agenda]").await;
    wait_for_path(&browser, "/painel/agenda").await;
    let day = local_day(&browser, &starts_at).await;
    browser.goto(&format!("{base}/painel/agenda?dia={day}")).await.unwrap();
    // A phone-width window: the day is a list of its slots, each with its time.
    wait_for_text(&browser, "[data-test=agenda-row]", ":00").await;
    wait_for_text(&browser, "[data-test=live]", "Ao vivo").await;
    assert!(browser.find(Locator::Css("[data-test=appointment]")).await.is_err(), "nothing is booked yet");

    // Carla books on her page; the staff's page shows it without a reload.
    click(&customer, "[data-test=slot]").await;
    fill(&customer, "notes", "revisão 40 mil km").await;
    click(&customer, "[data-test=confirm-booking]").await;
    wait_for_text(&customer, "[data-test=booked]", "Agendado para").await;
    wait_for_text(&browser, "[data-test=appointment]", PLATE).await;
    wait_for_text(&browser, "[data-test=appointment]", "Carla Cliente").await;
    wait_for_text(&browser, "[data-test=appointment-status]", "Agendado").await;
    assert_eq!(browser.current_url().await.unwrap().query(), Some(format!("dia={day}").as_str()));
    // The staff mark it attended: the card and the server agree.
    click(&browser, "[data-test=appointment] [data-test=mark-attended]").await;
    wait_for_text(&browser, "[data-test=appointment-status]", "Compareceu").await;
    let from = Utc::now().to_rfc3339();
    let to = (Utc::now() + Days::new(20)).to_rfc3339();
    let listed = app.op("UpcomingAppointments", json!({ "from": from, "to": to }), Some(&admin)).await;
    let found: Vec<&Value> = listed.data()["upcomingAppointments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|appointment| appointment["vehicle"]["plate"] == PLATE)
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["status"], "ATTENDED");
    customer.close().await.unwrap();
    browser.close().await.unwrap();
}
