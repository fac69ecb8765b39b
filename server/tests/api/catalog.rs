use crate::test_app::TestApp;
use app::api::catalog::{get_listing, get_product};
use app::db::catalog::{self as repo, Scope};
use app::domain::catalog::option_state;
use app::domain::listing::PAGE_SIZE;
use app::error::AppError;
use app::i18n::Locale;

#[tokio::test]
async fn category_listing_filters_sorts_and_pages() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db();
        let all = repo::listing_page(db, Locale::En, Scope::Category("digital"), "")
            .await
            .unwrap()
            .unwrap();
        assert!(
            all.total >= 12,
            "{backend}: digital has its subcategories' products, got {}",
            all.total
        );
        assert_eq!(
            all.category.as_ref().unwrap().children.len(),
            3,
            "{backend}"
        );
        assert!(!all.facets.is_empty(), "{backend}: facets for the category");

        let cheap_first =
            repo::listing_page(db, Locale::En, Scope::Category("digital"), "sort=price_asc")
                .await
                .unwrap()
                .unwrap();
        let prices: Vec<i64> = cheap_first
            .products
            .iter()
            .map(|p| p.min_price.fen())
            .collect();
        assert!(
            prices.windows(2).all(|w| w[0] <= w[1]),
            "{backend}: ascending {prices:?}"
        );
        let dear_first = repo::listing_page(
            db,
            Locale::En,
            Scope::Category("digital"),
            "sort=price_desc",
        )
        .await
        .unwrap()
        .unwrap();
        let prices: Vec<i64> = dear_first
            .products
            .iter()
            .map(|p| p.min_price.fen())
            .collect();
        assert!(
            prices.windows(2).all(|w| w[0] >= w[1]),
            "{backend}: descending {prices:?}"
        );

        let ranged = repo::listing_page(
            db,
            Locale::En,
            Scope::Category("digital"),
            "min=300&max=2000",
        )
        .await
        .unwrap()
        .unwrap();
        assert!(
            ranged.total > 0 && ranged.total < all.total,
            "{backend}: price range narrows"
        );
        assert!(
            ranged
                .products
                .iter()
                .all(|p| (30_000..=200_000).contains(&p.min_price.fen())),
            "{backend}"
        );

        let in_stock = repo::listing_page(db, Locale::En, Scope::Everything, "in_stock=1")
            .await
            .unwrap()
            .unwrap();
        let everything = repo::listing_page(db, Locale::En, Scope::Everything, "")
            .await
            .unwrap()
            .unwrap();
        assert!(
            in_stock.total < everything.total,
            "{backend}: some products are sold out"
        );
        assert!(in_stock.products.iter().all(|p| p.in_stock), "{backend}");
        assert_eq!(everything.total, 96, "{backend}");

        // Page 2 continues page 1 without overlap, and the last page holds the rest.
        assert_eq!(everything.products.len() as i64, PAGE_SIZE);
        let page2 = repo::listing_page(db, Locale::En, Scope::Everything, "page=2")
            .await
            .unwrap()
            .unwrap();
        assert!(
            page2
                .products
                .iter()
                .all(|p| !everything.products.contains(p)),
            "{backend}: pages do not overlap"
        );
        let last = repo::listing_page(db, Locale::En, Scope::Everything, "page=4")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(last.products.len() as i64, 96 - 3 * PAGE_SIZE, "{backend}");
        assert_eq!(everything.page_count, 4);
        t.close().await;
    }
}

#[tokio::test]
async fn option_filters_keep_only_products_with_that_value() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db();
        let white = repo::listing_page(
            db,
            Locale::En,
            Scope::Category("fashion"),
            "opt=colour:white",
        )
        .await
        .unwrap()
        .unwrap();
        let both = repo::listing_page(
            db,
            Locale::En,
            Scope::Category("fashion"),
            "opt=colour:white&opt=colour:black",
        )
        .await
        .unwrap()
        .unwrap();
        let white_m = repo::listing_page(
            db,
            Locale::En,
            Scope::Category("fashion"),
            "opt=colour:white&opt=size:m",
        )
        .await
        .unwrap()
        .unwrap();
        assert!(white.total > 0, "{backend}");
        assert!(
            both.total >= white.total,
            "{backend}: values on one axis widen"
        );
        assert!(white_m.total <= white.total, "{backend}: axes narrow");
        for card in &white.products {
            let detail = repo::product_detail(db, Locale::En, &card.slug)
                .await
                .unwrap()
                .unwrap();
            let colour = detail
                .axes
                .iter()
                .position(|a| a.key == "colour")
                .expect("has a colour axis");
            assert!(
                detail.skus.iter().any(|s| s.values[colour] == "white"),
                "{backend}: {} offers white",
                card.slug
            );
        }
        let facet_colours = white
            .facets
            .iter()
            .find(|f| f.axis_key == "colour")
            .unwrap();
        assert!(
            facet_colours
                .values
                .iter()
                .any(|v| v.key == "white" && v.count >= white.total),
            "{backend}"
        );
        t.close().await;
    }
}

