//! The product editor's server side: a product with two axes saved as a draft (out of the
//! shop), published (in the shop and its search), edited with a version check, its SKUs keeping
//! their codes and stock where their combination survives.

use super::staff_member;
use crate::test_app::TestApp;
use app::api::admin::products::EditorData;
use app::api::admin::products::{ProductEditor, ProductRevisions, SaveProduct};
use app::domain::catalog::product_codes::code_is_valid;
use app::domain::catalog::product_edit::{ProductRevision, ProductStatus, SavedProduct};
use app::domain::form::{Field, Problem};
use app::domain::staff::Permission;
use app::error::{AppError, Refusal};
use axum::http::StatusCode;
use serde_json::json;

fn skus(rows: &[(&[&str], &str, &str)]) -> serde_json::Value {
    rows.iter()
        .map(|(values, price, stock)| json!({ "values": values, "price": price, "stock": stock }))
        .collect()
}

#[tokio::test]
async fn operators_list_a_product_with_two_axes_and_the_shop_sells_it() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let mut ops = staff_member(&t, "catalog@example.com", &[Permission::Catalog]).await;
        let tea: i64 = sqlx::query_scalar("SELECT id FROM categories WHERE slug = 'tea'")
            .fetch_one(t.db().pool())
            .await
            .unwrap();
        let axes = json!([
            { "axis_key": "colour", "values": ["black", "white"] },
            { "axis_key": "size", "values": ["s", "m"] }
        ]);
        let mut form = json!({
            "id": null, "version": 0, "category_id": tea,
            "name_zh_hant": "霧凇馬克杯", "name_zh_hans": "雾凇马克杯", "name_en": "Starry Mug",
            "description_zh_hant": "", "description_zh_hans": "", "description_en": "A mug.",
            "axes": axes,
            "skus": skus(&[
                (&["black", "s"], "129", "5"), (&["black", "m"], "139", "0"),
                (&["white", "s"], "12.345", "5"), (&["white", "m"], "149", "-2"),
            ]),
        });

        // The JSON-bodied save is guarded like every other back-office function.
        let call = json!({ "form": form, "publish": true });
        let mut customer = staff_member(&t, "buyer@example.com", &[]).await;
        let mut finance = staff_member(&t, "money@example.com", &[Permission::Finance]).await;
        assert_eq!(
            t.browser()
                .call_json::<SaveProduct>(call.clone())
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            customer.call_json::<SaveProduct>(call.clone()).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            finance.call_json::<SaveProduct>(call).await.status,
            StatusCode::FORBIDDEN
        );

        // Bad rows are named by index; nothing is written.
        let error = ops
            .call_json::<SaveProduct>(json!({ "form": form, "publish": true }))
            .await
            .error();
        let AppError::Invalid(problems) = error else {
            panic!("{backend}: {error:?}")
        };
        let fields: Vec<Field> = problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            vec![Field::SkuPrice(2), Field::SkuStock(3)],
            "{backend}"
        );
        assert_eq!(problems[0].problem, Problem::PriceInvalid);

        // A draft is kept out of the shop.
        form["skus"] = skus(&[
            (&["black", "s"], "129", "5"),
            (&["black", "m"], "139", "0"),
            (&["white", "s"], "119", "5"),
            (&["white", "m"], "149", "2"),
        ]);
        let answer = ops
            .call_json::<SaveProduct>(json!({ "form": form, "publish": false }))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let draft: SavedProduct = answer.json();
        assert_eq!(draft.status, ProductStatus::Draft);
        assert_eq!(
            t.browser()
                .get(&format!("/en/p/{}", draft.slug))
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{backend}"
        );

        // Publishing puts it in the shop and its search, priced from what can be bought.
        let opened: EditorData = ops
            .call::<ProductEditor>(&[("id", &draft.id.to_string())])
            .await
            .json();
        let product = opened.product.unwrap();
        assert_eq!(product.form.skus.len(), 4, "{backend}");
        assert!(
            product
                .form
                .skus
                .iter()
                .all(|s| code_is_valid(&s.code) && s.code.starts_with("FOO-")),
            "{backend}: {:?}",
            product.form.skus
        );
        let mut form = serde_json::to_value(&product.form).unwrap();
        let answer = ops
            .call_json::<SaveProduct>(json!({ "form": form, "publish": true }))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let live: SavedProduct = answer.json();
        let page = t.browser().get(&format!("/en/p/{}", live.slug)).await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(page.body.contains("Starry Mug"));
        let found = t.browser().get("/en/search?q=starry+mug").await;
        assert!(
            found.body.contains(&format!("/en/p/{}", live.slug)),
            "{backend}: found by search"
        );
        // 雾凇 in Simplified finds the Traditional name too.
        let found = t
            .browser()
            .get("/zh-hans/search?q=%E9%9B%BE%E5%87%87")
            .await;
        assert!(
            found.body.contains(&format!("/zh-hans/p/{}", live.slug)),
            "{backend}: found by 雾凇: {}",
            found.status
        );
        let (min_price, total_stock): (i64, i64) =
            sqlx::query_as("SELECT min_price, total_stock FROM products WHERE id = $1")
                .bind(live.id)
                .fetch_one(t.db().pool())
                .await
                .unwrap();
        assert_eq!((min_price, total_stock), (11_900, 12), "{backend}");

        // A second editor still holding the first version is refused, not silently applied.
        let error = ops
            .call_json::<SaveProduct>(json!({ "form": form, "publish": true }))
            .await
            .error();
        assert_eq!(
            error,
            AppError::Refused(Refusal::ProductChanged),
            "{backend}"
        );

        // Dropping size M and adding red keeps the surviving SKUs' codes and stock.
        let current: EditorData = ops
            .call::<ProductEditor>(&[("id", &live.id.to_string())])
            .await
            .json();
        let before = current.product.unwrap().form;
        let black_s = before
            .skus
            .iter()
            .find(|s| s.values == ["black", "s"])
            .unwrap()
            .clone();
        form = serde_json::to_value(&before).unwrap();
        form["axes"] = json!([
            { "axis_key": "colour", "values": ["black", "white", "red"] },
            { "axis_key": "size", "values": ["s"] }
        ]);
        form["skus"] = json!([
            { "values": ["black", "s"], "price": "129", "stock": "5", "code": black_s.code },
            { "values": ["white", "s"], "price": "119", "stock": "5" },
            { "values": ["red", "s"], "price": "159", "stock": "9" },
        ]);
        let answer = ops
            .call_json::<SaveProduct>(json!({ "form": form, "publish": true }))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let after: EditorData = ops
            .call::<ProductEditor>(&[("id", &live.id.to_string())])
            .await
            .json();
        let after = after.product.unwrap().form;
        assert_eq!(after.skus.len(), 3, "{backend}");
        let kept = after
            .skus
            .iter()
            .find(|s| s.values == ["black", "s"])
            .unwrap();
        assert_eq!(
            (kept.code.as_str(), kept.stock.as_str()),
            (black_s.code.as_str(), "5")
        );
        let red = after
            .skus
            .iter()
            .find(|s| s.values == ["red", "s"])
            .unwrap();
        assert_ne!(red.code, black_s.code);

        // Once ordered, a SKU cannot be removed by the editor.
        let sku_id: i64 = sqlx::query_scalar("SELECT id FROM skus WHERE code = $1")
            .bind(&red.code)
            .fetch_one(t.db().pool())
            .await
            .unwrap();
        t.place_guest_order("mug-order", &[(sku_id, 1)], 3_600)
            .await;
        form = serde_json::to_value(&after).unwrap();
        form["axes"] = json!([
            { "axis_key": "colour", "values": ["black", "white"] },
            { "axis_key": "size", "values": ["s"] }
        ]);
        form["skus"] = json!([
            { "values": ["black", "s"], "price": "129", "stock": "5" },
            { "values": ["white", "s"], "price": "119", "stock": "5" },
        ]);
        let error = ops
            .call_json::<SaveProduct>(json!({ "form": form, "publish": true }))
            .await
            .error();
        assert!(
            matches!(&error, AppError::Invalid(p) if p[0].problem == Problem::SkuHasOrders),
            "{backend}: {error:?}"
        );

        // Every save is a revision and an audit entry.
        let revisions: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM product_revisions WHERE product_id = $1")
                .bind(live.id)
                .fetch_one(t.db().pool())
                .await
                .unwrap();
        assert_eq!(revisions, 3, "{backend}");
        // The revisions page: newest first, each with what it changed, SKU by SKU.
        let history: Vec<ProductRevision> = ops
            .call::<ProductRevisions>(&[("id", &live.id.to_string())])
            .await
            .json();
        let versions: Vec<i64> = history.iter().map(|r| r.version).collect();
        assert_eq!(versions, vec![3, 2, 1], "{backend}");
        let changed = |field: &str| {
            history[0]
                .changes
                .iter()
                .find(|c| c.field == field)
                .cloned()
        };
        let red_sku = changed("SKU red/s").expect("the new SKU is a change");
        assert_eq!(red_sku.before, None, "{backend}");
        assert!(red_sku.after.unwrap().contains("¥159 ×9"), "{backend}");
        assert!(changed("axes").is_some(), "{backend}");
        assert!(
            changed("name_en").is_none(),
            "{backend}: unchanged fields are left out"
        );
        assert_eq!(
            history[2]
                .changes
                .iter()
                .find(|c| c.field == "name_en")
                .and_then(|c| c.after.clone())
                .as_deref(),
            Some("Starry Mug")
        );
        // The category by its name, not the id the record keeps.
        let category = history[2]
            .changes
            .iter()
            .find(|c| c.field == "category_id")
            .and_then(|c| c.after.clone())
            .unwrap();
        let names: (String, String, String) = sqlx::query_as(
            "SELECT name_zh_hant, name_zh_hans, name_en FROM categories WHERE slug = 'tea'",
        )
        .fetch_one(t.db().pool())
        .await
        .unwrap();
        assert!(
            [names.0, names.1, names.2].contains(&category),
            "{backend}: {category}"
        );
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE object_kind = 'product' AND object_id = $1",
        )
        .bind(live.id.to_string())
        .fetch_one(t.db().pool())
        .await
        .unwrap();
        assert_eq!(audited, 3, "{backend}");
        t.close().await;
    }
}

