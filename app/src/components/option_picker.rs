use crate::contexts::locale::use_texts;
use crate::domain::catalog::{option_state, Axis, OptionState, Selection, Sku};
use leptos::prelude::*;

/// One radio group per option axis. Values that cannot be bought with the other picks are disabled.
#[component]
pub fn OptionPicker(
    axes: Vec<Axis>,
    skus: Vec<Sku>,
    selection: RwSignal<Selection>,
) -> impl IntoView {
    let t = use_texts();
    let skus = StoredValue::new(skus);
    let pick = move |axis: usize, value: String| {
        selection.update(|sel| {
            sel[axis] = Some(value);
            // A pick elsewhere that no longer exists with this one is dropped, not left dangling.
            skus.with_value(|skus| {
                for other in 0..sel.len() {
                    if other == axis {
                        continue;
                    }
                    if let Some(current) = sel[other].clone() {
                        if option_state(skus, sel, other, &current) == OptionState::Unavailable {
                            sel[other] = None;
                        }
                    }
                }
            });
        });
    };
    axes.into_iter()
        .enumerate()
        .map(|(axis_index, axis)| {
            let label_id = format!("axis-{}", axis.key);
            let group_name = format!("option-{}", axis.key);
            view! {
                <div class="option-group" role="radiogroup" aria-labelledby=label_id.clone()>
                    <span class="option-label" id=label_id.clone()>{axis.name}</span>
                    <div class="chips">
                        {axis
                            .values
                            .into_iter()
                            .map(|value| {
                                let key = value.key.clone();
                                let key_for_state = value.key.clone();
                                let key_for_checked = value.key.clone();
                                let state = Memo::new(move |_| {
                                    skus.with_value(|skus| selection.with(|sel| option_state(skus, sel, axis_index, &key_for_state)))
                                });
                                let checked = move || selection.with(|sel| sel[axis_index].as_deref() == Some(key_for_checked.as_str()));
                                view! {
                                    <label class="chip" class:disabled=move || !state.get().selectable()>
                                        <input
                                            type="radio"
                                            name=group_name.clone()
                                            value=key.clone()
                                            prop:checked=checked
                                            disabled=move || !state.get().selectable()
                                            on:change=move |_| pick(axis_index, key.clone())
                                        />
                                        <span>{value.name}</span>
                                        {move || (state.get() == OptionState::SoldOut).then(|| view! { <span class="chip-note">{t.sold_out}</span> })}
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                </div>
            }
        })
        .collect_view()
}
