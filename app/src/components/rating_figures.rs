use crate::contexts::locale::use_texts;
use crate::domain::dashboard::{percent_text, signed_points};
use crate::domain::supplier_rating::SupplierRating;
use crate::i18n::fill;
use leptos::prelude::*;

/// A supplier's rating as a short description list: on-time shipping, after-sale rate,
/// complaints and rejections in review, each with the change from the period before ("–" with nothing to rate).
#[component]
pub fn RatingFigures(rating: SupplierRating) -> impl IntoView {
    let t = use_texts();
    let (s, b) = (t.supplier, t.admin);
    let (now, before) = (rating.current, rating.previous);
    let line = move |label: &'static str, now: Option<i64>, before: Option<i64>| {
        let change = now
            .zip(before)
            .map(|(n, p)| format!(" ({})", fill(b.points_change, signed_points(n - p))));
        view! {
            <dt>{label}</dt>
            <dd>
                <strong>{now.map_or("–".to_string(), percent_text)}</strong>{change}
                " · "<small>{fill(s.rating_before, before.map_or("–".to_string(), percent_text))}</small>
            </dd>
        }
    };
    view! {
        <dl class="rating-figures">
            {line(s.on_time_shipping, now.on_time_bp, before.on_time_bp)}
            {line(s.after_sale_rate, now.after_sale_bp, before.after_sale_bp)}
            {line(s.complaint_rate, now.complaint_bp, before.complaint_bp)}
            {line(s.rejection_rate, now.rejection_bp, before.rejection_bp)}
        </dl>
    }
}
