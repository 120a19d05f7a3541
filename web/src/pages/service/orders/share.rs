//! "Enviar no WhatsApp" and "Copiar texto": the order's summary in Portuguese (the workshop, the
//! order's number, vehicle, status, items and total) for the customer.

use leptos::prelude::*;

use super::detail::Order;
use crate::api::Session;
use crate::api::operations::PhoneKind;
use crate::format::{show_money, show_plate, show_quantity, url_encode};
use crate::i18n::{Locale, service_order_status_in, t, td_string, use_i18n};

/// The customer's number for WhatsApp, with the country code: the WhatsApp phone, else the
/// mobile one.
fn whatsapp_number(order: &Order) -> Option<String> {
    let pick = |kind: PhoneKind| order.customer.phones.iter().find(|phone| phone.kind == kind);
    let phone = pick(PhoneKind::Whatsapp).or_else(|| pick(PhoneKind::Mobile))?;
    let digits: String =
        format!("{}{}", phone.ddd, phone.number).chars().filter(char::is_ascii_digit).collect();
    Some(format!("55{digits}"))
}

/// The summary, always in Portuguese (it is for the customer).
fn summary(workshop: &str, order: &Order) -> String {
    let pt = Locale::pt_BR;
    let vehicle = format!(
        "{} {} {} {}",
        show_plate(&order.vehicle.plate),
        order.vehicle.brand,
        order.vehicle.model,
        order.vehicle.year
    );
    let mut lines = vec![
        format!("*{workshop}*"),
        format!("{} {}", td_string!(pt, orders.share_order), order.number),
        format!("{}: {vehicle}", td_string!(pt, orders.vehicle)),
        format!("{}: {}", td_string!(pt, orders.share_status), service_order_status_in(pt, order.status)),
    ];
    if !order.items.is_empty() {
        lines.push(format!("{}:", td_string!(pt, orders.items)));
        for item in &order.items {
            lines.push(format!(
                "• {} × {} — {}",
                show_quantity(item.quantity),
                item.description,
                show_money(item.total_cents)
            ));
        }
    }
    if order.discount_cents > 0 {
        lines.push(format!("{}: -{}", td_string!(pt, orders.discount), show_money(order.discount_cents)));
    }
    if order.taxes_cents > 0 {
        lines.push(format!("{}: {}", td_string!(pt, orders.taxes), show_money(order.taxes_cents)));
    }
    lines.push(format!("*{}: {}*", td_string!(pt, orders.final_total), show_money(order.final_cents)));
    lines.join("\n")
}

/// "Enviar no WhatsApp" (a wa.me link with the summary) and "Copiar texto" beside it.
#[component]
pub(super) fn ShareButtons(order: Order) -> impl IntoView {
    let i18n = use_i18n();
    let workshop = Session::expect().user().map(|user| user.workshop_name).unwrap_or_default();
    let text = summary(&workshop, &order);
    let href =
        whatsapp_number(&order).map(|number| format!("https://wa.me/{number}?text={}", url_encode(&text)));
    let copied = RwSignal::new(false);
    let copy = move |_| {
        // Not being able to write the clipboard (no permission) leaves nothing to undo.
        let _ = window().navigator().clipboard().write_text(&text);
        copied.set(true);
    };
    view! {
        <section class="card share">
            <h2>{t!(i18n, orders.share_title)}</h2>
            <div class="share__actions">
                {match href {
                    Some(href) => view! {
                        <a
                            class="button button--primary"
                            href=href
                            target="_blank"
                            rel="noopener noreferrer"
                            data-test="share-whatsapp"
                        >
                            {t!(i18n, orders.share_whatsapp)}
                        </a>
                    }
                    .into_any(),
                    None => view! { <p class="muted" data-test="no-whatsapp">{t!(i18n, orders.no_whatsapp)}</p> }
                        .into_any(),
                }}
                <button type="button" class="button" data-test="copy-text" on:click=copy>
                    {t!(i18n, orders.copy_text)}
                </button>
                <Show when=move || copied.get()>
                    <span role="status" class="muted">{t!(i18n, orders.copied)}</span>
                </Show>
            </div>
        </section>
    }
}
