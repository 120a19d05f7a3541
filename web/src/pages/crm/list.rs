use std::time::Duration;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::can_edit;
use crate::api::operations::{Customers, customers};
use crate::api::{ApiError, request};
use crate::components::{ErrorNotice, Loading, SubmitButton, first_error};
use crate::format::{show_phone, show_plate, url_encode};
use crate::i18n::{t, t_string, use_i18n};

/// Customers per page.
const PAGE_SIZE: i64 = 20;
/// The list's search in the page's URL (`/painel/clientes?busca=maria`), so that going back to the
/// list finds it as it was.
const SEARCH_PARAM: &str = "busca";
/// How long typing must pause before the list follows the search box.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// A customer as the list shows them.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: String,
    name: String,
    document: String,
    phone: Option<String>,
    plates: Vec<String>,
}

/// One page of the list.
#[derive(Debug, Clone, PartialEq)]
struct Page {
    rows: Vec<Row>,
    total: i64,
    has_next: bool,
    end_cursor: Option<String>,
}

/// The page of customers matching `search` after `after`.
async fn load_page(search: String, after: Option<String>) -> Result<Page, ApiError> {
    let search = search.trim().to_owned();
    let variables = customers::Variables {
        search: (!search.is_empty()).then_some(search),
        first: Some(PAGE_SIZE),
        after,
    };
    let found = request::<Customers>(variables).await?.customers;
    Ok(Page {
        rows: found
            .edges
            .into_iter()
            .map(|edge| {
                let node = edge.node;
                Row {
                    id: node.id,
                    name: node.name,
                    document: node.document,
                    phone: node.phones.first().map(|phone| show_phone(&phone.ddd, &phone.number)),
                    plates: node.vehicles.iter().map(|vehicle| show_plate(&vehicle.plate)).collect(),
                }
            })
            .collect(),
        total: found.total_count,
        has_next: found.page_info.has_next_page,
        end_cursor: found.page_info.end_cursor,
    })
}

