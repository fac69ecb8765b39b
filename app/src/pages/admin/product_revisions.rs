use crate::api::admin::products::product_revisions;
use crate::components::admin_error::AdminError;
use crate::contexts::locale::{link_to, use_texts};
use crate::domain::catalog::product_edit::{ProductRevision, ProductStatus};
use crate::domain::time::shop_time;
use crate::i18n::admin::AdminTexts;
use crate::i18n::fill;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// A stored field's name as the editor labels it (SKU fields are named by their options).
fn field_label(b: &AdminTexts, field: &str) -> String {
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
fn value_text(b: &AdminTexts, field: &str, value: Option<String>) -> String {
    match (field, value.as_deref().and_then(ProductStatus::parse)) {
        ("status", Some(status)) => status_label(b, status).to_string(),
        _ => value.unwrap_or_else(|| "—".to_string()),
    }
}

fn status_label(b: &AdminTexts, status: ProductStatus) -> &'static str {
    match status {
        ProductStatus::Active => b.status_active,
        ProductStatus::Draft => b.status_draft,
        ProductStatus::Unlisted => b.status_unlisted,
    }
}

/// A product's revisions, newest first: each version's status, when and by whom, and what it
/// changed from the one before, field by field.
#[component]
pub fn ProductRevisionsPage() -> impl IntoView {
    let t = use_texts();
    let b = t.admin;
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let revisions = Resource::new(id, product_revisions);
    view! {
        <Title text=b.revisions/>
        <p><a href=move || link_to(&format!("/admin/products/{}", id()))>{b.back_to_editor}</a></p>
        <h1>{b.revisions}</h1>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match revisions.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{b.no_revisions}</p> }.into_any(),
                    Ok(list) => view! {
                        <ol class="audit-log">
                            {list.into_iter().map(|revision| view! { <RevisionItem revision/> }).collect_view()}
                        </ol>
                    }.into_any(),
                    Err(error) => view! { <AdminError error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn RevisionItem(revision: ProductRevision) -> impl IntoView {
    let b = use_texts().admin;
    let status = status_label(b, revision.status);
    view! {
        <li class="panel">
            <h2>{fill(b.revision_heading, revision.version)}</h2>
            <p>
                <span class="badge">{status}</span> " · " <time>{shop_time(revision.at)}</time>
                " · " <span>{revision.actor_email}</span>
            </p>
            <div class="table-scroll">
                <table class="changes">
                    <caption class="visually-hidden-focusable">{fill(b.revision_heading, revision.version)}</caption>
                    <thead><tr><th scope="col">{b.field}</th><th scope="col">{b.before}</th><th scope="col">{b.after}</th></tr></thead>
                    <tbody>
                        {revision.changes.into_iter().map(|change| view! {
                            <tr>
                                <th scope="row">{field_label(b, &change.field)}</th>
                                <td>{value_text(b, &change.field, change.before)}</td>
                                <td>{value_text(b, &change.field, change.after)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </li>
    }
}
