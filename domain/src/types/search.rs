/// Text as the search indexes hold it: lower-case, without accents, without the punctuation of
/// documents, phones and plates (`.`, `-`, `/`, `(`, `)`), spaces collapsed. The same function
/// normalizes what is stored and what is typed, so "joao" finds "João" and "529.982" finds a CPF.
pub fn normalize_search(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            '.' | '-' | '/' | '(' | ')' => continue,
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::normalize_search;

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(normalize_search("  João   da Conceição "), "joao da conceicao");
        assert_eq!(normalize_search("529.982.247-25"), "52998224725");
        assert_eq!(normalize_search("ABC-1234"), "abc1234");
        assert_eq!(normalize_search("(11) 98765-4321"), "11 987654321");
    }
}
