use leptos::prelude::*;

use super::{CatalogHead, CatalogRow, FilterToggle, PRODUCTS_PATH};
use crate::api::operations::{FormEnum, Products, Unit, products};
use crate::api::{ApiError, request};
use crate::components::{ListPage, PagedList, SearchBox, list_page, use_list_search};
use crate::format::{show_money, show_quantity};
use crate::i18n::{t, t_string, use_i18n};

/// Products per page.
const PAGE_SIZE: i64 = 20;

/// What the list shows: the search and the two filters.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ProductQuery {
    search: String,
    low_stock: bool,
    include_inactive: bool,
}

/// A product as the list shows it.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: String,
    reference: String,
    name: String,
    unit: Unit,
    price_cents: i64,
    stock: f64,
    minimum: f64,
    low_stock: bool,
    active: bool,
}

/// The page of products for `query` after `after`.
async fn load_page(query: ProductQuery, after: Option<String>) -> Result<ListPage<Row>, ApiError> {
    let search = query.search.trim().to_owned();
    let variables = products::Variables {
        search: (!search.is_empty()).then_some(search),
        low_stock: Some(query.low_stock),
        include_inactive: Some(query.include_inactive),
        first: Some(PAGE_SIZE),
        after,
    };
    let found = request::<Products>(variables).await?.products;
    Ok(list_page!(found, |node| Row {
        id: node.id,
        reference: node.reference,
        name: node.name,
        unit: node.unit,
        price_cents: node.price_cents,
        stock: node.stock_quantity,
        minimum: node.minimum_stock,
        low_stock: node.low_stock,
        active: node.active,
    }))
}

/// The count line of the list.
fn count(total: i64) -> AnyView {
    let i18n = use_i18n();
    if total == 1 {
        t!(i18n, catalog.product_count_single).into_any()
    } else {
        t!(i18n, catalog.product_count_many, count = total).into_any()
    }
}

/// `/painel/catalogo`: the products, searched by reference or name, with the toggles "Estoque
/// baixo" and "Mostrar inativos"; each row shows the price and the stock in its unit, and stands
/// out when the stock is at or below the minimum.
#[component]
pub fn ProductsPage() -> impl IntoView {
    let i18n = use_i18n();
    let search = use_list_search();
    let low_stock = RwSignal::new(false);
    let include_inactive = RwSignal::new(false);
    let query = Memo::new(move |_| ProductQuery {
        search: search.get(),
        low_stock: low_stock.get(),
        include_inactive: include_inactive.get(),
    });
    let (searching, set_searching) = signal(false);
    let empty = move || {
        let everything = query.with(|query| query.search.is_empty() && !query.low_stock);
        view! {
            <p class="empty">{t!(i18n, catalog.products_empty)}</p>
            {everything.then(|| view! { <p>{t!(i18n, catalog.products_empty_hint)}</p> })}
        }
    };

    view! {
        <CatalogHead
            new_href="/painel/catalogo/produtos/novo"
            new_label=move || t!(i18n, catalog.new_product)
            new_test="new-product"
        />
        <SearchBox
            path=PRODUCTS_PATH
            search
            id="product-search"
            data_test="product-search"
            label=move || t!(i18n, catalog.product_search_label)
            placeholder=Signal::derive(move || t_string!(i18n, catalog.search_placeholder).to_owned())
            searching
        />
        <div class="filters">
            <FilterToggle
                label=move || t!(i18n, catalog.low_stock_filter)
                value=low_stock
                data_test="low-stock-filter"
            />
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
            count_test="product-count"
            empty
            list_class="catalog-list"
            row=|row: Row| view! { <ProductRow row /> }.into_any()
            set_pending=set_searching
        />
    }
}

/// One product of the list.
#[component]
fn ProductRow(row: Row) -> impl IntoView {
    let i18n = use_i18n();
    let unit = row.unit.as_str();
    let quantity = show_quantity(row.stock);
    let minimum = show_quantity(row.minimum);
    view! {
        <CatalogRow href=format!("/painel/catalogo/produtos/{}", row.id) data_test="product-row" low=row.low_stock>
            <span class="catalog-row__name">{row.name}</span>
            <span class="catalog-row__detail">{row.reference}</span>
            <span class="catalog-row__price">{show_money(row.price_cents)}</span>
            <span class="catalog-row__stock" data-test="product-stock">
                {t!(i18n, catalog.stock, quantity = quantity, unit = unit)}
                " · "
                {t!(i18n, catalog.minimum, minimum = minimum)}
            </span>
            {row.low_stock.then(|| view! { <span class="badge badge--inline badge--warning">{t!(i18n, catalog.low_stock)}</span> })}
            {(!row.active).then(|| view! { <span class="badge badge--inline">{t!(i18n, catalog.inactive)}</span> })}
        </CatalogRow>
    }
}
