use crate::api::account::profile::get_member_overview;
use crate::components::error_notice::ErrorNotice;
use crate::contexts::locale::use_texts;
use crate::domain::account::MemberTier;
use crate::i18n::promotion::percent;
use crate::i18n::{account::tier_name, fill};
use leptos::prelude::*;
use leptos_meta::Title;

/// "Membership level": the member's level, the spend still needed for the next one (a progress
/// bar), and what every level gives.
#[component]
pub fn MembershipLevelPage() -> impl IntoView {
    let t = use_texts();
    let (a, p) = (t.accounts, t.promotion);
    let overview = Resource::new(|| (), |_| get_member_overview());
    view! {
        <Title text=p.membership_level/>
        <h1>{p.membership_level}</h1>
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(o) => {
                        let level = o.level;
                        let spend = level.spend.fen().max(0);
                        let (next_text, progress) = match level.next {
                            Some((tier, missing)) => {
                                let target = spend + missing.fen();
                                (
                                    format!("{} {}", fill(a.to_next_tier, missing), tier_name(a, tier)),
                                    (spend * 100).checked_div(target).unwrap_or(100),
                                )
                            }
                            None => (a.top_tier.to_string(), 100),
                        };
                        view! {
                            <p class="member-level">{fill(p.your_level, tier_name(a, level.tier))}</p>
                            <p class="hint">{a.lifetime_spend} ": " {level.spend.to_string()}</p>
                            <progress max="100" value=progress.to_string() aria-label=p.level_progress>{format!("{progress}%")}</progress>
                            <p class="hint">{next_text}</p>
                            <h2>{p.level_benefits}</h2>
                            <table class="level-benefits">
                                <thead><tr>
                                    <th scope="col">{a.member_level}</th>
                                    <th scope="col">{p.benefit_discount}</th>
                                    <th scope="col">{p.benefit_points}</th>
                                    <th scope="col">{p.benefit_shipping}</th>
                                </tr></thead>
                                <tbody>
                                    {MemberTier::ALL.into_iter().map(|tier| {
                                        let b = tier.benefits();
                                        let shipping = match b.free_shipping_from {
                                            Some(from) if from.fen() == 0 => p.free_shipping.to_string(),
                                            Some(from) => fill(p.over, from),
                                            None => "—".to_string(),
                                        };
                                        view! {
                                            <tr aria-current=(tier == level.tier).then_some("true")>
                                                <th scope="row">{tier_name(a, tier)}</th>
                                                <td>{if b.rate_bp > 0 { percent(b.rate_bp) } else { "—".to_string() }}</td>
                                                <td>{format!("×{}", b.points_percent as f64 / 100.0)}</td>
                                                <td>{shipping}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
