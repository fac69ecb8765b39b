use crate::api::supplier::supplier_apply_page;
use crate::components::error_notice::ErrorNotice;
use crate::components::sign_in_redirect::SignInRedirect;
use crate::components::supplier_application_form::SupplierApplicationForm;
use crate::contexts::locale::{link_to, use_texts};
use crate::domain::supplier::{ApplicationStatus, ApplyPage};
use crate::error::AppError;
use crate::i18n::{fill, fill_all};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// /supplier/apply: a signed-in person applies to sell on Jishi, then sees where the application
/// stands (waiting; rejected with the reason, and the form again; approved, with the console).
#[component]
pub fn SupplierApplyPage() -> impl IntoView {
    let t = use_texts();
    let s = t.supplier;
    let sent = RwSignal::new(0u32);
    let page = Resource::new(move || sent.get(), |_| supplier_apply_page());
    view! {
        <Title text=s.apply_title/>
        <Meta name="robots" content="noindex"/>
        <h1>{s.apply_title}</h1>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Standing page sent/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <SignInRedirect/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Where the caller stands, and the form when they may apply.
#[component]
fn Standing(page: ApplyPage, sent: RwSignal<u32>) -> impl IntoView {
    let s = use_texts().supplier;
    if let Some(company) = page.supplier {
        return view! {
            <section class="notice" role="status">
                <p>{fill(s.approved, company)}</p>
                <p><a class="button primary" href=link_to("/supplier")>{s.console}</a></p>
            </section>
        }
        .into_any();
    }
    let (status, may_apply) = match &page.latest {
        Some(a) if a.status == ApplicationStatus::Pending => (
            Some(view! { <section class="notice" role="status"><p>{fill(s.pending, &a.company)}</p></section> }.into_any()),
            false,
        ),
        Some(a) if a.status == ApplicationStatus::Rejected => (
            Some(view! {
                <section class="notice error" role="status">
                    <p>{fill_all(s.rejected, &[&a.company, &a.reason])}</p>
                    <p>{s.apply_again}</p>
                </section>
            }.into_any()),
            true,
        ),
        _ => (Some(view! { <p>{s.apply_intro}</p> }.into_any()), true),
    };
    view! {
        {status}
        {may_apply.then(|| view! { <SupplierApplicationForm categories=page.categories sent/> })}
    }
    .into_any()
}
