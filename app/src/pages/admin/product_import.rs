use crate::components::csv_export_button::CsvExportButton;
use crate::components::import_report::ImportReportView;
use crate::contexts::locale::use_texts;
use crate::domain::catalog::product_csv::ImportReport;
use crate::error::AppError;
use crate::i18n::fill_all;
use leptos::html::Input;
use leptos::prelude::*;
use leptos_meta::Title;

/// How often the page asks how far an import is, in milliseconds.
#[cfg(not(feature = "ssr"))]
const PROGRESS_POLL_MS: u32 = 400;

/// Products and SKUs from a CSV file: "Check file" lists every problem by line without writing;
/// "Import" writes the file only when all of it is valid. A long run shows how many products
/// are done. "Export CSV" gives the catalog in the same columns.
#[component]
pub fn ProductImportPage() -> impl IntoView {
    let t = use_texts();
    let b = t.admin;
    let picker = NodeRef::<Input>::new();
    let running = RwSignal::new(false);
    let progress = RwSignal::new(None::<(usize, usize)>);
    // The last answer, and whether it was an import (else a check).
    let report = RwSignal::new(None::<(ImportReport, bool)>);
    let error = RwSignal::new(None::<AppError>);
    let no_file = RwSignal::new(false);
    let run = move |write: bool| {
        #[cfg(not(feature = "ssr"))]
        {
            let file = picker
                .get_untracked()
                .and_then(|input| input.files())
                .and_then(|files| files.get(0));
            let Some(file) = file else {
                no_file.set(true);
                return;
            };
            let Ok(data) = web_sys::FormData::new() else {
                return;
            };
            let token = crate::contexts::guest_storage::random_id();
            let appended = data
                .append_with_str("write", if write { "1" } else { "0" })
                .and_then(|_| data.append_with_str("token", &token))
                .and_then(|_| data.append_with_blob("file", &file));
            if appended.is_err() {
                return;
            }
            no_file.set(false);
            error.set(None);
            report.set(None);
            running.set(true);
            leptos::task::spawn_local(async move {
                loop {
                    gloo_timers::future::TimeoutFuture::new(PROGRESS_POLL_MS).await;
                    if !running.get_untracked() {
                        break;
                    }
                    let asked = crate::api::admin::product_csv::import_progress(token.clone());
                    if let Ok(Some(done)) = asked.await {
                        if running.get_untracked() {
                            progress.set(Some(done));
                        }
                    }
                }
            });
            leptos::task::spawn_local(async move {
                match crate::api::admin::product_csv::import_products_csv(data.into()).await {
                    Ok(found) => report.set(Some((found, write))),
                    Err(failed) => error.set(Some(failed)),
                }
                running.set(false);
                progress.set(None);
            });
        }
        #[cfg(feature = "ssr")]
        let _ = (write, picker, progress, report, error, no_file, running);
    };
    view! {
        <Title text=b.import_title/>
        <h1>{b.import_title}</h1>
        <p class="hint">{b.import_hint}</p>
        <div class="actions"><CsvExportButton/></div>
        <form class="panel csv-import" on:submit=move |ev| ev.prevent_default()>
            <label>
                <span>{b.csv_file}</span>
                <input type="file" accept=".csv,text/csv" node_ref=picker
                    on:change=move |_| { no_file.set(false); report.set(None); }/>
            </label>
            {move || no_file.get().then(|| view! {
                <p class="field-error" role="alert">{b.choose_csv_first}</p>
            })}
            <div class="actions">
                <button type="button" class="button" disabled=move || running.get()
                    on:click=move |_| run(false)>{b.check_file}</button>
                <button type="button" class="button primary" disabled=move || running.get()
                    on:click=move |_| run(true)>{b.import_file}</button>
            </div>
        </form>
        {move || running.get().then(|| {
            let (done, total) = progress.get().unwrap_or((0, 0));
            let text = fill_all(b.import_progress, &[&done, &total]);
            view! {
                <p role="status">
                    <progress max=total.max(1) value=done aria-label=text.clone()></progress>
                    " " {text.clone()}
                </p>
            }
        })}
        {move || error.get().map(|error| view! {
            <p class="field-error" role="alert">{error.user_message(t)}</p>
        })}
        {move || report.get().map(|(report, write)| view! { <ImportReportView report write/> })}
    }
}
