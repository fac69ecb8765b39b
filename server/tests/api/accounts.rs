//! Accounts through the real router on both databases: registration rules, sessions, rate
//! limits, cross-site refusal, password reset and change, deletion, operators.

use crate::browser::{register, Browser, PASSWORD};
use crate::test_app::TestApp;
use app::api::account::{
    privacy::{DeleteAccount, ExportMyData},
    ChangePassword, CurrentUser, Register, RequestPasswordReset, ResetPassword, SignIn, SignOut,
};
use app::api::admin::ListOutbox;
use app::domain::account::SessionUser;
use app::domain::account::{Field, Problem, Role};
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

#[tokio::test]
async fn deleting_the_account_anonymises_it_and_keeps_the_row() {
    use app::api::account::addresses::SaveAddress;
    use app::api::account::favourites::SetFavourite;
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let mut browser = t.browser();
        let user = register(&mut browser, "gone@example.com").await;
        let saved = browser
            .call::<SaveAddress>(&[
                ("recipient", "陳大文"),
                ("phone", "+852 9123 4567"),
                ("region", "HK"),
                ("city", "香港"),
                ("detail", "中環皇后大道中 1 號"),
                ("postal_code", ""),
            ])
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{backend}: {}", saved.body);
        assert_eq!(
            browser
                .call::<SetFavourite>(&[("product_id", "1"), ("on", "true")])
                .await
                .status,
            StatusCode::OK
        );

        let export = browser.call::<ExportMyData>(&[]).await;
        let data: serde_json::Value = serde_json::from_str(&export.json::<String>()).unwrap();
        assert_eq!(data["profile"]["email"], "gone@example.com", "{backend}");
        assert_eq!(data["addresses"][0]["recipient"], "陳大文", "{backend}");
        assert_eq!(data["favourites"].as_array().unwrap().len(), 1, "{backend}");

        let wrong = browser
            .call::<DeleteAccount>(&[("password", "not-my-pass-1")])
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");

        // An order still waiting for payment needs the shopper: deletion waits for it.
        let sku_id: i64 = sqlx::query_scalar("SELECT MIN(id) FROM skus WHERE stock > 0")
            .fetch_one(t.db().pool())
            .await
            .unwrap();
        let address =
            app::domain::account::ValidAddress::parse(&app::domain::account::AddressForm {
                recipient: "陳大文".into(),
                phone: "+852 9123 4567".into(),
                region: "HK".into(),
                city: "香港".into(),
                detail: "中環皇后大道中 1 號".into(),
                postal_code: "".into(),
            })
            .unwrap();
        let placed = app::db::order::place_order(
            t.db(),
            app::db::order::NewOrder {
                checkout_token: "gone-checkout-1",
                user_id: Some(user.id),
                email: "gone@example.com",
                locale: app::i18n::Locale::En,
                lines: &[(sku_id, 1)],
                address: &address,
                shipping: app::domain::pricing::ShippingMethod::Standard,
                pay_within_seconds: 1800,
                site_url: "https://shop.example",
            },
        )
        .await
        .unwrap();
        let app::db::order::PlaceOutcome::Placed(order) = placed else {
            panic!("{backend}: order not placed: {placed:?}");
        };
        let refused = browser
            .call::<DeleteAccount>(&[("password", PASSWORD)])
            .await;
        assert_eq!(refused.status, StatusCode::CONFLICT, "{backend}");
        assert_eq!(refused.error(), AppError::OrdersOpen, "{backend}");
        assert!(who(&mut browser).await.is_some(), "{backend}: still there");
        let cancelled = browser
            .call::<app::api::order::CancelOrder>(&[("order_no", &order.order_no)])
            .await;
        assert_eq!(
            cancelled.status,
            StatusCode::OK,
            "{backend}: {}",
            cancelled.body
        );
        app::db::outbox::enqueue(
            t.db().pool(),
            "gone@example.com",
            app::i18n::Locale::ZhHant,
            &app::domain::mail::Mail::OrderPaid {
                order_no: "J0000000000001".into(),
                total: app::domain::money::Money::from_fen(100),
            },
        )
        .await
        .unwrap();

        let deleted = browser
            .call::<DeleteAccount>(&[("password", PASSWORD)])
            .await;
        assert_eq!(
            deleted.status,
            StatusCode::OK,
            "{backend}: {}",
            deleted.body
        );
        assert!(browser.cookie.is_none(), "{backend}: signed out");

        let row: (Option<String>, String, String, String, Option<i64>) = sqlx::query_as(
            "SELECT email, password_hash, display_name, phone, deleted_at FROM users WHERE id = $1",
        )
        .bind(user.id)
        .fetch_one(t.db().pool())
        .await
        .unwrap();
        assert_eq!(
            (row.0, row.1.as_str(), row.2.as_str(), row.3.as_str()),
            (None, "", "", ""),
            "{backend}"
        );
        assert!(row.4.is_some(), "{backend}: the row stays, marked deleted");
        let kept: (String, String, String, String, i64) = sqlx::query_as(
            "SELECT email, recipient, phone, detail, total FROM orders WHERE id = $1",
        )
        .bind(order.id)
        .fetch_one(t.db().pool())
        .await
        .unwrap();
        assert_eq!(
            (
                kept.0.as_str(),
                kept.1.as_str(),
                kept.2.as_str(),
                kept.3.as_str()
            ),
            ("", "", "", ""),
            "{backend}: the order record stays without personal details"
        );
        assert!(kept.4 > 0, "{backend}: amounts stay");
        assert!(
            app::db::outbox::latest_for(t.db(), "gone@example.com")
                .await
                .unwrap()
                .is_none(),
            "{backend}: mail to the account is gone"
        );
        for table in [
            "addresses",
            "favourites",
            "browsing_history",
            "sessions",
            "user_roles",
        ] {
            let left: i64 =
                sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table} WHERE user_id = $1"))
                    .bind(user.id)
                    .fetch_one(t.db().pool())
                    .await
                    .unwrap();
            assert_eq!(left, 0, "{backend}: {table} cleared");
        }
        assert_eq!(
            sign_in(&mut browser, "gone@example.com", PASSWORD)
                .await
                .status,
            StatusCode::UNAUTHORIZED,
            "{backend}"
        );
        // The email is free again.
        register(&mut t.browser_from("192.0.2.9"), "gone@example.com").await;
        t.close().await;
    }
}

