//! `/painel/ordens`: the board, one column per status, kept live by `serviceOrderChanged`.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{BOARD_PATH, front_desk, instant, order_path, start_of_today};
use crate::api::operations::{
    ServiceOrderChanged, ServiceOrderStatus, ServiceOrders, service_order_changed, service_orders,
};
use crate::api::{ApiError, request, subscribe};
use crate::components::{LiveMark, Loaded};
use crate::format::{show_money, show_plate};
use crate::i18n::{t, use_i18n};

/// Orders per column.
const COLUMN_SIZE: i64 = 50;

/// An order as a card of the board.
#[derive(Debug, Clone, PartialEq)]
struct Card {
    id: String,
    number: i64,
    status: ServiceOrderStatus,
    final_cents: i64,
    finished_at: Option<String>,
    customer: String,
    plate: String,
    vehicle: String,
    mechanic: Option<String>,
}

/// The card of an order of either operation (the board's query and the subscription ask for
/// the same fields).
macro_rules! card_from {
    ($node:ty) => {
        impl From<$node> for Card {
            fn from(order: $node) -> Self {
                Card {
                    id: order.id,
                    number: order.number,
                    status: order.status,
                    final_cents: order.final_cents,
                    finished_at: order.finished_at,
                    customer: order.customer.name,
                    plate: show_plate(&order.vehicle.plate),
                    vehicle: format!("{} {}", order.vehicle.brand, order.vehicle.model),
                    mechanic: order.mechanic.map(|mechanic| mechanic.name),
                }
            }
        }
    };
}

card_from!(service_orders::ServiceOrdersServiceOrdersEdgesNode);
card_from!(service_order_changed::ServiceOrderChangedServiceOrderChanged);

/// A column of the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Quote,
    InProgress,
    FinishedToday,
    Cancelled,
}

impl Column {
    /// The columns, in their order; the cancelled one only when asked for.
    fn shown(cancelled: bool) -> &'static [Column] {
        if cancelled {
            &[Column::Quote, Column::InProgress, Column::FinishedToday, Column::Cancelled]
        } else {
            &[Column::Quote, Column::InProgress, Column::FinishedToday]
        }
    }

    fn status(self) -> ServiceOrderStatus {
        match self {
            Column::Quote => ServiceOrderStatus::Quote,
            Column::InProgress => ServiceOrderStatus::InProgress,
            Column::FinishedToday => ServiceOrderStatus::Finished,
            Column::Cancelled => ServiceOrderStatus::Cancelled,
        }
    }

    fn test_id(self) -> &'static str {
        match self {
            Column::Quote => "column-quote",
            Column::InProgress => "column-in-progress",
            Column::FinishedToday => "column-finished",
            Column::Cancelled => "column-cancelled",
        }
    }

    /// Whether `card` belongs in the column (`since`: when today began, in milliseconds).
    fn holds(self, card: &Card, since: f64) -> bool {
        card.status == self.status()
            && (self != Column::FinishedToday
                || card.finished_at.as_deref().and_then(instant).is_some_and(|at| at >= since))
    }
}

/// The cards of the shown columns.
async fn load_board(since: String, cancelled: bool) -> Result<Vec<Card>, ApiError> {
    let mut cards = Vec::new();
    for column in Column::shown(cancelled) {
        let variables = service_orders::Variables {
            status: Some(column.status()),
            finished_since: (*column == Column::FinishedToday).then(|| since.clone()),
            first: Some(COLUMN_SIZE),
            after: None,
        };
        let page = request::<ServiceOrders>(variables).await?.service_orders;
        cards.extend(page.edges.into_iter().map(|edge| Card::from(edge.node)));
    }
    Ok(cards)
}

/// Puts a changed order where it now belongs: out of its old column, into its new one (newest
/// number first).
fn place(cards: &mut Vec<Card>, changed: Card) {
    cards.retain(|card| card.id != changed.id);
    cards.push(changed);
    cards.sort_by_key(|card| std::cmp::Reverse(card.number));
}

