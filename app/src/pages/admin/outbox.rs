use crate::api::admin::list_outbox;
use crate::components::error_notice::ErrorNotice;
use crate::contexts::locale::use_texts;
use crate::domain::time::shop_time;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// Every mail the shop sent or would send (without SMTP it only goes to the log and here).
#[component]
pub fn OutboxPage() -> impl IntoView {
    let t = use_texts();
    let a = t.accounts;
    let mail = Resource::new(|| (), |_| list_outbox());
    view! {
        <Title text=a.outbox_title/>
        <Meta name="robots" content="noindex"/>
        <h1>{a.outbox_title}</h1>
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match mail.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{a.outbox_empty}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="outbox">
                            {list.into_iter().map(|m| view! {
                                <li>
                                    <details>
                                        <summary>
                                            <strong>{m.subject}</strong> " · " {a.mail_to} ": " {m.recipient}
                                            " · " {shop_time(m.created_at)} " · "
                                            {if m.sent_at.is_some() { a.mail_sent } else { a.mail_pending }}
                                        </summary>
                                        <pre>{m.body}</pre>
                                    </details>
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
