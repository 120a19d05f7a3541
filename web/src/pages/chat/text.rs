//! A message body as the page shows it: plain text in which `http://` and `https://` addresses
//! become links. The page builds a text node for every text piece and an `<a>` for every link, so
//! nothing in a body is ever read as HTML (`<img onerror=…>` stays the text it is) and no other
//! scheme (`javascript:`, `data:`) is ever a link.

/// A piece of a message body, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text shown as typed (line breaks kept by the page's CSS).
    Text(&'a str),
    /// An `http://` or `https://` address, shown as a link to itself.
    Link(&'a str),
}

/// The schemes a link may have.
const SCHEMES: [&str; 2] = ["https://", "http://"];

/// Punctuation that ends a sentence rather than an address: "veja https://x.com." links
/// `https://x.com`.
const TRAILING: [char; 8] = ['.', ',', ';', ':', '!', '?', '\'', '"'];

/// Splits `body` into text and links; joined back, the pieces are `body`.
pub fn pieces(body: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut text_from = 0;
    while let Some((start, end)) = next_link(body, text_from) {
        if start > text_from {
            pieces.push(Piece::Text(&body[text_from..start]));
        }
        pieces.push(Piece::Link(&body[start..end]));
        text_from = end;
    }
    if text_from < body.len() {
        pieces.push(Piece::Text(&body[text_from..]));
    }
    pieces
}

/// Where the first link at or after byte `from` starts and ends.
fn next_link(body: &str, from: usize) -> Option<(usize, usize)> {
    let mut search = from;
    while let Some(offset) = find_ignoring_case(&body[search..], "http") {
        let start = search + offset;
        let rest = &body[start..];
        let scheme = SCHEMES.iter().find(|scheme| starts_with_ignoring_case(rest, scheme));
        // "xhttp://" is not the start of an address.
        let at_word_start = body[..start].chars().next_back().is_none_or(|before| !before.is_alphanumeric());
        if let (Some(scheme), true) = (scheme, at_word_start) {
            let host_from = start + scheme.len();
            let end = host_from + address_length(&body[host_from..]);
            if end > host_from {
                return Some((start, end));
            }
        }
        search = start + "http".len();
    }
    None
}

/// How many bytes of `text` (what follows a scheme) belong to the address: up to a space or a
/// character that cannot be in one, without trailing punctuation or a closing parenthesis that
/// was not opened in it.
fn address_length(text: &str) -> usize {
    let mut end = text
        .find(|c: char| {
            c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '`' | '{' | '}' | '|' | '\\')
        })
        .unwrap_or(text.len());
    loop {
        let address = &text[..end];
        match address.chars().next_back() {
            Some(last) if TRAILING.contains(&last) => end -= last.len_utf8(),
            Some(')') if address.matches(')').count() > address.matches('(').count() => end -= 1,
            _ => return end,
        }
    }
}

/// Where `needle` (ASCII) first occurs in `text`, ignoring ASCII case.
fn find_ignoring_case(text: &str, needle: &str) -> Option<usize> {
    text.char_indices().map(|(at, _)| at).find(|&at| starts_with_ignoring_case(&text[at..], needle))
}

/// Whether `text` starts with `prefix` (ASCII), ignoring ASCII case.
fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len()).is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod tests {
    use super::Piece::{Link, Text};
    use super::*;

    #[test]
    fn plain_text_is_one_piece_and_nothing_is_no_piece() {
        assert_eq!(pieces("Bom dia!\nO carro está pronto?"), [Text("Bom dia!\nO carro está pronto?")]);
        assert_eq!(pieces(""), []);
    }

    #[test]
    fn http_and_https_addresses_become_links_without_the_punctuation_after_them() {
        assert_eq!(
            pieces("Veja https://exemplo.com.br/os?id=1&x=2. Ou http://a.b/c, ok"),
            [
                Text("Veja "),
                Link("https://exemplo.com.br/os?id=1&x=2"),
                Text(". Ou "),
                Link("http://a.b/c"),
                Text(", ok"),
            ]
        );
        assert_eq!(pieces("HTTPS://Oficina.com"), [Link("HTTPS://Oficina.com")]);
        assert_eq!(pieces("(https://x.com/a_(b))"), [Text("("), Link("https://x.com/a_(b)"), Text(")")]);
        assert_eq!(
            pieces("linha 1\nhttps://x.com\nlinha 3"),
            [Text("linha 1\n"), Link("https://x.com"), Text("\nlinha 3")]
        );
    }

    #[test]
    fn other_schemes_and_html_stay_text() {
        for body in [
            "javascript:alert(1)",
            "<img src=x onerror=alert(1)>",
            "data:text/html,<script>alert(1)</script>",
            "<a href=\"javascript:alert(1)\">clique</a>",
            "ftp://x.com",
            "https://",
            "xhttps://x.com",
            "http:/x.com",
        ] {
            assert_eq!(pieces(body), [Text(body)], "{body}");
        }
    }

    #[test]
    fn an_address_ends_where_html_would_begin() {
        assert_eq!(
            pieces("<img src=https://x.com/a.png onerror=alert(1)>"),
            [Text("<img src="), Link("https://x.com/a.png"), Text(" onerror=alert(1)>")]
        );
        assert_eq!(
            pieces("<a href=https://x.com>oi</a>"),
            [Text("<a href="), Link("https://x.com"), Text(">oi</a>")]
        );
        assert_eq!(pieces("\"https://x.com\""), [Text("\""), Link("https://x.com"), Text("\"")]);
    }

    #[test]
    fn the_pieces_join_back_into_the_body() {
        let body = "Olá, ação: https://exemplo.com/çã e http://b.c!";
        let joined: String = pieces(body)
            .into_iter()
            .map(|piece| match piece {
                Text(text) | Link(text) => text,
            })
            .collect();
        assert_eq!(joined, body);
    }
}
