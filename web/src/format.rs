//! Input masks (what a field shows while it is typed in) and display formats (money, dates,
//! plates, phones). The server accepts masked and unmasked values alike, so forms send what the
//! mask shows.

/// Keeps the ASCII letters and digits of `typed`, upper-cased.
fn alphanumerics(typed: &str) -> impl Iterator<Item = char> + '_ {
    typed.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase())
}

/// Keeps the ASCII digits of `typed`.
fn digits(typed: &str) -> impl Iterator<Item = char> + '_ {
    typed.chars().filter(char::is_ascii_digit)
}

/// Writes `characters` with `separators` (place, text) put in front of the character at that place.
fn with_separators(characters: impl Iterator<Item = char>, separators: &[(usize, char)]) -> String {
    let mut masked = String::new();
    for (place, c) in characters.enumerate() {
        if let Some((_, separator)) = separators.iter().find(|(at, _)| *at == place) {
            masked.push(*separator);
        }
        masked.push(c);
    }
    masked
}

/// Formats what is typed as a CNPJ, `00.000.000/0000-00`: keeps letters (upper-cased) and digits
/// in the first 12 places, as the 2026 alphanumeric CNPJ allows, and only digits in the two check
/// digits.
pub fn mask_cnpj(typed: &str) -> String {
    let characters = alphanumerics(typed)
        .enumerate()
        .filter(|(place, c)| *place < 12 || c.is_ascii_digit())
        .map(|(_, c)| c)
        .take(14);
    with_separators(characters, &[(2, '.'), (5, '.'), (8, '/'), (12, '-')])
}

/// Formats what is typed as a CPF, `000.000.000-00`, while it has up to 11 digits and nothing
/// else, and as a CNPJ ([`mask_cnpj`]) once it has more, or a letter.
pub fn mask_document(typed: &str) -> String {
    let clean: String = alphanumerics(typed).collect();
    if clean.len() <= 11 && clean.chars().all(|c| c.is_ascii_digit()) {
        with_separators(clean.chars(), &[(3, '.'), (6, '.'), (9, '-')])
    } else {
        mask_cnpj(&clean)
    }
}

/// Formats a phone number without its DDD: `0000-0000` up to 8 digits, `00000-0000` with 9.
pub fn mask_phone(typed: &str) -> String {
    let clean: Vec<char> = digits(typed).take(9).collect();
    let dash = if clean.len() == 9 { 5 } else { 4 };
    with_separators(clean.into_iter(), &[(dash, '-')])
}

/// Keeps the two digits of a DDD.
pub fn mask_ddd(typed: &str) -> String {
    digits(typed).take(2).collect()
}

/// Formats a CEP, `00000-000`.
pub fn mask_cep(typed: &str) -> String {
    with_separators(digits(typed).take(8), &[(5, '-')])
}

/// Keeps the four digits of a year.
pub fn mask_year(typed: &str) -> String {
    mask_four_digits(typed)
}

/// Keeps the first four digits typed: a number of days or of minutes.
pub fn mask_four_digits(typed: &str) -> String {
    digits(typed).take(4).collect()
}

/// Keeps the one digit of a number of doors.
pub fn mask_doors(typed: &str) -> String {
    digits(typed).take(1).collect()
}

/// Formats a distance in km with thousands dots, `35.000`, up to 7 digits.
pub fn mask_km(typed: &str) -> String {
    let clean: String = digits(typed).skip_while(|c| *c == '0').take(7).collect();
    if clean.is_empty() {
        return digits(typed).next().map(String::from).unwrap_or_default();
    }
    group_thousands(&clean)
}