#[tokio::test]
async fn product_detail_has_axes_skus_and_breadcrumb() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db();
        let phone = repo::product_detail(db, Locale::En, "smartphone-obsidian")
            .await
            .unwrap()
            .expect("seeded phone");
        assert_eq!(phone.name, "Obsidian Smartphone");
        assert_eq!(
            phone
                .breadcrumb
                .iter()
                .map(|c| c.slug.as_str())
                .collect::<Vec<_>>(),
            ["digital", "phones"],
            "{backend}"
        );
        assert_eq!(
            phone
                .axes
                .iter()
                .map(|a| a.key.as_str())
                .collect::<Vec<_>>(),
            ["colour", "storage"],
            "{backend}"
        );
        assert_eq!(phone.axes[0].name, "Colour");
        assert_eq!(phone.images.len(), 3, "{backend}");
        assert!(
            phone
                .skus
                .iter()
                .all(|s| s.values.len() == 2 && s.stock >= 0),
            "{backend}"
        );
        // Every value shown is bought through at least one SKU.
        for (i, axis) in phone.axes.iter().enumerate() {
            for value in &axis.values {
                assert_ne!(
                    option_state(&phone.skus, &[None, None], i, &value.key),
                    app::domain::catalog::OptionState::Unavailable,
                    "{backend}"
                );
            }
        }
        let hant = repo::product_detail(db, Locale::ZhHant, "smartphone-obsidian")
            .await
            .unwrap()
            .unwrap();
        let hans = repo::product_detail(db, Locale::ZhHans, "smartphone-obsidian")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(hant.name, "曜石智能手機", "{backend}");
        assert_eq!(hans.name, "曜石智能手机", "{backend}");
        assert_eq!(hant.axes[0].name, "顏色");

        let pillow = repo::product_detail(db, Locale::En, "pillow-obsidian")
            .await
            .unwrap()
            .expect("seeded pillow");
        assert!(
            pillow.axes.is_empty() && pillow.skus.len() == 1,
            "{backend}: a product without options has one SKU"
        );
        assert!(repo::product_detail(db, Locale::En, "no-such-product")
            .await
            .unwrap()
            .is_none());
        t.close().await;
    }
}

#[tokio::test]
async fn server_functions_answer_and_map_missing_things_to_not_found() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let listing = t
            .call_server_fn(get_listing("tea".into(), "sort=newest".into(), Locale::En))
            .await
            .unwrap();
        assert_eq!(listing.category.unwrap().name, "Tea", "{backend}");
        assert!(listing.total >= 9, "{backend}");
        let missing = t
            .call_server_fn(get_listing(
                "no-such-category".into(),
                String::new(),
                Locale::En,
            ))
            .await;
        assert_eq!(missing, Err(AppError::NotFound), "{backend}");
        let product = t
            .call_server_fn(get_product("oolong-obsidian".into(), Locale::ZhHant))
            .await
            .unwrap();
        assert_eq!(product.name, "曜石烏龍茶", "{backend}");
        let gone = t
            .call_server_fn(get_product("../etc/passwd".into(), Locale::En))
            .await;
        assert_eq!(gone, Err(AppError::NotFound), "{backend}");
        t.close().await;
    }
}

