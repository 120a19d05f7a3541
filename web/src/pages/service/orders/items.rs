//! The order's items and totals: quantity and price editable while the order is open, one
//! catalog search (parts and labour together) to add an item, and the totals computed here as
//! things are typed (the server's numbers once saved).

use std::time::Duration;

use leptos::prelude::*;

use super::detail::{CatalogItem, Change, Changes, Order};
use crate::api::operations::{CatalogSearch, catalog_search};
use crate::api::request;
use crate::format::{money_field, parse_money, parse_quantity, show_money, show_quantity};
use crate::i18n::{t, t_string, use_i18n};

/// How long typing must pause before the catalog is searched.
const DEBOUNCE: Duration = Duration::from_millis(250);
/// Products and services shown for a search, each.
const RESULTS: i64 = 6;

/// The total of `quantity` at `unit_price_cents`, rounded half up to the centavo (as the server
/// does).
fn item_total(quantity: f64, unit_price_cents: i64) -> i64 {
    let milli = (quantity * 1000.0).round() as i128;
    ((milli * i128::from(unit_price_cents) + 500).div_euclid(1000)) as i64
}

/// The order's totals: labour, parts, discount, taxes and the final (never below zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Totals {
    services: i64,
    parts: i64,
    discount: i64,
    taxes: i64,
    final_total: i64,
}

impl Totals {
    /// Sums items (`true` for a part) with the discount and taxes.
    fn of(items: impl IntoIterator<Item = (bool, i64)>, discount: i64, taxes: i64) -> Totals {
        let (mut services, mut parts) = (0, 0);
        for (is_part, total) in items {
            if is_part {
                parts += total;
            } else {
                services += total;
            }
        }
        let final_total = (services + parts - discount + taxes).max(0);
        Totals { services, parts, discount, taxes, final_total }
    }
}

/// An item's inputs, as typed.
#[derive(Clone, Copy)]
struct Draft {
    quantity: RwSignal<String>,
    price: RwSignal<String>,
}

/// The items table, the catalog search and the totals.
#[component]
pub(super) fn ItemsSection(order: Order, changes: Changes, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let drafts: Vec<Draft> = order
        .items
        .iter()
        .map(|item| Draft {
            quantity: RwSignal::new(show_quantity(item.quantity)),
            price: RwSignal::new(money_field(item.unit_price_cents)),
        })
        .collect();
    let discount = RwSignal::new(money_field(order.discount_cents));
    let taxes = RwSignal::new(money_field(order.taxes_cents));
    let lines: Vec<(bool, f64, i64)> = order
        .items
        .iter()
        .map(|item| (item.product_id.is_some(), item.quantity, item.unit_price_cents))
        .collect();
    let totals = {
        let drafts = drafts.clone();
        let (saved_discount, saved_taxes) = (order.discount_cents, order.taxes_cents);
        Memo::new(move |_| {
            let items = drafts.iter().zip(&lines).map(|(draft, (is_part, quantity, price))| {
                let quantity = draft.quantity.with(|typed| parse_quantity(typed)).unwrap_or(*quantity);
                let price = draft.price.with(|typed| parse_money(typed)).unwrap_or(*price);
                (*is_part, item_total(quantity, price))
            });
            let discount = discount.with(|typed| parse_money(typed)).unwrap_or(saved_discount);
            let taxes = taxes.with(|typed| parse_money(typed)).unwrap_or(saved_taxes);
            Totals::of(items.collect::<Vec<_>>(), discount, taxes)
        })
    };
    let save_amounts = {
        let order = order.clone();
        move || {
            let discount_cents =
                discount.with_untracked(|typed| parse_money(typed)).unwrap_or(order.discount_cents);
            let taxes_cents = taxes.with_untracked(|typed| parse_money(typed)).unwrap_or(order.taxes_cents);
            if (discount_cents, taxes_cents) != (order.discount_cents, order.taxes_cents) {
                changes.send(&order, Change::Amounts { discount_cents, taxes_cents });
            }
        }
    };
    let is_empty = order.items.is_empty();
    let rows = order
        .items
        .iter()
        .cloned()
        .zip(drafts)
        .map(|(item, draft)| view! { <ItemRow order=order.clone() item draft changes editable /> })
        .collect_view();

    view! {
        <section class="card">
            <h2>{t!(i18n, orders.items)}</h2>
            {editable.then(|| view! { <CatalogPicker order=order.clone() changes /> })}
            {if is_empty {
                view! { <p class="empty" data-test="items-empty">{t!(i18n, orders.no_items)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="items-table">
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, orders.item)}</th>
                                    <th scope="col">{t!(i18n, orders.quantity)}</th>
                                    <th scope="col">{t!(i18n, orders.unit_price)}</th>
                                    <th scope="col">{t!(i18n, orders.item_total)}</th>
                                    {editable.then(|| view! { <th scope="col"><span class="visually-hidden">{t!(i18n, orders.remove)}</span></th> })}
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
            <dl class="totals" data-test="totals">
                <div>
                    <dt>{t!(i18n, orders.services_total)}</dt>
                    <dd data-test="total-services">{move || show_money(totals.get().services)}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, orders.parts_total)}</dt>
                    <dd data-test="total-parts">{move || show_money(totals.get().parts)}</dd>
                </div>
                <AmountRow
                    name="discountCents"
                    label=move || t!(i18n, orders.discount)
                    typed=discount
                    shown=Signal::derive(move || totals.get().discount)
                    editable
                    save=Callback::new({
                        let save = save_amounts.clone();
                        move |()| save()
                    })
                />
                <AmountRow
                    name="taxesCents"
                    label=move || t!(i18n, orders.taxes)
                    typed=taxes
                    shown=Signal::derive(move || totals.get().taxes)
                    editable
                    save=Callback::new(move |()| save_amounts())
                />
                <div class="totals__final">
                    <dt>{t!(i18n, orders.final_total)}</dt>
                    <dd data-test="total-final">{move || show_money(totals.get().final_total)}</dd>
                </div>
            </dl>
        </section>
    }
}

