//! The chat in two real browsers, live both ways: a customer writes to the workshop from the
//! portal (HTML in the body shows as text, a link is a link), the staff's open inbox shows the
//! conversation without a reload, the staff open it and answer, the customer sees the answer
//! without a reload, and each side sees "visto" on its message once the other read it. Ignored by
//! default, like the other browser tests (tests/browser.rs, whose helpers it uses).

use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use crate::browser::{Driver, app_with_spa, click, fill, submit, wait_for_path, wait_for_text};
use crate::browser_booking::invited_customer;
use crate::helpers::{CNPJ_A, PASSWORD};

/// What the customer writes: HTML that must stay text, and a link.
const QUESTION: &str = "Olá! <img src=x onerror=alert(1)> O carro fica pronto hoje? https://exemplo.com/os";
/// The WebDriver key code of Enter (the composer sends on Enter).
const ENTER: &str = "\u{E007}";

/// What the page made of the question, read at once (a message is drawn again when it is read):
/// how many `img` elements the messages hold, and the `target` and `rel` of the question's link.
async fn rendered_body(browser: &Client) -> Value {
    browser
        .execute(
            "const link = document.querySelector('[data-test=chat-body] a[href=\"https://exemplo.com/os\"]');
             return [document.querySelectorAll('[data-test=chat-messages] img').length,
                     link && link.getAttribute('target'), link && link.getAttribute('rel')];",
            vec![],
        )
        .await
        .unwrap()
}

