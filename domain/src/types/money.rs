use std::fmt;

use crate::message::Message;

/// An amount of money in centavos. Prices are never negative; sums and products are checked, so
/// an overflow is an error, never a wrapped amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

impl Money {
    /// The largest price accepted: R$ 10 milhões.
    pub const MAX_PRICE: Money = Money(1_000_000_000);

    /// A price typed in centavos: 0 to [`Money::MAX_PRICE`].
    pub fn price(cents: i64) -> Result<Money, Message> {
        if cents < 0 {
            return Err(Message::new("O preço não pode ser negativo.", "The price cannot be negative."));
        }
        if cents > Self::MAX_PRICE.0 {
            return Err(Message::new("O preço passa de R$ 10 milhões.", "The price is above R$ 10 million."));
        }
        Ok(Money(cents))
    }

    /// An amount already stored (a row's centavos).
    pub const fn from_cents(cents: i64) -> Money {
        Money(cents)
    }

    pub const fn cents(self) -> i64 {
        self.0
    }

    /// `self + other`, or `None` on overflow.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    /// `self × factor`, or `None` on overflow.
    pub fn checked_mul(self, factor: i64) -> Option<Money> {
        self.0.checked_mul(factor).map(Money)
    }
}

/// `R$ 1.234,56`, as Brazilians write it.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let reais = (abs / 100).to_string();
        let mut grouped = String::with_capacity(reais.len() + reais.len() / 3);
        for (i, digit) in reais.chars().enumerate() {
            if i > 0 && (reais.len() - i).is_multiple_of(3) {
                grouped.push('.');
            }
            grouped.push(digit);
        }
        write!(f, "{sign}R$ {grouped},{:02}", abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_are_never_negative_and_arithmetic_is_checked() {
        assert_eq!(Money::price(4590).unwrap().cents(), 4590);
        assert!(Money::price(-1).is_err());
        assert!(Money::price(Money::MAX_PRICE.cents() + 1).is_err());
        assert_eq!(Money::from_cents(150).checked_add(Money::from_cents(50)), Some(Money::from_cents(200)));
        assert_eq!(Money::from_cents(i64::MAX).checked_add(Money::from_cents(1)), None);
        assert_eq!(Money::from_cents(250).checked_mul(3), Some(Money::from_cents(750)));
        assert_eq!(Money::from_cents(i64::MAX).checked_mul(2), None);
    }

    #[test]
    fn displays_as_reais() {
        assert_eq!(Money::from_cents(4590).to_string(), "R$ 45,90");
        assert_eq!(Money::from_cents(123_456_789).to_string(), "R$ 1.234.567,89");
        assert_eq!(Money::from_cents(5).to_string(), "R$ 0,05");
        assert_eq!(Money::from_cents(-100_000).to_string(), "-R$ 1.000,00");
    }
}