/// A row of the totals the front desk may change (discount, taxes): an input while the order is
/// open, saved when it is left; the amount otherwise.
#[component]
fn AmountRow(
    /// The server's field, the input's `name`.
    name: &'static str,
    #[prop(into)] label: ViewFn,
    /// What is typed.
    typed: RwSignal<String>,
    /// The amount to show when it cannot be changed.
    shown: Signal<i64>,
    editable: bool,
    /// Saves what is typed.
    save: Callback<()>,
) -> impl IntoView {
    let id = format!("order-{name}");
    view! {
        <div>
            <dt>
                <label for=id.clone()>{label.run()}</label>
            </dt>
            <dd>
                {if editable {
                    view! {
                        <input
                            id=id
                            name=name
                            class="money-input"
                            inputmode="decimal"
                            prop:value=typed
                            on:input=move |event| typed.set(event_target_value(&event))
                            on:change=move |_| save.run(())
                        />
                    }
                        .into_any()
                } else {
                    view! { <span>{move || show_money(shown.get())}</span> }.into_any()
                }}
            </dd>
        </div>
    }
}

/// One item: description, kind, quantity and unit price (inputs while editable, saved when one
/// is left), its total and "Remover".
#[component]
fn ItemRow(
    order: Order,
    item: crate::api::operations::service_order::ServiceOrderServiceOrderItems,
    draft: Draft,
    changes: Changes,
    editable: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let is_part = item.product_id.is_some();
    let line_total = Memo::new(move |_| {
        let quantity = draft.quantity.with(|typed| parse_quantity(typed)).unwrap_or(item.quantity);
        let price = draft.price.with(|typed| parse_money(typed)).unwrap_or(item.unit_price_cents);
        item_total(quantity, price)
    });
    let save = {
        let order = order.clone();
        let id = item.id.clone();
        move || {
            let quantity = draft.quantity.with_untracked(|typed| parse_quantity(typed));
            let price = draft.price.with_untracked(|typed| parse_money(typed));
            if let (Some(quantity), Some(unit_price_cents)) = (quantity, price)
                && (quantity != item.quantity || unit_price_cents != item.unit_price_cents)
            {
                changes.send(&order, Change::UpdateItem { id: id.clone(), quantity, unit_price_cents });
            }
        }
    };
    let kind = move || {
        if is_part { t!(i18n, orders.kind_part).into_any() } else { t!(i18n, orders.kind_labour).into_any() }
    };
    let remove_id = item.id.clone();
    view! {
        <tr data-test="order-item">
            <td>
                <span class="item-description">{item.description.clone()}</span>
                " "
                <span class="badge badge--inline">{kind}</span>
            </td>
            {if editable {
                let save_quantity = save.clone();
                let save_price = save.clone();
                view! {
                    <ItemInput
                        class="quantity-input"
                        name="quantity"
                        label=Signal::derive(move || t_string!(i18n, orders.quantity).to_owned())
                        value=draft.quantity
                        save=save_quantity
                    />
                    <ItemInput
                        class="money-input"
                        name="unitPriceCents"
                        label=Signal::derive(move || t_string!(i18n, orders.unit_price).to_owned())
                        value=draft.price
                        save=save_price
                    />
                }
                    .into_any()
            } else {
                view! {
                    <td>{show_quantity(item.quantity)}</td>
                    <td>{show_money(item.unit_price_cents)}</td>
                }
                    .into_any()
            }}
            <td data-test="item-total">{move || show_money(line_total.get())}</td>
            {editable.then(|| {
                view! {
                    <td>
                        <button
                            type="button"
                            class="button button--quiet"
                            data-test="remove-item"
                            on:click=move |_| changes.send(&order, Change::RemoveItem(remove_id.clone()))
                        >
                            {t!(i18n, orders.remove)}
                        </button>
                    </td>
                }
            })}
        </tr>
    }
}

