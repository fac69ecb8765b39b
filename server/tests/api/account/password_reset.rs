//! Password reset: mailed through the outbox, used once, rate limited, never stored readable.

use super::{sign_in, who};
use crate::browser::PASSWORD;
use crate::test_app::TestApp;
use app::api::account::{ChangePassword, RequestPasswordReset, ResetPassword};
use axum::http::StatusCode;

#[tokio::test]
async fn password_reset_goes_through_the_outbox_and_works_once() {
    for t in TestApp::each(false).await {
        let backend = t.backend();
        let mut old_device = t.customer("reset@example.com").await;

        let mut browser = t.browser();
        for email in ["reset@example.com", "unknown@example.com"] {
            let answer = browser
                .call::<RequestPasswordReset>(&[("email", email)])
                .await;
            assert_eq!(
                answer.status,
                StatusCode::OK,
                "{backend}: same answer for {email}"
            );
        }
        let queued = app::db::outbox::latest_for(t.db(), "reset@example.com")
            .await
            .unwrap()
            .expect("reset mail queued");
        assert_eq!(queued.mail.kind(), "password_reset", "{backend}");
        let mail = app::i18n::mail::rendered(&queued, false);
        assert!(app::db::outbox::latest_for(t.db(), "unknown@example.com")
            .await
            .unwrap()
            .is_none());
        let link = mail
            .body
            .split_whitespace()
            .find(|w| w.contains("/reset-password?token="))
            .expect("link in the mail");
        assert!(
            link.starts_with("https://shop.example/"),
            "{backend}: {link}"
        );
        let token = link.split("token=").nth(1).unwrap();

        let weak = browser
            .call::<ResetPassword>(&[("token", token), ("password", "short")])
            .await;
        assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        let done = browser
            .call::<ResetPassword>(&[("token", token), ("password", "new-oolong-77")])
            .await;
        assert_eq!(done.status, StatusCode::OK, "{backend}: {}", done.body);
        let again = browser
            .call::<ResetPassword>(&[("token", token), ("password", "other-oolong-77")])
            .await;
        assert_eq!(
            again.status,
            StatusCode::NOT_FOUND,
            "{backend}: a link works once"
        );

        assert_eq!(
            who(&mut old_device).await,
            None,
            "{backend}: old sessions end"
        );
        assert_eq!(
            sign_in(&mut browser, "reset@example.com", PASSWORD)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            sign_in(&mut browser, "reset@example.com", "new-oolong-77")
                .await
                .status,
            StatusCode::OK
        );
        t.close().await;
    }
}

/// Password checks that hash are limited: reset links tried from one address (a dead link is
/// refused before hashing), current-password checks per account (change, deletion).
#[tokio::test]
async fn reset_links_and_password_checks_are_rate_limited() {
    use app::auth::limits;
    for t in TestApp::each(false).await {
        let backend = t.backend();
        let mut guesser = t.browser_from("203.0.113.40");
        for n in 0..limits::RESET_REDEEM_PER_IP {
            let token = format!("guessed-token-{n}");
            let answer = guesser
                .call::<ResetPassword>(&[
                    ("token", token.as_str()),
                    ("password", "oolong-tea-2030"),
                ])
                .await;
            assert_eq!(answer.status, StatusCode::NOT_FOUND, "{backend}: {n}");
        }
        let answer = guesser
            .call::<ResetPassword>(&[("token", "one-more"), ("password", "oolong-tea-2030")])
            .await;
        assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS, "{backend}");

        let mut member = t.customer("checks@example.com").await;
        for n in 0..limits::PASSWORD_CHECKS_PER_ACCOUNT {
            let wrong = member
                .call::<ChangePassword>(&[
                    ("current_password", "not-it-123"),
                    ("new_password", "jasmine-tea-9"),
                ])
                .await;
            assert_eq!(
                wrong.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{backend}: {n}"
            );
        }
        let limited = member
            .call::<ChangePassword>(&[
                ("current_password", PASSWORD),
                ("new_password", "jasmine-tea-9"),
            ])
            .await;
        assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS, "{backend}");
        t.close().await;
    }
}

/// A sent reset mail keeps only its masked body in the outbox; without SMTP the full mail is in
/// the local mail folder (how the demo follows the link), and the log never gets the token.
#[tokio::test]
async fn sent_reset_links_are_not_kept_readable() {
    use server::jobs::mail::{deliver_pending, latest_local, LogMailer};
    for t in TestApp::each(false).await {
        let backend = t.backend();
        let mut browser = t.customer("masked@example.com").await;
        let asked = browser
            .call::<RequestPasswordReset>(&[("email", "masked@example.com")])
            .await;
        assert_eq!(asked.status, StatusCode::OK, "{backend}");
        let queued = app::i18n::mail::rendered(
            &app::db::outbox::latest_for(t.db(), "masked@example.com")
                .await
                .unwrap()
                .unwrap(),
            false,
        );
        let token = queued
            .body
            .split_whitespace()
            .find_map(|w| w.split("token=").nth(1))
            .unwrap()
            .to_string();
        assert!(token.len() > 16, "{backend}: a real token before sending");

        let folder = t.mail_dir();
        let mailer = LogMailer {
            folder: folder.clone(),
        };
        assert!(deliver_pending(t.db(), &mailer, 0).await.unwrap() >= 1);
        let kept = app::i18n::mail::rendered(
            &app::db::outbox::latest_for(t.db(), "masked@example.com")
                .await
                .unwrap()
                .unwrap(),
            false,
        );
        assert!(kept.sent_at.is_some(), "{backend}");
        assert!(!kept.body.contains(&token), "{backend}: {}", kept.body);
        assert!(kept.body.contains("token=…"), "{backend}: {}", kept.body);
        let local = latest_local(&folder, "masked@example.com").expect("kept locally");
        assert!(
            local.contains(&token),
            "{backend}: the demo can follow the link"
        );
        t.close().await;
    }
}