/// Puts a dot between each group of three digits of `number`, from the right: `1.234.567`.
fn group_thousands(number: &str) -> String {
    let mut grouped = String::with_capacity(number.len() + number.len() / 3);
    for (place, c) in number.chars().enumerate() {
        if place > 0 && (number.len() - place).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    grouped
}

/// The number in what a numeric mask shows (`35.000` → 35000), if there is one.
pub fn read_number(shown: &str) -> Option<i64> {
    let clean: String = digits(shown).collect();
    clean.parse().ok()
}

/// Formats a plate as it is typed: three letters, a digit, a letter or digit, two digits. The
/// old format gets its dash (`ABC-1234`); the Mercosul one has none (`ABC1D23`).
pub fn mask_plate(typed: &str) -> String {
    let mut clean = Vec::with_capacity(7);
    for c in alphanumerics(typed) {
        let fits = match clean.len() {
            0..=2 => c.is_ascii_alphabetic(),
            3 | 5 | 6 => c.is_ascii_digit(),
            4 => true,
            _ => false,
        };
        if fits {
            clean.push(c);
        }
    }
    let old_format = clean.get(4).is_some_and(char::is_ascii_digit);
    let separators: &[(usize, char)] = if old_format { &[(3, '-')] } else { &[] };
    with_separators(clean.into_iter(), separators)
}

/// Shows a stored plate (`ABC1234`, `BRA2E19`) as people write it: `ABC-1234`, `BRA2E19`.
pub fn show_plate(plate: &str) -> String {
    mask_plate(plate)
}

/// Shows a phone as `(11) 98765-4321`.
pub fn show_phone(ddd: &str, number: &str) -> String {
    format!("({ddd}) {}", mask_phone(number))
}

/// Shows centavos as Brazilian reais: `R$ 1.234,56`.
pub fn show_money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    let reais = group_thousands(&(cents / 100).to_string());
    format!("{sign}R$ {reais},{:02}", cents % 100)
}

/// Reads a non-negative number typed the Brazilian way (`1.234,56`, `45,9`, `45`) as a whole
/// count of its `decimals`-th parts (`45,9` with 2 decimals is 4590). A comma is the decimal
/// separator and dots group thousands; with no comma, a dot followed by 1 to `decimals` digits
/// at the end is the decimal separator (`45.90`). `R$` and spaces are ignored. `None` for a blank
/// text, anything else that is not such a number, or more decimals than `decimals`.
fn parse_decimal(typed: &str, decimals: u32) -> Option<i64> {
    let text: String = typed.replace("R$", "").chars().filter(|c| !c.is_whitespace()).collect();
    let decimal_dot = || {
        let at = text.rfind('.')?;
        let places = text.len() - at - 1;
        (text.matches('.').count() == 1 && (1..=decimals as usize).contains(&places)).then_some(at)
    };
    let (whole, fraction) = match text.rfind(',').or_else(decimal_dot) {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text.as_str(), ""),
    };
    let whole: String = whole.chars().filter(|c| *c != '.').collect();
    let all_digits = |part: &str| part.chars().all(|c| c.is_ascii_digit());
    let well_formed = (!whole.is_empty() || !fraction.is_empty())
        && all_digits(&whole)
        && all_digits(fraction)
        && fraction.len() <= decimals as usize;
    if !well_formed {
        return None;
    }
    let scale = 10_i64.checked_pow(decimals)?;
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let fraction: i64 = format!("{fraction:0<width$}", width = decimals as usize).parse().unwrap_or(0);
    whole.checked_mul(scale)?.checked_add(fraction)
}

/// Reads a price typed in reais (`45,90`, `R$ 1.234,56`, `45`) as centavos; `None` when it is
/// blank or not a price.
pub fn parse_money(typed: &str) -> Option<i64> {
    parse_decimal(typed, 2)
}

/// A price in centavos as the money field shows it: `45,90`, `1.234,56`.
pub fn money_field(cents: i64) -> String {
    show_money(cents).trim_start_matches("R$ ").to_owned()
}

/// Reads a quantity typed the Brazilian way (`1,5`, `12`, `1.250,5`) with up to 3 decimals;
/// `None` when it is blank or not a quantity.
pub fn parse_quantity(typed: &str) -> Option<f64> {
    // Whole thousandths stay exact in an f64 far beyond any stock (2^53).
    parse_decimal(typed, 3).map(|thousandths| thousandths as f64 / 1000.0)
}

