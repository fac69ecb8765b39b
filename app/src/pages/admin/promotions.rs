use crate::api::admin::promotions::{
    admin_promotions, ChangePromotion, CreateCoupon, CreateFlashSale, CreateFullReduction,
    GiveCoupon, RemoveMemberPrice, SetMemberPrice, SetStackingOrder,
};
use crate::components::admin_error::AdminError;
use crate::components::coupon_form::CouponForm;
use crate::components::flash_sale_form::FlashSaleForm;
use crate::components::form_errors::{action_error, FormErrors};
use crate::components::give_coupon_form::GiveCouponForm;
use crate::components::member_price_form::MemberPriceForm;
use crate::components::reduction_form::ReductionForm;
use crate::components::stacking_order_form::StackingOrderForm;
use crate::contexts::locale::{use_locale, use_texts};
use crate::domain::promotion::report::{PromotionReport, PromotionStatus};
use crate::domain::time::shop_time;
use crate::i18n::account::tier_name;
use crate::i18n::promotion::{coupon_text, scope_text, PromotionTexts};
use crate::i18n::{fill, fill_all};
use leptos::prelude::*;
use leptos_meta::Title;

fn status_text(p: &PromotionTexts, status: PromotionStatus) -> &'static str {
    match status {
        PromotionStatus::Scheduled => p.status_scheduled,
        PromotionStatus::Running => p.status_running,
        PromotionStatus::Paused => p.status_paused,
        PromotionStatus::Ended => p.status_ended,
    }
}

fn report_text(p: &PromotionTexts, r: &PromotionReport) -> String {
    format!(
        "{} {} · {} {} · {} {} · {} {}",
        p.report_orders,
        r.orders,
        p.report_discount,
        r.discount,
        p.report_gmv,
        r.gmv,
        p.report_new_members,
        r.new_members
    )
}

