//! LGPD in the browser: a search by CPF never reaches the address bar, and an ADMIN anonymises a
//! customer from the 360 page after typing their name.

use fantoccini::{Client, Locator};
use serde_json::json;

use crate::browser::{
    Driver, app_with_spa, click, fill, submit, type_into, wait_for_path, wait_for_text, wait_until_gone,
};
use crate::helpers::{CNPJ_A, PASSWORD};

const CPF: &str = "529.982.247-25";

/// The current address, whole.
async fn address(browser: &Client) -> String {
    browser.current_url().await.unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built SPA and chromium; run by cargo xtask test"]
async fn browser_cpf_search_stays_out_of_the_url_and_admin_anonymises_a_customer() {
    let (app, addr) = app_with_spa().await;
    let admin = app.register(CNPJ_A, "ze@example.com").await;
    for (name, cpf) in [("Maria da Silva", CPF), ("João Pereira", "111.444.777-35")] {
        let input = json!({ "input": { "name": name, "document": cpf, "emails": ["m@example.com"] } });
        app.op("CreateCustomer", input, Some(&admin)).await.data();
    }
    let driver = Driver::start().await;
    let browser = driver.browser().await;
    let base = format!("http://{addr}");
    browser.goto(&format!("{base}/entrar")).await.unwrap();
    fill(&browser, "email", "ze@example.com").await;
    fill(&browser, "password", PASSWORD).await;
    submit(&browser).await;
    wait_for_path(&browser, "/painel").await;

    // A name goes into the URL (back finds the search); a CPF, with or without punctuation, does not.
    browser.goto(&format!("{base}/painel/clientes")).await.unwrap();
    wait_for_text(&browser, "[data-test=customer-count]", "2 clientes").await;
    type_into(&browser, "[data-test=customer-search]", "Pereira").await;
    wait_until_gone(&browser, "[data-test=customer-row]", "Maria da Silva").await;
    wait_for_text(&browser, "[data-test=customer-count]", "1 cliente").await;
    assert!(address(&browser).await.contains("busca=Pereira"), "{}", address(&browser).await);
    for search in [CPF, "52998224725", "529982"] {
        type_into(&browser, "[data-test=customer-search]", search).await;
        wait_until_gone(&browser, "[data-test=customer-row]", "João Pereira").await;
        wait_for_text(&browser, "[data-test=customer-row]", "Maria da Silva").await;
        let url = address(&browser).await;
        assert!(!url.contains("busca") && !url.contains("529"), "{url}");
    }
    // The export posts the search: the CSV holds Maria, and no URL the CPF.
    let export = "const form = document.querySelector('[data-test=export-csv]');
        fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)) })
        .then(r => r.text().then(text => arguments[0](r.url + ' ' + r.status + ' ' + text)))";
    let exported = browser.execute_async(export, vec![]).await.unwrap();
    let exported = exported.as_str().unwrap_or_default().to_owned();
    assert!(exported.contains(" 200 ") && exported.contains("Maria da Silva"), "{exported}");
    assert!(!exported.contains("João Pereira"), "{exported}");
    assert!(exported.starts_with(&format!("{base}/export/customers.csv ")), "{exported}");

    // The 360 page: the action explains itself, refuses a wrong name, then anonymises.
    click(&browser, "[data-test=customer-row]").await;
    wait_for_text(&browser, "[data-test=customer-name]", "Maria da Silva").await;
    let path = browser.current_url().await.unwrap().path().to_owned();
    let id = path.rsplit('/').next().unwrap().to_owned();
    click(&browser, "[data-test=erase-customer]").await;
    wait_for_text(&browser, "[data-test=erase-form]", "não pode ser desfeita").await;
    fill(&browser, "confirmName", "Maria").await;
    click(&browser, "[data-test=erase-confirm]").await;
    wait_for_text(&browser, "[data-field-error=confirmName]", "Digite o nome do cliente").await;
    fill(&browser, "confirmName", "Maria da Silva").await;
    click(&browser, "[data-test=erase-confirm]").await;
    wait_for_text(&browser, "[data-test=customer-name]", &format!("Cliente anonimizado #{id}")).await;
    wait_for_text(&browser, "[data-test=customer-erased]", "anonimizado").await;
    assert!(browser.find(Locator::Css("[data-test=erase-customer]")).await.is_err(), "done once");
    assert_eq!(browser.current_url().await.unwrap().path(), path);
    // The list finds her no more by the old name.
    browser.goto(&format!("{base}/painel/clientes?busca=Maria")).await.unwrap();
    wait_for_text(&browser, ".empty", "Nenhum cliente encontrado").await;
    browser.close().await.unwrap();
}
