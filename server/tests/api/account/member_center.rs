//! The member center's server functions: each one serves only the caller's own data.

use crate::browser::{register, Browser};
use crate::test_app::TestApp;
use app::api::account::addresses::{DeleteAddress, ListAddresses, SaveAddress, SetDefaultAddress};
use app::api::account::favourites::{FavouriteIds, ListFavourites, MergeGuestState, SetFavourite};
use app::api::account::history::{ClearHistory, ListHistory, RecordView};
use app::api::account::points::GetPoints;
use app::api::account::privacy::{DeleteAccount, ExportMyData};
use app::api::account::profile::{GetMemberOverview, GetProfile, UpdateProfile, UploadAvatar};
use app::api::account::ChangePassword;
use app::domain::account::{AddressView, MemberOverview, PointsPage, ProfileView, SavedProduct};
use app::domain::account::{Field, MemberTier, Problem};
use app::error::AppError;
use axum::http::StatusCode;

fn address<'a>(recipient: &'a str, postal_code: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("recipient", recipient),
        ("phone", "13800138000"),
        ("region", "GD"),
        ("city", "深圳市"),
        ("detail", "南山區科技園 1 號"),
        ("postal_code", postal_code),
    ]
}

#[tokio::test]
async fn guests_are_refused_by_every_member_function() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let mut guest = t.browser();
        let calls = [
            guest.call::<GetMemberOverview>(&[]).await,
            guest.call::<GetProfile>(&[]).await,
            guest
                .call::<UpdateProfile>(&[
                    ("display_name", "x"),
                    ("phone", ""),
                    ("birthday", ""),
                    ("preferred_locale", "en"),
                ])
                .await,
            guest.call::<ListAddresses>(&[]).await,
            guest.call::<SaveAddress>(&address("A", "518000")).await,
            guest.call::<DeleteAddress>(&[("id", "1")]).await,
            guest.call::<SetDefaultAddress>(&[("id", "1")]).await,
            guest.call::<FavouriteIds>(&[]).await,
            guest
                .call::<SetFavourite>(&[("product_id", "1"), ("on", "true")])
                .await,
            guest.call::<ListFavourites>(&[]).await,
            guest
                .call_json::<MergeGuestState>(
                    serde_json::json!({"guest": {"favourites": [1], "history": []}}),
                )
                .await,
            guest.call::<ListHistory>(&[]).await,
            guest.call::<ClearHistory>(&[]).await,
            guest.call::<GetPoints>(&[]).await,
            guest.call::<ExportMyData>(&[]).await,
            guest.call::<DeleteAccount>(&[("password", "x")]).await,
            guest
                .call::<ChangePassword>(&[("current_password", "x"), ("new_password", "y")])
                .await,
            guest
                .call_multipart::<UploadAvatar>(
                    &[],
                    Some(("avatar", "me.png", "image/png", b"\x89PNG\r\n\x1a\n0000")),
                )
                .await,
        ];
        for (n, answer) in calls.iter().enumerate() {
            assert_eq!(
                answer.status,
                StatusCode::UNAUTHORIZED,
                "{backend} call {n}: {} {:?}",
                answer.body,
                answer.headers
            );
            assert_eq!(answer.error(), AppError::Unauthorized, "{backend} call {n}");
        }
        // Recording a view is harmless for guests (their history stays in the browser).
        assert_eq!(
            guest
                .call::<RecordView>(&[("product_id", "1")])
                .await
                .status,
            StatusCode::OK
        );
        t.close().await;
    }
}

