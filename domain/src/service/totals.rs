//! The arithmetic of a service order, in centavos: item totals, the order's totals and the
//! installments of its payment. Pure functions, so the property tests can drive them directly.

use chrono::{Months, NaiveDate};

use crate::message::Message;
use crate::types::{Money, Quantity};

/// What an order sums to. `final = services + parts − discount + taxes`, never below zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    pub services: Money,
    pub parts: Money,
    pub discount: Money,
    pub taxes: Money,
    pub final_total: Money,
}

/// Where a total went wrong, for the field of the error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TotalsError {
    /// The discount is above the subtotal (services + parts).
    DiscountAboveSubtotal,
    /// The sums do not fit in the money type.
    TooLarge,
}

impl TotalsError {
    /// The input field the error belongs to, and what to tell the person.
    pub fn field_and_message(&self) -> (&'static str, Message) {
        match self {
            TotalsError::DiscountAboveSubtotal => (
                "discountCents",
                Message::new(
                    "O desconto não pode passar do valor de peças e serviços.",
                    "The discount cannot be above the parts and labour subtotal.",
                ),
            ),
            TotalsError::TooLarge => (
                "items",
                Message::new("O valor total da ordem é grande demais.", "The order's total is too large."),
            ),
        }
    }
}

/// The total of `quantity` at `unit_price`, rounded to the nearest centavo (half up).
pub fn item_total(quantity: Quantity, unit_price: Money) -> Option<Money> {
    let milli_cents = i128::from(quantity.milli()) * i128::from(unit_price.cents());
    let cents = (milli_cents + 500) / 1000;
    i64::try_from(cents).ok().map(Money::from_cents)
}

impl Totals {
    /// Sums item totals (`true` for a part, `false` for labour) with the discount and taxes.
    pub fn compute(
        items: impl IntoIterator<Item = (bool, Money)>,
        discount: Money,
        taxes: Money,
    ) -> Result<Totals, TotalsError> {
        let (mut services, mut parts) = (Money::default(), Money::default());
        for (is_part, total) in items {
            let sum = if is_part { &mut parts } else { &mut services };
            *sum = sum.checked_add(total).ok_or(TotalsError::TooLarge)?;
        }
        let subtotal = services.checked_add(parts).ok_or(TotalsError::TooLarge)?;
        if discount > subtotal {
            return Err(TotalsError::DiscountAboveSubtotal);
        }
        let final_total = Money::from_cents(subtotal.cents() - discount.cents())
            .checked_add(taxes)
            .ok_or(TotalsError::TooLarge)?;
        Ok(Totals { services, parts, discount, taxes, final_total })
    }
}

/// One installment of a payment plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedInstallment {
    /// 1-based.
    pub number: i32,
    pub due_date: NaiveDate,
    pub amount: Money,
}

