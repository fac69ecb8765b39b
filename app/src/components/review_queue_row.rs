use crate::api::admin::product_review::{ApproveSubmission, RejectSubmission};
use crate::components::field_change_list::FieldChangeList;
use crate::contexts::locale::use_texts;
use crate::domain::catalog::product_review::ReviewItem;
use crate::domain::time::shop_time;
use leptos::prelude::*;

/// One submission of the review queue as a table row: the product (new, or a change to a live
/// one) with its supplier and when it was submitted, what it changes field by field, then
/// "Approve", or "Reject" with a "Reason".
#[component]
pub fn ReviewQueueRow(
    item: ReviewItem,
    approve: ServerAction<ApproveSubmission>,
    reject: ServerAction<RejectSubmission>,
) -> impl IntoView {
    let r = use_texts().product_review;
    let id = item.submission_id;
    view! {
        <tr>
            <th scope="row">
                {item.name}<br/>
                <span class="badge">{if item.new_product { r.new_product } else { r.change_of_live }}</span><br/>
                <small>{item.company}" · "<time>{shop_time(item.submitted_at)}</time></small>
            </th>
            <td><FieldChangeList changes=item.changes/></td>
            <td>
                <div class="review-actions">
                    <ActionForm action=approve>
                        <input type="hidden" name="submission_id" value=id/>
                        <button type="submit" class="button primary" disabled=move || approve.pending().get()>{r.approve}</button>
                    </ActionForm>
                    <ActionForm action=reject attr:class="stack-form">
                        <input type="hidden" name="submission_id" value=id/>
                        <label>
                            <span>{r.reason}</span>
                            <input type="text" name="reason" maxlength="200" aria-required="true"/>
                        </label>
                        <button type="submit" class="button" disabled=move || reject.pending().get()>{r.reject}</button>
                    </ActionForm>
                </div>
            </td>
        </tr>
    }
}
