//! The contract operations, read from ../shared/contract (never a copy) and split into one
//! document per operation.

use std::path::PathBuf;

/// Where the contract lives: `shared/contract` beside the repository.
pub fn contract_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/contract")
}

/// Every operation of every contract file, as (name, document).
pub fn all_operations() -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(contract_dir())
        .unwrap_or_else(|e| panic!("contract folder {}: {e}", contract_dir().display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "graphql"))
        .collect();
    files.sort();
    files.iter().flat_map(|path| split(&std::fs::read_to_string(path).unwrap())).collect()
}

/// The document of the operation called `name`.
pub fn operation(name: &str) -> String {
    all_operations()
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no contract operation {name}"))
        .1
}

/// Splits a file into its top-level operations, leaving comments out.
fn split(text: &str) -> Vec<(String, String)> {
    let mut operations: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let starts_operation = ["query ", "mutation ", "subscription "].iter().any(|k| line.starts_with(k));
        if starts_operation {
            let rest = line.split_once(' ').unwrap().1;
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            operations.push((name, String::new()));
        }
        if let Some((_, document)) = operations.last_mut() {
            document.push_str(line);
            document.push('\n');
        }
    }
    operations
}
