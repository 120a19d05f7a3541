//! What every searchable list of the staff area is made of: the search box kept in the page's
//! URL, and the rows loaded a page at a time with their count, empty and error states and
//! "Carregar mais".

use std::future::Future;
use std::time::Duration;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::{ErrorNotice, Loading, SubmitButton, first_error};
use crate::api::ApiError;
use crate::format::url_encode;
use crate::i18n::{t, use_i18n};

/// A list's search in the page's URL (`/painel/clientes?busca=maria`), so that going back to the
/// list finds it as it was.
const SEARCH_PARAM: &str = "busca";
/// How long typing must pause before the list follows the search box.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// One page of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct ListPage<R> {
    /// The page's rows.
    pub rows: Vec<R>,
    /// How many rows match, across all pages.
    pub total: i64,
    /// Whether another page follows.
    pub has_next: bool,
    /// Where the next page starts.
    pub end_cursor: Option<String>,
}

/// The [`ListPage`] of a GraphQL connection `$found` (its `edges`, `totalCount` and `pageInfo`),
/// each edge's node made a row by `$row`.
macro_rules! list_page {
    ($found:expr, $row:expr) => {{
        let found = $found;
        $crate::components::ListPage {
            rows: found.edges.into_iter().map(|edge| edge.node).map($row).collect(),
            total: found.total_count,
            has_next: found.page_info.has_next_page,
            end_cursor: found.page_info.end_cursor,
        }
    }};
}
pub(crate) use list_page;

/// A search kept out of the URL ([`is_private_search`]), shared by the page and its search box.
#[derive(Clone, Copy)]
struct PrivateSearch(RwSignal<String>);

/// Whether `search` must stay out of the URL (and so out of the browser's history, the server's
/// and proxies' logs, a shared link): made of digits and punctuation only with at least 6 digits
/// (a CPF, a CNPJ, a phone, or a piece of one), or shaped like an alphanumeric CNPJ.
fn is_private_search(search: &str) -> bool {
    let compact: String =
        search.chars().filter(|c| !matches!(c, '.' | '-' | '/' | ' ' | '(' | ')')).collect();
    let digits = compact.chars().filter(char::is_ascii_digit).count();
    let numeric = digits >= 6 && digits == compact.chars().count();
    let cnpj = compact.len() == 14
        && compact.chars().all(|c| c.is_ascii_alphanumeric())
        && compact.chars().skip(12).all(|c| c.is_ascii_digit())
        && digits >= 4;
    numeric || cnpj
}

/// The search of the list on this page: as the URL has it (`""` for none), or the
/// [private](is_private_search) one the search box keeps in memory instead.
pub fn use_list_search() -> Memo<String> {
    let query = use_query_map();
    let private = PrivateSearch(RwSignal::new(String::new()));
    provide_context(private);
    Memo::new(move |_| {
        let kept = private.0.get();
        if kept.is_empty() { query.with(|query| query.get(SEARCH_PARAM).unwrap_or_default()) } else { kept }
    })
}

/// The path of the list at `path` showing what matches `search`.
pub fn list_search_href(path: &str, search: &str) -> String {
    let search = search.trim();
    if search.is_empty() { path.to_owned() } else { format!("{path}?{SEARCH_PARAM}={}", url_encode(search)) }
}

