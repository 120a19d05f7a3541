use leptos::prelude::*;

use super::{CatalogHead, CatalogRow, FilterToggle, SERVICES_PATH};
use crate::api::operations::{Services, services};
use crate::api::{ApiError, request};
use crate::components::{ListPage, PagedList, SearchBox, list_page, use_list_search};
use crate::format::show_money;
use crate::i18n::{t, t_string, use_i18n};

/// Services per page.
const PAGE_SIZE: i64 = 20;

/// What the list shows: the search and whether deactivated services come too.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ServiceQuery {
    search: String,
    include_inactive: bool,
}

/// A service as the list shows it.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: String,
    reference: String,
    name: String,
    price_cents: i64,
    minutes: Option<i64>,
    active: bool,
}

/// The page of services for `query` after `after`.
async fn load_page(query: ServiceQuery, after: Option<String>) -> Result<ListPage<Row>, ApiError> {
    let search = query.search.trim().to_owned();
    let variables = services::Variables {
        search: (!search.is_empty()).then_some(search),
        include_inactive: Some(query.include_inactive),
        first: Some(PAGE_SIZE),
        after,
    };
    let found = request::<Services>(variables).await?.services;
    Ok(list_page!(found, |node| Row {
        id: node.id,
        reference: node.reference,
        name: node.name,
        price_cents: node.price_cents,
        minutes: node.estimated_minutes,
        active: node.active,
    }))
}

/// The count line of the list.
fn count(total: i64) -> AnyView {
    let i18n = use_i18n();
    if total == 1 {
        t!(i18n, catalog.service_count_single).into_any()
    } else {
        t!(i18n, catalog.service_count_many, count = total).into_any()
    }
}

/// `/painel/catalogo/servicos`: the services (labour), searched by reference or name, with
/// "Mostrar inativos"; each row shows the price and the estimated time.
#[component]
pub fn ServicesPage() -> impl IntoView {
    let i18n = use_i18n();
    let search = use_list_search();
    let include_inactive = RwSignal::new(false);
    let query =
        Memo::new(move |_| ServiceQuery { search: search.get(), include_inactive: include_inactive.get() });
    let (searching, set_searching) = signal(false);
    let empty = move || {
        view! {
            <p class="empty">{t!(i18n, catalog.services_empty)}</p>
            <Show when=move || search.with(String::is_empty)>
                <p>{t!(i18n, catalog.services_empty_hint)}</p>
            </Show>
        }
    };

    view! {
        <CatalogHead
            new_href="/painel/catalogo/servicos/novo"
            new_label=move || t!(i18n, catalog.new_service)
            new_test="new-service"
        />
        <SearchBox
            path=SERVICES_PATH
            search
            id="service-search"
            data_test="service-search"
            label=move || t!(i18n, catalog.service_search_label)
            placeholder=Signal::derive(move || t_string!(i18n, catalog.search_placeholder).to_owned())
            searching
        />
        <div class="filters">
            <FilterToggle
                label=move || t!(i18n, catalog.inactive_filter)
                value=include_inactive
                data_test="inactive-filter"
            />
        </div>
        <PagedList
            query
            load=load_page
            count
            count_test="service-count"
            empty
            list_class="catalog-list"
            row=|row: Row| view! { <ServiceRow row /> }.into_any()
            set_pending=set_searching
        />
    }
}

/// One service of the list.
#[component]
fn ServiceRow(row: Row) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <CatalogRow href=format!("/painel/catalogo/servicos/{}", row.id) data_test="service-row">
            <span class="catalog-row__name">{row.name}</span>
            <span class="catalog-row__detail">{row.reference}</span>
            <span class="catalog-row__price">{show_money(row.price_cents)}</span>
            {row
                .minutes
                .map(|minutes| {
                    view! { <span class="catalog-row__detail">{t!(i18n, catalog.minutes, minutes = minutes)}</span> }
                })}
            {(!row.active).then(|| view! { <span class="badge badge--inline">{t!(i18n, catalog.inactive)}</span> })}
        </CatalogRow>
    }
}
