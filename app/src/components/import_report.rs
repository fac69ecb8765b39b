use crate::contexts::locale::use_texts;
use crate::domain::catalog::product_csv::ImportReport;
use crate::i18n::{fill, fill_all, problem_text};
use leptos::prelude::*;

/// What a CSV check or import found: a summary (rows, products, new, changed, unchanged, and
/// whether anything was written), then every problem by line and column.
#[component]
pub fn ImportReportView(report: ImportReport, write: bool) -> impl IntoView {
    let t = use_texts();
    let b = t.admin;
    let counts: [&dyn std::fmt::Display; 5] = [
        &report.rows,
        &report.products,
        &report.new,
        &report.changed,
        &report.unchanged,
    ];
    let summary = if !report.problems.is_empty() {
        fill(b.import_refused, report.problems.len())
    } else if write && report.written {
        fill_all(b.import_done, &counts)
    } else {
        fill_all(b.import_checked, &counts)
    };
    let class = if report.problems.is_empty() {
        "notice-ok"
    } else {
        "notice error"
    };
    let problems = (!report.problems.is_empty()).then(|| {
        view! {
            <div class="table-scroll">
                <table class="admin-table">
                    <caption>{b.import_problems}</caption>
                    <thead><tr>
                        <th scope="col">{b.col_line}</th>
                        <th scope="col">{b.col_column}</th>
                        <th scope="col">{b.col_problem}</th>
                    </tr></thead>
                    <tbody>
                        {report.problems.into_iter().map(|p| view! {
                            <tr>
                                <td>{p.line}</td>
                                <td><code>{p.column}</code></td>
                                <td>{problem_text(t, p.problem)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    });
    view! {
        <p class=class role="status">{summary}</p>
        {problems}
    }
}
