use crate::api::admin::promotions::SetStackingOrder;
use crate::components::form_errors::{action_error, FormErrors};
use crate::contexts::locale::use_texts;
use crate::domain::promotion::StackingOrder;
use crate::i18n::promotion::stage_name;
use leptos::prelude::*;

/// The stacking order as an ordered list, each step after the first with "Move up {step}",
/// saved at once (and audited). Shipping always comes last and is not listed.
#[component]
pub fn StackingOrderForm(
    order: StackingOrder,
    set: ServerAction<SetStackingOrder>,
) -> impl IntoView {
    let p = use_texts().promotion;
    view! {
        <section aria-labelledby="stacking-heading" class="panel">
            <h2 id="stacking-heading">{p.stacking_heading}</h2>
            <p class="hint">{p.stacking_intro}</p>
            <ol class="stacking-order">
                {order.stages().iter().enumerate().map(|(index, stage)| {
                    let name = stage_name(p, *stage);
                    let moved = order.moved_up(index).to_string();
                    view! {
                        <li>
                            <span>{name}</span>
                            {(index > 0).then(|| view! {
                                <button type="button" class="button" aria-label=format!("{} {name}", p.move_up)
                                    disabled=move || set.pending().get()
                                    on:click=move |_| { set.dispatch(SetStackingOrder { order: moved.clone() }); }>
                                    {p.move_up}
                                </button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            <FormErrors error=action_error(set)/>
        </section>
    }
}
