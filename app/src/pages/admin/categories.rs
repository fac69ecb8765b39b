use crate::api::admin::categories::{
    admin_categories, DeleteCategory, HideCategory, MoveCategory, SaveCategory,
};
use crate::components::admin_error::AdminError;
use crate::components::form_errors::{action_error, FormErrors};
use crate::contexts::locale::{use_locale, use_texts};
use crate::domain::catalog::category_edit::AdminCategory;
use crate::domain::locale::Locale;
use crate::i18n::fill;
use leptos::prelude::*;
use leptos_meta::Title;

fn shown_name(category: &AdminCategory, locale: Locale) -> String {
    match locale {
        Locale::ZhHant => category.name_zh_hant.clone(),
        Locale::ZhHans => category.name_zh_hans.clone(),
        Locale::En => category.name_en.clone(),
    }
}

/// Categories: the whole tree (hidden ones marked) with product counts; create, edit (names,
/// address, parent), move up and down among siblings, hide or show, delete when empty.
#[component]
pub fn AdminCategoriesPage() -> impl IntoView {
    let t = use_texts();
    let b = t.admin;
    let save = ServerAction::<SaveCategory>::new();
    let moved = ServerAction::<MoveCategory>::new();
    let hide = ServerAction::<HideCategory>::new();
    let delete = ServerAction::<DeleteCategory>::new();
    let editing = RwSignal::new(None::<i64>);
    // Reloaded after a successful save only: a refused one keeps its form (and what was typed).
    let saved = RwSignal::new(0u32);
    let categories = Resource::new(
        move || {
            (
                saved.get(),
                moved.version().get(),
                hide.version().get(),
                delete.version().get(),
            )
        },
        |_| admin_categories(),
    );
    // A fresh form after each successful save.
    let form_key = RwSignal::new(0u32);
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            form_key.update(|k| *k += 1);
            editing.set(None);
            saved.update(|n| *n += 1);
        }
    });
    let list_error = Signal::derive(move || {
        action_error(delete)
            .get()
            .or_else(|| action_error(hide).get())
            .or_else(|| action_error(moved).get())
    });
    view! {
        <Title text=b.categories/>
        <h1>{b.categories}</h1>
        <FormErrors error=list_error/>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match categories.await {
                    Ok(list) => {
                        let all = StoredValue::new(list.clone());
                        view! {
                            <ul class="category-admin">
                                {list.into_iter().map(|category| view! {
                                    <CategoryRow category all save moved hide delete editing form_key/>
                                }).collect_view()}
                            </ul>
                            <Show when=move || editing.get().is_none()>
                                <section class="panel">
                                    <h2>{b.new_category}</h2>
                                    {move || {
                                        form_key.get();
                                        view! { <CategoryFormFields all current=None save/> }
                                    }}
                                </section>
                            </Show>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <AdminError error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
#[allow(clippy::too_many_arguments)]
fn CategoryRow(
    category: AdminCategory,
    all: StoredValue<Vec<AdminCategory>>,
    save: ServerAction<SaveCategory>,
    moved: ServerAction<MoveCategory>,
    hide: ServerAction<HideCategory>,
    delete: ServerAction<DeleteCategory>,
    editing: RwSignal<Option<i64>>,
    form_key: RwSignal<u32>,
) -> impl IntoView {
    let b = use_texts().admin;
    let name = shown_name(&category, use_locale());
    let id = category.id;
    let hidden = category.hidden;
    let style = format!("--depth: {}", category.depth);
    let current = StoredValue::new(category.clone());
    let (up_label, down_label) = (fill(b.move_up, &name), fill(b.move_down, &name));
    let hide_label = fill(if hidden { b.unhide } else { b.hide }, &name);
    let delete_label = fill(b.delete, &name);
    view! {
        <li class="category-row" style=style>
            <div class="category-line">
                <strong>{name}</strong>
                " " <code>{format!("/c/{}", category.slug)}</code>
                " · " <span>{fill(b.product_count, category.product_count)}</span>
                {hidden.then(|| view! { " " <span class="badge">{b.hidden_badge}</span> })}
            </div>
            <div class="category-actions">
                <button type="button" class="link-button" on:click=move |_| editing.set(Some(id))>{b.edit}</button>
                <ActionForm action=moved>
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="direction" value="up"/>
                    <button type="submit" class="link-button" aria-label=up_label>"↑"</button>
                </ActionForm>
                <ActionForm action=moved>
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="direction" value="down"/>
                    <button type="submit" class="link-button" aria-label=down_label>"↓"</button>
                </ActionForm>
                <ActionForm action=hide>
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="hidden" value=(!hidden).to_string()/>
                    <button type="submit" class="link-button">{hide_label}</button>
                </ActionForm>
                <ActionForm action=delete>
                    <input type="hidden" name="id" value=id/>
                    <button type="submit" class="button danger">{delete_label}</button>
                </ActionForm>
            </div>
            <Show when=move || editing.get() == Some(id)>
                <section class="panel">
                    <h2>{b.edit_category}</h2>
                    {move || {
                        form_key.get();
                        view! { <CategoryFormFields all current=Some(current.get_value()) save/> }
                    }}
                    <button type="button" class="button" on:click=move |_| editing.set(None)>{b.cancel}</button>
                </section>
            </Show>
        </li>
    }
}

/// The category form: new (`current` None) or editing `current`. The parent list leaves out
/// the category itself.
#[component]
fn CategoryFormFields(
    all: StoredValue<Vec<AdminCategory>>,
    current: Option<AdminCategory>,
    save: ServerAction<SaveCategory>,
) -> impl IntoView {
    let b = use_texts().admin;
    let locale = use_locale();
    let id = current.as_ref().map(|c| c.id);
    let value = |f: fn(&AdminCategory) -> String| current.as_ref().map(f).unwrap_or_default();
    let (name_zh_hant, name_zh_hans, name_en, slug) = (
        value(|c| c.name_zh_hant.clone()),
        value(|c| c.name_zh_hans.clone()),
        value(|c| c.name_en.clone()),
        value(|c| c.slug.clone()),
    );
    let parent = current.as_ref().and_then(|c| c.parent_id);
    let parents: Vec<(i64, String)> = all
        .get_value()
        .iter()
        .filter(|c| Some(c.id) != id)
        .map(|c| {
            (
                c.id,
                format!("{}{}", "— ".repeat(c.depth), shown_name(c, locale)),
            )
        })
        .collect();
    view! {
        <ActionForm action=save attr:class="stack-form">
            {id.map(|id| view! { <input type="hidden" name="id" value=id/> })}
            <label>
                <span>{b.name_zh_hant}</span>
                <input type="text" name="name_zh_hant" value=name_zh_hant maxlength="60" required/>
            </label>
            <label>
                <span>{b.name_zh_hans}</span>
                <input type="text" name="name_zh_hans" value=name_zh_hans maxlength="60" required/>
            </label>
            <label>
                <span>{b.name_en}</span>
                <input type="text" name="name_en" value=name_en maxlength="60" required/>
            </label>
            <label>
                <span>{b.slug}</span>
                <input type="text" name="slug" value=slug maxlength="60" required autocapitalize="off" spellcheck="false"/>
                <small class="hint">{b.slug_hint}</small>
            </label>
            <label>
                <span>{b.parent}</span>
                <select name="parent">
                    <option value="" selected=parent.is_none()>{b.top_level}</option>
                    {parents.into_iter().map(|(pid, label)| view! {
                        <option value=pid.to_string() selected=parent == Some(pid)>{label}</option>
                    }).collect_view()}
                </select>
            </label>
            <FormErrors error=action_error(save)/>
            <button type="submit" class="button primary" disabled=move || save.pending().get()>
                {if id.is_some() { b.save } else { b.create }}
            </button>
        </ActionForm>
    }
}