/// Shows a quantity the Brazilian way, with the decimals it has (at most 3): `12`, `1,5`,
/// `1.250,75`.
pub fn show_quantity(quantity: f64) -> String {
    let thousandths = (quantity * 1000.0).round() as i64;
    let sign = if thousandths < 0 { "-" } else { "" };
    let thousandths = thousandths.unsigned_abs();
    let whole = group_thousands(&(thousandths / 1000).to_string());
    let fraction = format!("{:03}", thousandths % 1000);
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() { format!("{sign}{whole}") } else { format!("{sign}{whole},{fraction}") }
}

/// Shows a distance in km with thousands dots: `35.000`.
pub fn show_km(km: i64) -> String {
    let sign = if km < 0 { "-" } else { "" };
    format!("{sign}{}", group_thousands(&km.unsigned_abs().to_string()))
}

/// The (year, month, day) of a `Date` (`1990-04-12`) or the UTC day of a `DateTime`
/// (`2024-05-01T13:00:00Z`), if it reads as one.
pub fn date_parts(text: &str) -> Option<(&str, &str, &str)> {
    let date = text.get(..10)?;
    let mut parts = date.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let all_digits = |part: &str| part.chars().all(|c| c.is_ascii_digit());
    (year.len() == 4 && month.len() == 2 && day.len() == 2 && [year, month, day].into_iter().all(all_digits))
        .then_some((year, month, day))
}