#[tokio::test]
async fn seeding_is_repeatable_and_consistent() {
    for t in TestApp::each(false).await {
        let backend = t.backend();
        let first = server::seed::seed(t.db(), &t.media_dir(), 150)
            .await
            .unwrap();
        let second = server::seed::seed(t.db(), &t.media_dir(), 150)
            .await
            .unwrap();
        assert_eq!(first, second, "{backend}: same count, same catalog");
        assert!(
            first.categories >= 8 + 8,
            "{backend}: top categories with subcategories"
        );
        let pool = t.db().pool();
        let top: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM categories WHERE parent_id IS NULL")
                .fetch_one(pool)
                .await
                .unwrap();
        assert!(top >= 8, "{backend}");
        let inconsistent: i64 = sqlx::query_scalar(
            // The advertised range: SKUs in stock, else all (domain::catalog::offer_range).
            "SELECT COUNT(*) FROM products p WHERE p.min_price <> COALESCE( \
               (SELECT MIN(price) FROM skus s WHERE s.product_id = p.id AND s.stock > 0), \
               (SELECT MIN(price) FROM skus s WHERE s.product_id = p.id)) \
             OR p.max_price <> COALESCE( \
               (SELECT MAX(price) FROM skus s WHERE s.product_id = p.id AND s.stock > 0), \
               (SELECT MAX(price) FROM skus s WHERE s.product_id = p.id)) \
             OR p.total_stock <> (SELECT SUM(stock) FROM skus s WHERE s.product_id = p.id)",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        assert_eq!(
            inconsistent, 0,
            "{backend}: listing columns agree with the SKUs"
        );
        let sold_out: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM products WHERE total_stock = 0")
                .fetch_one(pool)
                .await
                .unwrap();
        assert!(sold_out > 0, "{backend}: some products are out of stock");
        let files = std::fs::read_dir(t.media_dir().join("p")).unwrap().count();
        assert_eq!(files, first.image_files, "{backend}");
        let svg = std::fs::read_to_string(
            std::fs::read_dir(t.media_dir().join("p"))
                .unwrap()
                .next()
                .unwrap()
                .unwrap()
                .path(),
        )
        .unwrap();
        assert!(
            svg.starts_with("<svg") && svg.len() > 500,
            "{backend}: real images"
        );
        t.close().await;
    }
}

/// The advertised price range follows what can be bought: selling out the cheapest SKU lifts
/// "from ¥…" and the JSON-LD's lowPrice in the same transaction; cancelling brings it back.
#[tokio::test]
async fn listing_prices_follow_the_skus_that_can_be_bought() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        // A product with two or more SKUs in stock at different prices, the cheapest with at
        // most 99 units (one order line can take them all).
        let (product_id, slug): (i64, String) = sqlx::query_as(
            "SELECT p.id, p.slug FROM products p WHERE p.status = 'active' \
             AND (SELECT COUNT(DISTINCT price) FROM skus s WHERE s.product_id = p.id AND s.stock > 0) >= 2 \
             AND (SELECT MIN(stock) FROM skus s WHERE s.product_id = p.id \
                  AND s.price = (SELECT MIN(price) FROM skus x WHERE x.product_id = p.id)) BETWEEN 1 AND 99 \
             AND (SELECT COUNT(*) FROM skus s WHERE s.product_id = p.id \
                  AND s.price = (SELECT MIN(price) FROM skus x WHERE x.product_id = p.id)) = 1 \
             ORDER BY p.id LIMIT 1",
        )
        .fetch_one(t.db().pool())
        .await
        .unwrap();
        let skus: Vec<(i64, i64, i64)> = sqlx::query_as(
            "SELECT id, price, stock FROM skus WHERE product_id = $1 ORDER BY price, id",
        )
        .bind(product_id)
        .fetch_all(t.db().pool())
        .await
        .unwrap();
        let (cheap_id, cheap_price, cheap_stock) = skus[0];
        let next_in_stock = skus[1..].iter().find(|s| s.2 > 0).unwrap().1;
        let prices = |db: &app::db::Db| {
            let db = db.clone();
            async move {
                sqlx::query_as::<_, (i64, i64)>(
                    "SELECT min_price, total_stock FROM products WHERE id = $1",
                )
                .bind(product_id)
                .fetch_one(db.pool())
                .await
                .unwrap()
            }
        };
        let (before, stock_before) = prices(t.db()).await;
        assert_eq!(before, cheap_price, "{backend}");

        let app::db::order::PlaceOutcome::Placed(order) = t
            .place_guest_order("sell-out-cheapest", &[(cheap_id, cheap_stock)], 3_600)
            .await
        else {
            panic!("{backend}: not placed")
        };
        assert_eq!(
            prices(t.db()).await,
            (next_in_stock, stock_before - cheap_stock),
            "{backend}"
        );
        let page = t.browser().get(&format!("/en/p/{slug}")).await;
        let low = format!("{}.{:02}", next_in_stock / 100, next_in_stock % 100);
        assert!(
            page.body.contains(&format!("\"lowPrice\":\"{low}\""))
                || page.body.contains(&format!("\"price\":\"{low}\"")),
            "{backend}: JSON-LD offers from ¥{low}"
        );

        app::db::order::lifecycle::cancel(t.db(), order.id, "test", "changed my mind")
            .await
            .unwrap();
        assert_eq!(
            prices(t.db()).await,
            (cheap_price, stock_before),
            "{backend}"
        );
        t.close().await;
    }
}
