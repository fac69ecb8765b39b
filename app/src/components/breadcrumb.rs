use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use crate::domain::catalog::CategoryLink;
use leptos::prelude::*;

#[component]
pub fn Breadcrumb(
    trail: Vec<CategoryLink>,
    #[prop(optional, into)] current: Option<String>,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <nav class="breadcrumb" aria-label=t.breadcrumb>
            <ol>
                <li><a href=link_to("/")>{t.home}</a></li>
                {trail
                    .into_iter()
                    .map(|c| view! { <li><a href=link_to(&format!("/c/{}", c.slug))>{c.name}</a></li> })
                    .collect_view()}
                {current.map(|name| view! { <li aria-current="page">{name}</li> })}
            </ol>
        </nav>
    }
}
