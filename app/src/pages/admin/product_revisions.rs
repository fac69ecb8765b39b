use crate::api::admin::products::product_revisions;
use crate::components::admin_error::AdminError;
use crate::components::field_change_list::{field_label, value_text};
use crate::contexts::locale::{link_to, use_texts};
use crate::domain::catalog::product_edit::ProductRevision;
use crate::domain::time::shop_time;
use crate::i18n::fill;
use crate::i18n::product_status_text;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

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
    let t = use_texts();
    let b = t.admin;
    let status = product_status_text(t, revision.status);
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
                                <th scope="row">{field_label(t, &change.field)}</th>
                                <td>{value_text(t, &change.field, change.before)}</td>
                                <td>{value_text(t, &change.field, change.after)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </li>
    }
}
