//! The customer's booking page in the real browser app: an invited customer books a slot on
//! /cliente/agendar, sees it in "Meus agendamentos", cancels it, and sees a booking the workshop
//! makes for them appear without a reload.

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use serde_json::json;

use crate::browser::{Driver, app_with_spa, attribute, click, fill, submit, wait_for_path, wait_for_text};
use crate::helpers::{CNPJ_A, PASSWORD, TestApp};

/// An open day of the calendar that is not today (a slot today may be too close to cancel).
const OPEN_DAY: &str = "[data-test=calendar-day]:not([disabled]):not(.calendar__day--today)";

/// A customer with the vehicle BRA2E19, invited by `admin`; returns the vehicle's id and the
/// invitation link.
pub(crate) async fn invited_customer(
    app: &TestApp,
    admin: &str,
    addr: std::net::SocketAddr,
) -> (String, String) {
    let customer = json!({ "name": "Carla Cliente", "document": "529.982.247-25",
        "emails": ["cliente@example.com"] });
    let (customer_id, vehicle_id) = app.customer_with_car(admin, customer, "BRA2E19").await;
    let token = app.invitation_token(admin, &customer_id, "cliente@example.com").await;
    (vehicle_id, format!("http://{addr}/convite/{token}"))
}

/// Clicks the first open day that is not today, going to the next month (at most twice) when
/// the month shown has none.
pub(crate) async fn pick_an_open_day(browser: &Client) {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut months_ahead = 0;
    loop {
        let loaded = browser.find(Locator::Css("[data-test=calendar][aria-busy=false]")).await.is_ok();
        if loaded {
            if let Ok(day) = browser.find(Locator::Css(OPEN_DAY)).await {
                day.click().await.unwrap();
                return;
            }
            assert!(months_ahead < 2, "no open day in three months");
            let title =
                browser.find(Locator::Css("[data-test=calendar-title]")).await.unwrap().text().await.unwrap();
            click(browser, "[data-test=next-month]").await;
            months_ahead += 1;
            while browser
                .find(Locator::Css("[data-test=calendar-title]"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
                == title
            {
                assert!(Instant::now() < deadline, "the calendar never showed the next month");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        assert!(Instant::now() < deadline, "the calendar never loaded");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built SPA and chromium; run by cargo xtask test"]
async fn browser_customer_books_sees_cancels_and_gets_the_workshops_booking_live() {
    let (app, addr) = app_with_spa().await;
    let admin = app.register(CNPJ_A, "ze@example.com").await;
    let (vehicle_id, link) = invited_customer(&app, &admin, addr).await;

    let driver = Driver::start().await;
    let browser = driver.browser().await;
    browser.goto(&link).await.unwrap();
    fill(&browser, "password", PASSWORD).await;
    submit(&browser).await;
    wait_for_path(&browser, "/cliente").await;

    // From the portal's home to the booking page: nothing booked yet.
    click(&browser, "[data-test=booking-link]").await;
    wait_for_path(&browser, "/cliente/agendar").await;
    wait_for_text(&browser, "[data-test=my-appointments-empty]", "Nenhum agendamento").await;
    wait_for_text(&browser, "select[name=vehicleId]", "BRA2E19").await;

    // Confirming without a slot says what is missing.
    click(&browser, "[data-test=confirm-booking]").await;
    wait_for_text(&browser, "[data-test=booking-error]", "Escolha um dia e um horário").await;

    pick_an_open_day(&browser).await;
    let starts_at = attribute(&browser, "[data-test=slot]", "data-starts-at").await;
    assert!(!starts_at.is_empty(), "a slot carries its start");
    click(&browser, "[data-test=slot]").await;
    fill(&browser, "notes", "revisão 40 mil km").await;
    click(&browser, "[data-test=confirm-booking]").await;
    wait_for_text(&browser, "[data-test=booked]", "Agendado para").await;

    // "Meus agendamentos" shows it, booked, with its car and notes.
    wait_for_text(&browser, "[data-test=my-appointment]", "BRA2E19").await;
    wait_for_text(&browser, "[data-test=my-appointment]", "revisão 40 mil km").await;
    wait_for_text(&browser, "[data-test=my-appointment-status]", "Agendado").await;

    // Cancelling asks first; "Voltar" keeps it.
    click(&browser, "[data-test=cancel-appointment]").await;
    wait_for_text(&browser, "[data-test=cancel-appointment-dialog]", "Cancelar este agendamento?").await;
    click(&browser, "[data-test=confirm-cancel-appointment]").await;
    wait_for_text(&browser, "[data-test=my-appointment-status]", "Cancelado").await;
    assert!(
        browser.find(Locator::Css("[data-test=cancel-appointment]")).await.is_err(),
        "a cancelled appointment offers no cancel"
    );

    // The workshop books the same slot for Carla: it shows without a reload.
    let booked = app
        .op(
            "BookAppointment",
            json!({ "input": { "vehicleId": vehicle_id, "startsAt": starts_at } }),
            Some(&admin),
        )
        .await;
    assert_eq!(booked.data()["bookAppointment"]["status"], "BOOKED");
    wait_for_text(&browser, "[data-test=my-appointment-status]", "Agendado").await;
    wait_for_text(&browser, "[data-test=my-appointment]", "Cancelado").await;
    browser.close().await.unwrap();
}

/// Sets the input named `name` to `value` as typing would (time and date inputs take keys in
/// the browser's locale's order, so they are set directly).
async fn set_value(browser: &Client, name: &str, value: &str) {
    browser.wait().for_element(Locator::Css(&format!("[name=\"{name}\"]"))).await.unwrap();
    let script = "const input = document.querySelector(`[name=\"${arguments[0]}\"]`); \
        input.value = arguments[1]; input.dispatchEvent(new Event('input', { bubbles: true }));";
    browser.execute(script, vec![json!(name), json!(value)]).await.unwrap();
}

/// The current value of the input named `name`, once it exists.
async fn value_of(browser: &Client, name: &str) -> String {
    let input = browser.wait().for_element(Locator::Css(&format!("[name=\"{name}\"]"))).await.unwrap();
    input.prop("value").await.unwrap().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built SPA and chromium; run by cargo xtask test"]
async fn browser_admin_adds_sunday_hours_and_a_closed_date_with_the_error_at_its_field() {
    let (app, addr) = app_with_spa().await;
    app.register(CNPJ_A, "ze@example.com").await;
    let driver = Driver::start().await;
    let browser = driver.browser().await;
    browser.goto(&format!("http://{addr}/entrar")).await.unwrap();
    fill(&browser, "email", "ze@example.com").await;
    fill(&browser, "password", PASSWORD).await;
    submit(&browser).await;
    wait_for_path(&browser, "/painel").await;

    // The staff page leads the ADMIN to the calendar: the defaults (Mon–Fri split, Sat morning).
    browser.goto(&format!("http://{addr}/painel/equipe")).await.unwrap();
    click(&browser, "[data-test=calendar-settings-link]").await;
    wait_for_path(&browser, "/painel/agenda/configuracoes").await;
    wait_for_text(&browser, "[data-weekday='7'] [data-test=weekday-closed]", "Fechado").await;
    assert_eq!(value_of(&browser, "openingHours.10.opens").await, "08:00");

    // Sunday 12:00–09:00: the server's error shows at that range's closing time.
    click(&browser, "[data-weekday='7'] [data-test=add-range]").await;
    set_value(&browser, "openingHours.11.opens", "12:00").await;
    set_value(&browser, "openingHours.11.closes", "09:00").await;
    click(&browser, "[data-test=save-calendar]").await;
    wait_for_text(&browser, "[data-field-error='openingHours.11.closes']", "").await;
    assert!(browser.find(Locator::Css("[data-test=calendar-saved]")).await.is_err(), "nothing was saved");

    set_value(&browser, "openingHours.11.opens", "08:00").await;
    set_value(&browser, "openingHours.11.closes", "12:00").await;
    set_value(&browser, "newClosedDate", "2030-12-25").await;
    click(&browser, "[data-test=add-closed-date]").await;
    click(&browser, "[data-test=save-calendar]").await;
    wait_for_text(&browser, "[data-test=calendar-saved]", "Agenda salva").await;

    // Saved: a reload shows Sunday's range and the closed date.
    browser.refresh().await.unwrap();
    assert_eq!(value_of(&browser, "openingHours.11.closes").await, "12:00");
    wait_for_text(&browser, "[data-test=closed-date]", "25/12/2030").await;
    browser.close().await.unwrap();
}
