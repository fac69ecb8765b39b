use crate::contexts::locale::use_texts;
use crate::error::AppError;
use crate::i18n::problem_text;
use leptos::prelude::*;

/// What went wrong with a submitted form: one line per refused field, or the error's message.
/// Announced to screen readers as it appears.
#[component]
pub fn FormErrors(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_texts();
    move || {
        error.get().map(|error| {
            let lines: Vec<String> = match &error {
                AppError::Invalid(problems) => problems
                    .iter()
                    .map(|p| problem_text(t, p.problem).to_string())
                    .collect(),
                other => vec![other.user_message(t)],
            };
            view! {
                <div class="form-errors" role="alert">
                    <ul>{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }
}

/// The error of an action's latest result, for `FormErrors`.
pub fn action_error<I, O>(action: ServerAction<I>) -> Signal<Option<AppError>>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(|result| result.err()))
}

/// The refused fields of an action's latest answer (empty unless it was `AppError::Invalid`).
pub fn action_problems<I, O>(
    action: ServerAction<I>,
) -> Signal<Vec<crate::domain::form::FieldProblem>>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    Signal::derive(move || match action.value().get() {
        Some(Err(AppError::Invalid(problems))) => problems,
        _ => Vec::new(),
    })
}

/// The message under one field when the latest answer refused it, in the reader's language.
pub fn field_message(
    problems: Signal<Vec<crate::domain::form::FieldProblem>>,
    field: crate::domain::form::Field,
) -> impl Fn() -> Option<AnyView> + Send + Sync + Clone + 'static {
    let t = use_texts();
    move || {
        problems.with(|all| {
            all.iter().find(|p| p.field == field).map(|p| {
                view! { <p class="field-error">{problem_text(t, p.problem)}</p> }.into_any()
            })
        })
    }
}

/// `aria-invalid` of one field: "true" while the latest answer refuses it.
pub fn field_invalid(
    problems: Signal<Vec<crate::domain::form::FieldProblem>>,
    field: crate::domain::form::Field,
) -> impl Fn() -> Option<&'static str> + Send + Sync + Clone + 'static {
    move || {
        problems
            .with(|all| all.iter().any(|p| p.field == field))
            .then_some("true")
    }
}