/// `/painel/ordens`: "Orçamento", "Em andamento" and "Finalizadas hoje" (and "Canceladas" when
/// asked), live: an order changed anywhere moves without reloading.
#[component]
pub fn ServiceOrdersPage() -> impl IntoView {
    let i18n = use_i18n();
    let show_cancelled = RwSignal::new(false);
    let since = start_of_today();
    let since_millis = instant(&since).unwrap_or_default();
    let loaded = LocalResource::new({
        let since = since.clone();
        move || load_board(since.clone(), show_cancelled.get())
    });
    let cards = RwSignal::new(Vec::<Card>::new());
    Effect::new(move |_| {
        if let Some(Ok(board)) = loaded.get() {
            cards.set(board);
        }
    });
    let live = subscribe::<ServiceOrderChanged>(
        service_order_changed::Variables,
        move |data| cards.update(|cards| place(cards, Card::from(data.service_order_changed))),
        move || loaded.refetch(),
    );

    view! {
        <div class="page-head">
            <div>
                <h1>{t!(i18n, orders.title)}</h1>
                <LiveMark status=live />
            </div>
            <Show when=front_desk>
                <div class="page-head__actions">
                    <A
                        href=format!("{BOARD_PATH}/nova")
                        attr:class="button button--primary"
                        attr:data-test="new-order"
                    >
                        {t!(i18n, orders.new)}
                    </A>
                </div>
            </Show>
        </div>
        <label class="filter">
            <input
                type="checkbox"
                data-test="show-cancelled"
                prop:checked=show_cancelled
                on:change=move |event| show_cancelled.set(event_target_checked(&event))
            />
            {t!(i18n, orders.show_cancelled)}
        </label>
        <Loaded
            resource=loaded
            show=move |_| {
                view! {
                    <div class="board">
                        {move || {
                            Column::shown(show_cancelled.get())
                                .iter()
                                .map(|column| view! { <BoardColumn column=*column cards since=since_millis /> })
                                .collect_view()
                        }}
                    </div>
                }
            }
        />
    }
}

/// One column: its name, how many orders it holds and their cards, or its empty state.
#[component]
fn BoardColumn(column: Column, cards: RwSignal<Vec<Card>>, since: f64) -> impl IntoView {
    let i18n = use_i18n();
    let held = Memo::new(move |_| {
        cards.with(|cards| cards.iter().filter(|card| column.holds(card, since)).cloned().collect::<Vec<_>>())
    });
    let title = move || match column {
        Column::Quote => t!(i18n, orders.column_quote).into_any(),
        Column::InProgress => t!(i18n, orders.column_in_progress).into_any(),
        Column::FinishedToday => t!(i18n, orders.column_finished_today).into_any(),
        Column::Cancelled => t!(i18n, orders.column_cancelled).into_any(),
    };
    view! {
        <section class="board__column" data-test=column.test_id()>
            <h2 class="board__title">
                {title}
                " "
                <span class="board__count" data-test="column-count">
                    {move || held.with(Vec::len)}
                </span>
            </h2>
            {move || {
                let held = held.get();
                if held.is_empty() {
                    view! { <p class="empty">{t!(i18n, orders.column_empty)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="board__cards">
                            {held.into_iter().map(|card| view! { <OrderCard card /> }).collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// A card: number, plate, vehicle, customer, mechanic and total; a link to the order.
#[component]
fn OrderCard(card: Card) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <li>
            <A href=order_path(&card.id) attr:class="order-card" attr:data-test="order-card">
                <span class="order-card__head">
                    <strong>{t!(i18n, orders.number, number = card.number)}</strong>
                    <span class="plate">{card.plate}</span>
                </span>
                <span>{card.vehicle}</span>
                <span class="muted">{card.customer}</span>
                {card.mechanic.map(|name| view! { <span class="muted">{t!(i18n, orders.mechanic_is, name = name)}</span> })}
                <span class="order-card__total">{show_money(card.final_cents)}</span>
            </A>
        </li>
    }
}