/// Splits `total` into `count` monthly installments from `first_due`: equal parts with the
/// remainder on the first, so they add up exactly; a day the month lacks (the 31st) falls on the
/// month's last day. `count` must be at least 1.
pub fn installment_plan(total: Money, count: u32, first_due: NaiveDate) -> Option<Vec<PlannedInstallment>> {
    let n = i64::from(count.max(1));
    let (base, remainder) = (total.cents() / n, total.cents() % n);
    (0..count.max(1))
        .map(|k| {
            let due_date = first_due.checked_add_months(Months::new(k))?;
            let amount = if k == 0 { base + remainder } else { base };
            Some(PlannedInstallment { number: k as i32 + 1, due_date, amount: Money::from_cents(amount) })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn item_totals_round_half_up_to_the_centavo() {
        let price = Money::from_cents(4590);
        assert_eq!(item_total(Quantity::from_milli(2000), price), Some(Money::from_cents(9180)));
        // 1.5 L at R$ 33,33 is R$ 49,995: R$ 50,00.
        assert_eq!(
            item_total(Quantity::from_milli(1500), Money::from_cents(3333)),
            Some(Money::from_cents(5000))
        );
        assert_eq!(item_total(Quantity::from_milli(1), Money::from_cents(1)), Some(Money::from_cents(0)));
    }

    #[test]
    fn a_discount_above_the_subtotal_is_refused() {
        let items = [(true, Money::from_cents(1000)), (false, Money::from_cents(500))];
        let totals = Totals::compute(items, Money::from_cents(1500), Money::from_cents(10)).unwrap();
        assert_eq!(totals.final_total, Money::from_cents(10));
        assert_eq!(totals.parts, Money::from_cents(1000));
        assert_eq!(totals.services, Money::from_cents(500));
        assert_eq!(
            Totals::compute(items, Money::from_cents(1501), Money::default()),
            Err(TotalsError::DiscountAboveSubtotal)
        );
    }

    #[test]
    fn installments_fall_monthly_with_the_remainder_on_the_first() {
        let plan = installment_plan(Money::from_cents(10_000), 3, date(2026, 1, 31)).unwrap();
        let amounts: Vec<i64> = plan.iter().map(|i| i.amount.cents()).collect();
        assert_eq!(amounts, [3334, 3333, 3333]);
        let dates: Vec<NaiveDate> = plan.iter().map(|i| i.due_date).collect();
        assert_eq!(dates, [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]);
    }
}

#[cfg(test)]
mod properties {
    use chrono::{Datelike, Duration};
    use proptest::prelude::*;

    use super::*;

    /// An item: part or labour, a quantity in thousandths (whole for labour and pieces, any for
    /// measured parts), a unit price up to the largest accepted.
    fn item() -> impl Strategy<Value = (bool, Quantity, Money)> {
        (any::<bool>(), any::<bool>(), 1i64..=100_000, 1i64..=999, 0..=Money::MAX_PRICE.cents()).prop_map(
            |(is_part, measured, units, thousandths, price)| {
                let milli = if is_part && measured { (units - 1) * 1000 + thousandths } else { units * 1000 };
                (is_part, Quantity::from_milli(milli), Money::from_cents(price))
            },
        )
    }

    /// The last day of the month of `date`.
    fn last_day(date: NaiveDate) -> u32 {
        let first_of_next = if date.month() == 12 {
            NaiveDate::from_ymd_opt(date.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(date.year(), date.month() + 1, 1)
        };
        first_of_next.unwrap().pred_opt().unwrap().day()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn totals_installments_and_dates_add_up(
            items in proptest::collection::vec(item(), 0..40),
            discount_share in 0u32..=1000,
            taxes in 0..=Money::MAX_PRICE.cents(),
            count in 1u32..=12,
            first_day in 0i64..36_500,
        ) {
            // Every item total is the exact product rounded half up to the centavo.
            let lines: Vec<(bool, Money)> = items
                .iter()
                .map(|&(is_part, quantity, price)| {
                    let total = item_total(quantity, price).expect("fits");
                    let exact = i128::from(quantity.milli()) * i128::from(price.cents());
                    let off = exact - i128::from(total.cents()) * 1000;
                    assert!((-500..500).contains(&off), "{quantity:?} × {price:?} = {total:?}");
                    (is_part, total)
                })
                .collect();
            let parts: i64 = lines.iter().filter(|l| l.0).map(|l| l.1.cents()).sum();
            let services: i64 = lines.iter().filter(|l| !l.0).map(|l| l.1.cents()).sum();
            let subtotal = parts + services;
            let discount = Money::from_cents(
                i64::try_from(i128::from(subtotal) * i128::from(discount_share) / 1000).unwrap(),
            );
            let taxes = Money::from_cents(taxes);

            let totals = Totals::compute(lines.iter().copied(), discount, taxes).unwrap();
            prop_assert_eq!(totals.parts.cents(), parts);
            prop_assert_eq!(totals.services.cents(), services);
            prop_assert_eq!(totals.discount, discount);
            prop_assert_eq!(totals.taxes, taxes);
            prop_assert_eq!(totals.final_total.cents(), subtotal - discount.cents() + taxes.cents());
            prop_assert!(totals.final_total >= taxes, "never below zero, never eats the taxes");
            // One centavo more than the subtotal is refused.
            prop_assert_eq!(
                Totals::compute(lines.iter().copied(), Money::from_cents(subtotal + 1), taxes),
                Err(TotalsError::DiscountAboveSubtotal)
            );

            let first_due = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + Duration::days(first_day);
            let plan = installment_plan(totals.final_total, count, first_due).unwrap();
            prop_assert_eq!(plan.len(), count as usize);
            prop_assert_eq!(plan.iter().map(|i| i.amount.cents()).sum::<i64>(), totals.final_total.cents());
            let base = totals.final_total.cents() / i64::from(count);
            prop_assert_eq!(plan[0].amount.cents(), base + totals.final_total.cents() % i64::from(count));
            for (k, installment) in plan.iter().enumerate() {
                prop_assert_eq!(installment.number, k as i32 + 1);
                prop_assert!(installment.amount.cents() >= 0);
                if k > 0 {
                    prop_assert_eq!(installment.amount.cents(), base, "the remainder only on the first");
                }
                // Monthly: k months on, on the same day or the month's last when it has fewer.
                let months = first_due.year() * 12 + first_due.month0() as i32 + k as i32;
                let due = installment.due_date;
                prop_assert_eq!((due.year(), due.month0() as i32), (months.div_euclid(12), months.rem_euclid(12)));
                prop_assert_eq!(due.day(), first_due.day().min(last_day(due)));
            }
        }

        #[test]
        fn a_discount_above_the_subtotal_is_always_refused(
            items in proptest::collection::vec(item(), 0..10),
            above in 1i64..=1_000_000,
            taxes in 0..=Money::MAX_PRICE.cents(),
        ) {
            let lines: Vec<(bool, Money)> =
                items.iter().map(|&(p, q, price)| (p, item_total(q, price).unwrap())).collect();
            let subtotal: i64 = lines.iter().map(|l| l.1.cents()).sum();
            prop_assert_eq!(
                Totals::compute(lines, Money::from_cents(subtotal + above), Money::from_cents(taxes)),
                Err(TotalsError::DiscountAboveSubtotal)
            );
        }
    }
}
