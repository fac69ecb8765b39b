use crate::api::account::points::get_points;
use crate::components::error_notice::ErrorNotice;
use crate::contexts::locale::use_texts;
use crate::domain::time::{shop_date, shop_time};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PointsPage() -> impl IntoView {
    let t = use_texts();
    let a = t.accounts;
    let points = Resource::new(|| (), |_| get_points());
    view! {
        <Title text=a.points/>
        <h1>{a.points}</h1>
        <p class="hint">{a.points_intro}</p>
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match points.await {
                    Ok(page) => view! {
                        <p class="points-balance">{a.points_balance} ": " <strong>{page.balance}</strong></p>
                        {page.expiring.map(|(points, at)| view! {
                            <p class="hint">{crate::i18n::fill_all(a.points_expiring, &[&points, &shop_date(at)])}</p>
                        })}
                        {if page.entries.is_empty() {
                            view! { <p class="empty">{a.no_points}</p> }.into_any()
                        } else {
                            view! {
                                <table class="ledger">
                                    <thead><tr>
                                        <th scope="col">{a.date}</th>
                                        <th scope="col">{a.points_reason}</th>
                                        <th scope="col">{a.points_change}</th>
                                        <th scope="col">{a.points_after}</th>
                                    </tr></thead>
                                    <tbody>
                                        {page.entries.into_iter().map(|e| view! {
                                            <tr>
                                                <td>{shop_time(e.created_at)}</td>
                                                <td>{crate::i18n::account::points_reason_text(a, &e.reason)}</td>
                                                <td class="num">{if e.delta > 0 { format!("+{}", e.delta) } else { e.delta.to_string() }}</td>
                                                <td class="num">{e.balance_after}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        }}
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
