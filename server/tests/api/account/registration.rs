//! Registration: what is refused and why, and passwords checked against known leaks.

use super::{fields, who};
use crate::browser::{register, PASSWORD};
use crate::test_app::TestApp;
use app::api::account::Register;
use app::domain::account::{Field, Problem, Role};
use axum::http::StatusCode;

#[tokio::test]
async fn registration_refuses_bad_input_and_duplicate_emails() {
    for t in TestApp::each(false).await {
        let backend = t.backend();
        let mut browser = t.browser();

        let answer = browser
            .call::<Register>(&[
                ("email", "not-an-email"),
                ("password", "abc"),
                ("display_name", ""),
                ("phone", "12"),
            ])
            .await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert_eq!(
            fields(&answer.error()),
            vec![
                (Field::Email, Problem::EmailInvalid),
                (Field::Password, Problem::PasswordTooShort),
                (Field::Phone, Problem::PhoneInvalid),
                (Field::Consent, Problem::ConsentRequired),
            ],
            "{backend}"
        );
        let weak = browser
            .call::<Register>(&[
                ("email", "mei@example.com"),
                ("password", "password123"),
                ("display_name", "Mei"),
                ("phone", ""),
                ("consent", "on"),
            ])
            .await;
        assert_eq!(
            fields(&weak.error()),
            vec![(Field::Password, Problem::PasswordTooSimple)],
            "{backend}"
        );
        assert!(
            browser.cookie.is_none(),
            "{backend}: refused registrations start no session"
        );

        let user = register(&mut browser, "Mei@Example.com").await;
        assert_eq!(user.email, "mei@example.com", "{backend}");
        assert_eq!(user.display_name, "mei", "{backend}");
        assert_eq!(user.roles, vec![Role::Customer], "{backend}");
        assert!(
            browser.cookie.is_some(),
            "{backend}: signed in after registering"
        );
        assert_eq!(
            who(&mut browser).await.map(|u| u.id),
            Some(user.id),
            "{backend}"
        );

        let mut other = t.browser();
        let duplicate = other
            .call::<Register>(&[
                ("email", "MEI@example.com "),
                ("password", PASSWORD),
                ("display_name", ""),
                ("phone", ""),
                ("consent", "on"),
            ])
            .await;
        assert_eq!(
            fields(&duplicate.error()),
            vec![(Field::Email, Problem::EmailTaken)],
            "{backend}"
        );

        let (consent_version, consent_at): (String, i64) = sqlx::query_as(
            "SELECT privacy_policy_version, privacy_consent_at FROM users WHERE id = $1",
        )
        .bind(user.id)
        .fetch_one(t.db().pool())
        .await
        .unwrap();
        assert_eq!(
            consent_version,
            app::domain::account::PRIVACY_POLICY_VERSION,
            "{backend}"
        );
        assert!(consent_at > 0, "{backend}: consent time recorded");
        let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
            .bind(user.id)
            .fetch_one(t.db().pool())
            .await
            .unwrap();
        assert!(hash.starts_with("$argon2id$"), "{backend}: {hash}");
        t.close().await;
    }
}

/// New passwords follow NIST SP 800-63B: no composition rules (letters alone are fine, Unicode
/// too), but one on the shipped list of common and leaked passwords is refused at the field.
#[tokio::test]
async fn leaked_passwords_are_refused_and_composition_is_free() {
    for t in TestApp::each(false).await {
        let backend = t.backend();
        let mut browser = t.browser();
        let attempt = |email: &'static str, password: &'static str| {
            [
                ("email", email),
                ("password", password),
                ("display_name", ""),
                ("phone", ""),
                ("consent", "on"),
            ]
        };
        let leaked = browser
            .call::<Register>(&attempt("leaked@example.com", "sunshine1"))
            .await;
        assert_eq!(
            fields(&leaked.error()),
            vec![(Field::Password, Problem::PasswordTooSimple)],
            "{backend}"
        );
        let words = browser
            .call::<Register>(&attempt("words@example.com", "tea garden morning"))
            .await;
        assert_eq!(words.status, StatusCode::OK, "{backend}: {}", words.body);
        let mut other = t.browser_from("192.0.2.88");
        let chinese = other
            .call::<Register>(&attempt("chinese@example.com", "我的綠茶密碼很長"))
            .await;
        assert_eq!(
            chinese.status,
            StatusCode::OK,
            "{backend}: {}",
            chinese.body
        );
        t.close().await;
    }
}
