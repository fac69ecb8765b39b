//! Sessions: new ids at sign-in, cookies, limits on sign-in attempts, cross-site refusal, password changes ending other devices, idle and absolute time limits.

use super::{fields, sign_in, who};
use crate::browser::{register, Browser, PASSWORD};
use crate::test_app::TestApp;
use app::api::account::{
    privacy::DeleteAccount, ChangePassword, CurrentUser, Register, RequestPasswordReset,
    ResetPassword, SignIn, SignOut,
};
use app::domain::account::{Field, Problem, Role};
use app::error::AppError;
use axum::http::StatusCode;

#[tokio::test]
async fn sign_in_issues_a_new_session_id_and_sign_out_ends_it_on_the_server() {
    for t in TestApp::each(false).await {
        let backend = t.backend();
        let mut browser = t.browser();
        let user = register(&mut browser, "lin@example.com").await;
        let registered_cookie = browser.cookie.clone().unwrap();

        // Signing in again on the same browser (or with a cookie planted by someone else)
        // never keeps the old id: the session moves to a fresh one and the old id stops working.
        let answer = sign_in(&mut browser, "lin@example.com", PASSWORD).await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        assert!(
            answer
                .headers
                .get_all("set-cookie")
                .iter()
                .any(|v| v.to_str().unwrap().starts_with("lang=zh-Hant;")),
            "{backend}: sign-in switches to the member's preferred language"
        );
        let signed_in_cookie = browser.cookie.clone().unwrap();
        assert_ne!(
            registered_cookie, signed_in_cookie,
            "{backend}: session id changes at sign-in"
        );
        let mut planted = Browser::with_cookie(t.app(), Some(registered_cookie));
        assert_eq!(
            who(&mut planted).await,
            None,
            "{backend}: the old id is dead"
        );
        assert_eq!(
            who(&mut browser).await.map(|u| u.id),
            Some(user.id),
            "{backend}"
        );

        let copy = browser.cookie.clone();
        let answer = browser.call::<SignOut>(&[]).await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}");
        assert!(browser.cookie.is_none(), "{backend}: cookie cleared");
        let mut replay = Browser::with_cookie(t.app(), copy);
        assert_eq!(
            who(&mut replay).await,
            None,
            "{backend}: a copied cookie is dead after sign-out"
        );
        let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE user_id = $1")
            .bind(user.id)
            .fetch_one(t.db().pool())
            .await
            .unwrap();
        assert_eq!(rows, 0, "{backend}: the session row is gone");

        // Without JavaScript the form post is answered with a redirect to where the shopper was going.
        let plain = browser
            .call_with::<SignIn>(
                &[
                    ("email", "lin@example.com"),
                    ("password", PASSWORD),
                    ("next", "/account/addresses"),
                ],
                &[("accept", "text/html"), ("sec-fetch-site", "same-origin")],
            )
            .await;
        assert_eq!(plain.status, StatusCode::FOUND, "{backend}");
        assert_eq!(plain.headers["location"], "/account/addresses", "{backend}");
        let evil = browser
            .call_with::<SignIn>(
                &[
                    ("email", "lin@example.com"),
                    ("password", PASSWORD),
                    ("next", "//evil.example"),
                ],
                &[("accept", "text/html"), ("sec-fetch-site", "same-origin")],
            )
            .await;
        assert_eq!(
            evil.headers["location"], "/",
            "{backend}: only paths on this site"
        );
        browser.call::<SignOut>(&[]).await;

        let wrong = sign_in(&mut browser, "lin@example.com", "wrong-password-1").await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "{backend}");
        assert_eq!(wrong.error(), AppError::BadCredentials, "{backend}");
        let unknown = sign_in(&mut browser, "nobody@example.com", PASSWORD).await;
        assert_eq!(
            unknown.error(),
            AppError::BadCredentials,
            "{backend}: same answer for unknown emails"
        );
        assert!(browser.cookie.is_none(), "{backend}");
        t.close().await;
    }
}

#[tokio::test]
async fn session_cookie_is_http_only_lax_and_secure_over_https() {
    for t in TestApp::each(false).await {
        let mut browser = t.browser();
        let answer = browser
            .call::<Register>(&[
                ("email", "cookie@example.com"),
                ("password", PASSWORD),
                ("display_name", ""),
                ("phone", ""),
                ("consent", "on"),
            ])
            .await;
        let cookie = answer
            .headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .find(|v| v.starts_with("__Host-jishi_session="))
            .expect("session cookie set");
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Lax"), "{cookie}");
        assert!(
            cookie.contains("Secure"),
            "{cookie} (the test server's public URL is https)"
        );
        assert!(cookie.contains("Path=/"), "{cookie}");
        // Only a hash of the id is stored.
        let value = cookie
            .trim_start_matches("__Host-jishi_session=")
            .split(';')
            .next()
            .unwrap();
        let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE id_hash = $1")
            .bind(value)
            .fetch_one(t.db().pool())
            .await
            .unwrap();
        assert_eq!(stored, 0, "the raw id is not a key in the table");
        t.close().await;
    }
}

