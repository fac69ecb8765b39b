use crate::api::admin::products::EditorData;
use crate::components::form_errors::{
    action_error, action_problems, field_invalid, field_message, FormErrors,
};
use crate::components::product_images_editor::ProductImagesEditor;
use crate::contexts::locale::{link_to, use_locale, use_texts};
use crate::domain::catalog::category_edit::AdminCategory;
use crate::domain::catalog::product_edit::{
    merge_rows, rows_for_axes, AxisChoice, ProductForm, ProductStatus, SavedProduct, SkuForm,
};
use crate::domain::catalog::product_review::{may_save_draft, SubmissionStatus};
use crate::domain::catalog::Axis;
use crate::domain::form::Field;
use crate::domain::locale::Locale;
use crate::domain::time::shop_time;
use crate::error::AppError;
use crate::i18n::{fill, fill_all, product_status_text};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// What a button of the editor asks the save to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveIntent {
    /// Keep it out of the shop.
    Draft,
    /// Put it in the shop (operators).
    Publish,
    /// Take a live product out of the shop (operators; suppliers too, unchanged and without
    /// review).
    Unlist,
    /// Send it to the review queue (suppliers).
    Submit,
}

/// What an editor page does after a save went through: the product is opened afresh (its new
/// SKUs have their codes), and a new one at its address, `{base}/{id}`.
pub fn reopen_after_save<S>(
    save: ServerAction<S>,
    data: Resource<Result<EditorData, AppError>>,
    id: impl Fn() -> Option<i64> + Send + Sync + 'static,
    base: &'static str,
) where
    S: ServerFn<Output = SavedProduct, Error = AppError> + Clone + Send + Sync + 'static,
{
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value().get() {
            if id() == Some(saved.id) {
                data.refetch();
            } else {
                navigate(&format!("{base}/{}", saved.id), Default::default());
            }
        }
    });
}

fn category_name(category: &AdminCategory, locale: Locale) -> String {
    let name = match locale {
        Locale::ZhHant => &category.name_zh_hant,
        Locale::ZhHans => &category.name_zh_hans,
        Locale::En => &category.name_en,
    };
    format!("{}{}", "— ".repeat(category.depth), name)
}

