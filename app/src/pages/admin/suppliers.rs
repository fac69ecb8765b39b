use crate::api::admin::catalog::admin_suppliers;
use crate::api::supplier::{
    supplier_applications, supplier_ratings, ApproveSupplier, RejectSupplier, SetSupplierSuspended,
};
use crate::components::admin_error::AdminError;
use crate::components::form_errors::{action_error, FormErrors};
use crate::components::rating_figures::RatingFigures;
use crate::components::supplier_application_card::SupplierApplicationCard;
use crate::contexts::locale::use_texts;
use crate::domain::time::shop_time;
use leptos::prelude::*;
use leptos_meta::Title;

/// Applications to sell on Jishi (waiting ones first, each with "Approve" and "Reject"), then
/// every account holding the supplier role, each with "Suspend" or "Reinstate".
#[component]
pub fn AdminSuppliersPage() -> impl IntoView {
    let t = use_texts();
    let (b, s, r) = (t.admin, t.supplier, t.product_review);
    let approve = ServerAction::<ApproveSupplier>::new();
    let reject = ServerAction::<RejectSupplier>::new();
    let suspend = ServerAction::<SetSupplierSuspended>::new();
    // Lists are read again only after a decision went through, so a refused one keeps the
    // typed reason.
    let decided = RwSignal::new(0u32);
    for outcome in [approve.value(), reject.value(), suspend.value()] {
        Effect::new(move |_| {
            if let Some(Ok(())) = outcome.get() {
                decided.update(|n| *n += 1);
            }
        });
    }
    let changed = move || decided.get();
    let applications = Resource::new(changed, |_| supplier_applications());
    let suppliers = Resource::new(changed, |_| admin_suppliers());
    let ratings = Resource::new(|| (), |_| supplier_ratings());
    let error = Signal::derive(move || {
        action_error(approve)
            .get()
            .or_else(|| action_error(reject).get())
            .or_else(|| action_error(suspend).get())
    });
    view! {
        <Title text=b.suppliers/>
        <h1>{b.suppliers}</h1>
        <h2>{s.applications}</h2>
        <FormErrors error/>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match applications.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{s.no_applications}</p> }.into_any(),
                    Ok(list) => view! {
                        <div class="table-scroll">
                            <table class="admin-table">
                                <thead><tr>
                                    <th scope="col">{s.company}</th>
                                    <th scope="col">{s.contact}</th>
                                    <th scope="col">{s.licence_number}</th>
                                    <th scope="col">{s.categories}</th>
                                    <th scope="col">{s.status}</th>
                                    <th scope="col">{s.rating}</th>
                                    <th scope="col"></th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|application| view! {
                                        <SupplierApplicationCard application approve reject/>
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
        <h2>{b.suppliers}</h2>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                // Ratings are a figure beside each row; without them the rows still show.
                let ratings = ratings.await.unwrap_or_default();
                match suppliers.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{b.no_suppliers}</p> }.into_any(),
                    Ok(list) => view! {
                        <p class="hint">{s.rating_hint}</p>
                        <div class="table-scroll">
                            <table class="admin-table">
                                <thead><tr>
                                    <th scope="col">{s.company}</th>
                                    <th scope="col">{b.email}</th>
                                    <th scope="col">{b.since}</th>
                                    <th scope="col">{s.status}</th>
                                    <th scope="col"></th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|row| view! {
                                        <tr>
                                            <th scope="row">{if row.company.is_empty() { row.display_name.clone() } else { row.company.clone() }}</th>
                                            <td>{row.email}</td>
                                            <td>{shop_time(row.since)}</td>
                                            <td>{if row.active { r.supplier_active } else { r.status_suspended }}</td>
                                            <td>{ratings.iter().find(|rating| rating.user_id == row.user_id).cloned()
                                                .map(|rating| view! { <RatingFigures rating/> })}</td>
                                            <td>
                                                {row.has_record.then(|| view! {
                                                    <ActionForm action=suspend>
                                                        <input type="hidden" name="user_id" value=row.user_id/>
                                                        <input type="hidden" name="suspend" value=row.active.to_string()/>
                                                        <button type="submit" class="button" disabled=move || suspend.pending().get()>
                                                            {if row.active { r.suspend } else { r.reinstate }}
                                                        </button>
                                                    </ActionForm>
                                                })}
                                            </td>
                                        </tr>
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
