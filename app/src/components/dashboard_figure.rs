use crate::contexts::locale::use_texts;
use crate::i18n::fill;
use leptos::prelude::*;

/// One headline figure with the previous period's and the change, and a note under them.
#[component]
pub fn DashboardFigure(
    label: &'static str,
    now: String,
    before: String,
    /// The change against the previous period, as shown in brackets.
    change: Option<String>,
    #[prop(optional)] note: Option<String>,
) -> impl IntoView {
    let b = use_texts().admin;
    let change = change.map(|c| format!(" ({c})"));
    view! {
        <div class="figure">
            <dt>{label}</dt>
            <dd>
                <strong>{now}</strong>
                <small>{fill(b.previous_period, before)}{change}</small>
                {note.map(|note| view! { <small>{note}</small> })}
            </dd>
        </div>
    }
}
