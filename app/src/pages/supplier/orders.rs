use crate::api::supplier::supplier_orders;
use crate::components::admin_error::AdminError;
use crate::contexts::locale::use_texts;
use crate::domain::time::shop_time;
use crate::i18n::order::status_text;
use leptos::prelude::*;
use leptos_meta::Title;

/// The latest lines of the supplier's goods in shoppers' orders, with the order's state and the
/// delivery city.
#[component]
pub fn SupplierOrdersPage() -> impl IntoView {
    let t = use_texts();
    let (s, o, b) = (t.supplier, t.orders, t.admin);
    let lines = Resource::new(|| (), |_| supplier_orders());
    view! {
        <Title text=s.orders/>
        <h1>{s.orders}</h1>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match lines.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{s.no_orders}</p> }.into_any(),
                    Ok(list) => view! {
                        <div class="table-scroll">
                            <table class="admin-table">
                                <thead><tr>
                                    <th scope="col">{s.order}</th>
                                    <th scope="col">{s.status}</th>
                                    <th scope="col">{b.product}</th>
                                    <th scope="col">{b.quantity}</th>
                                    <th scope="col">{s.amount}</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|l| view! {
                                        <tr>
                                            <th scope="row">{l.order_no}<br/><small>{shop_time(l.placed_at)}" · "{l.city}</small></th>
                                            <td>{status_text(o, l.status)}</td>
                                            <td>{l.name}<br/><small>{l.sku_code}</small></td>
                                            <td>{l.quantity}</td>
                                            <td>{l.total.to_string()}</td>
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
