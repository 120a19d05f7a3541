use serde::Serialize;
use serde_json::{Value, json};

/// What an update event records: `{field: {"from": …, "to": …}}` for every field of the two
/// snapshots (the same payload struct, before and after) that differs.
pub fn changes<T: Serialize>(before: &T, after: &T) -> Value {
    let as_json = |snapshot: &T| serde_json::to_value(snapshot).expect("an event payload serializes");
    let mut changed = serde_json::Map::new();
    if let (Value::Object(before), Value::Object(after)) = (as_json(before), as_json(after)) {
        for (key, new) in after {
            let old = before.get(&key).cloned().unwrap_or(Value::Null);
            if old != new {
                changed.insert(key, json!({ "from": old, "to": new }));
            }
        }
    }
    Value::Object(changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_only_what_differs() {
        let before = json!({ "name": "Ana", "year": 2020 });
        let after = json!({ "name": "Ana", "year": 2021 });
        assert_eq!(changes(&before, &after), json!({ "year": { "from": 2020, "to": 2021 } }));
    }
}
