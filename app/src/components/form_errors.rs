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
