use crate::api::admin::audit::audit_log;
use crate::components::admin_error::AdminError;
use crate::contexts::locale::{link_to, use_texts};
use crate::domain::audit::{Action, AuditEntry, ObjectKind, AUDIT_PAGE};
use crate::domain::time::shop_time;
use crate::i18n::admin::AdminTexts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn kind_name(b: &AdminTexts, kind: ObjectKind) -> &'static str {
    match kind {
        ObjectKind::Category => b.kind_category,
        ObjectKind::Product => b.kind_product,
        ObjectKind::Sku => b.kind_sku,
        ObjectKind::Stock => b.kind_stock,
        ObjectKind::Staff => b.kind_staff,
        ObjectKind::Review => b.kind_review,
        ObjectKind::Warehouse => b.kind_warehouse,
        ObjectKind::Supplier => b.kind_supplier,
        ObjectKind::Promotion => b.kind_promotion,
    }
}

fn action_name(b: &AdminTexts, action: Action) -> &'static str {
    match action {
        Action::Create => b.action_create,
        Action::Update => b.action_update,
        Action::Delete => b.action_delete,
        Action::Move => b.action_move,
    }
}

/// The audit log: who changed what and when, before → after; filtered by object and person
/// (the filters are the address's query, so a filtered view can be linked to).
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let t = use_texts();
    let b = t.admin;
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let entries = Resource::new(
        move || (param("kind"), param("id"), param("person"), param("before")),
        |(kind, id, person, before)| audit_log(kind, id, person, before.parse().ok()),
    );
    view! {
        <Title text=b.audit_log/>
        <h1>{b.audit_log}</h1>
        <form method="get" action=link_to("/admin/audit") class="admin-filters" role="search">
            <label>
                <span>{b.object_kind}</span>
                <select name="kind">
                    <option value="">{b.any_object}</option>
                    {ObjectKind::ALL.into_iter().map(|kind| view! {
                        <option value=kind.as_str() selected=move || param("kind") == kind.as_str()>{kind_name(b, kind)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                <span>{b.object_id}</span>
                <input type="text" name="id" value=move || param("id")/>
            </label>
            <label>
                <span>{b.person}</span>
                <input type="email" name="person" value=move || param("person")/>
            </label>
            <button type="submit" class="button">{b.filter}</button>
        </form>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{b.no_entries}</p> }.into_any(),
                    Ok(list) => {
                        let older = (list.len() as i64 >= AUDIT_PAGE).then(|| {
                            let last = list.last().map(|e| e.id).unwrap_or_default();
                            let href = link_to(&format!(
                                "/admin/audit?kind={}&id={}&person={}&before={last}",
                                crate::domain::listing::encode_component(&param("kind")),
                                crate::domain::listing::encode_component(&param("id")),
                                crate::domain::listing::encode_component(&param("person")),
                            ));
                            view! { <p><a href=href>{b.older_entries}</a></p> }
                        });
                        view! {
                            <ol class="audit-log">
                                {list.into_iter().map(|entry| view! { <AuditLine entry/> }).collect_view()}
                            </ol>
                            {older}
                        }
                        .into_any()
                    }
                    Err(error) => view! { <AdminError error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn AuditLine(entry: AuditEntry) -> impl IntoView {
    let b = use_texts().admin;
    let what = format!(
        "{} · {} #{}",
        action_name(b, entry.action),
        kind_name(b, entry.object_kind),
        entry.object_id
    );
    view! {
        <li class="panel">
            <p>
                <time>{shop_time(entry.at)}</time> " · " <span>{entry.actor_email}</span> " · "
                <strong>{what}</strong>
            </p>
            <table class="changes">
                <thead><tr><th scope="col">{b.field}</th><th scope="col">{b.before}</th><th scope="col">{b.after}</th></tr></thead>
                <tbody>
                    {entry.changes.into_iter().map(|change| view! {
                        <tr>
                            <th scope="row">{change.field}</th>
                            <td>{change.before.unwrap_or_else(|| "—".to_string())}</td>
                            <td>{change.after.unwrap_or_else(|| "—".to_string())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </li>
    }
}
