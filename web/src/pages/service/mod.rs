//! The catalog (`/painel/catalogo`), the staff's products (parts) and services (labour): the two
//! lists, the two forms (new and edit, with the deactivation), and what they share in `item`; and
//! the service orders (`/painel/ordens`, in `orders`): the board, the new order and the order's page,
//! its printable copy (`print`) and the mechanic's own orders (`my_orders`).

mod item;
mod my_orders;
mod orders;
mod print;
mod product_form;
mod products;
mod service_form;
mod services;
mod settings;

use leptos::prelude::*;
use leptos_router::components::A;

pub use my_orders::MyOrdersPage;
pub use orders::{NewServiceOrderPage, ServiceOrderPage, ServiceOrdersPage, new_order_href, order_path};
pub use print::PrintOrderPage;
pub use product_form::{EditProductPage, NewProductPage};
pub use products::ProductsPage;
pub use service_form::{EditServicePage, NewServicePage};
pub use services::ServicesPage;
pub use settings::OrderSettings;

use super::can_edit;
use crate::i18n::{t, t_string, use_i18n};

/// The path of the products list.
const PRODUCTS_PATH: &str = "/painel/catalogo";
/// The path of the services list.
const SERVICES_PATH: &str = "/painel/catalogo/servicos";

/// The head of both lists: the title, the "new" button (for those who may edit) and the tabs
/// that switch between products and services.
#[component]
fn CatalogHead(
    /// Where "new" goes.
    new_href: &'static str,
    /// The text of "new".
    #[prop(into)]
    new_label: ViewFn,
    /// The `data-test` of "new".
    new_test: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let new_label = StoredValue::new(new_label);
    view! {
        <div class="page-head">
            <h1>{t!(i18n, catalog.title)}</h1>
            <Show when=can_edit>
                <A href=new_href attr:class="button button--primary" attr:data-test=new_test>
                    {new_label.with_value(ViewFn::run)}
                </A>
            </Show>
        </div>
        <nav class="tabs" aria-label=move || t_string!(i18n, catalog.tabs_label)>
            <A href=PRODUCTS_PATH exact=true attr:data-test="tab-products">
                {t!(i18n, catalog.products)}
            </A>
            <A href=SERVICES_PATH exact=true attr:data-test="tab-services">
                {t!(i18n, catalog.services)}
            </A>
        </nav>
    }
}

/// One row of a catalog list: a link to the item's form for those who may edit, plain text for
/// the others; `low` marks a product at or below its minimum stock.
#[component]
fn CatalogRow(
    /// The item's form.
    href: String,
    /// The row's `data-test`.
    data_test: &'static str,
    /// Whether the row stands out (low stock).
    #[prop(optional)]
    low: bool,
    children: Children,
) -> impl IntoView {
    let class = if low { "catalog-row catalog-row--low" } else { "catalog-row" };
    let content = children();
    if can_edit() {
        view! {
            <li>
                <A href=href attr:class=class attr:data-test=data_test>
                    {content}
                </A>
            </li>
        }
        .into_any()
    } else {
        view! {
            <li>
                <div class=class data-test=data_test>
                    {content}
                </div>
            </li>
        }
        .into_any()
    }
}

/// A filter of a list, a checkbox ("Estoque baixo", "Mostrar inativos").
#[component]
fn FilterToggle(
    /// The filter's name.
    #[prop(into)]
    label: ViewFn,
    /// Whether it is on.
    value: RwSignal<bool>,
    /// The checkbox's `data-test`.
    data_test: &'static str,
) -> impl IntoView {
    view! {
        <label class="filter">
            <input
                type="checkbox"
                data-test=data_test
                prop:checked=value
                on:change=move |event| value.set(event_target_checked(&event))
            />
            {label.run()}
        </label>
    }
}
