use crate::contexts::locale::use_texts;
use crate::domain::audit::FieldChange;
use crate::domain::catalog::product_edit::ProductStatus;
use crate::i18n::{product_status_text, Texts};
use leptos::prelude::*;

/// A product state's field name as the editor labels it (SKU fields are named by their
/// options, as stored).
pub fn field_label(t: &Texts, field: &str) -> String {
    let b = t.admin;
    match field {
        "status" => b.status,
        "category_id" => b.category,
        "name_zh_hant" => b.name_zh_hant,
        "name_zh_hans" => b.name_zh_hans,
        "name_en" => b.name_en,
        "brand" => b.brand,
        "description_zh_hant" => b.description_zh_hant,
        "description_zh_hans" => b.description_zh_hans,
        "description_en" => b.description_en,
        "attributes_zh_hant" => b.attributes_zh_hant,
        "attributes_zh_hans" => b.attributes_zh_hans,
        "attributes_en" => b.attributes_en,
        "axes" => b.options,
        "images" => b.images,
        "publish_at" => b.publish_at,
        other => return other.to_string(),
    }
    .to_string()
}

/// A stored value as the editor shows it: statuses in words, the rest as stored ("—" for none).
pub fn value_text(t: &Texts, field: &str, value: Option<String>) -> String {
    match (field, value.as_deref().and_then(ProductStatus::parse)) {
        ("status", Some(status)) => product_status_text(t, status).to_string(),
        _ => value.unwrap_or_else(|| "—".to_string()),
    }
}

/// What a product edit changes, field by field, as a description list: the field, then its value
/// before (struck through) and after; a field that had no value shows only the new one, and one
/// empty on both sides is left out. Compact enough to sit in a table cell on a phone.
#[component]
pub fn FieldChangeList(changes: Vec<FieldChange>) -> impl IntoView {
    let t = use_texts();
    let b = t.admin;
    let blank = |v: &Option<String>| v.as_deref().is_none_or(str::is_empty);
    view! {
        <dl class="change-list">
            {changes.into_iter().filter(|c| !(blank(&c.before) && blank(&c.after))).map(|change| {
                let before = (!blank(&change.before)).then(|| view! {
                    <del><span class="visually-hidden-focusable">{b.before}": "</span>{value_text(t, &change.field, change.before.clone())}</del>
                    " → "
                });
                view! {
                    <dt>{field_label(t, &change.field)}</dt>
                    <dd>
                        {before}
                        <ins><span class="visually-hidden-focusable">{b.after}": "</span>{value_text(t, &change.field, change.after)}</ins>
                    </dd>
                }
            }).collect_view()}
        </dl>
    }
}
