use crate::api::admin::catalog::admin_suppliers;
use crate::components::admin_error::AdminError;
use crate::contexts::locale::use_texts;
use crate::domain::time::shop_time;
use leptos::prelude::*;
use leptos_meta::Title;

/// Every account holding the supplier role.
#[component]
pub fn AdminSuppliersPage() -> impl IntoView {
    let t = use_texts();
    let b = t.admin;
    let suppliers = Resource::new(|| (), |_| admin_suppliers());
    view! {
        <Title text=b.suppliers/>
        <h1>{b.suppliers}</h1>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match suppliers.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{b.no_suppliers}</p> }.into_any(),
                    Ok(list) => view! {
                        <div class="table-scroll">
                            <table class="admin-table">
                                <thead><tr>
                                    <th scope="col">{b.name}</th>
                                    <th scope="col">{b.email}</th>
                                    <th scope="col">{b.since}</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|s| view! {
                                        <tr>
                                            <th scope="row">{s.display_name}</th>
                                            <td>{s.email}</td>
                                            <td>{shop_time(s.since)}</td>
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