#[tokio::test]
async fn descriptions_are_markdown_shown_as_safe_html() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let mut ops = staff_member(&t, "writer@example.com", &[Permission::Catalog]).await;
        let opened: EditorData = ops.call::<ProductEditor>(&[("id", "1")]).await.json();
        let mut form = serde_json::to_value(opened.product.unwrap().form).unwrap();
        form["description_en"] =
            "**Hand-picked** leaves\nfrom [our farm](https://farm.example).\n\n<script>alert(1)</script>"
                .into();
        let answer = ops
            .call_json::<SaveProduct>(json!({ "form": form, "publish": true }))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let saved: SavedProduct = answer.json();
        let page = t.browser().get(&format!("/en/p/{}", saved.slug)).await;
        assert!(
            page.body
                .contains("<strong>Hand-picked</strong> leaves<br>"),
            "{backend}"
        );
        assert!(
            page.body.contains(
                r#"<a href="https://farm.example" rel="noopener noreferrer nofollow">our farm</a>"#
            ),
            "{backend}"
        );
        assert!(!page.body.contains("<script>alert(1)"), "{backend}");
        // The meta description has the words without the markup.
        let meta = page
            .body
            .split(r#"<meta name="description" content=""#)
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_default();
        assert!(
            meta.starts_with("Hand-picked leaves from our farm."),
            "{backend}: {meta}"
        );
        t.close().await;
    }
}