/// A catalog item found by the search.
#[derive(Debug, Clone, PartialEq)]
struct Found {
    item: CatalogItem,
    reference: String,
    name: String,
    price_cents: i64,
}

/// Parts and labour whose reference or name match `search`.
async fn search_catalog(search: String) -> Vec<Found> {
    let search = search.trim().to_owned();
    if search.is_empty() {
        return Vec::new();
    }
    let Ok(data) = request::<CatalogSearch>(catalog_search::Variables { search, first: RESULTS }).await
    else {
        return Vec::new();
    };
    let services = data.services.edges.into_iter().map(|edge| Found {
        item: CatalogItem::Service(edge.node.id),
        reference: edge.node.reference,
        name: edge.node.name,
        price_cents: edge.node.price_cents,
    });
    let products = data.products.edges.into_iter().map(|edge| Found {
        item: CatalogItem::Product(edge.node.id),
        reference: edge.node.reference,
        name: edge.node.name,
        price_cents: edge.node.price_cents,
    });
    products.chain(services).collect()
}

/// One search box over the catalog's parts and labour; picking a result adds it (quantity 1,
/// the catalog price).
#[component]
fn CatalogPicker(order: Order, changes: Changes) -> impl IntoView {
    let i18n = use_i18n();
    let typed = RwSignal::new(String::new());
    let searched = RwSignal::new(String::new());
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let found = LocalResource::new(move || search_catalog(searched.get()));
    on_cleanup(move || {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
    });
    let on_input = move |event| {
        let text = event_target_value(&event);
        typed.set(text.clone());
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        timer.set_value(set_timeout_with_handle(move || searched.set(text), DEBOUNCE).ok());
    };
    view! {
        <div class="catalog-picker" role="search">
            <label for="catalog-search">{t!(i18n, orders.add_item)}</label>
            <input
                id="catalog-search"
                type="search"
                data-test="catalog-search"
                autocomplete="off"
                placeholder=move || t_string!(i18n, orders.add_item_placeholder)
                prop:value=typed
                on:input=on_input
            />
            <Transition>
                {move || {
                    let order = order.clone();
                    Suspend::new(async move {
                    let results = found.await;
                    let none = results.is_empty() && searched.with_untracked(|s| !s.trim().is_empty());
                    view! {
                        {none.then(|| view! { <p class="empty">{t!(i18n, orders.catalog_nothing)}</p> })}
                        <ul class="catalog-results">
                            {results
                                .into_iter()
                                .map(|result| {
                                    let order = order.clone();
                                    let is_part = matches!(result.item, CatalogItem::Product(_));
                                    let item = result.item.clone();
                                    view! {
                                        <li>
                                            <button
                                                type="button"
                                                class="catalog-result"
                                                data-test="catalog-result"
                                                on:click=move |_| {
                                                    changes.send(&order, Change::Add(item.clone()));
                                                    typed.set(String::new());
                                                    searched.set(String::new());
                                                }
                                            >
                                                <span class="badge badge--inline">
                                                    {if is_part {
                                                        t!(i18n, orders.kind_part).into_any()
                                                    } else {
                                                        t!(i18n, orders.kind_labour).into_any()
                                                    }}
                                                </span>
                                                <span class="muted">{result.reference}</span>
                                                <span>{result.name}</span>
                                                <span>{show_money(result.price_cents)}</span>
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                    })
                }}
            </Transition>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::{Totals, item_total};

    #[test]
    fn totals_round_half_up_and_never_go_below_zero() {
        assert_eq!(item_total(2.0, 4590), 9180);
        assert_eq!(item_total(1.5, 3333), 5000);
        assert_eq!(item_total(0.001, 1), 0);
        let totals = Totals::of([(true, 9180), (false, 8000)], 180, 100);
        assert_eq!((totals.parts, totals.services, totals.final_total), (9180, 8000, 17100));
        assert_eq!(Totals::of([(false, 100)], 500, 0).final_total, 0);
    }
}

/// An item's editable number (quantity or unit price): typed into the draft, saved when left.
#[component]
fn ItemInput(
    class: &'static str,
    name: &'static str,
    label: Signal<String>,
    value: RwSignal<String>,
    save: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <td>
            <input
                class=class
                name=name
                inputmode="decimal"
                aria-label=label
                prop:value=value
                on:input=move |event| value.set(event_target_value(&event))
                on:change=move |_| save()
            />
        </td>
    }
}
