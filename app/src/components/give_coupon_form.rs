use crate::api::admin::promotions::GiveCoupon;
use crate::components::form_errors::FormErrors;
use crate::contexts::locale::use_texts;
use crate::domain::promotion::segment::Segment;
use crate::i18n::fill_all;
use crate::i18n::promotion::segment_name;
use leptos::prelude::*;

/// "Give {coupon} to" a group of members, on one coupon's row, and what the giving did (or
/// why not). The page's one `give` action serves every row; `last_for` holds the coupon it
/// last ran for, so only that row shows the outcome.
#[component]
pub fn GiveCouponForm(
    coupon_id: i64,
    name: String,
    give: ServerAction<GiveCoupon>,
    last_for: RwSignal<Option<i64>>,
) -> impl IntoView {
    let t = use_texts();
    let p = t.promotion;
    let segment = RwSignal::new(Segment::All.as_param());
    let here = move || last_for.get() == Some(coupon_id);
    let given = move || {
        here()
            .then(|| give.value().get())
            .flatten()
            .and_then(Result::ok)
            .map(|g| {
                fill_all(
                    p.given_result,
                    &[
                        &g.given,
                        &g.members,
                        &g.had_theirs,
                        &g.below_level,
                        &g.missed_out,
                    ],
                )
            })
    };
    let error = Signal::derive(move || {
        here()
            .then(|| give.value().get())
            .flatten()
            .and_then(Result::err)
    });
    view! {
        <form class="give-coupon" on:submit=move |ev| {
            ev.prevent_default();
            last_for.set(Some(coupon_id));
            give.dispatch(GiveCoupon { coupon_id, segment: segment.get_untracked() });
        }>
            <label>
                <span>{fill_all(p.give_to, &[&name])}</span>
                <select on:change=move |ev| segment.set(event_target_value(&ev))>
                    {Segment::CHOICES.into_iter().map(|choice| view! {
                        <option value=choice.as_param()>{segment_name(t, choice)}</option>
                    }).collect_view()}
                </select>
            </label>
            <button type="submit" class="button" aria-label=fill_all(p.give_named, &[&name])
                disabled=move || give.pending().get()>{p.give}</button>
            {move || given().map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <FormErrors error/>
        </form>
    }
}