#[tokio::test]
async fn an_unlisted_product_leaves_the_shop_until_it_is_published_again() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let mut ops = staff_member(&t, "lister@example.com", &[Permission::Catalog]).await;
        let opened: EditorData = ops.call::<ProductEditor>(&[("id", "1")]).await.json();
        let product = opened.product.unwrap();
        let address = format!("/en/p/{}", product.slug);
        assert_eq!(t.browser().get(&address).await.status, StatusCode::OK);
        let answer = ops
            .call_json::<SaveProduct>(
                json!({ "form": product.form, "publish": false, "unlist": true }),
            )
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let unlisted: SavedProduct = answer.json();
        assert_eq!(unlisted.status, ProductStatus::Unlisted, "{backend}");
        assert_eq!(
            t.browser().get(&address).await.status,
            StatusCode::NOT_FOUND,
            "{backend}"
        );
        let found = t.browser().get("/en/search?q=obsidian").await;
        assert!(!found.body.contains(&address), "{backend}: not in search");

        let reopened: EditorData = ops.call::<ProductEditor>(&[("id", "1")]).await.json();
        let form = reopened.product.unwrap().form;
        let answer = ops
            .call_json::<SaveProduct>(json!({ "form": form, "publish": true }))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        assert_eq!(t.browser().get(&address).await.status, StatusCode::OK);
        t.close().await;
    }
}

