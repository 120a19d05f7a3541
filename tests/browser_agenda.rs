//! The staff agenda in a real browser, live: a customer books, and the staff's open agenda shows
//! the booking without a reload; staff mark it attended. Ignored by default, like the other
//! browser tests (tests/browser.rs, whose helpers it uses).

use chrono::{Days, Utc};
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use crate::browser::{Driver, app_with_spa, click, fill, submit, wait_for_path, wait_for_text};
use crate::helpers::{CNPJ_A, PASSWORD, TestApp};

/// The plate of the customer's car.
const PLATE: &str = "BRA2E19";

/// The first free slot from tomorrow on (the default calendar opens on weekdays): its start.
async fn first_free_slot(app: &TestApp, token: &str) -> String {
    let tomorrow = Utc::now().date_naive() + Days::new(1);
    for offset in 0..14 {
        let date = tomorrow + Days::new(offset);
        let slots = app.op("AvailableSlots", json!({ "date": date.to_string() }), Some(token)).await;
        if let Some(slot) = slots.data()["availableSlots"].as_array().and_then(|slots| slots.first()) {
            return slot["startsAt"].as_str().unwrap().to_owned();
        }
    }
    panic!("no free slot in the next two weeks");
}

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

/// Carla, a customer with a car, invited to the portal and signed in: her session token and
/// her vehicle's id.
async fn invited_customer(app: &TestApp, admin: &str) -> (String, String) {
    let created = app
        .op(
            "CreateCustomer",
            json!({ "input": { "name": "Carla Cliente", "document": "529.982.247-25",
                "emails": ["cliente@example.com"] }}),
            Some(admin),
        )
        .await;
    let customer_id = created.data()["createCustomer"]["id"].as_str().unwrap().to_owned();
    let vehicle = app
        .op(
            "CreateVehicle",
            json!({ "input": { "customerId": customer_id, "plate": PLATE, "kind": "CAR",
                "brand": "Fiat", "model": "Argo", "year": 2021 }}),
            Some(admin),
        )
        .await;
    let vehicle_id = vehicle.data()["createVehicle"]["id"].as_str().unwrap().to_owned();
    let invited = app
        .op(
            "InviteCustomer",
            json!({ "customerId": customer_id, "email": "cliente@example.com" }),
            Some(admin),
        )
        .await;
    assert_eq!(invited.data()["inviteCustomer"], true);
    let mail = app.wait_for_mail(1).await;
    let token = crate::portal_access::token_in(mail[0]["text"].as_str().unwrap(), "convite");
    let accepted = app.op("AcceptInvitation", json!({ "token": token, "password": PASSWORD }), None).await;
    let session = accepted.data()["acceptInvitation"]["token"].as_str().unwrap().to_owned();
    (session, vehicle_id)
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built SPA and chromium; run by cargo xtask test"]
async fn browser_a_customers_booking_appears_live_on_the_staff_agenda_and_is_marked_attended() {
    let (app, addr) = app_with_spa().await;
    let admin = app.register(CNPJ_A, "ze@example.com").await;
    let (customer, vehicle_id) = invited_customer(&app, &admin).await;
    let starts_at = first_free_slot(&app, &customer).await;

    let driver = Driver::start().await;
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

    // Carla books from her side; the staff's page shows it without a reload.
    let booked = app
        .op(
            "BookAppointment",
            json!({ "input": { "vehicleId": vehicle_id, "startsAt": starts_at, "notes": "revisão 40 mil km" }}),
            Some(&customer),
        )
        .await;
    let appointment_id = booked.data()["bookAppointment"]["id"].as_str().unwrap().to_owned();
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
        .filter(|appointment| appointment["id"] == appointment_id.as_str())
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["status"], "ATTENDED");
    browser.close().await.unwrap();
}