/// The options of a SKU row in words ("Black / S"), from the vocabulary.
fn row_label(vocabulary: &[Axis], axes: &[AxisChoice], values: &[String]) -> String {
    axes.iter()
        .zip(values)
        .map(|(axis, value)| {
            vocabulary
                .iter()
                .find(|a| a.key == axis.axis_key)
                .and_then(|a| a.values.iter().find(|v| v.key == *value))
                .map(|v| v.name.clone())
                .unwrap_or_else(|| value.clone())
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

/// Ticks or unticks one value, keeping axes and values in the vocabulary's order, and remakes
/// the SKU rows against the product as it was opened (`loaded`), as the save will: typed prices
/// and stock stay with their combinations.
fn toggle(
    form: &mut ProductForm,
    loaded: &ProductForm,
    vocabulary: &[Axis],
    axis_key: &str,
    value: &str,
    on: bool,
) {
    let mut chosen: Vec<AxisChoice> = Vec::new();
    for axis in vocabulary {
        let current = form.axes.iter().find(|a| a.axis_key == axis.key);
        let values: Vec<String> = axis
            .values
            .iter()
            .filter(|v| {
                let was = current.is_some_and(|c| c.values.contains(&v.key));
                if axis.key == axis_key && v.key == value {
                    on
                } else {
                    was
                }
            })
            .map(|v| v.key.clone())
            .collect();
        if !values.is_empty() {
            chosen.push(AxisChoice {
                axis_key: axis.key.clone(),
                values,
            });
        }
    }
    form.skus = rows_for_axes(loaded, &form.skus, &chosen);
    form.axes = chosen;
}

/// The product editor shared by the back office and the supplier console: names and
/// descriptions in three languages, category, option values (the SKU matrix follows them),
/// price and stock per SKU, images. Operators get "Save draft", "Publish" and "Unlist" and the
/// product's revisions; suppliers (`supplier`) get "Save draft" while the product is out of the
/// shop, "Submit for review", and the latest review's outcome. `make` turns the form and the
/// button pressed into the server function's input.
#[component]
pub fn ProductEditor<S>(
    data: EditorData,
    save: ServerAction<S>,
    make: fn(ProductForm, SaveIntent) -> S,
    #[prop(optional)] supplier: bool,
) -> impl IntoView
where
    S: ServerFn<Output = SavedProduct, Error = AppError> + Clone + Send + Sync + 'static,
{
    let t = use_texts();
    let (b, r) = (t.admin, t.product_review);
    let locale = use_locale();
    let status = data.product.as_ref().map(|p| p.status);
    let review = data.review.clone();
    let slug = data.product.as_ref().map(|p| p.slug.clone());
    let initial = data.product.map(|p| p.form).unwrap_or_else(|| ProductForm {
        skus: merge_rows(&[], &[], &[]),
        ..ProductForm::default()
    });
    let is_new = initial.id.is_none();
    let scheduled = initial.publish_at.clone();
    let loaded = StoredValue::new(initial.clone());
    let form = RwSignal::new(initial);
    let vocabulary = StoredValue::new(data.vocabulary);
    let problems = action_problems(save);
    let field_error = move |field: Field| field_message(problems, field);
    let invalid = move |field: Field| field_invalid(problems, field);
    let saved_notice = move || match save.value().get() {
        Some(Ok(saved)) => Some(view! {
            <p class="notice-ok" role="status">
                {match saved.status {
                    ProductStatus::Active if saved.in_review => r.edit_waits_notice,
                    ProductStatus::Active => b.published,
                    ProductStatus::Unlisted => b.unlisted_notice,
                    ProductStatus::Submitted => r.submitted_notice,
                    _ => b.saved_draft,
                }}
            </p>
        }),
        _ => None,
    };
    let status_text = status.map(|s| product_status_text(t, s));
    let review_note = review.map(|note| {
        let at = shop_time(note.at);
        match note.status {
            SubmissionStatus::Pending => view! { <p class="notice" role="status">{fill(r.note_pending, at)}</p> }.into_any(),
            SubmissionStatus::Rejected => view! {
                <p class="notice warning" role="status">{fill_all(r.note_rejected, &[&at, &note.reason])}</p>
            }.into_any(),
            _ => view! { <p class="notice">{fill(r.note_approved, at)}</p> }.into_any(),
        }
    });
    let dispatch = move |intent: SaveIntent| {
        save.dispatch(make(form.get_untracked(), intent));
    };
    macro_rules! text_input {
        ($label:expr, $field:ident, $problem:expr) => {
            view! {
                <label>
                    <span>{$label}</span>
                    <input type="text" maxlength="120" required
                        prop:value=move || form.with(|f| f.$field.clone())
                        on:input=move |ev| form.update(|f| f.$field = event_target_value(&ev))
                        aria-invalid=invalid($problem)/>
                </label>
                {field_error($problem)}
            }
        };
    }
    macro_rules! text_area {
        ($label:expr, $field:ident, $problem:expr) => {
            view! {
                <label>
                    <span>{$label}</span>
                    <textarea rows="4" maxlength="5000"
                        prop:value=move || form.with(|f| f.$field.clone())
                        on:input=move |ev| form.update(|f| f.$field = event_target_value(&ev))
                        aria-invalid=invalid($problem)></textarea>
                </label>
                {field_error($problem)}
            }
        };
    }
    let categories = data.categories;
    let title = if is_new {
        b.new_product
    } else {
        b.edit_product
    };
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        {status_text.map(|s| view! { <p><span class="badge">{s}</span></p> })}
        {review_note}
        {(status != Some(ProductStatus::Active) && !scheduled.is_empty()).then(|| view! {
            <p class="notice">{fill(b.scheduled_for, scheduled.replacen('T', " ", 1))}</p>
        })}
        {slug.filter(|_| status == Some(ProductStatus::Active) || !supplier)
            .map(|slug| view! { <p><a href=link_to(&format!("/p/{slug}"))>{b.view_in_shop}</a></p> })}
        {(!is_new && !supplier).then(|| {
            let href = link_to(&format!("/admin/products/{}/revisions", form.with_untracked(|f| f.id.unwrap_or_default())));
            view! { <p><a href=href>{b.revisions}</a></p> }
        })}
        <div class="stack-form product-editor">
            {text_input!(b.name_zh_hant, name_zh_hant, Field::NameZhHant)}
            {text_input!(b.name_zh_hans, name_zh_hans, Field::NameZhHans)}
            {text_input!(b.name_en, name_en, Field::NameEn)}
            <label>
                <span>{b.brand}</span>
                <input type="text" maxlength="60"
                    prop:value=move || form.with(|f| f.brand.clone())
                    on:input=move |ev| form.update(|f| f.brand = event_target_value(&ev))
                    aria-invalid=invalid(Field::Brand)/>
            </label>
            {field_error(Field::Brand)}
            <label>
                <span>{b.category}</span>
                <select
                    on:change=move |ev| form.update(|f| f.category_id = event_target_value(&ev).parse().ok())
                    aria-invalid=invalid(Field::Category)>
                    <option value="" selected=move || form.with(|f| f.category_id.is_none())>{b.choose_category}</option>
                    {categories.into_iter().map(|c| {
                        let id = c.id;
                        view! {
                            <option value=id.to_string() selected=move || form.with(|f| f.category_id == Some(id))>
                                {category_name(&c, locale)}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </label>
            {field_error(Field::Category)}
            {text_area!(b.description_zh_hant, description_zh_hant, Field::DescriptionZhHant)}
            {text_area!(b.description_zh_hans, description_zh_hans, Field::DescriptionZhHans)}
            {text_area!(b.description_en, description_en, Field::DescriptionEn)}
            <p class="hint">{b.markdown_hint}</p>
            {text_area!(b.attributes_zh_hant, attributes_zh_hant, Field::AttributesZhHant)}
            {text_area!(b.attributes_zh_hans, attributes_zh_hans, Field::AttributesZhHans)}
            {text_area!(b.attributes_en, attributes_en, Field::AttributesEn)}
            <p class="hint">{b.attributes_hint}</p>
            <ProductImagesEditor form problems/>

            <section class="panel">
                <h2>{b.options}</h2>
                <p class="hint">{b.options_hint}</p>
                {field_error(Field::Options)}
                {vocabulary.get_value().into_iter().map(|axis| {
                    let axis_key = axis.key.clone();
                    view! {
                        <fieldset class="checks">
                            <legend>{axis.name}</legend>
                            {axis.values.into_iter().map(|value| {
                                let (axis_key, value_key) = (axis_key.clone(), value.key.clone());
                                let (axis_key2, value_key2) = (axis_key.clone(), value_key.clone());
                                view! {
                                    <label class="check">
                                        <input type="checkbox"
                                            prop:checked=move || form.with(|f| f.axes.iter().any(|a| a.axis_key == axis_key && a.values.contains(&value_key)))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                vocabulary.with_value(|v| loaded.with_value(|l| form.update(|f| toggle(f, l, v, &axis_key2, &value_key2, on))));
                                            }/>
                                        <span>{value.name}</span>
                                    </label>
                                }
                            }).collect_view()}
                        </fieldset>
                    }
                }).collect_view()}
            </section>

            <section class="panel">
                <h2>{b.skus_heading}</h2>
                <div class="table-scroll">
                    <table class="admin-table sku-table">
                        <thead><tr>
                            <th scope="col">{b.options}</th>
                            <th scope="col">{b.code}</th>
                            <th scope="col">{b.price}</th>
                            <th scope="col">{b.stock_total}</th>
                            <th scope="col">{b.list_price}</th>
                            <th scope="col">{b.gtin}</th>
                            <th scope="col">{b.weight}</th>
                            <th scope="col">{b.on_sale}</th>
                        </tr></thead>
                        <tbody>
                            {move || {
                                let (axes, rows) = form.with(|f| (f.axes.clone(), f.skus.clone()));
                                rows.into_iter().enumerate().map(|(index, row)| {
                                    let label = vocabulary.with_value(|v| row_label(v, &axes, &row.values));
                                    // Named by the row's options ("Price Black / S"), or alone without axes.
                                    let name = |alone: &str, template: &str| {
                                        if label.is_empty() { alone.to_string() } else { fill(template, &label) }
                                    };
                                    let index = index as u16;
                                    let values = row.values.clone();
                                    // One typed cell of this row: what it shows, how it is named and where it goes.
                                    let cell = |aria: String, mode: &'static str, field: Field, value: String, set: fn(&mut SkuForm, String)| {
                                        let values = row.values.clone();
                                        view! {
                                            <td>
                                                <input type="text" inputmode=mode class="short" aria-label=aria value=value
                                                    on:input=move |ev| {
                                                        let typed = event_target_value(&ev);
                                                        form.update(|f| if let Some(r) = f.skus.iter_mut().find(|r| r.values == values) { set(r, typed); });
                                                    }
                                                    aria-invalid=invalid(field)/>
                                                {field_error(field)}
                                            </td>
                                        }
                                    };
                                    view! {
                                        <tr>
                                            <th scope="row">{label.clone()}</th>
                                            <td>{if row.code.is_empty() { b.new_code.to_string() } else { row.code.clone() }}</td>
                                            {cell(name(b.price, b.price_for), "decimal", Field::SkuPrice(index), row.price.clone(), |r, v| r.price = v)}
                                            {cell(name(b.stock_total, b.stock_for), "numeric", Field::SkuStock(index), row.stock.clone(), |r, v| r.stock = v)}
                                            {cell(name(b.list_price_alone, b.list_price_for), "decimal", Field::SkuListPrice(index), row.list_price.clone(), |r, v| r.list_price = v)}
                                            {cell(name(b.gtin, b.gtin_for), "numeric", Field::SkuGtin(index), row.gtin.clone(), |r, v| r.gtin = v)}
                                            {cell(name(b.weight, b.weight_for), "numeric", Field::SkuWeight(index), row.weight.clone(), |r, v| r.weight = v)}
                                            <td>
                                                <input type="checkbox" aria-label=name(b.on_sale, b.on_sale_for)
                                                    prop:checked=!row.disabled
                                                    on:change=move |ev| {
                                                        let on = event_target_checked(&ev);
                                                        form.update(|f| if let Some(r) = f.skus.iter_mut().find(|r| r.values == values) { r.disabled = !on; });
                                                    }/>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
            </section>

            {(!supplier).then(|| view! {
                <label>
                    <span>{b.publish_at}</span>
                    <input type="datetime-local"
                        prop:value=move || form.with(|f| f.publish_at.clone())
                        on:input=move |ev| form.update(|f| f.publish_at = event_target_value(&ev))
                        aria-invalid=invalid(Field::PublishAt)/>
                </label>
                {field_error(Field::PublishAt)}
                <p class="hint">{b.publish_at_hint}</p>
            })}
            <FormErrors error=action_error(save)/>
            {saved_notice}
            <div class="actions">
                {(!supplier || may_save_draft(status)).then(|| view! {
                    <button type="button" class="button" disabled=move || save.pending().get()
                        on:click=move |_| dispatch(SaveIntent::Draft)>
                        {b.save_draft}
                    </button>
                })}
                {if supplier {
                    view! {
                        <button type="button" class="button primary" disabled=move || save.pending().get()
                            on:click=move |_| dispatch(SaveIntent::Submit)>
                            {r.submit_for_review}
                        </button>
                        {(status == Some(ProductStatus::Active)).then(|| view! {
                            <button type="button" class="button" disabled=move || save.pending().get()
                                on:click=move |_| dispatch(SaveIntent::Unlist)>
                                {b.unlist}
                            </button>
                        })}
                    }.into_any()
                } else {
                    view! {
                        <button type="button" class="button primary" disabled=move || save.pending().get()
                            on:click=move |_| dispatch(SaveIntent::Publish)>
                            {b.publish}
                        </button>
                        {(status == Some(ProductStatus::Active)).then(|| view! {
                            <button type="button" class="button" disabled=move || save.pending().get()
                                on:click=move |_| dispatch(SaveIntent::Unlist)>
                                {b.unlist}
                            </button>
                        })}
                    }.into_any()
                }}
            </div>
        </div>
    }
}
