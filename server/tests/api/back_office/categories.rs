//! Categories in the console: create, rename, move, reorder, hide and delete, each in the audit
//! log; the shop follows at once (menus, pages, search by the new name).

use super::staff_member;
use crate::test_app::TestApp;
use app::api::admin::audit::AuditLog;
use app::api::admin::categories::{
    AdminCategories, DeleteCategory, HideCategory, MoveCategory, SaveCategory,
};
use app::domain::audit::{Action, AuditEntry};
use app::domain::catalog::category_edit::AdminCategory;
use app::domain::form::{Field, Problem};
use app::domain::staff::Permission;
use app::error::{AppError, Refusal};
use axum::http::StatusCode;

fn by_slug<'a>(list: &'a [AdminCategory], slug: &str) -> &'a AdminCategory {
    list.iter()
        .find(|c| c.slug == slug)
        .unwrap_or_else(|| panic!("no {slug}"))
}

#[tokio::test]
async fn operators_run_the_category_tree_and_the_shop_follows() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let mut ops = staff_member(
            &t,
            "cat@example.com",
            &[Permission::Catalog, Permission::Users],
        )
        .await;
        let list: Vec<AdminCategory> = ops.call::<AdminCategories>(&[]).await.json();
        let tea = by_slug(&list, "tea").clone();
        assert!(tea.product_count > 0, "{backend}");

        // Bad input: every field named at once, nothing written.
        let error = ops
            .call::<SaveCategory>(&[
                ("slug", "Green Tea"),
                ("name_zh_hant", ""),
                ("name_zh_hans", "绿茶"),
                ("name_en", "Green tea"),
                ("parent", "x"),
            ])
            .await
            .error();
        let AppError::Invalid(problems) = error else {
            panic!("{error:?}")
        };
        let fields: Vec<Field> = problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            vec![Field::Slug, Field::NameZhHant, Field::Parent],
            "{backend}"
        );
        // A slug in use is refused at the slug.
        let error = ops
            .call::<SaveCategory>(&[
                ("slug", "tea"),
                ("name_zh_hant", "茶"),
                ("name_zh_hans", "茶"),
                ("name_en", "Tea"),
                ("parent", ""),
            ])
            .await
            .error();
        assert!(
            matches!(&error, AppError::Invalid(p) if p[0].problem == Problem::SlugTaken),
            "{backend}: {error:?}"
        );

        // Create under tea; it is listed right after its parent's other children.
        let parent = tea.id.to_string();
        let answer = ops
            .call::<SaveCategory>(&[
                ("slug", "green-tea"),
                ("name_zh_hant", "綠茶"),
                ("name_zh_hans", "绿茶"),
                ("name_en", "Green tea"),
                ("parent", &parent),
            ])
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let green: i64 = answer.json();
        let list: Vec<AdminCategory> = ops.call::<AdminCategories>(&[]).await.json();
        let created = by_slug(&list, "green-tea");
        assert_eq!(
            (created.parent_id, created.depth),
            (Some(tea.id), tea.depth + 1),
            "{backend}"
        );
        assert_eq!(
            t.browser().get("/en/c/green-tea").await.status,
            StatusCode::OK,
            "{backend}"
        );

        // A category cannot move under itself or its own child.
        let green_s = green.to_string();
        let error = ops
            .call::<SaveCategory>(&[
                ("id", &parent),
                ("slug", "tea"),
                ("name_zh_hant", &tea.name_zh_hant),
                ("name_zh_hans", &tea.name_zh_hans),
                ("name_en", &tea.name_en),
                ("parent", &green_s),
            ])
            .await
            .error();
        assert!(
            matches!(&error, AppError::Invalid(p) if p[0].problem == Problem::ParentInvalid),
            "{backend}: {error:?}"
        );

        // Renaming the parent re-indexes its products: search finds them by the new name.
        let grandparent = tea.parent_id.map(|id| id.to_string()).unwrap_or_default();
        let answer = ops
            .call::<SaveCategory>(&[
                ("id", &parent),
                ("slug", "tea"),
                ("name_zh_hant", &tea.name_zh_hant),
                ("name_zh_hans", &tea.name_zh_hans),
                ("name_en", "Camellia leaves"),
                ("parent", &grandparent),
            ])
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let page = t.browser().get("/en/search?q=camellia").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            !page.body.contains("No products match"),
            "{backend}: search by the new name"
        );

        // Reorder among siblings: up as the first changes nothing; down, then up are two moves.
        let answer = ops
            .call::<SaveCategory>(&[
                ("slug", "white-tea"),
                ("name_zh_hant", "白茶"),
                ("name_zh_hans", "白茶"),
                ("name_en", "White tea"),
                ("parent", &parent),
            ])
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        for direction in ["up", "down", "up"] {
            let answer = ops
                .call::<MoveCategory>(&[("id", &green_s), ("direction", direction)])
                .await;
            assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        }

        // Hidden: gone from the menus and its page, back when shown again.
        let answer = ops
            .call::<HideCategory>(&[("id", &green_s), ("hidden", "true")])
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        assert_eq!(
            t.browser().get("/en/c/green-tea").await.status,
            StatusCode::NOT_FOUND,
            "{backend}"
        );
        ops.call::<HideCategory>(&[("id", &green_s), ("hidden", "false")])
            .await;
        assert_eq!(
            t.browser().get("/en/c/green-tea").await.status,
            StatusCode::OK,
            "{backend}"
        );

        // Delete: refused while it holds products or subcategories, saying how many.
        let error = ops.call::<DeleteCategory>(&[("id", &parent)]).await.error();
        assert_eq!(
            error,
            AppError::Refused(Refusal::CategoryHasProducts(tea.product_count)),
            "{backend}"
        );
        let answer = ops.call::<DeleteCategory>(&[("id", &green_s)]).await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        assert_eq!(
            ops.call::<DeleteCategory>(&[("id", &green_s)]).await.status,
            StatusCode::NOT_FOUND,
            "{backend}"
        );

        // The log holds each change of green tea, newest first, with before → after.
        let log: Vec<AuditEntry> = ops
            .call::<AuditLog>(&[
                ("kind", "category"),
                ("object_id", &green_s),
                ("person", ""),
            ])
            .await
            .json();
        let actions: Vec<Action> = log.iter().map(|e| e.action).collect();
        assert_eq!(
            actions,
            vec![
                Action::Delete,
                Action::Update,
                Action::Update,
                Action::Move,
                Action::Move,
                Action::Create
            ],
            "{backend}: {log:?}"
        );
        let created = log.last().unwrap();
        assert!(created.changes.iter().any(|c| c.field == "name_en"
            && c.before.is_none()
            && c.after.as_deref() == Some("Green tea")));
        t.close().await;
    }
}