#[tokio::test]
async fn one_member_never_reads_or_changes_anothers_addresses() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let mut alice = t.customer("alice@example.com").await;
        let mut bob = t.browser_from("192.0.2.2");
        register(&mut bob, "bob@example.com").await;

        let first: i64 = alice
            .call::<SaveAddress>(&address("Alice Home", "518000"))
            .await
            .json();
        let second: i64 = alice
            .call::<SaveAddress>(&address("Alice Work", "518057"))
            .await
            .json();
        let id = second.to_string();

        let mut edit = address("Bob was here", "518000");
        edit.insert(0, ("id", &id));
        for answer in [
            bob.call::<SaveAddress>(&edit).await,
            bob.call::<DeleteAddress>(&[("id", &id)]).await,
            bob.call::<SetDefaultAddress>(&[("id", &id)]).await,
        ] {
            assert_eq!(
                answer.status,
                StatusCode::NOT_FOUND,
                "{backend}: {}",
                answer.body
            );
        }
        let bobs: Vec<AddressView> = bob.call::<ListAddresses>(&[]).await.json();
        assert!(bobs.is_empty(), "{backend}");

        let alices: Vec<AddressView> = alice.call::<ListAddresses>(&[]).await.json();
        let names: Vec<(&str, bool)> = alices
            .iter()
            .map(|a| (a.form.recipient.as_str(), a.is_default))
            .collect();
        assert_eq!(
            names,
            vec![("Alice Home", true), ("Alice Work", false)],
            "{backend}: untouched; first is default"
        );

        // Set default, edit, delete the default: the other takes over.
        assert_eq!(
            alice.call::<SetDefaultAddress>(&[("id", &id)]).await.status,
            StatusCode::OK
        );
        let mut own_edit = address("Alice Office", "518057");
        own_edit.insert(0, ("id", &id));
        assert_eq!(
            alice.call::<SaveAddress>(&own_edit).await.status,
            StatusCode::OK
        );
        let alices: Vec<AddressView> = alice.call::<ListAddresses>(&[]).await.json();
        assert_eq!(
            (
                alices[0].id,
                alices[0].form.recipient.as_str(),
                alices[0].is_default
            ),
            (second, "Alice Office", true)
        );
        assert_eq!(
            alice.call::<DeleteAddress>(&[("id", &id)]).await.status,
            StatusCode::OK
        );
        let alices: Vec<AddressView> = alice.call::<ListAddresses>(&[]).await.json();
        assert_eq!(
            alices
                .iter()
                .map(|a| (a.id, a.is_default))
                .collect::<Vec<_>>(),
            vec![(first, true)],
            "{backend}"
        );

        // Validation names every bad field.
        let bad = alice
            .call::<SaveAddress>(&[
                ("recipient", ""),
                ("phone", "12"),
                ("region", "GD"),
                ("city", "深圳"),
                ("detail", "somewhere 1"),
                ("postal_code", "51"),
            ])
            .await;
        let problems = match bad.error() {
            AppError::Invalid(p) => p
                .into_iter()
                .map(|p| (p.field, p.problem))
                .collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            problems,
            vec![
                (Field::Recipient, Problem::RecipientInvalid),
                (Field::Phone, Problem::PhoneInvalid),
                (Field::PostalCode, Problem::PostalCodeInvalid)
            ],
            "{backend}"
        );
        t.close().await;
    }
}