#[tokio::test]
async fn brand_list_price_barcode_and_weight_are_kept_and_shown_to_shoppers() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let mut ops = staff_member(&t, "fields@example.com", &[Permission::Catalog]).await;
        let tea: i64 = sqlx::query_scalar("SELECT id FROM categories WHERE slug = 'tea'")
            .fetch_one(t.db().pool())
            .await
            .unwrap();
        let form = |name: &str, list_price: &str, gtin: &str, weight: &str| {
            json!({
                "id": null, "version": 0, "category_id": tea,
                "name_zh_hant": name, "name_zh_hans": name, "name_en": name,
                "brand": " Lantern & Co ",
                "description_zh_hant": "", "description_zh_hans": "", "description_en": "",
                "attributes_zh_hant": "材質：馬口鐵\n\n容量： 200 g",
                "attributes_zh_hans": "容量：200 g",
                "attributes_en": "Material:tinplate",
                "axes": [],
                "skus": [{ "values": [], "price": "88", "stock": "4",
                           "list_price": list_price, "gtin": gtin, "weight": weight }],
            })
        };
        // Each refused at its field of the row.
        let error = ops
            .call_json::<SaveProduct>(
                json!({ "form": form("Tin", "80", "6901234567891", "0"), "publish": true }),
            )
            .await
            .error();
        let AppError::Invalid(problems) = error else {
            panic!("{backend}: {error:?}")
        };
        let found: Vec<(Field, Problem)> = problems.iter().map(|p| (p.field, p.problem)).collect();
        assert_eq!(
            found,
            vec![
                (Field::SkuListPrice(0), Problem::ListPriceInvalid),
                (Field::SkuGtin(0), Problem::GtinInvalid),
                (Field::SkuWeight(0), Problem::WeightInvalid),
            ],
            "{backend}"
        );

        let answer = ops
            .call_json::<SaveProduct>(
                json!({ "form": form("Tea Tin", "108", "6901234567892", "250"), "publish": true }),
            )
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let saved: SavedProduct = answer.json();
        let opened: EditorData = ops
            .call::<ProductEditor>(&[("id", &saved.id.to_string())])
            .await
            .json();
        let reopened = opened.product.unwrap().form;
        assert_eq!(reopened.brand, "Lantern & Co", "{backend}");
        // Attributes come back as "name: value" lines, trimmed.
        assert_eq!(
            (
                reopened.attributes_zh_hant.as_str(),
                reopened.attributes_en.as_str()
            ),
            ("材質: 馬口鐵\n容量: 200 g", "Material: tinplate"),
            "{backend}"
        );
        let sku = &reopened.skus[0];
        assert_eq!(
            (
                sku.list_price.as_str(),
                sku.gtin.as_str(),
                sku.weight.as_str()
            ),
            ("108", "6901234567892", "250"),
            "{backend}"
        );

        // The shop shows the brand and the "was" price; search engines get both and the barcode.
        let page = t.browser().get(&format!("/en/p/{}", saved.slug)).await;
        assert!(page.body.contains("Brand: Lantern &amp; Co"), "{backend}");
        assert!(page.body.contains("<del>¥108.00</del>"), "{backend}");
        assert!(
            page.body
                .contains(r#""brand":{"@type":"Brand","name":"Lantern & Co"}"#),
            "{backend}"
        );
        assert!(
            page.body.contains(r#""gtin13":"6901234567892""#),
            "{backend}"
        );
        // The specifications as a table in the reader's language, and for search engines.
        assert!(
            page.body
                .contains(r#"<tr><th scope="row">Material</th><td>tinplate</td></tr>"#),
            "{backend}"
        );
        assert!(
            page.body.contains(
                r#""additionalProperty":[{"@type":"PropertyValue","name":"Material","value":"tinplate"}]"#
            ),
            "{backend}"
        );
        let zh = t.browser().get(&format!("/zh-hans/p/{}", saved.slug)).await;
        assert!(
            zh.body
                .contains(r#"<tr><th scope="row">容量</th><td>200 g</td></tr>"#),
            "{backend}"
        );

        // One barcode names one item: another product cannot take it.
        let error = ops
            .call_json::<SaveProduct>(
                json!({ "form": form("Other Tin", "", "6901234567892", ""), "publish": false }),
            )
            .await
            .error();
        let AppError::Invalid(problems) = error else {
            panic!("{backend}: {error:?}")
        };
        assert_eq!(
            (problems[0].field, problems[0].problem),
            (Field::SkuGtin(0), Problem::GtinTaken),
            "{backend}"
        );
        t.close().await;
    }
}

#[tokio::test]
async fn a_scheduled_draft_goes_live_at_its_time() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let mut ops = staff_member(&t, "planner@example.com", &[Permission::Catalog]).await;
        let tea: i64 = sqlx::query_scalar("SELECT id FROM categories WHERE slug = 'tea'")
            .fetch_one(t.db().pool())
            .await
            .unwrap();
        let now = app::db::unix_now();
        let form = |publish_at: String| {
            json!({
                "id": null, "version": 0, "category_id": tea,
                "name_zh_hant": "新春禮盒", "name_zh_hans": "新春礼盒", "name_en": "Spring Gift Box",
                "description_zh_hant": "", "description_zh_hans": "", "description_en": "",
                "axes": [], "skus": [{ "values": [], "price": "199", "stock": "20" }],
                "publish_at": publish_at,
            })
        };
        let shop_time = app::domain::time::shop_time_input;
        for bad in [shop_time(now - 60), "2026-13-01T10:00".to_string()] {
            let error = ops
                .call_json::<SaveProduct>(json!({ "form": form(bad.clone()), "publish": false }))
                .await
                .error();
            let AppError::Invalid(problems) = error else {
                panic!("{backend}: {error:?}")
            };
            assert_eq!(
                (problems[0].field, problems[0].problem),
                (Field::PublishAt, Problem::PublishAtInvalid),
                "{backend}: {bad}"
            );
        }
        let at = shop_time(now + 3_600);
        let answer = ops
            .call_json::<SaveProduct>(json!({ "form": form(at.clone()), "publish": false }))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let saved: SavedProduct = answer.json();
        assert_eq!(saved.status, ProductStatus::Draft, "{backend}");
        let address = format!("/en/p/{}", saved.slug);
        assert_eq!(
            t.browser().get(&address).await.status,
            StatusCode::NOT_FOUND
        );
        let opened: EditorData = ops
            .call::<ProductEditor>(&[("id", &saved.id.to_string())])
            .await
            .json();
        assert_eq!(opened.product.unwrap().form.publish_at, at, "{backend}");

        // Not yet due: nothing happens; due: it goes live, as a revision by the scheduler.
        let scheduler = app::domain::audit::AuditActor {
            user_id: 0,
            email: "scheduler".into(),
        };
        use app::db::catalog::product_revisions::publish_due;
        assert_eq!(publish_due(t.db(), &scheduler, now).await.unwrap(), 0);
        assert_eq!(
            publish_due(t.db(), &scheduler, now + 3_660).await.unwrap(),
            1,
            "{backend}"
        );
        assert_eq!(
            t.browser().get(&address).await.status,
            StatusCode::OK,
            "{backend}"
        );
        let history: Vec<ProductRevision> = ops
            .call::<ProductRevisions>(&[("id", &saved.id.to_string())])
            .await
            .json();
        assert_eq!(
            (history[0].status, history[0].actor_email.as_str()),
            (ProductStatus::Active, "scheduler"),
            "{backend}"
        );
        // Once live, the schedule is gone: running again publishes nothing.
        assert_eq!(
            publish_due(t.db(), &scheduler, now + 7_200).await.unwrap(),
            0
        );
        t.close().await;
    }
}