/// `/painel/clientes`: one search box over name, CPF/CNPJ, e-mail, phone and plate; the count,
/// the rows (20 at a time, "Carregar mais" for the next), the CSV export of the search and
/// "Novo cliente".
#[component]
pub fn CustomersPage() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let query = use_query_map();
    let search = Memo::new(move |_| query.with(|query| query.get(SEARCH_PARAM).unwrap_or_default()));
    let typed = RwSignal::new(search.get_untracked());
    let timer = StoredValue::new(None::<TimeoutHandle>);

    // The search lives in the URL (replaced, not pushed, as it is typed).
    let apply = move |text: String| {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        timer.set_value(None);
        let text = text.trim().to_owned();
        if text == search.get_untracked() {
            return;
        }
        let path = if text.is_empty() {
            "/painel/clientes".to_owned()
        } else {
            format!("/painel/clientes?{SEARCH_PARAM}={}", url_encode(&text))
        };
        navigate(&path, NavigateOptions { replace: true, scroll: false, ..Default::default() });
    };
    let on_input = {
        let apply = apply.clone();
        move |event| {
            let text = event_target_value(&event);
            typed.set(text.clone());
            if let Some(handle) = timer.get_value() {
                handle.clear();
            }
            let apply = apply.clone();
            timer.set_value(set_timeout_with_handle(move || apply(text), DEBOUNCE).ok());
        }
    };
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Enter" {
            event.prevent_default();
            apply(typed.get_untracked());
        }
    };
    on_cleanup(move || {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
    });
    // The URL can change under the box too (back, or the menu's link): the box follows it.
    Effect::watch(
        move || search.get(),
        move |search, _, _| {
            if timer.get_value().is_none() && typed.get_untracked().trim() != search {
                typed.set(search.clone());
            }
        },
        false,
    );

    let first_page = LocalResource::new(move || load_page(search.get(), None));
    // Pages loaded with "Carregar mais" for the current search.
    let more = RwSignal::new(Vec::<Page>::new());
    Effect::watch(move || search.get(), move |_, _, _| more.set(Vec::new()), false);
    let (searching, set_searching) = signal(false);

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
        <div class="search-box" role="search">
            <label for="customer-search" class="visually-hidden">
                {t!(i18n, customers.search_label)}
            </label>
            <input
                id="customer-search"
                type="search"
                data-test="customer-search"
                autocomplete="off"
                enterkeyhint="search"
                placeholder=move || t_string!(i18n, customers.search_placeholder)
                prop:value=typed
                on:input=on_input
                on:keydown=on_keydown
            />
            <Show when=move || searching.get()>
                <span class="search-box__busy" role="status">
                    {t!(i18n, customers.searching)}
                </span>
            </Show>
        </div>
        <Transition fallback=|| view! { <Loading /> } set_pending=set_searching>
            <ErrorBoundary fallback=move |errors| {
                view! {
                    <ErrorNotice
                        error=first_error(&errors.get())
                        retry=Callback::new(move |()| first_page.refetch())
                    />
                }
            }>
                {move || Suspend::new(async move {
                    first_page.await.map(|page| view! { <Results first=page more search /> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

/// The count, the export link, the rows of the first page and of those loaded since, and
/// "Carregar mais".
#[component]
fn Results(first: Page, more: RwSignal<Vec<Page>>, search: Memo<String>) -> impl IntoView {
    let i18n = use_i18n();
    let total = first.total;
    let first_end = (first.has_next, first.end_cursor.clone());
    let next = move || {
        more.with(|more| more.last().map(|page| (page.has_next, page.end_cursor.clone())))
            .unwrap_or_else(|| first_end.clone())
    };
    let next_cursor = Memo::new(move |_| match next() {
        (true, Some(cursor)) => Some(cursor),
        _ => None,
    });
    let load_more = Action::new_local(move |after: &String| {
        let searched = search.get_untracked();
        let after = after.clone();
        async move {
            let page = load_page(searched.clone(), Some(after)).await?;
            // A page of an older search is dropped.
            if searched == search.get_untracked() {
                more.update(|more| more.push(page));
            }
            Ok::<(), ApiError>(())
        }
    });
    let loading_more = load_more.pending();
    let more_error = move || load_more.value().get().and_then(Result::err);
    let export_href = move || format!("/export/customers.csv?search={}", url_encode(search.get().trim()));
    let first_rows = first.rows;
    let rows = move || {
        let mut rows = first_rows.clone();
        more.with(|more| {
            for page in more {
                rows.extend(page.rows.iter().cloned());
            }
        });
        rows
    };

    view! {
        <div class="list-head">
            <p class="list-head__count" data-test="customer-count" role="status">
                {if total == 1 {
                    t!(i18n, customers.count_single).into_any()
                } else {
                    t!(i18n, customers.count_many, count = total).into_any()
                }}
            </p>
            <Show when=can_edit>
                <a
                    href=export_href
                    class="button button--quiet"
                    data-test="export-csv"
                    download="clientes.csv"
                    rel="external"
                >
                    {t!(i18n, customers.export)}
                </a>
            </Show>
        </div>
        {move || {
            let rows = rows();
            if rows.is_empty() {
                view! {
                    <div class="empty-state">
                        <p class="empty">{t!(i18n, customers.empty)}</p>
                        <Show when=move || search.with(String::is_empty)>
                            <p>{t!(i18n, customers.empty_hint)}</p>
                        </Show>
                    </div>
                }
                    .into_any()
            } else {
                view! {
                    <ul class="customer-list">
                        {rows.into_iter().map(|row| view! { <CustomerRow row /> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }
        }}
        {move || {
            more_error().map(|error| {
                let retry = next_cursor.get();
                view! {
                    <ErrorNotice
                        error
                        retry=Callback::new(move |()| {
                            if let Some(after) = retry.clone() {
                                load_more.dispatch(after);
                            }
                        })
                    />
                }
            })
        }}
        {move || {
            next_cursor.get().map(|after| {
                view! {
                    <SubmitButton
                        pending=loading_more
                        label=move || t!(i18n, customers.load_more)
                        pending_label=move || t!(i18n, customers.loading_more)
                        on_click=Callback::new(move |()| {
                            load_more.dispatch(after.clone());
                        })
                        class="button load-more"
                        data_test="load-more"
                    />
                }
            })
        }}
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
