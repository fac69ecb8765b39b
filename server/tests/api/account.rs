//! Accounts through the real router on both databases, one file per part: registration,
//! sessions, password reset, privacy, operators, and the member center (each member's data is
//! their own).

mod member_center;
mod operators;
mod password_reset;
mod privacy;
mod registration;
mod sessions;

use crate::browser::Browser;
use app::api::account::{CurrentUser, SignIn};
use app::domain::account::{Field, Problem, SessionUser};
use app::error::AppError;
use axum::http::StatusCode;

fn fields(error: &AppError) -> Vec<(Field, Problem)> {
    match error {
        AppError::Invalid(problems) => problems.iter().map(|p| (p.field, p.problem)).collect(),
        other => panic!("expected field problems, got {other:?}"),
    }
}

async fn who(browser: &mut Browser) -> Option<SessionUser> {
    let answer = browser.call::<CurrentUser>(&[]).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.json()
}

async fn sign_in(browser: &mut Browser, email: &str, password: &str) -> crate::browser::Answer {
    browser
        .call::<SignIn>(&[("email", email), ("password", password)])
        .await
}