#[tokio::test]
async fn a_sku_taken_off_sale_is_neither_shown_nor_sold_nor_priced() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db().pool();
        let mut ops = staff_member(&t, "offsale@example.com", &[Permission::Catalog]).await;
        let tea: i64 = sqlx::query_scalar("SELECT id FROM categories WHERE slug = 'tea'")
            .fetch_one(db)
            .await
            .unwrap();
        let mut form = json!({
            "id": null, "version": 0, "category_id": tea,
            "name_zh_hant": "雙色杯", "name_zh_hans": "双色杯", "name_en": "Two Tone Cup",
            "description_zh_hant": "", "description_zh_hans": "", "description_en": "",
            "axes": [{ "axis_key": "colour", "values": ["black", "white"] }],
            "skus": skus(&[(&["black"], "100", "5"), (&["white"], "80", "5")]),
        });
        let answer = ops
            .call_json::<SaveProduct>(json!({ "form": form, "publish": true }))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let saved: SavedProduct = answer.json();
        let range = |id: i64| async move {
            sqlx::query_as::<_, (i64, i64, i64)>(
                "SELECT min_price, max_price, total_stock FROM products WHERE id = $1",
            )
            .bind(id)
            .fetch_one(db)
            .await
            .unwrap()
        };
        assert_eq!(range(saved.id).await, (8_000, 10_000, 10), "{backend}");
        let opened: EditorData = ops
            .call::<ProductEditor>(&[("id", &saved.id.to_string())])
            .await
            .json();
        let product = opened.product.unwrap();
        let white = product.form.skus[1].code.clone();
        let white_id: i64 = sqlx::query_scalar("SELECT id FROM skus WHERE code = $1")
            .bind(&white)
            .fetch_one(db)
            .await
            .unwrap();
        form = serde_json::to_value(&product.form).unwrap();
        form["skus"][1]["disabled"] = true.into();
        let answer = ops
            .call_json::<SaveProduct>(json!({ "form": form, "publish": true }))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        assert_eq!(range(saved.id).await, (10_000, 10_000, 5), "{backend}");
        let page = t.browser().get(&format!("/en/p/{}", saved.slug)).await;
        assert!(!page.body.contains(&white), "{backend}: not shown");
        let outcome = t
            .place_guest_order("off-sale", &[(white_id, 1)], 1_800)
            .await;
        assert!(
            !matches!(outcome, app::db::order::PlaceOutcome::Placed(_)),
            "{backend}: not sold"
        );
        let reopened: EditorData = ops
            .call::<ProductEditor>(&[("id", &saved.id.to_string())])
            .await
            .json();
        assert!(reopened.product.unwrap().form.skus[1].disabled, "{backend}");
        t.close().await;
    }
}