#[tokio::test]
async fn operators_are_made_on_the_command_line_and_only_they_read_the_outbox() {
    for t in TestApp::each(false).await {
        let backend = t.backend();
        let mut shopper = t.customer("shopper@example.com").await;
        assert_eq!(
            shopper.call::<ListOutbox>(&[]).await.status,
            StatusCode::FORBIDDEN,
            "{backend}"
        );
        assert_eq!(
            t.browser().call::<ListOutbox>(&[]).await.status,
            StatusCode::UNAUTHORIZED
        );

        // The demo accounts of the seed exist once and accept their published passwords.
        assert_eq!(
            server::accounts::seed_demo_accounts(t.db()).await.unwrap(),
            4,
            "{backend}"
        );
        assert_eq!(
            server::accounts::seed_demo_accounts(t.db()).await.unwrap(),
            0,
            "{backend}"
        );
        for demo in server::accounts::DEMO_ACCOUNTS {
            let mut browser = t.browser_from("192.0.2.77");
            let answer = sign_in(&mut browser, demo.email, demo.password).await;
            assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", demo.email);
        }

        assert!(
            server::accounts::create_admin(t.db(), "boss@example.com", "weak")
                .await
                .is_err()
        );
        assert_eq!(
            server::accounts::create_admin(t.db(), "boss@example.com", "run-the-shop-1")
                .await
                .unwrap(),
            server::accounts::AdminOutcome::Created
        );
        let mut boss = t.browser_from("192.0.2.1");
        assert_eq!(
            sign_in(&mut boss, "boss@example.com", "run-the-shop-1")
                .await
                .status,
            StatusCode::OK
        );
        let user = who(&mut boss).await.unwrap();
        assert_eq!(
            user.roles,
            vec![Role::Customer, Role::Operator],
            "{backend}"
        );
        let outbox = boss.call::<ListOutbox>(&[]).await;
        assert_eq!(outbox.status, StatusCode::OK, "{backend}");
        let mail: Vec<app::domain::mail::OutboxMessage> = outbox.json();
        assert!(mail
            .iter()
            .any(|m| m.recipient == "shopper@example.com" && m.kind == "welcome"));

        // An existing account is promoted, its password untouched.
        assert_eq!(
            server::accounts::create_admin(t.db(), "shopper@example.com", "ignored-pass-1")
                .await
                .unwrap(),
            server::accounts::AdminOutcome::Promoted
        );
        assert_eq!(
            who(&mut shopper).await.unwrap().roles,
            vec![Role::Customer, Role::Operator]
        );
        t.close().await;
    }
}

#[tokio::test]
async fn the_outbox_job_delivers_each_message_once_and_retries_failures() {
    use server::jobs::mail::{deliver_pending, Mailer, MAX_ATTEMPTS};
    use std::sync::atomic::{AtomicUsize, Ordering};

    struct Counting(AtomicUsize, bool);
    #[async_trait::async_trait]
    impl Mailer for Counting {
        async fn send(&self, _: &app::domain::mail::OutboxMessage) -> Result<(), String> {
            self.0.fetch_add(1, Ordering::SeqCst);
            if self.1 {
                Err("smtp down".into())
            } else {
                Ok(())
            }
        }
    }
    for t in TestApp::each(false).await {
        let backend = t.backend();
        for n in 0..3 {
            app::db::outbox::enqueue(
                t.db().pool(),
                &format!("r{n}@example.com"),
                app::i18n::Locale::En,
                &app::domain::mail::Mail::Welcome {
                    email: format!("r{n}@example.com"),
                },
            )
            .await
            .unwrap();
        }
        let failing = Counting(AtomicUsize::new(0), true);
        for _ in 0..(MAX_ATTEMPTS + 2) {
            deliver_pending(t.db(), &failing, 0).await.unwrap();
        }
        assert_eq!(
            failing.0.load(Ordering::SeqCst),
            3 * MAX_ATTEMPTS as usize,
            "{backend}: retried, then parked"
        );

        sqlx::query("UPDATE outbox SET attempts = 0, locked_until = 0")
            .execute(t.db().pool())
            .await
            .unwrap();
        let working = std::sync::Arc::new(Counting(AtomicUsize::new(0), false));
        // Two instances at once: every message goes out exactly once.
        let (a, b) = tokio::join!(
            deliver_pending(t.db(), working.as_ref(), 0),
            deliver_pending(t.db(), working.as_ref(), 0)
        );
        assert_eq!(a.unwrap() + b.unwrap(), 3, "{backend}");
        assert_eq!(working.0.load(Ordering::SeqCst), 3, "{backend}");
        assert_eq!(
            deliver_pending(t.db(), working.as_ref(), 0).await.unwrap(),
            0,
            "{backend}"
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
