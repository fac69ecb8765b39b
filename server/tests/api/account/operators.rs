//! Operators: made on the command line; only they read the outbox, which delivers each message once.

use super::{sign_in, who};
use crate::test_app::TestApp;
use app::api::admin::ListOutbox;
use app::domain::account::Role;
use axum::http::StatusCode;

#[tokio::test]
async fn operators_are_made_on_the_command_line_and_only_they_read_the_outbox() {
    for t in TestApp::each(true).await {
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
            server::accounts::DEMO_ACCOUNTS.len(),
            "{backend}"
        );
        assert_eq!(
            server::accounts::seed_demo_accounts(t.db()).await.unwrap(),
            0,
            "{backend}"
        );
        // The demo suppliers' goods: two live, two new ones and one edit waiting for review, and
        // an application waiting; made once.
        let media = t.media_dir();
        let seed_goods = || server::demo_suppliers::seed_demo_suppliers(t.db(), &media);
        assert_eq!(seed_goods().await.unwrap(), 4, "{backend}");
        assert_eq!(seed_goods().await.unwrap(), 0, "{backend}");
        let queue = app::db::catalog::product_review::queue(
            t.db(),
            app::domain::owner::Scope::AllOwners,
            app::domain::locale::Locale::En,
        )
        .await
        .unwrap();
        assert_eq!(
            queue.iter().filter(|item| item.new_product).count(),
            2,
            "{backend}"
        );
        assert_eq!(queue.len(), 3, "{backend}");
        let live: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM products WHERE owner_id IS NOT NULL AND status = 'active'",
        )
        .fetch_one(t.db().pool())
        .await
        .unwrap();
        assert_eq!(live, 2, "{backend}");
        let waiting = app::db::supplier::applications(t.db(), app::domain::locale::Locale::En)
            .await
            .unwrap();
        assert_eq!(
            waiting
                .iter()
                .filter(|a| a.status == app::domain::supplier::ApplicationStatus::Pending)
                .count(),
            1,
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