/// Two operators give the same barcode to two products at once: one save wins, the other is
/// refused at its row (on PostgreSQL both checks can pass before either commits; the unique
/// index then decides, and that refusal reads the same as the check's).
#[tokio::test]
async fn a_barcode_claimed_twice_at_once_goes_to_one_product() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let tea: i64 = sqlx::query_scalar("SELECT id FROM categories WHERE slug = 'tea'")
            .fetch_one(t.db().pool())
            .await
            .unwrap();
        let form = |name: &str| {
            json!({ "form": {
                "id": null, "version": 0, "category_id": tea,
                "name_zh_hant": name, "name_zh_hans": name, "name_en": name,
                "description_zh_hant": "", "description_zh_hans": "", "description_en": "",
                "axes": [],
                "skus": [{ "values": [], "price": "20", "stock": "1", "gtin": "4006381333931" }],
            }, "publish": false })
        };
        let mut first = staff_member(&t, "first@example.com", &[Permission::Catalog]).await;
        let mut second = staff_member(&t, "second@example.com", &[Permission::Catalog]).await;
        let (a, b) = tokio::join!(
            first.call_json::<SaveProduct>(form("Left Tin")),
            second.call_json::<SaveProduct>(form("Right Tin")),
        );
        let mut outcomes = [a, b].map(|answer| {
            if answer.status == StatusCode::OK {
                None
            } else {
                Some(answer.error())
            }
        });
        outcomes.sort_by_key(|o| o.is_some());
        assert_eq!(outcomes[0], None, "{backend}: one save wins");
        let Some(AppError::Invalid(problems)) = &outcomes[1] else {
            panic!("{backend}: {:?}", outcomes[1])
        };
        assert_eq!(
            (problems[0].field, problems[0].problem),
            (Field::SkuGtin(0), Problem::GtinTaken),
            "{backend}"
        );
        let holders: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM skus WHERE gtin = '4006381333931'")
                .fetch_one(t.db().pool())
                .await
                .unwrap();
        assert_eq!(holders, 1, "{backend}");
        t.close().await;
    }
}