/// The search box of a list at `path`: what is typed goes into the URL (replaced, not pushed)
/// once typing pauses, or at Enter; the box follows the URL when it changes under it (back, a
/// menu link). A [private](is_private_search) search (a CPF…) never goes into the URL: it is kept
/// in memory, and the URL loses any search it had.
#[component]
pub fn SearchBox(
    /// The list's path, without the search.
    path: &'static str,
    /// The search in the URL ([`use_list_search`]).
    search: Memo<String>,
    /// The input's `id`.
    id: &'static str,
    /// The input's `data-test`.
    data_test: &'static str,
    /// The label, read by screen readers.
    #[prop(into)]
    label: ViewFn,
    /// The placeholder.
    #[prop(into)]
    placeholder: Signal<String>,
    /// Whether the list is loading what was searched.
    #[prop(into)]
    searching: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let typed = RwSignal::new(search.get_untracked());
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let private = use_context::<PrivateSearch>();

    let apply = move |text: String| {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        timer.set_value(None);
        let text = text.trim().to_owned();
        if text == search.get_untracked() {
            return;
        }
        let in_url = if is_private_search(&text) {
            if let Some(PrivateSearch(kept)) = private {
                kept.set(text);
            }
            String::new()
        } else {
            if let Some(PrivateSearch(kept)) = private {
                kept.set(String::new());
            }
            text
        };
        navigate(
            &list_search_href(path, &in_url),
            NavigateOptions { replace: true, scroll: false, ..Default::default() },
        );
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
    Effect::watch(
        move || search.get(),
        move |search, _, _| {
            if timer.get_value().is_none() && typed.get_untracked().trim() != search {
                typed.set(search.clone());
            }
        },
        false,
    );

    view! {
        <div class="search-box" role="search">
            <label for=id class="visually-hidden">
                {label.run()}
            </label>
            <input
                id=id
                type="search"
                data-test=data_test
                autocomplete="off"
                enterkeyhint="search"
                placeholder=move || placeholder.get()
                prop:value=typed
                on:input=on_input
                on:keydown=on_keydown
            />
            <Show when=move || searching.get()>
                <span class="search-box__busy" role="status">
                    {t!(i18n, list.searching)}
                </span>
            </Show>
        </div>
    }
}

/// The rows of a list for `query`, a page at a time: the count (with `actions` beside it), the
/// rows of the first page and of those loaded since with "Carregar mais", and the loading, empty
/// and error states. A new `query` starts again from its first page.
#[component]
pub fn PagedList<Q, R, L, Fut>(
    /// What the list shows (the search, the filters); `load` gets it.
    query: Memo<Q>,
    /// Loads the page of `query` after the cursor (the first one after `None`).
    load: L,
    /// The count line for a total.
    count: fn(i64) -> AnyView,
    /// The count line's `data-test`.
    count_test: &'static str,
    /// Shown beside the count (an export link).
    #[prop(optional, into)]
    actions: Option<ViewFn>,
    /// The empty state.
    #[prop(into)]
    empty: ViewFn,
    /// The `<ul>`'s class.
    list_class: &'static str,
    /// One row, an `<li>`.
    row: fn(R) -> AnyView,
    /// Told whether the list is loading for a new `query` (the search box says so).
    set_pending: WriteSignal<bool>,
) -> impl IntoView
where
    Q: Clone + PartialEq + Send + Sync + 'static,
    R: Clone + Send + Sync + 'static,
    L: Fn(Q, Option<String>) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<ListPage<R>, ApiError>> + 'static,
{
    let first_page = LocalResource::new(move || load(query.get(), None));
    // Pages loaded with "Carregar mais" for the current query.
    let more = RwSignal::new(Vec::<ListPage<R>>::new());
    Effect::watch(move || query.get(), move |_, _, _| more.set(Vec::new()), false);
    let look = StoredValue::new(Look { count, count_test, actions, empty, list_class, row });

    view! {
        <Transition fallback=|| view! { <Loading /> } set_pending>
            <ErrorBoundary fallback=move |errors| {
                view! {
                    <ErrorNotice
                        error=first_error(&errors.get())
                        retry=Callback::new(move |()| first_page.refetch())
                    />
                }
            }>
                {move || Suspend::new(async move {
                    first_page.await.map(|first| loaded_rows(first, query, load, more, look.get_value()))
                })}
            </ErrorBoundary>
        </Transition>
    }
}

/// How a list shows its pages (the props of [`PagedList`] that are not about loading).
struct Look<R> {
    count: fn(i64) -> AnyView,
    count_test: &'static str,
    actions: Option<ViewFn>,
    empty: ViewFn,
    list_class: &'static str,
    row: fn(R) -> AnyView,
}

impl<R> Clone for Look<R> {
    fn clone(&self) -> Self {
        Self {
            count: self.count,
            count_test: self.count_test,
            actions: self.actions.clone(),
            empty: self.empty.clone(),
            list_class: self.list_class,
            row: self.row,
        }
    }
}

/// The count, the rows of the `first` page and of those loaded since, and "Carregar mais".
fn loaded_rows<Q, R, L, Fut>(
    first: ListPage<R>,
    query: Memo<Q>,
    load: L,
    more: RwSignal<Vec<ListPage<R>>>,
    look: Look<R>,
) -> impl IntoView
where
    Q: Clone + PartialEq + Send + Sync + 'static,
    R: Clone + Send + Sync + 'static,
    L: Fn(Q, Option<String>) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<ListPage<R>, ApiError>> + 'static,
{
    let i18n = use_i18n();
    let Look { count, count_test, actions, empty, list_class, row } = look;
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
        let asked = query.get_untracked();
        let after = after.clone();
        async move {
            let page = load(asked.clone(), Some(after)).await?;
            // A page of an older query is dropped.
            if asked == query.get_untracked() {
                more.update(|more| more.push(page));
            }
            Ok::<(), ApiError>(())
        }
    });
    let loading_more = load_more.pending();
    let more_error = move || load_more.value().get().and_then(Result::err);
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
            <p class="list-head__count" data-test=count_test role="status">
                {count(first.total)}
            </p>
            {actions.map(|actions| actions.run())}
        </div>
        {move || {
            let rows = rows();
            if rows.is_empty() {
                view! { <div class="empty-state">{empty.run()}</div> }.into_any()
            } else {
                view! { <ul class=list_class>{rows.into_iter().map(row).collect_view()}</ul> }.into_any()
            }
        }}
        {move || {
            more_error()
                .map(|error| {
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
            next_cursor
                .get()
                .map(|after| {
                    view! {
                        <SubmitButton
                            pending=loading_more
                            label=move || t!(i18n, list.load_more)
                            pending_label=move || t!(i18n, list.loading_more)
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
