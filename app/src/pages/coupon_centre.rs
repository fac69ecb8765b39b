use crate::api::promotion::{claim_coupon, coupon_centre};
use crate::components::coupon_card::CouponCard;
use crate::components::error_notice::ErrorNotice;
use crate::contexts::locale::{link_to, use_locale, use_texts};
use crate::contexts::session::use_session;
use crate::error::AppError;
use crate::i18n::fill;
use leptos::prelude::*;
use leptos_meta::Title;

/// The coupon centre (`/coupons`): every coupon open for claiming, with a "Claim" button for
/// members (guests are asked to sign in), how many are left, and why a claim was refused.
#[component]
pub fn CouponCentrePage() -> impl IntoView {
    let t = use_texts();
    let p = t.promotion;
    let session = use_session();
    let claim = Action::new(|id: &i64| claim_coupon(*id));
    let locale = use_locale();
    let coupons = Resource::new(
        move || claim.version().get(),
        move |_| coupon_centre(locale),
    );
    let outcome =
        move || -> Option<Result<(), AppError>> { claim.value().get().map(|r| r.map(|_| ())) };
    view! {
        <Title text=p.centre_title/>
        <h1>{p.centre_title}</h1>
        <p class="hint">{p.centre_intro}</p>
        {move || outcome().map(|result| match result {
            Ok(()) => view! { <p class="notice" role="status">{p.claimed}</p> }.into_any(),
            Err(error) => view! { <p class="form-errors" role="alert">{error.user_message(t)}</p> }.into_any(),
        })}
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                // Awaited here, not read beside the Suspense: the server then renders the prompt
                // exactly when the browser will (a session cookie is looked up first).
                let signed_in = matches!(session.user.await, Ok(Some(_)));
                let prompt = (!signed_in).then(|| view! {
                    <p><a class="button" href=link_to("/sign-in?next=%2Fcoupons")>{p.sign_in_to_claim}</a></p>
                });
                let list = match coupons.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{p.no_coupons}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="coupon-list">
                            {list.into_iter().map(|coupon| {
                                let (id, left, can_claim) = (coupon.coupon_id, coupon.left, coupon.can_claim);
                                view! {
                                    <CouponCard coupon>
                                        <p class="hint">{if left > 0 { fill(p.left, left) } else { p.sold_out.to_string() }}</p>
                                        <button type="button" class="button primary"
                                            disabled=move || !can_claim || claim.pending().get() || session.signed_in().is_none()
                                            on:click=move |_| { claim.dispatch(id); }>
                                            {if can_claim || left == 0 { p.claim } else { p.claimed }}
                                        </button>
                                    </CouponCard>
                                }
                            }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                };
                view! { {prompt} {list} }
            })}
        </Suspense>
    }
}
