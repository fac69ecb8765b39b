use crate::api::admin::promotions::CreateFullReduction;
use crate::components::form_errors::{action_error, FormErrors};
use crate::components::scope_fields::ScopeFields;
use crate::contexts::locale::use_texts;
use crate::domain::money::Money;
use crate::domain::pricing::{quote, LineInput, Offers};
use crate::domain::promotion::form::ReductionForm as TypedReduction;
use crate::domain::promotion::{FullReduction, LineFacts, Scope};
use crate::i18n::fill_all;
use leptos::prelude::*;

/// "New full reduction": a name, the tiers, the goods it covers, when it runs, and a preview of what a cart of a
/// given amount would pay with it, worked out by the same pricing as checkout.
#[component]
pub fn ReductionForm(create: ServerAction<CreateFullReduction>) -> impl IntoView {
    let p = use_texts().promotion;
    let tiers = RwSignal::new(String::new());
    let cart = RwSignal::new(String::new());
    let preview = move || {
        let form = TypedReduction {
            name: "preview".into(),
            tiers: tiers.get(),
            starts: "2000-01-01T00:00".into(),
            ends: "2100-01-01T00:00".into(),
            ..TypedReduction::default()
        };
        let valid = form.parse(Ok(Scope::All)).ok()?;
        let amount = Money::parse_yuan(&cart.get()).ok()?;
        let line = LineInput {
            sku_id: 1,
            name: String::new(),
            unit_price: amount,
            quantity: 1,
            facts: LineFacts::default(),
        };
        let offers = Offers {
            reductions: vec![FullReduction {
                promotion_id: 0,
                scope: Scope::All,
                tiers: valid.tiers,
                include_flash: false,
            }],
            ..Offers::default()
        };
        let priced = quote(&[line], &offers, None).ok()?;
        Some(fill_all(p.preview_result, &[&amount, &priced.goods_total]))
    };
    view! {
        <ActionForm action=create attr:class="stack-form promotion-form">
            <label>
                <span>{p.name}</span>
                <input type="text" name="name" maxlength="60" required/>
            </label>
            <label>
                <span>{p.tiers_label}</span>
                <input type="text" name="tiers" required placeholder="299:30, 599:80"
                    on:input=move |ev| tiers.set(event_target_value(&ev))/>
            </label>
            <ScopeFields kind_name="scope" keys_name="scope_keys"/>
            <label class="check">
                <input type="checkbox" name="include_flash"/>
                <span>{p.include_flash_label}</span>
            </label>
            <label>
                <span>{p.starts}</span>
                <input type="datetime-local" name="starts" required/>
            </label>
            <label>
                <span>{p.ends}</span>
                <input type="datetime-local" name="ends" required/>
            </label>
            <label>
                <span>{p.preview_label}</span>
                <input type="text" inputmode="decimal" on:input=move |ev| cart.set(event_target_value(&ev))/>
            </label>
            {move || preview().map(|text| view! { <p class="hint" role="status">{text}</p> })}
            <FormErrors error=action_error(create)/>
            <button type="submit" class="button primary" disabled=move || create.pending().get()>{p.create}</button>
        </ActionForm>
    }
}
