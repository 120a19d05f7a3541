use crate::message::Message;

/// A Brazilian phone: a two-digit DDD (area code) and 8 or 9 digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    pub ddd: String,
    pub number: String,
}

impl Phone {
    /// Parses the DDD and the number separately, each with or without punctuation.
    /// Errors say which part is wrong: `Err((part, message))` with part `ddd` or `number`.
    pub fn parse(ddd: &str, number: &str) -> Result<Self, (&'static str, Message)> {
        let ddd = digits(ddd);
        let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if ddd.len() != 2 || !all_digits(&ddd) || ddd.starts_with('0') || ddd.ends_with('0') {
            return Err((
                "ddd",
                Message::new(
                    "O DDD deve ter 2 dígitos, como 11 ou 21.",
                    "The DDD must have 2 digits, like 11 or 21.",
                ),
            ));
        }
        let number = digits(number);
        if !all_digits(&number) {
            return Err((
                "number",
                Message::new("O telefone deve ter só números.", "The phone must have digits only."),
            ));
        }
        match number.len() {
            8 => {}
            9 if number.starts_with('9') => {}
            9 => {
                return Err((
                    "number",
                    Message::new(
                        "Celular com 9 dígitos começa com 9.",
                        "A 9-digit mobile number starts with 9.",
                    ),
                ));
            }
            _ => {
                return Err((
                    "number",
                    Message::new("O telefone deve ter 8 ou 9 dígitos.", "The phone must have 8 or 9 digits."),
                ));
            }
        }
        Ok(Self { ddd, number })
    }
}

/// Drops the punctuation people type in phones; anything else stays and fails the digit checks.
fn digits(input: &str) -> String {
    input.chars().filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')')).collect()
}

#[cfg(test)]
mod tests {
    use super::Phone;

    #[test]
    fn parses_ddd_and_number() {
        assert_eq!(
            Phone::parse("(11)", "98765-4321").unwrap(),
            Phone { ddd: "11".into(), number: "987654321".into() }
        );
        assert_eq!(Phone::parse("21", "3333 4444").unwrap().number, "33334444");
        assert_eq!(Phone::parse("1", "33334444").unwrap_err().0, "ddd");
        assert_eq!(Phone::parse("01", "33334444").unwrap_err().0, "ddd");
        assert_eq!(Phone::parse("11", "87654321x").unwrap_err().0, "number");
        assert_eq!(Phone::parse("11", "887654321").unwrap_err().0, "number");
        assert_eq!(Phone::parse("11", "1234567").unwrap_err().0, "number");
    }
}