/// Promotions (the marketing permission): every 滿減 and coupon with its status and what it did,
/// buttons to pause, resume or end it, and forms to create one.
#[component]
pub fn AdminPromotionsPage() -> impl IntoView {
    let t = use_texts();
    let p = t.promotion;
    let create_reduction = ServerAction::<CreateFullReduction>::new();
    let create_coupon = ServerAction::<CreateCoupon>::new();
    let create_flash = ServerAction::<CreateFlashSale>::new();
    let set_order = ServerAction::<SetStackingOrder>::new();
    let locale = use_locale();
    let change = ServerAction::<ChangePromotion>::new();
    let give = ServerAction::<GiveCoupon>::new();
    let set_price = ServerAction::<SetMemberPrice>::new();
    let remove_price = ServerAction::<RemoveMemberPrice>::new();
    let given_for = RwSignal::new(None::<i64>);
    let list = Resource::new(
        move || {
            (
                create_reduction.version().get(),
                create_coupon.version().get(),
                create_flash.version().get(),
                set_order.version().get(),
                change.version().get(),
                give.version().get(),
                set_price.version().get(),
                remove_price.version().get(),
            )
        },
        move |_| admin_promotions(locale),
    );
    // One row's buttons: what may be done with a promotion where it stands.
    let actions = move |kind: &'static str, id: i64, name: String, status: PromotionStatus| {
        let buttons = match status {
            PromotionStatus::Ended => vec![],
            PromotionStatus::Paused => vec![("resume", p.resume), ("end", p.end_now)],
            _ => vec![("pause", p.pause), ("end", p.end_now)],
        };
        buttons
            .into_iter()
            .map(|(what, label)| {
                let name = format!("{label} {name}");
                view! {
                    <button type="button" class="button" aria-label=name
                        disabled=move || change.pending().get()
                        on:click=move |_| {
                            change.dispatch(ChangePromotion { kind: kind.into(), id, change: what.into() });
                        }>
                        {label}
                    </button>
                }
            })
            .collect_view()
    };
    view! {
        <Title text=p.admin_title/>
        <h1>{p.admin_title}</h1>
        <p class="hint">{p.admin_intro}</p>
        <FormErrors error=action_error(change)/>
        <FormErrors error=action_error(remove_price)/>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(view) => view! {
                        <StackingOrderForm order=view.stacking_order set=set_order/>
                        <section aria-labelledby="reductions-heading">
                            <h2 id="reductions-heading">{p.reductions_heading}</h2>
                            <ul class="promotion-list">
                                {view.reductions.into_iter().map(|r| {
                                    let tiers = r.tiers.iter()
                                        .map(|tier| fill_all(p.full_reduction, &[&tier.threshold, &tier.off]))
                                        .collect::<Vec<_>>()
                                        .join(" · ");
                                    view! {
                                        <li class="panel">
                                            <h3>{r.name.clone()}</h3>
                                            <p>{tiers}</p>
                                            <p class="hint">{scope_text(p, &r.scope, &r.scope_names)}
                                                {r.include_flash.then(|| format!(" · {}", p.flash_included))}</p>
                                            <p class="hint">{format!("{} – {}", shop_time(r.starts_at), shop_time(r.ends_at))}</p>
                                            <p>{p.status} ": " <strong>{status_text(p, r.status)}</strong></p>
                                            <p class="hint">{report_text(p, &r.report)}</p>
                                            <div class="row-actions">{actions("full_reduction", r.id, r.name, r.status)}</div>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                        <section aria-labelledby="coupons-heading">
                            <h2 id="coupons-heading">{p.coupons}</h2>
                            <ul class="promotion-list">
                                {view.coupons.into_iter().map(|c| view! {
                                    <li class="panel">
                                        <h3>{c.name.clone()}</h3>
                                        <p>{coupon_text(p, c.kind, c.min_spend)}</p>
                                        <p class="hint">{scope_text(p, &c.scope, &c.scope_names)}
                                            {c.include_flash.then(|| format!(" · {}", p.flash_included))}</p>
                                        {c.code.clone().map(|code| view! { <p><code>{code}</code></p> })}
                                        <p class="hint">{format!("{} – {}", shop_time(c.claim_from), shop_time(c.claim_until))}</p>
                                        <p class="hint">{fill_all(p.claimed_of, &[&c.claimed, &c.total_quantity, &c.used])}</p>
                                        <p>{p.status} ": " <strong>{status_text(p, c.status)}</strong></p>
                                        <p class="hint">{report_text(p, &c.report)}</p>
                                        <div class="row-actions">{actions("coupon", c.id, c.name.clone(), c.status)}</div>
                                        {(c.status == PromotionStatus::Running).then(|| view! {
                                            <GiveCouponForm coupon_id=c.id name=c.name give last_for=given_for/>
                                        })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                        <section aria-labelledby="member-prices-heading">
                            <h2 id="member-prices-heading">{p.member_prices_heading}</h2>
                            <p class="hint">{p.member_prices_intro}</p>
                            {view.member_prices.is_empty().then(|| view! { <p>{p.member_prices_none}</p> })}
                            <ul class="promotion-list">
                                {view.member_prices.into_iter().map(|m| {
                                    let level = tier_name(t.accounts, m.tier);
                                    let label = fill(p.member_price_remove_named, format!("{} {level}", m.sku_code));
                                    let (code, tier) = (m.sku_code.clone(), m.tier.as_str());
                                    view! {
                                        <li class="panel member-price">
                                            <p><code>{m.sku_code.clone()}</code> " " {m.name.clone()}</p>
                                            <p>{level} ": " <strong>{m.price.to_string()}</strong> " "
                                                <del>{m.regular.to_string()}</del></p>
                                            <button type="button" class="button" aria-label=label
                                                disabled=move || remove_price.pending().get()
                                                on:click=move |_| {
                                                    remove_price.dispatch(RemoveMemberPrice { sku_code: code.clone(), tier: tier.into() });
                                                }>
                                                {p.member_price_remove}
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                        <section aria-labelledby="flash-heading">
                            <h2 id="flash-heading">{p.flash_sales_heading}</h2>
                            <ul class="promotion-list">
                                {view.flash_sales.into_iter().map(|f| view! {
                                    <li class="panel">
                                        <h3>{f.name.clone()}</h3>
                                        <ul class="flash-items">
                                            {f.items.iter().map(|i| view! {
                                                <li>
                                                    <code>{i.sku_code.clone()}</code> " " {i.name.clone()} ": "
                                                    <strong>{i.price.to_string()}</strong> " "
                                                    <del>{i.regular.to_string()}</del> " · "
                                                    {fill_all(p.flash_sold_of, &[&i.sold, &i.quantity])}
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                        <p class="hint">{format!("{} – {}", shop_time(f.starts_at), shop_time(f.ends_at))}
                                            " · " {p.flash_per_member} " " {f.per_member_limit}</p>
                                        <p>{p.status} ": " <strong>{status_text(p, f.status)}</strong></p>
                                        <p class="hint">{report_text(p, &f.report)}</p>
                                        <div class="row-actions">{actions("flash_sale", f.id, f.name, f.status)}</div>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                    }.into_any(),
                    Err(error) => view! { <AdminError error/> }.into_any(),
                }
            })}
        </Transition>
        <h2>{p.new_reduction}</h2>
        <ReductionForm create=create_reduction/>
        <h2>{p.new_coupon}</h2>
        <CouponForm create=create_coupon/>
        <h2>{p.new_flash_sale}</h2>
        <FlashSaleForm create=create_flash/>
        <h2>{p.new_member_price}</h2>
        <MemberPriceForm set=set_price/>
    }
}
