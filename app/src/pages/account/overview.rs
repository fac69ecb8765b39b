use crate::api::account::profile::get_member_overview;
use crate::components::error_notice::ErrorNotice;
use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use crate::domain::account::Date;
use crate::i18n::{account::tier_name, fill};
use leptos::prelude::*;
use leptos_meta::Title;

/// The member center's front page: who you are, your level and points, where to go next.
#[component]
pub fn AccountPage() -> impl IntoView {
    let t = use_texts();
    let a = t.accounts;
    let overview = Resource::new(|| (), |_| get_member_overview());
    view! {
        <Title text=a.member_center/>
        <h1>{a.member_center}</h1>
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(o) => {
                        let next_level = match o.level.next {
                            Some((tier, missing)) => format!("{} {}", fill(a.to_next_tier, missing), tier_name(a, tier)),
                            None => a.top_tier.to_string(),
                        };
                        view! {
                            <section class="member-card">
                                {o.avatar_url.map(|src| view! { <img class="avatar" src=src alt="" width="64" height="64"/> })}
                                <div>
                                    <p class="member-name">{fill(a.hello, &o.display_name)}</p>
                                    <p class="hint">{o.email.clone()} " · " {fill(a.member_since, Date::from_unix(o.member_since))}</p>
                                </div>
                            </section>
                            <dl class="member-stats">
                                <div><dt>{a.member_level}</dt><dd>{tier_name(a, o.level.tier)}</dd></div>
                                <div><dt>{a.lifetime_spend}</dt><dd>{o.level.spend.to_string()}</dd></div>
                                <div><dt>{a.points_balance}</dt><dd><a href=link_to("/account/points")>{o.points_balance}</a></dd></div>
                                <div><dt>{a.favourites}</dt><dd><a href=link_to("/account/favourites")>{o.favourite_count}</a></dd></div>
                            </dl>
                            <p class="hint">{next_level}</p>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
