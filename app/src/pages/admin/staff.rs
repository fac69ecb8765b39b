use crate::api::admin::staff::{list_staff, SetStaffPermissions};
use crate::components::admin_error::AdminError;
use crate::components::form_errors::{action_error, FormErrors};
use crate::contexts::locale::use_texts;
use crate::domain::staff::{Permission, StaffMember};
use crate::i18n::admin::AdminTexts;
use leptos::prelude::*;
use leptos_meta::Title;

/// A permission's name in the console.
pub fn permission_name(b: &AdminTexts, permission: Permission) -> &'static str {
    match permission {
        Permission::Catalog => b.perm_catalog,
        Permission::Review => b.perm_review,
        Permission::Orders => b.perm_orders,
        Permission::Suppliers => b.perm_suppliers,
        Permission::Users => b.perm_users,
        Permission::Finance => b.perm_finance,
        Permission::Settings => b.perm_settings,
        Permission::Marketing => b.perm_marketing,
    }
}

/// One checkbox per permission, ticked where `held`.
#[component]
fn PermissionBoxes(held: Vec<Permission>) -> impl IntoView {
    let b = use_texts().admin;
    Permission::ALL
        .into_iter()
        .map(|p| {
            view! {
                <label class="check">
                    <input type="checkbox" name=p.as_str() value="on" checked=held.contains(&p)/>
                    <span>{permission_name(b, p)}</span>
                </label>
            }
        })
        .collect_view()
}

/// Staff: every operator with their permissions (change and save, or remove from staff), and
/// a form to make an existing account an operator.
#[component]
pub fn StaffPage() -> impl IntoView {
    let t = use_texts();
    let b = t.admin;
    let save = ServerAction::<SetStaffPermissions>::new();
    // Reloaded after a successful change only: a refused one keeps its form as typed.
    let changed = RwSignal::new(0u32);
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            changed.update(|n| *n += 1);
        }
    });
    let staff = Resource::new(move || changed.get(), |_| list_staff());
    let saved = move || {
        matches!(save.value().get(), Some(Ok(())))
            .then(|| view! { <p class="notice" role="status">{b.saved}</p> })
    };
    view! {
        <Title text=b.staff/>
        <h1>{b.staff}</h1>
        <FormErrors error=action_error(save)/>
        {saved}
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match staff.await {
                    Ok(list) => view! {
                        <ul class="staff-list">
                            {list.into_iter().map(|member| view! { <StaffRow member save/> }).collect_view()}
                        </ul>
                        <section class="panel">
                            <h2>{b.add_staff}</h2>
                            <p class="hint">{b.add_staff_hint}</p>
                            <ActionForm action=save attr:class="stack-form">
                                <label>
                                    <span>{b.email}</span>
                                    <input type="email" name="email" autocomplete="off" required/>
                                </label>
                                <fieldset class="checks">
                                    <legend>{b.permissions}</legend>
                                    <PermissionBoxes held=vec![]/>
                                </fieldset>
                                <button type="submit" class="button primary">{b.add}</button>
                            </ActionForm>
                        </section>
                    }
                    .into_any(),
                    Err(error) => view! { <AdminError error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn StaffRow(member: StaffMember, save: ServerAction<SetStaffPermissions>) -> impl IntoView {
    let b = use_texts().admin;
    let StaffMember {
        email,
        display_name,
        permissions,
        ..
    } = member;
    let heading = format!("{display_name} · {email}");
    let email_again = email.clone();
    view! {
        <li class="panel">
            <ActionForm action=save attr:class="stack-form">
                <input type="hidden" name="email" value=email_again/>
                <fieldset class="checks">
                    <legend>{heading}</legend>
                    <PermissionBoxes held=permissions/>
                </fieldset>
                <button type="submit" class="button">{b.save}</button>
            </ActionForm>
            <ActionForm action=save>
                <input type="hidden" name="email" value=email/>
                <button type="submit" class="button danger">{b.remove_from_staff}</button>
            </ActionForm>
        </li>
    }
}
