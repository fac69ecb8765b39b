use crate::test_app::TestApp;
use app::api::catalog::search_suggestions;
use app::db::catalog::{self as repo, Scope};
use app::i18n::Locale;

fn slugs(page: &app::domain::catalog::ListingPage) -> Vec<String> {
    page.products.iter().map(|p| p.slug.clone()).collect()
}

async fn search(
    db: &app::db::Db,
    locale: Locale,
    words: &str,
) -> app::domain::catalog::ListingPage {
    let query = format!("q={}", app::domain::listing::encode_component(words));
    repo::listing_page(db, locale, Scope::Everything, &query)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn traditional_and_simplified_find_each_other() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let hant = search(t.db(), Locale::ZhHant, "手機").await;
        let hans = search(t.db(), Locale::ZhHans, "手机").await;
        assert!(hant.total > 0, "{backend}");
        assert_eq!(hant.total, hans.total, "{backend}");
        assert_eq!(slugs(&hant), slugs(&hans), "{backend}");
        // Products named with the words rank before those that only mention them.
        assert!(
            hant.products[0].name.contains("手機"),
            "{backend}: {}",
            hant.products[0].name
        );
        t.close().await;
    }
}

#[tokio::test]
async fn one_and_two_character_chinese_queries_match() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let tea = search(t.db(), Locale::ZhHant, "茶").await;
        assert!(
            tea.total >= 9,
            "{backend}: oolong, green, pu'er (and tea sets) — got {}",
            tea.total
        );
        assert!(
            tea.products.iter().take(5).all(|p| p.name.contains('茶')),
            "{backend}"
        );
        let jacket = search(t.db(), Locale::ZhHans, "羽绒").await;
        assert!(jacket.total >= 3, "{backend}");
        t.close().await;
    }
}

#[tokio::test]
async fn english_search_is_case_insensitive_and_multiword() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let phone = search(t.db(), Locale::En, "SmartPhone").await;
        assert!(phone.total >= 3, "{backend}");
        assert!(phone.products[0].name.contains("Smartphone"), "{backend}");
        let two = search(t.db(), Locale::En, "obsidian tea").await;
        assert!(two.total >= 1 && two.total < phone.total + 50, "{backend}");
        assert!(
            two.products.iter().all(|p| p.name.contains("Obsidian")),
            "{backend}"
        );
        let chinese_for_english = search(t.db(), Locale::En, "烏龍").await;
        assert!(
            chinese_for_english
                .products
                .iter()
                .any(|p| p.name.contains("Oolong")),
            "{backend}"
        );
        t.close().await;
    }
}

#[tokio::test]
async fn no_results_offers_popular_products_and_hostile_input_is_harmless() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let none = search(t.db(), Locale::En, "zzqqxx").await;
        assert_eq!(none.total, 0, "{backend}");
        assert!(
            !none.popular.is_empty(),
            "{backend}: suggestions instead of a blank page"
        );
        for hostile in [
            "%",
            "_",
            "' OR 1=1 --",
            "\\",
            "%%__",
            "手機'; DROP TABLE products; --",
        ] {
            let page = search(t.db(), Locale::En, hostile).await;
            assert!(page.total <= 96, "{backend}: {hostile}");
        }
        assert_eq!(
            search(t.db(), Locale::En, "").await.total,
            96,
            "{backend}: empty search lists everything"
        );
        let long = "茶".repeat(10_000);
        assert!(
            search(t.db(), Locale::En, &long).await.total == 0,
            "{backend}"
        );
        t.close().await;
    }
}

#[tokio::test]
async fn suggestions_offer_categories_then_products() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let tea = t
            .call_server_fn(search_suggestions("茶".into(), Locale::ZhHant))
            .await
            .unwrap();
        assert!(
            tea.first()
                .is_some_and(|s| s.is_category && s.href == "/c/tea"),
            "{backend}: {tea:?}"
        );
        assert!(
            tea.iter()
                .any(|s| !s.is_category && s.href.starts_with("/p/")),
            "{backend}"
        );
        let phone = t
            .call_server_fn(search_suggestions("手机".into(), Locale::ZhHant))
            .await
            .unwrap();
        assert!(
            phone.iter().any(|s| s.label.contains("手機")),
            "{backend}: {phone:?}"
        );
        let nothing = t
            .call_server_fn(search_suggestions("   ".into(), Locale::En))
            .await
            .unwrap();
        assert!(nothing.is_empty());
        t.close().await;
    }
}