#[tokio::test]
async fn sign_in_is_rate_limited_per_account_and_per_ip() {
    use app::auth::limits;
    for t in TestApp::each(false).await {
        let backend = t.backend();
        t.customer("target@example.com").await;

        // Many addresses guessing one account: the account slows down but is never locked,
        // so a stranger cannot keep the owner out.
        for attempt in 0..limits::SIGN_IN_FAILURES_PER_ACCOUNT_AND_IP {
            let mut browser = t.browser_from(&format!("198.51.100.{attempt}"));
            let answer = sign_in(&mut browser, "target@example.com", "guess-number-1").await;
            assert_eq!(
                answer.status,
                StatusCode::UNAUTHORIZED,
                "{backend} attempt {attempt}"
            );
        }
        let mut owner = t.browser_from("192.0.2.50");
        let started = std::time::Instant::now();
        let owner_in = sign_in(&mut owner, "target@example.com", PASSWORD).await;
        assert_eq!(
            owner_in.status,
            StatusCode::OK,
            "{backend}: the owner still signs in"
        );
        assert!(
            started.elapsed() >= app::auth::sign_in_delay(8),
            "{backend}: after a delay"
        );

        // One address guessing one account is refused after its failures, even with the right
        // password; the owner elsewhere is not.
        let mut guesser = t.browser_from("198.51.100.99");
        for attempt in 0..limits::SIGN_IN_FAILURES_PER_ACCOUNT_AND_IP {
            let answer = sign_in(&mut guesser, "target@example.com", "guess-number-1").await;
            assert_eq!(
                answer.status,
                StatusCode::UNAUTHORIZED,
                "{backend} {attempt}"
            );
        }
        let limited = sign_in(&mut guesser, "target@example.com", PASSWORD).await;
        assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS, "{backend}");
        assert_eq!(
            limited.error(),
            AppError::RateLimited(limits::WINDOW_SECONDS),
            "{backend}"
        );
        assert!(
            limited
                .error()
                .user_message(app::i18n::Locale::En.texts())
                .contains("try again in 15 minutes"),
            "{backend}"
        );
        let mut owner_again = t.browser_from("192.0.2.51");
        assert_eq!(
            sign_in(&mut owner_again, "target@example.com", PASSWORD)
                .await
                .status,
            StatusCode::OK,
            "{backend}: a stranger cannot lock the owner out"
        );

        // One address trying many accounts.
        let mut sprayer = t.browser_from("198.51.100.200");
        for attempt in 0..limits::SIGN_IN_PER_IP {
            let answer = sign_in(
                &mut sprayer,
                &format!("user{attempt}@example.com"),
                "guess-number-1",
            )
            .await;
            assert_eq!(
                answer.status,
                StatusCode::UNAUTHORIZED,
                "{backend} attempt {attempt}"
            );
        }
        let answer = sign_in(&mut sprayer, "another@example.com", "guess-number-1").await;
        assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS, "{backend}");
        // Other addresses are not affected.
        let mut neighbour = t.browser_from("198.51.100.201");
        let answer = sign_in(&mut neighbour, "another@example.com", "guess-number-1").await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{backend}");

        // Registration per address.
        let mut farm = t.browser_from("198.51.100.250");
        for n in 0..limits::REGISTER_PER_IP {
            register(&mut farm, &format!("bulk{n}@example.com")).await;
        }
        let answer = farm
            .call::<Register>(&[
                ("email", "one-more@example.com"),
                ("password", PASSWORD),
                ("display_name", ""),
                ("phone", ""),
                ("consent", "on"),
            ])
            .await;
        assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS, "{backend}");
        t.close().await;
    }
}

#[tokio::test]
async fn cross_site_and_get_requests_cannot_change_state() {
    for t in TestApp::each(false).await {
        let backend = t.backend();
        let mut victim = t.customer("victim@example.com").await;

        let cross = victim
            .call_with::<SignOut>(&[], &[("origin", "https://evil.example")])
            .await;
        assert_eq!(cross.status, StatusCode::FORBIDDEN, "{backend}");
        let cross = victim
            .call_with::<DeleteAccount>(
                &[("password", PASSWORD)],
                &[("sec-fetch-site", "cross-site")],
            )
            .await;
        assert_eq!(cross.status, StatusCode::FORBIDDEN, "{backend}");
        assert!(
            who(&mut victim).await.is_some(),
            "{backend}: still signed in, account intact"
        );

        // Same-origin by Origin header alone (older browsers) is accepted.
        let same = victim
            .call_with::<CurrentUser>(&[], &[("origin", "http://shop.example")])
            .await;
        assert_eq!(same.status, StatusCode::OK, "{backend}");

        let by_get = victim
            .get(&format!(
                "{}?password={PASSWORD}",
                crate::browser::path::<DeleteAccount>()
            ))
            .await;
        assert_eq!(by_get.status, StatusCode::METHOD_NOT_ALLOWED, "{backend}");
        assert!(who(&mut victim).await.is_some(), "{backend}");
        t.close().await;
    }
}