/// Encodes `text` for a URL's query string: every byte but the unreserved ones
/// (`A-Z a-z 0-9 - . _ ~`) becomes `%XX`.
pub fn url_encode(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_numeric_and_alphanumeric_cnpjs() {
        assert_eq!(mask_cnpj("11222333000181"), "11.222.333/0001-81");
        assert_eq!(mask_cnpj("11.222.333/0001-81"), "11.222.333/0001-81");
        assert_eq!(mask_cnpj("12abc34501de35"), "12.ABC.345/01DE-35");
        assert_eq!(mask_cnpj("112"), "11.2");
        assert_eq!(mask_cnpj("11222333000181999"), "11.222.333/0001-81");
        assert_eq!(mask_cnpj("112223330001AB"), "11.222.333/0001");
        assert_eq!(mask_cnpj(""), "");
    }

    #[test]
    fn a_document_is_a_cpf_up_to_eleven_digits_and_a_cnpj_beyond() {
        assert_eq!(mask_document("529"), "529");
        assert_eq!(mask_document("5299"), "529.9");
        assert_eq!(mask_document("52998224725"), "529.982.247-25");
        assert_eq!(mask_document("529.982.247-25"), "529.982.247-25");
        assert_eq!(mask_document("529.982.247-251"), "52.998.224/7251");
        assert_eq!(mask_document("11222333000181"), "11.222.333/0001-81");
        assert_eq!(mask_document("12.ABC.345/01DE-35"), "12.ABC.345/01DE-35");
        assert_eq!(mask_document("12a"), "12.A");
        assert_eq!(mask_document(""), "");
    }

    #[test]
    fn masks_phones_ddds_and_ceps() {
        assert_eq!(mask_phone("9876"), "9876");
        assert_eq!(mask_phone("98765"), "9876-5");
        assert_eq!(mask_phone("32165498"), "3216-5498");
        assert_eq!(mask_phone("987654321"), "98765-4321");
        assert_eq!(mask_phone("98765-43210"), "98765-4321");
        assert_eq!(mask_ddd("(11)"), "11");
        assert_eq!(mask_ddd("119"), "11");
        assert_eq!(mask_cep("01001000"), "01001-000");
        assert_eq!(mask_cep("0100"), "0100");
        assert_eq!(mask_cep("01001-0001"), "01001-000");
    }

    #[test]
    fn masks_years_doors_and_distances() {
        assert_eq!(mask_year("20211"), "2021");
        assert_eq!(mask_doors("45"), "4");
        assert_eq!(mask_km("35000"), "35.000");
        assert_eq!(mask_km("1234567"), "1.234.567");
        assert_eq!(mask_km("012"), "12");
        assert_eq!(mask_km("0"), "0");
        assert_eq!(mask_km("999"), "999");
        assert_eq!(read_number("35.000"), Some(35_000));
        assert_eq!(read_number("2021"), Some(2021));
        assert_eq!(read_number(""), None);
    }

    #[test]
    fn masks_old_and_mercosul_plates() {
        assert_eq!(mask_plate("abc1234"), "ABC-1234");
        assert_eq!(mask_plate("ABC-1234"), "ABC-1234");
        assert_eq!(mask_plate("bra2e19"), "BRA2E19");
        assert_eq!(mask_plate("BRA2E19X"), "BRA2E19");
        assert_eq!(mask_plate("AB1"), "AB");
        assert_eq!(mask_plate("ABC1"), "ABC1");
        assert_eq!(mask_plate("ABC12"), "ABC-12");
        assert_eq!(show_plate("ABC1234"), "ABC-1234");
        assert_eq!(show_plate("BRA2E19"), "BRA2E19");
    }

    #[test]
    fn shows_money_phones_and_dates() {
        assert_eq!(show_money(0), "R$ 0,00");
        assert_eq!(show_money(5), "R$ 0,05");
        assert_eq!(show_money(123_456), "R$ 1.234,56");
        assert_eq!(show_money(100_000_000), "R$ 1.000.000,00");
        assert_eq!(show_money(-1050), "-R$ 10,50");
        assert_eq!(show_phone("11", "987654321"), "(11) 98765-4321");
        assert_eq!(date_parts("1990-04-12"), Some(("1990", "04", "12")));
        assert_eq!(date_parts("2024-05-01T13:00:00Z"), Some(("2024", "05", "01")));
        assert_eq!(date_parts("12/04/1990"), None);
    }

    #[test]
    fn reads_prices_typed_in_reais() {
        assert_eq!(parse_money("45,90"), Some(4590));
        assert_eq!(parse_money("45,9"), Some(4590));
        assert_eq!(parse_money("45"), Some(4500));
        assert_eq!(parse_money("R$ 1.234,56"), Some(123_456));
        assert_eq!(parse_money("45.90"), Some(4590));
        assert_eq!(parse_money("1.234"), Some(123_400));
        assert_eq!(parse_money(",5"), Some(50));
        assert_eq!(parse_money("0"), Some(0));
        assert_eq!(parse_money(""), None);
        assert_eq!(parse_money("45,901"), None);
        assert_eq!(parse_money("-5"), None);
        assert_eq!(parse_money("abc"), None);
        assert_eq!(parse_money("99999999999999999999"), None);
        assert_eq!(money_field(4590), "45,90");
        assert_eq!(money_field(123_456), "1.234,56");
    }

    #[test]
    fn reads_and_shows_quantities() {
        assert_eq!(parse_quantity("1,5"), Some(1.5));
        assert_eq!(parse_quantity("12"), Some(12.0));
        assert_eq!(parse_quantity("0,125"), Some(0.125));
        assert_eq!(parse_quantity("1.5"), Some(1.5));
        assert_eq!(parse_quantity("1.250,5"), Some(1250.5));
        assert_eq!(parse_quantity("1,2345"), None);
        assert_eq!(parse_quantity(""), None);
        assert_eq!(show_quantity(12.0), "12");
        assert_eq!(show_quantity(1.5), "1,5");
        assert_eq!(show_quantity(48.5), "48,5");
        assert_eq!(show_quantity(0.125), "0,125");
        assert_eq!(show_quantity(1250.75), "1.250,75");
        assert_eq!(mask_four_digits("36500"), "3650");
    }

    #[test]
    fn shows_distances() {
        assert_eq!(show_km(35_000), "35.000");
        assert_eq!(show_km(999), "999");
        assert_eq!(show_km(1_234_567), "1.234.567");
    }

    #[test]
    fn encodes_a_search_for_a_query_string() {
        assert_eq!(url_encode("maria 2E1"), "maria%202E1");
        assert_eq!(url_encode("joão&x=1"), "jo%C3%A3o%26x%3D1");
        assert_eq!(url_encode(""), "");
    }
}
