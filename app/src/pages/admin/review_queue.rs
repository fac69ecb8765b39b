use crate::api::admin::product_review::{review_queue, ApproveSubmission, RejectSubmission};
use crate::components::admin_error::AdminError;
use crate::components::form_errors::{action_error, FormErrors};
use crate::components::review_queue_row::ReviewQueueRow;
use crate::contexts::locale::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

/// Suppliers' submissions waiting for review, oldest first: each with what it changes field by
/// field, "Approve", or "Reject" with a "Reason". The queue is read again only after a decision
/// went through, so a refused rejection keeps its typed reason.
#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let t = use_texts();
    let (b, r) = (t.admin, t.product_review);
    let approve = ServerAction::<ApproveSubmission>::new();
    let reject = ServerAction::<RejectSubmission>::new();
    let decided = RwSignal::new(0u32);
    // Which decision went through last, for the notice.
    let last = RwSignal::new(None::<&'static str>);
    for (outcome, notice) in [
        (approve.value(), r.approved_notice),
        (reject.value(), r.rejected_notice),
    ] {
        Effect::new(move |_| {
            if let Some(Ok(())) = outcome.get() {
                last.set(Some(notice));
                decided.update(|n| *n += 1);
            }
        });
    }
    // Only the latest decision's answer is shown: starting one clears what the others said.
    Effect::new(move |_| {
        if approve.pending().get() {
            reject.value().set(None);
            last.set(None);
        }
    });
    Effect::new(move |_| {
        if reject.pending().get() {
            approve.value().set(None);
            last.set(None);
        }
    });
    let items = Resource::new(move || decided.get(), |_| review_queue());
    let error = Signal::derive(move || {
        action_error(approve)
            .get()
            .or_else(|| action_error(reject).get())
    });
    view! {
        <Title text=b.review_queue/>
        <h1>{b.review_queue}</h1>
        <FormErrors error/>
        {move || last.get().map(|notice| view! { <p class="notice-ok" role="status">{notice}</p> })}
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match items.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{b.review_empty}</p> }.into_any(),
                    Ok(list) => view! {
                        <div class="table-scroll">
                            <table class="admin-table review-queue">
                                <thead><tr>
                                    <th scope="col">{b.product}</th>
                                    <th scope="col">{r.changes}</th>
                                    <th scope="col"></th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|item| view! {
                                        <ReviewQueueRow item approve reject/>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                    .into_any(),
                    Err(error) => view! { <AdminError error/> }.into_any(),
                }
            })}
        </Transition>
    }
}
