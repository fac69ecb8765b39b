//! The audit log: every back-office change, with who made it, when, and the object before →
//! after. Objects are recorded as flat JSON objects; the log shows the fields that changed.

use serde::{Deserialize, Serialize};

/// What kind of thing a change was made to (`audit_log.object_kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ObjectKind {
    Category,
    Product,
    Sku,
    Stock,
    Staff,
    Review,
    Warehouse,
    /// A supplier: the decision on its application, its suspension.
    Supplier,
    /// A 滿減 or a coupon.
    Promotion,
}

impl ObjectKind {
    pub const ALL: [ObjectKind; 9] = [
        ObjectKind::Category,
        ObjectKind::Product,
        ObjectKind::Sku,
        ObjectKind::Stock,
        ObjectKind::Staff,
        ObjectKind::Review,
        ObjectKind::Warehouse,
        ObjectKind::Supplier,
        ObjectKind::Promotion,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ObjectKind::Category => "category",
            ObjectKind::Product => "product",
            ObjectKind::Sku => "sku",
            ObjectKind::Stock => "stock",
            ObjectKind::Staff => "staff",
            ObjectKind::Review => "review",
            ObjectKind::Warehouse => "warehouse",
            ObjectKind::Supplier => "supplier",
            ObjectKind::Promotion => "promotion",
        }
    }

    pub fn parse(value: &str) -> Option<ObjectKind> {
        ObjectKind::ALL.into_iter().find(|k| k.as_str() == value)
    }
}

/// What was done (`audit_log.action`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    Create,
    Update,
    Delete,
    Move,
}

impl Action {
    pub const ALL: [Action; 4] = [Action::Create, Action::Update, Action::Delete, Action::Move];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
            Action::Move => "move",
        }
    }

    pub fn parse(value: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == value)
    }
}

/// The operator making a change, as the log records them (the email is kept, so the entry
/// still names them after their account is gone).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditActor {
    pub user_id: i64,
    pub email: String,
}

/// One field of an object before → after; None where the object (or the field) did not exist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// One line of the audit log as operators read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    /// Unix seconds.
    pub at: i64,
    pub actor_id: i64,
    pub actor_email: String,
    pub object_kind: ObjectKind,
    pub object_id: String,
    pub action: Action,
    pub changes: Vec<FieldChange>,
}

/// Which entries to show: all of one object, all of one person's, or both; newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub object_kind: Option<ObjectKind>,
    pub object_id: Option<String>,
    pub actor_email: Option<String>,
    /// Entries older than this id (the next page); None for the newest.
    pub before_id: Option<i64>,
}

/// How many entries one page of the log shows.
pub const AUDIT_PAGE: i64 = 50;

fn scalar_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The fields that differ between two recorded states (flat JSON objects, as stored), by field
/// name (before's fields first, then fields only after has). A state that is not
/// an object counts as one field named "value"; unreadable JSON as absent. Between two states, a
/// field missing from one and empty in the other is no change (a field added to the records
/// later, e.g. a product's attributes, is not shown as changed on the next save).
pub fn changes(before: Option<&str>, after: Option<&str>) -> Vec<FieldChange> {
    fn fields(state: Option<&str>) -> Vec<(String, serde_json::Value)> {
        match state.and_then(|text| serde_json::from_str::<serde_json::Value>(text).ok()) {
            Some(serde_json::Value::Object(map)) => map.into_iter().collect(),
            Some(other) => vec![("value".to_string(), other)],
            None => Vec::new(),
        }
    }
    let before = fields(before);
    let after = fields(after);
    let find = |list: &[(String, serde_json::Value)], name: &str| {
        list.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    };
    let mut names: Vec<&String> = before.iter().map(|(k, _)| k).collect();
    names.extend(
        after
            .iter()
            .map(|(k, _)| k)
            .filter(|k| !before.iter().any(|(b, _)| b == *k)),
    );
    let both = !before.is_empty() && !after.is_empty();
    let blank =
        |v: &Option<serde_json::Value>| v.as_ref().is_none_or(|v| scalar_text(v).is_empty());
    names
        .into_iter()
        .filter_map(|name| {
            let old = find(&before, name);
            let new = find(&after, name);
            let unchanged = old == new || (both && blank(&old) && blank(&new));
            (!unchanged).then(|| FieldChange {
                field: name.clone(),
                before: old.as_ref().map(scalar_text),
                after: new.as_ref().map(scalar_text),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_new_to_the_records_is_no_change_while_empty() {
        let before = r#"{"name":"Cup"}"#;
        assert!(changes(Some(before), Some(r#"{"name":"Cup","brand":""}"#)).is_empty());
        let found = changes(Some(before), Some(r#"{"name":"Cup","brand":"Lantern"}"#));
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].before.as_deref(), found[0].after.as_deref()),
            (None, Some("Lantern"))
        );
        // A creation still lists every field, empty ones included.
        assert_eq!(changes(None, Some(r#"{"brand":""}"#)).len(), 1);
    }

    #[test]
    fn kinds_and_actions_round_trip() {
        for kind in ObjectKind::ALL {
            assert_eq!(ObjectKind::parse(kind.as_str()), Some(kind));
        }
        for action in Action::ALL {
            assert_eq!(Action::parse(action.as_str()), Some(action));
        }
        assert_eq!(ObjectKind::parse("order"), None);
    }

    #[test]
    fn only_changed_fields_are_listed() {
        let before = r#"{"name_en":"Tea","position":1,"hidden":false}"#;
        let after = r#"{"name_en":"Teas","position":1,"hidden":true}"#;
        assert_eq!(
            changes(Some(before), Some(after)),
            vec![
                FieldChange {
                    field: "hidden".into(),
                    before: Some("false".into()),
                    after: Some("true".into())
                },
                FieldChange {
                    field: "name_en".into(),
                    before: Some("Tea".into()),
                    after: Some("Teas".into())
                },
            ]
        );
    }

    #[test]
    fn a_created_object_lists_every_field_and_a_deleted_one_too() {
        let state = r#"{"slug":"tea","parent":null}"#;
        let created = changes(None, Some(state));
        assert_eq!(created.len(), 2);
        assert!(created.iter().all(|c| c.before.is_none()));
        // By name: parent (null, shown empty) before slug.
        assert_eq!(created[0].after.as_deref(), Some(""));
        let deleted = changes(Some(state), None);
        assert!(deleted.iter().all(|c| c.after.is_none()));
        assert!(changes(Some(state), Some(state)).is_empty());
    }

    #[test]
    fn a_plain_value_is_one_field() {
        assert_eq!(
            changes(Some("3"), Some("5")),
            vec![FieldChange {
                field: "value".into(),
                before: Some("3".into()),
                after: Some("5".into())
            }]
        );
        assert!(changes(Some("not json"), None).is_empty());
    }
}