#[tokio::test]
async fn an_axis_added_or_dropped_with_one_value_keeps_the_skus_and_their_stock() {
    use app::domain::catalog::product_edit::{merge_rows, AxisChoice};
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let mut ops = staff_member(&t, "catalog@example.com", &[Permission::Catalog]).await;
        let tea: i64 = sqlx::query_scalar("SELECT id FROM categories WHERE slug = 'tea'")
            .fetch_one(t.db().pool())
            .await
            .unwrap();
        let form = json!({
            "id": null, "version": 0, "category_id": tea,
            "name_zh_hant": "杯", "name_zh_hans": "杯", "name_en": "Plain Cup",
            "description_zh_hant": "", "description_zh_hans": "", "description_en": "",
            "axes": [{ "axis_key": "colour", "values": ["black", "white"] }],
            "skus": skus(&[(&["black"], "30", "5"), (&["white"], "30", "3")]),
        });
        let saved: SavedProduct = ops
            .call_json::<SaveProduct>(json!({ "form": form, "publish": true }))
            .await
            .json();
        let sku_of = async |ops: &mut crate::browser::Browser, values: &[&str]| -> i64 {
            let form = load(ops, saved.id).await;
            let code = form
                .skus
                .iter()
                .find(|s| s.values == values)
                .unwrap()
                .code
                .clone();
            sqlx::query_scalar("SELECT id FROM skus WHERE code = $1")
                .bind(code)
                .fetch_one(t.db().pool())
                .await
                .unwrap()
        };
        let black = sku_of(&mut ops, &["black"]).await;
        t.place_guest_order("cup-order", &[(black, 1)], 3_600).await;

        // As the editor does: the rows follow the axes from what was loaded.
        let edit = async |ops: &mut crate::browser::Browser, axes: serde_json::Value| {
            let mut form = load(ops, saved.id).await;
            let axes: Vec<AxisChoice> = serde_json::from_value(axes).unwrap();
            let previous: Vec<String> = form.axes.iter().map(|a| a.axis_key.clone()).collect();
            form.skus = merge_rows(&previous, &axes, &form.skus);
            for row in &mut form.skus {
                if row.price.is_empty() {
                    row.price = "35".into();
                    row.stock = "0".into();
                }
            }
            form.axes = axes;
            ops.call_json::<SaveProduct>(json!({ "form": form, "publish": true }))
                .await
        };
        let stock_of = async |ops: &mut crate::browser::Browser, values: &[&str]| {
            let form = load(ops, saved.id).await;
            let row = form.skus.iter().find(|s| s.values == values).cloned();
            row.map(|r| (r.code, r.stock))
        };
        let (black_code, _) = stock_of(&mut ops, &["black"]).await.unwrap();

        // A size axis with one value: both SKUs go on, with their codes and stock.
        let sized = json!([
            { "axis_key": "colour", "values": ["black", "white"] },
            { "axis_key": "size", "values": ["s"] }
        ]);
        let answer = edit(&mut ops, sized).await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        assert_eq!(
            stock_of(&mut ops, &["black", "s"]).await,
            Some((black_code.clone(), "4".into())),
            "{backend}"
        );
        assert_eq!(stock_of(&mut ops, &["white", "s"]).await.unwrap().1, "3");
        assert_eq!(
            sku_of(&mut ops, &["black", "s"]).await,
            black,
            "{backend}: the same SKU"
        );

        // A second size adds SKUs; dropping the axis while it has two sizes would end the
        // ordered black SKU, which is refused.
        let two = json!([
            { "axis_key": "colour", "values": ["black", "white"] },
            { "axis_key": "size", "values": ["s", "m"] }
        ]);
        assert_eq!(edit(&mut ops, two).await.status, StatusCode::OK);
        assert_eq!(load(&mut ops, saved.id).await.skus.len(), 4, "{backend}");
        let plain = json!([{ "axis_key": "colour", "values": ["black", "white"] }]);
        let error = edit(&mut ops, plain.clone()).await.error();
        assert!(
            matches!(&error, AppError::Invalid(p) if p[0].problem == Problem::SkuHasOrders),
            "{backend}: {error:?}"
        );
        // Size M first, then the axis: black goes on as plain black.
        let one = json!([
            { "axis_key": "colour", "values": ["black", "white"] },
            { "axis_key": "size", "values": ["s"] }
        ]);
        assert_eq!(edit(&mut ops, one).await.status, StatusCode::OK);
        let answer = edit(&mut ops, plain).await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        assert_eq!(
            stock_of(&mut ops, &["black"]).await,
            Some((black_code, "4".into())),
            "{backend}"
        );
        assert_eq!(sku_of(&mut ops, &["black"]).await, black, "{backend}");
        t.close().await;
    }
}

/// The product as the editor opens it.
async fn load(
    ops: &mut crate::browser::Browser,
    id: i64,
) -> app::domain::catalog::product_edit::ProductForm {
    let data: EditorData = ops
        .call::<ProductEditor>(&[("id", &id.to_string())])
        .await
        .json();
    data.product.unwrap().form
}