#[tokio::test]
async fn changing_the_password_signs_out_other_devices() {
    for t in TestApp::each(false).await {
        let backend = t.backend();
        let mut phone = t.customer("two@example.com").await;
        // A reset link mailed before the change must not work after it.
        let mut stranger = t.browser_from("192.0.2.77");
        let asked = stranger
            .call::<RequestPasswordReset>(&[("email", "two@example.com")])
            .await;
        assert_eq!(asked.status, StatusCode::OK, "{backend}");
        let mail = app::i18n::mail::rendered(
            &app::db::outbox::latest_for(t.db(), "two@example.com")
                .await
                .unwrap()
                .expect("reset mail queued"),
            false,
        );
        let token = mail
            .body
            .split_whitespace()
            .find_map(|w| w.split("token=").nth(1))
            .expect("link in the mail")
            .to_string();
        let mut desktop = t.browser();
        assert_eq!(
            sign_in(&mut desktop, "two@example.com", PASSWORD)
                .await
                .status,
            StatusCode::OK
        );

        let wrong = phone
            .call::<ChangePassword>(&[
                ("current_password", "not-it-123"),
                ("new_password", "jasmine-tea-9"),
            ])
            .await;
        assert_eq!(
            fields(&wrong.error()),
            vec![(Field::Password, Problem::WrongPassword)],
            "{backend}"
        );
        let answer = phone
            .call::<ChangePassword>(&[
                ("current_password", PASSWORD),
                ("new_password", "jasmine-tea-9"),
            ])
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        assert!(
            who(&mut phone).await.is_some(),
            "{backend}: this device stays signed in"
        );
        assert_eq!(
            who(&mut desktop).await,
            None,
            "{backend}: the other device is signed out"
        );
        let stale = stranger
            .call::<ResetPassword>(&[("token", token.as_str()), ("password", "taken-over-77")])
            .await;
        assert_eq!(
            stale.status,
            StatusCode::NOT_FOUND,
            "{backend}: the change cancelled the earlier reset link"
        );
        t.close().await;
    }
}

#[tokio::test]
async fn sessions_end_after_the_absolute_limit() {
    let sessions = app::auth::SessionPolicy {
        idle_seconds: 3_600,
        absolute_seconds: 1,
        ..Default::default()
    };
    for t in TestApp::each_with(false, |config| config.sessions = sessions).await {
        let backend = t.backend();
        let mut browser = t.customer("short@example.com").await;
        assert!(who(&mut browser).await.is_some(), "{backend}");
        tokio::time::sleep(std::time::Duration::from_millis(2_100)).await;
        assert_eq!(
            who(&mut browser).await,
            None,
            "{backend}: over the absolute limit"
        );
        t.close().await;
    }
}

#[tokio::test]
async fn sessions_end_after_the_idle_time_and_activity_keeps_them() {
    use std::time::Duration;
    let sessions = app::auth::SessionPolicy {
        idle_seconds: 5,
        absolute_seconds: 3_600,
        ..Default::default()
    };
    for t in TestApp::each_with(false, |config| config.sessions = sessions).await {
        let backend = t.backend();
        let mut browser = t.customer("idle@example.com").await;
        // Two visits 3 s apart: 6 s after sign-in, still in, as each visit restarts the clock.
        // (Times are whole seconds and the machine may be busy: a second or so of slack.)
        for visit in 1..=2 {
            tokio::time::sleep(Duration::from_millis(3_000)).await;
            assert!(
                who(&mut browser).await.is_some(),
                "{backend}: visit {visit} within the idle time"
            );
        }
        tokio::time::sleep(Duration::from_millis(7_000)).await;
        assert_eq!(who(&mut browser).await, None, "{backend}: idle too long");
        t.close().await;
    }
}

/// Operators' (and suppliers') sessions end after a shorter idle time than shoppers'.
#[tokio::test]
async fn staff_sessions_end_sooner_when_idle() {
    let sessions = app::auth::SessionPolicy {
        idle_seconds: 3_600,
        absolute_seconds: 3_600,
        staff_idle_seconds: 1,
    };
    for t in TestApp::each_with(false, |config| config.sessions = sessions).await {
        let backend = t.backend();
        let mut shopper = t.customer("shopper-idle@example.com").await;
        let mut operator = t.browser_from("192.0.2.61");
        let staff = register(&mut operator, "staff-idle@example.com").await;
        app::db::account::grant_role(t.db(), staff.id, Role::Operator)
            .await
            .unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(2_600)).await;
        assert!(
            who(&mut shopper).await.is_some(),
            "{backend}: shopper still in"
        );
        assert_eq!(
            who(&mut operator).await,
            None,
            "{backend}: operator idled out"
        );
        t.close().await;
    }
}
