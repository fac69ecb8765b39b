use crate::api::admin::catalog::review_queue;
use crate::components::admin_error::AdminError;
use crate::contexts::locale::use_texts;
use crate::domain::time::shop_time;
use leptos::prelude::*;
use leptos_meta::Title;

/// Products suppliers submitted, oldest first. Suppliers cannot submit yet (their console is
/// a later issue), so the queue stays empty until then.
#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let t = use_texts();
    let b = t.admin;
    let items = Resource::new(|| (), |_| review_queue());
    view! {
        <Title text=b.review_queue/>
        <h1>{b.review_queue}</h1>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match items.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{b.review_empty}</p> }.into_any(),
                    Ok(list) => view! {
                        <ol class="review-queue">
                            {list.into_iter().map(|item| view! {
                                <li>{item.name} " · " <time>{shop_time(item.created_at)}</time></li>
                            }).collect_view()}
                        </ol>
                    }
                    .into_any(),
                    Err(error) => view! { <AdminError error/> }.into_any(),
                }
            })}
        </Transition>
    }
}
