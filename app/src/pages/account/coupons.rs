use crate::api::promotion::my_coupons;
use crate::components::coupon_card::CouponCard;
use crate::components::error_notice::ErrorNotice;
use crate::contexts::locale::{link_to, use_locale, use_texts};
use crate::domain::promotion::CopyStatus;
use leptos::prelude::*;
use leptos_meta::Title;

/// The member's coupons, in three groups: usable (the soonest to expire first), used and
/// expired.
#[component]
pub fn CouponsPage() -> impl IntoView {
    let t = use_texts();
    let p = t.promotion;
    let locale = use_locale();
    let coupons = Resource::new(|| (), move |_| my_coupons(locale));
    view! {
        <Title text=t.accounts.coupons/>
        <h1>{t.accounts.coupons}</h1>
        <p><a href=link_to("/coupons")>{p.to_coupon_centre}</a></p>
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match coupons.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{t.accounts.no_coupons}</p> }.into_any(),
                    Ok(list) => [
                        (CopyStatus::Usable, p.usable),
                        (CopyStatus::Used, p.used),
                        (CopyStatus::Expired, p.expired),
                    ]
                    .into_iter()
                    .map(|(status, heading)| {
                        let group: Vec<_> = list.iter().filter(|c| c.status == status).cloned().collect();
                        (!group.is_empty()).then(|| view! {
                            <section aria-label=heading>
                                <h2>{heading}</h2>
                                <ul class="coupon-list">
                                    {group.into_iter().map(|coupon| view! { <CouponCard coupon/> }).collect_view()}
                                </ul>
                            </section>
                        })
                    })
                    .collect_view()
                    .into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
