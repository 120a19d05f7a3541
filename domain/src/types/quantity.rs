use crate::message::Message;

/// A quantity of a unit in thousandths (1,5 L is 1500): whole for units counted in pieces, up to
/// three decimals for units that are measured (litres, kilograms, metres).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Quantity(i64);

impl Quantity {
    /// The largest quantity accepted: a billion units.
    const MAX_MILLI: i64 = 1_000_000_000_000;

    /// A quantity typed as a number, zero or more; `decimals` is whether the unit takes fractions.
    pub fn parse(value: f64, decimals: bool) -> Result<Quantity, Message> {
        if !value.is_finite() || value < 0.0 {
            return Err(Message::new(
                "Informe uma quantidade de zero ou mais.",
                "Enter a quantity of zero or more.",
            ));
        }
        let milli = (value * 1000.0).round();
        if milli > Self::MAX_MILLI as f64 {
            return Err(Message::new("Quantidade grande demais.", "The quantity is too large."));
        }
        // The shortest text that reads back as `value` (`0.1`, never `0.1000000000000000055…`)
        // has the decimals the person typed.
        if value.to_string().split_once('.').is_some_and(|(_, decimals)| decimals.len() > 3) {
            return Err(Message::new("Use no máximo 3 casas decimais.", "Use at most 3 decimal places."));
        }
        let milli = milli as i64;
        if !decimals && milli % 1000 != 0 {
            return Err(Message::new(
                "Esta unidade só aceita quantidades inteiras.",
                "This unit takes whole quantities only.",
            ));
        }
        Ok(Quantity(milli))
    }

    /// A quantity already stored, in thousandths.
    pub const fn from_milli(milli: i64) -> Quantity {
        Quantity(milli)
    }

    /// In thousandths of the unit.
    pub const fn milli(self) -> i64 {
        self.0
    }

    /// As a number of units (`1.5`).
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_decimals_only_for_measured_units() {
        assert_eq!(Quantity::parse(10.0, false).unwrap().milli(), 10_000);
        assert_eq!(Quantity::parse(1.255, true).unwrap().milli(), 1255);
        assert_eq!(Quantity::parse(0.1, true).unwrap().as_f64(), 0.1);
        assert!(Quantity::parse(1.5, false).is_err());
        assert!(Quantity::parse(1.2345, true).is_err());
        assert!(Quantity::parse(-1.0, true).is_err());
        assert!(Quantity::parse(f64::NAN, true).is_err());
        assert!(Quantity::parse(1e13, true).is_err());
        assert_eq!(Quantity::parse(999_999_999.999, true).unwrap().milli(), 999_999_999_999);
        assert!(Quantity::parse(0.0001, true).is_err());
    }
}