#[tokio::test]
async fn profile_favourites_history_and_points_are_private() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let mut alice = t.browser();
        let alice_user = register(&mut alice, "alice@example.com").await;
        let mut bob = t.browser_from("192.0.2.2");
        register(&mut bob, "bob@example.com").await;

        let saved = alice
            .call::<UpdateProfile>(&[
                ("display_name", "小愛"),
                ("phone", "+852 9123 4567"),
                ("birthday", "1995-05-20"),
                ("preferred_locale", "zh-Hans"),
            ])
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{backend}: {}", saved.body);
        assert!(
            saved
                .headers
                .get_all("set-cookie")
                .iter()
                .any(|v| v.to_str().unwrap().starts_with("lang=zh-Hans;")),
            "{backend}: the preferred language applies from the next page"
        );
        let bad = alice
            .call::<UpdateProfile>(&[
                ("display_name", ""),
                ("phone", ""),
                ("birthday", "2999-01-01"),
                ("preferred_locale", "fr"),
            ])
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        let profile: ProfileView = alice.call::<GetProfile>(&[]).await.json();
        assert_eq!(
            (
                profile.display_name.as_str(),
                profile.phone.as_str(),
                profile.birthday.as_str(),
                profile.preferred_locale.as_str()
            ),
            ("小愛", "+85291234567", "1995-05-20", "zh-Hans"),
            "{backend}"
        );
        let bobs: ProfileView = bob.call::<GetProfile>(&[]).await.json();
        assert_eq!(
            bobs.email, "bob@example.com",
            "{backend}: each sees their own"
        );

        for product in ["3", "5"] {
            assert_eq!(
                alice
                    .call::<SetFavourite>(&[("product_id", product), ("on", "true")])
                    .await
                    .status,
                StatusCode::OK
            );
        }
        assert_eq!(
            alice
                .call::<SetFavourite>(&[("product_id", "999999"), ("on", "true")])
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            alice
                .call::<RecordView>(&[("product_id", "7")])
                .await
                .status,
            StatusCode::OK
        );
        let ids: Vec<i64> = alice.call::<FavouriteIds>(&[]).await.json();
        assert_eq!(ids.len(), 2, "{backend}");
        let bob_ids: Vec<i64> = bob.call::<FavouriteIds>(&[]).await.json();
        assert!(bob_ids.is_empty(), "{backend}");
        let bob_history: Vec<SavedProduct> = bob.call::<ListHistory>(&[]).await.json();
        assert!(bob_history.is_empty(), "{backend}");
        // Bob un-favouriting Alice's product changes only Bob's (empty) list.
        assert_eq!(
            bob.call::<SetFavourite>(&[("product_id", "3"), ("on", "false")])
                .await
                .status,
            StatusCode::OK
        );
        let ids: Vec<i64> = alice.call::<FavouriteIds>(&[]).await.json();
        assert_eq!(ids.len(), 2, "{backend}");

        // Guest state from the browser merges in: favourites and history, unknown ids skipped.
        let merged = alice
            .call_json::<MergeGuestState>(serde_json::json!({"guest": {
                "favourites": [5, 9, 424242],
                "history": [[11, 1_700_000_000], [424242, 1_700_000_000]]
            }}))
            .await;
        assert_eq!(merged.status, StatusCode::OK, "{backend}: {}", merged.body);
        let favourites: Vec<SavedProduct> = alice.call::<ListFavourites>(&[]).await.json();
        let mut favourite_ids: Vec<i64> = favourites.iter().map(|f| f.product.id).collect();
        favourite_ids.sort();
        assert_eq!(favourite_ids, vec![3, 5, 9], "{backend}");
        let history: Vec<SavedProduct> = alice.call::<ListHistory>(&[]).await.json();
        assert_eq!(
            history.iter().map(|h| h.product.id).collect::<Vec<_>>(),
            vec![7, 11],
            "{backend}: newest first"
        );
        assert_eq!(alice.call::<ClearHistory>(&[]).await.status, StatusCode::OK);
        let history: Vec<SavedProduct> = alice.call::<ListHistory>(&[]).await.json();
        assert!(history.is_empty(), "{backend}");

        let welcome = app::domain::account::PointsReason::Welcome.to_string();
        app::db::account::add_points(t.db(), alice_user.id, 150, &welcome)
            .await
            .unwrap();
        assert_eq!(
            app::db::account::add_points(t.db(), alice_user.id, -500, "too much")
                .await
                .unwrap(),
            None
        );
        let points: PointsPage = alice.call::<GetPoints>(&[]).await.json();
        assert_eq!(points.balance, 150, "{backend}");
        assert_eq!(points.entries.len(), 1, "{backend}");
        assert_eq!(
            (
                points.entries[0].reason.as_str(),
                points.entries[0].balance_after
            ),
            ("welcome", 150)
        );
        assert_eq!(
            app::i18n::account::points_reason_text(
                app::i18n::Locale::ZhHant.texts().accounts,
                &points.entries[0].reason
            ),
            "新會員禮"
        );
        let bob_points: PointsPage = bob.call::<GetPoints>(&[]).await.json();
        assert_eq!(
            (bob_points.balance, bob_points.entries.len()),
            (0, 0),
            "{backend}"
        );

        let overview: MemberOverview = alice.call::<GetMemberOverview>(&[]).await.json();
        assert_eq!(overview.level.tier, MemberTier::Bronze, "{backend}");
        assert_eq!(
            (overview.points_balance, overview.favourite_count),
            (150, 3),
            "{backend}"
        );
        t.close().await;
    }
}

async fn upload(browser: &mut Browser, bytes: &[u8]) -> crate::browser::Answer {
    browser
        .call_multipart::<UploadAvatar>(&[], Some(("avatar", "me.png", "image/png", bytes)))
        .await
}

#[tokio::test]
async fn avatars_are_checked_by_content_and_size() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let mut browser = t.customer("pic@example.com").await;
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend_from_slice(&[7u8; 2048]);
        let answer = upload(&mut browser, &png).await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let url: String = answer.json();
        assert!(
            url.starts_with("/media/avatars/") && url.ends_with(".png"),
            "{backend}: {url}"
        );
        let file = t.media_dir().join(url.trim_start_matches("/media/"));
        assert_eq!(std::fs::read(&file).unwrap(), png, "{backend}");
        let profile: ProfileView = browser.call::<GetProfile>(&[]).await.json();
        assert_eq!(
            profile.avatar_url.as_deref(),
            Some(url.as_str()),
            "{backend}"
        );

        let svg = upload(
            &mut browser,
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        )
        .await;
        assert_eq!(svg.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        let mut huge = b"\xFF\xD8\xFF\xE0".to_vec();
        huge.resize(app::domain::account::AVATAR_MAX_BYTES + 1, 0);
        let too_big = upload(&mut browser, &huge).await;
        assert_eq!(
            too_big.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}: {}",
            too_big.body
        );
        let profile: ProfileView = browser.call::<GetProfile>(&[]).await.json();
        assert_eq!(
            profile.avatar_url.as_deref(),
            Some(url.as_str()),
            "{backend}: refused uploads change nothing"
        );
        t.close().await;
    }
}