/// Types `text` into the chat composer.
async fn type_message(browser: &Client, text: &str) {
    let composer =
        browser.wait().for_element(Locator::Css("[data-test=chat-composer] textarea")).await.unwrap();
    composer.send_keys(text).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built SPA and chromium; run by cargo xtask test"]
async fn browser_customer_and_staff_chat_live_with_html_shown_as_text_and_seen_marks() {
    let (app, addr) = app_with_spa().await;
    let admin = app.register(CNPJ_A, "ze@example.com").await;
    let (_, link) = invited_customer(&app, &admin, addr).await;
    let base = format!("http://{addr}");

    // The staff open the inbox from the menu: nothing yet, and live.
    let driver = Driver::start().await;
    let staff = driver.browser().await;
    staff.goto(&format!("{base}/entrar")).await.unwrap();
    fill(&staff, "email", "ze@example.com").await;
    fill(&staff, "password", PASSWORD).await;
    submit(&staff).await;
    wait_for_path(&staff, "/painel").await;
    click(&staff, "[data-test=nav-chat]").await;
    wait_for_path(&staff, "/painel/conversas").await;
    wait_for_text(&staff, "[data-test=chat-empty]", "Nenhuma conversa ainda").await;
    wait_for_text(&staff, "[data-test=live]", "Ao vivo").await;

    // Carla accepts her invitation and opens the chat from the portal's home.
    let customer = driver.browser().await;
    customer.goto(&link).await.unwrap();
    fill(&customer, "password", PASSWORD).await;
    submit(&customer).await;
    wait_for_path(&customer, "/cliente").await;
    click(&customer, "[data-test=chat-link]").await;
    wait_for_path(&customer, "/cliente/conversa").await;
    wait_for_text(&customer, "[data-test=chat-empty]", "Nenhuma mensagem ainda").await;
    wait_for_text(&customer, "[data-test=live]", "Ao vivo").await;

    // She writes (Enter sends): her message shows as she typed it.
    type_message(&customer, QUESTION).await;
    wait_for_text(&customer, "[data-test=chat-count]", &format!("{}/4000", QUESTION.chars().count())).await;
    type_message(&customer, ENTER).await;
    wait_for_text(&customer, "[data-test=chat-message][data-mine=true]", QUESTION).await;
    wait_for_text(&customer, "[data-test=chat-count]", "0/4000").await;

    // The staff's inbox shows it without a reload, unread, and so does the menu's badge.
    wait_for_text(&staff, "[data-test=chat-conversation]", "Carla Cliente").await;
    wait_for_text(&staff, "[data-test=chat-preview]", "O carro fica pronto hoje?").await;
    wait_for_text(&staff, "[data-test=chat-unread-count]", "1").await;
    wait_for_text(&staff, "[data-test=nav-chat] [data-test=chat-unread]", "1").await;

    // The staff open it: the HTML is text, the link a link that opens apart.
    click(&staff, "[data-test=chat-conversation]").await;
    wait_for_text(&staff, "[data-test=chat-pane] [data-test=chat-customer]", "Carla Cliente").await;
    wait_for_text(&staff, "[data-test=chat-body]", "<img src=x onerror=alert(1)>").await;
    for browser in [&staff, &customer] {
        assert_eq!(rendered_body(browser).await, json!([0, "_blank", "noopener noreferrer"]));
    }
    // Opening it read it: the badge goes, and Carla sees "visto" without a reload.
    wait_for_text(&customer, "[data-test=chat-message][data-mine=true] [data-test=chat-seen]", "visto").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while staff.find(Locator::Css("[data-test=nav-chat] [data-test=chat-unread]")).await.is_ok() {
        assert!(std::time::Instant::now() < deadline, "the unread badge stayed after reading");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    // The staff answer (the button sends too); Carla sees it live, and the staff see "visto",
    // as her open page read it.
    type_message(&staff, "Fica sim, às 17h.").await;
    click(&staff, "[data-test=chat-send]").await;
    wait_for_text(&staff, "[data-test=chat-message][data-mine=true]", "Fica sim, às 17h.").await;
    wait_for_text(&customer, "[data-test=chat-message][data-mine=false]", "Fica sim, às 17h.").await;
    wait_for_text(&customer, "[data-test=chat-message][data-mine=false]", "José Admin").await;
    wait_for_text(&staff, "[data-test=chat-message][data-mine=true] [data-test=chat-seen]", "visto").await;

    // On a phone the conversation fills the screen; back to the list, by tab. The staff take the
    // conversation ("Minhas"), then resolve it ("Resolvidas").
    let assignee = staff.wait().for_element(Locator::Css("select[name=assignee]")).await.unwrap();
    wait_for_text(&staff, "select[name=assignee]", "José Admin").await;
    assignee.select_by_label("José Admin").await.unwrap();
    click(&staff, "[data-test=chat-back]").await;
    click(&staff, "[data-test=chat-tab-minhas]").await;
    wait_for_text(&staff, "[data-test=chat-conversation]", "José Admin").await;
    click(&staff, "[data-test=chat-conversation]").await;
    click(&staff, "[data-test=chat-resolve]").await;
    wait_for_text(&staff, "[data-test=chat-status]", "Resolvida").await;
    click(&staff, "[data-test=chat-back]").await;
    wait_for_text(&staff, "[data-test=chat-empty]", "Nenhuma conversa ainda").await;
    click(&staff, "[data-test=chat-tab-resolvidas]").await;
    wait_for_text(&staff, "[data-test=chat-conversation]", "Carla Cliente").await;

    // Forty messages in all: the conversation opens on the newest thirty, and "Carregar
    // anteriores" brings the ten before them, down to Carla's first question. (Each side may send
    // 20 a minute and has sent one.)
    let carla = app.sign_in("cliente@example.com").await;
    app.op("SendChatMessage", json!({ "body": "cliente 0" }), Some(&carla)).await.data();
    let listed = app.op("Conversations", json!({}), Some(&admin)).await;
    let id = listed.data()["conversations"]["edges"][0]["node"]["id"].as_str().unwrap().to_owned();
    for n in 1..19 {
        app.op("SendChatMessage", json!({ "body": format!("cliente {n}") }), Some(&carla)).await.data();
    }
    for n in 0..19 {
        let variables = json!({ "conversationId": id, "body": format!("oficina {n}") });
        app.op("SendChatMessage", variables, Some(&admin)).await.data();
    }
    staff.goto(&format!("{base}/painel/conversas?c={id}")).await.unwrap();
    wait_for_text(&staff, "[data-test=chat-message]", "oficina 18").await;
    assert_eq!(staff.find_all(Locator::Css("[data-test=chat-message]")).await.unwrap().len(), 30);
    click(&staff, "[data-test=chat-older]").await;
    wait_for_text(&staff, "[data-test=chat-body]", "O carro fica pronto hoje?").await;
    assert_eq!(staff.find_all(Locator::Css("[data-test=chat-message]")).await.unwrap().len(), 40);
    assert!(staff.find(Locator::Css("[data-test=chat-older]")).await.is_err(), "nothing older is left");

    // No script ran from the body in either page.
    for browser in [&staff, &customer] {
        let alerted = browser.get_alert_text().await;
        assert!(alerted.is_err(), "an alert opened: {alerted:?}");
    }
    customer.close().await.unwrap();
    staff.close().await.unwrap();
}
