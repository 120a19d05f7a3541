use leptos::prelude::*;
use leptos_router::components::A;

use super::can_edit;
use crate::api::operations::{Customers, customers};
use crate::api::{ApiError, request};
use crate::components::{ListPage, PagedList, SearchBox, list_page, use_list_search};
use crate::format::{show_phone, show_plate};
use crate::i18n::{t, t_string, use_i18n};

/// Customers per page.
const PAGE_SIZE: i64 = 20;

/// A customer as the list shows them.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: String,
    name: String,
    document: String,
    phone: Option<String>,
    plates: Vec<String>,
}

/// The page of customers matching `search` after `after`.
async fn load_page(search: String, after: Option<String>) -> Result<ListPage<Row>, ApiError> {
    let search = search.trim().to_owned();
    let variables = customers::Variables {
        search: (!search.is_empty()).then_some(search),
        first: Some(PAGE_SIZE),
        after,
    };
    let found = request::<Customers>(variables).await?.customers;
    Ok(list_page!(found, |node| Row {
        id: node.id,
        name: node.name,
        document: node.document,
        phone: node.phones.first().map(|phone| show_phone(&phone.ddd, &phone.number)),
        plates: node.vehicles.iter().map(|vehicle| show_plate(&vehicle.plate)).collect(),
    }))
}

/// The count line of the list.
fn count(total: i64) -> AnyView {
    let i18n = use_i18n();
    if total == 1 {
        t!(i18n, customers.count_single).into_any()
    } else {
        t!(i18n, customers.count_many, count = total).into_any()
    }
}

/// `/painel/clientes`: one search box over name, CPF/CNPJ, e-mail, phone and plate; the count,
/// the rows (20 at a time, "Carregar mais" for the next), the CSV export of the search and
/// "Novo cliente".
#[component]
pub fn CustomersPage() -> impl IntoView {
    let i18n = use_i18n();
    let search = use_list_search();
    let (searching, set_searching) = signal(false);
    // A form posted to the server, not a link: the search (a CPF…) goes in the body, never in a URL.
    let export = move || {
        view! {
            <Show when=can_edit>
                <form method="post" action="/export/customers.csv" class="export-form" data-test="export-csv">
                    <input type="hidden" name="search" prop:value=move || search.get().trim().to_owned() />
                    <button type="submit" class="button button--quiet">
                        {t!(i18n, customers.export)}
                    </button>
                </form>
            </Show>
        }
    };
    let empty = move || {
        view! {
            <p class="empty">{t!(i18n, customers.empty)}</p>
            <Show when=move || search.with(String::is_empty)>
                <p>{t!(i18n, customers.empty_hint)}</p>
            </Show>
        }
    };

    view! {
        <div class="page-head">
            <h1>{t!(i18n, customers.title)}</h1>
            <Show when=can_edit>
                <A
                    href="/painel/clientes/novo"
                    attr:class="button button--primary"
                    attr:data-test="new-customer"
                >
                    {t!(i18n, customers.new)}
                </A>
            </Show>
        </div>
        <SearchBox
            path="/painel/clientes"
            search
            id="customer-search"
            data_test="customer-search"
            label=move || t!(i18n, customers.search_label)
            placeholder=Signal::derive(move || t_string!(i18n, customers.search_placeholder).to_owned())
            searching
        />
        <PagedList
            query=search
            load=load_page
            count
            count_test="customer-count"
            actions=export
            empty
            list_class="customer-list"
            row=|row: Row| view! { <CustomerRow row /> }.into_any()
            set_pending=set_searching
        />
    }
}

/// One row of the list: a link to the customer's page.
#[component]
fn CustomerRow(row: Row) -> impl IntoView {
    view! {
        <li>
            <A
                href=format!("/painel/clientes/{}", row.id)
                attr:class="customer-row"
                attr:data-test="customer-row"
            >
                <span class="customer-row__name">{row.name}</span>
                <span class="customer-row__detail">{row.document}</span>
                {row.phone.map(|phone| view! { <span class="customer-row__detail">{phone}</span> })}
                {(!row.plates.is_empty())
                    .then(|| {
                        view! {
                            <span class="customer-row__plates">
                                {row
                                    .plates
                                    .into_iter()
                                    .map(|plate| view! { <span class="plate">{plate}</span> })
                                    .collect_view()}
                            </span>
                        }
                    })}
            </A>
        </li>
    }
}
