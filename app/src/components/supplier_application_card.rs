use crate::api::supplier::{licence_image, ApproveSupplier, RejectSupplier};
use crate::contexts::locale::{use_locale, use_texts};
use crate::domain::account::Region;
use crate::domain::supplier::{Application, ApplicationStatus};
use crate::domain::time::shop_time;
use crate::i18n::supplier::SupplierTexts;
use leptos::prelude::*;

fn status_text(s: &SupplierTexts, status: ApplicationStatus) -> &'static str {
    match status {
        ApplicationStatus::Pending => s.status_pending,
        ApplicationStatus::Approved => s.status_approved,
        ApplicationStatus::Rejected => s.status_rejected,
    }
}

/// One application as a table row for operators: who applied, the licence (its photo on
/// request), the categories and, while it waits, "Approve", or "Reject" with a "Reason".
#[component]
pub fn SupplierApplicationCard(
    application: Application,
    approve: ServerAction<ApproveSupplier>,
    reject: ServerAction<RejectSupplier>,
) -> impl IntoView {
    let s = use_texts().supplier;
    let locale = use_locale();
    let id = application.id;
    let photo = Action::new(move |_: &()| licence_image(id));
    let region = Region::find(&application.region)
        .map_or(application.region.clone(), |r| r.name(locale).to_string());
    let waiting = application.status == ApplicationStatus::Pending;
    let company = application.company.clone();
    view! {
        <tr>
            <th scope="row">{application.company.clone()}<br/><small>{application.email.clone()}</small></th>
            <td>{application.contact.clone()}<br/><small>{application.phone.clone()}</small></td>
            <td>
                {application.licence_number.clone()}<br/>
                <button type="button" class="link-button" on:click=move |_| { photo.dispatch(()); }>{s.show_licence}</button>
                {move || photo.value().get().and_then(|r| r.ok()).map(|src| {
                    let alt = format!("{} {}", s.licence_image, company);
                    view! { <img class="licence" src=src alt=alt width="320"/> }
                })}
            </td>
            <td>{application.categories.join(", ")}<br/><small>{region}</small></td>
            <td>{status_text(s, application.status)}<br/><small>{shop_time(application.created_at)}</small>
                {(!application.reason.is_empty()).then(|| view! { <br/><small>{application.reason.clone()}</small> })}
            </td>
            <td>
                {waiting.then(|| view! {
                    <ActionForm action=approve>
                        <input type="hidden" name="application_id" value=id/>
                        <button type="submit" class="button primary" disabled=move || approve.pending().get()>{s.approve}</button>
                    </ActionForm>
                    <ActionForm action=reject attr:class="stack-form">
                        <input type="hidden" name="application_id" value=id/>
                        <label>
                            <span>{s.reason}</span>
                            <input type="text" name="reason" maxlength="200" required/>
                        </label>
                        <button type="submit" class="button" disabled=move || reject.pending().get()>{s.reject}</button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}
