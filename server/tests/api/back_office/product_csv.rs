//! Products and SKUs as CSV on both databases: export → import round-trips unchanged; a check
//! lists every problem by line and column and writes nothing; an import with one bad row
//! writes nothing; a good one creates and changes products through the editor's own save.

use super::staff_member;
use crate::test_app::TestApp;
use app::api::admin::product_csv::{ExportProductsCsv, ImportProductsCsv, ImportProgress};
use app::domain::catalog::product_codes::code_is_valid;
use app::domain::catalog::product_csv::{read, write, CsvRow, ImportReport};
use app::domain::form::Problem;
use app::domain::money::Money;
use app::domain::staff::Permission;
use app::error::{AppError, Refusal};
use axum::http::StatusCode;

async fn import(
    browser: &mut crate::browser::Browser,
    rows: &[CsvRow],
    commit: bool,
) -> ImportReport {
    let text = write(rows).unwrap();
    let file = Some(("file", "products.csv", "text/csv", text.as_bytes()));
    let fields = [
        ("write", if commit { "1" } else { "0" }),
        ("token", "run-1"),
    ];
    let answer = browser
        .call_multipart::<ImportProductsCsv>(&fields, file)
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.json()
}

fn found(report: &ImportReport) -> Vec<(u64, &str, Problem)> {
    report
        .problems
        .iter()
        .map(|p| (p.line, p.column.as_str(), p.problem))
        .collect()
}

#[tokio::test]
async fn csv_export_and_import_round_trip_and_a_bad_row_writes_nothing() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db().pool();
        let mut ops = staff_member(&t, "csv@example.com", &[Permission::Catalog]).await;
        let mut finance = staff_member(&t, "sums@example.com", &[Permission::Finance]).await;
        let file = Some(("file", "p.csv", "text/csv", b"product\n1\n" as &[u8]));
        assert_eq!(
            t.browser()
                .call_multipart::<ImportProductsCsv>(&[], file)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            finance
                .call_multipart::<ImportProductsCsv>(&[], file)
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            ops.call_multipart::<ImportProductsCsv>(&[], None)
                .await
                .error(),
            AppError::Refused(Refusal::CsvFileInvalid),
            "{backend}: no file"
        );

        // Export: one row per SKU, every platform code valid.
        let exported: String = ops.call::<ExportProductsCsv>(&[]).await.json();
        let rows: Vec<CsvRow> = read(exported.as_bytes())
            .unwrap()
            .into_iter()
            .map(|(_, row)| row)
            .collect();
        let skus: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM skus")
            .fetch_one(db)
            .await
            .unwrap();
        let products: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM products")
            .fetch_one(db)
            .await
            .unwrap();
        assert_eq!(rows.len() as i64, skus, "{backend}");
        assert!(rows.iter().all(|r| code_is_valid(&r.sku_code)), "{backend}");

        // Imported as it is: every product unchanged, nothing saved again.
        let report = import(&mut ops, &rows, true).await;
        assert_eq!(found(&report), vec![], "{backend}");
        assert_eq!(
            (
                report.rows as i64,
                report.products as i64,
                report.unchanged as i64
            ),
            (skus, products, products),
            "{backend}"
        );
        assert_eq!((report.new, report.changed), (0, 0), "{backend}");
        let revisions = |db| async move {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM product_revisions")
                .fetch_one(db)
                .await
                .unwrap()
        };
        // A sale after the export stays sold when the file comes back: stock moves only by
        // what the file changed (`stock` against `stock_at_export`).
        let selling = rows
            .iter()
            .skip(1)
            .find(|r| r.stock.parse::<i64>().unwrap_or(0) > 1)
            .unwrap();
        let sold_id: i64 = sqlx::query_scalar("SELECT id FROM skus WHERE code = $1")
            .bind(&selling.sku_code)
            .fetch_one(db)
            .await
            .unwrap();
        let outcome = t
            .place_guest_order("csv-sale", &[(sold_id, 1)], 1_800)
            .await;
        assert!(
            matches!(outcome, app::db::order::PlaceOutcome::Placed(_)),
            "{backend}"
        );
        let report = import(&mut ops, &rows, true).await;
        assert_eq!(
            (report.unchanged as i64, report.changed),
            (products, 0),
            "{backend}: {:?}",
            report.problems
        );
        let left: i64 = sqlx::query_scalar("SELECT stock FROM skus WHERE id = $1")
            .bind(sold_id)
            .fetch_one(db)
            .await
            .unwrap();
        assert_eq!(left, selling.stock.parse::<i64>().unwrap() - 1, "{backend}");
        let revisions_before = revisions(db).await;

        // The edits: the first SKU cheaper and restocked; a new product with two colours.
        let first = rows[0].clone();
        let first_id: i64 = first.product.parse().unwrap();
        let mut edited = rows.clone();
        edited[0].price = "1.50".into();
        edited[0].stock = "42".into();
        let kettle = |options: &str, price: &str| CsvRow {
            product: "new-kettle".into(),
            status: "active".into(),
            category: "tea".into(),
            name_en: "Copper Kettle".into(),
            name_zh_hant: "銅壺".into(),
            name_zh_hans: "铜壶".into(),
            description_en: "Boils **fast**.".into(),
            options: options.into(),
            price: price.into(),
            stock: "6".into(),
            ..CsvRow::default()
        };
        edited.push(kettle("colour=black", "268"));
        edited.push(kettle("colour=white", "288"));

        // The same edits with bad rows: all are reported by line, and nothing is written.
        let mut bad = edited.clone();
        let last = bad.len(); // The white kettle's line is `last + 1` (the header is line 1).
        bad[last - 1].price = "free".into();
        let other = bad.iter().position(|r| r.product != first.product).unwrap();
        let other_product = bad[other].product.clone();
        for row in bad.iter_mut().filter(|r| r.product == other_product) {
            row.version = "999".into();
        }
        let mut stray = kettle("", "10");
        stray.product = "new-stray".into();
        stray.category = "no-such-shelf".into();
        bad.push(stray);
        let mut changed_code = bad
            .iter()
            .position(|r| r.product != first.product && r.product != bad[other].product)
            .unwrap();
        if bad[changed_code].sku_code.is_empty() {
            changed_code += 1;
        }
        bad[changed_code].sku_code = "TEA-9999999-X".into();
        for commit in [false, true] {
            let report = import(&mut ops, &bad, commit).await;
            let mut expected = vec![
                (other as u64 + 2, "version", Problem::CsvProductChanged),
                (
                    changed_code as u64 + 2,
                    "sku_code",
                    Problem::CsvSkuCodeUnknown,
                ),
                (last as u64 + 1, "price", Problem::PriceInvalid),
                (last as u64 + 2, "category", Problem::CategoryInvalid),
            ];
            expected.sort_by_key(|p| p.0);
            assert_eq!(found(&report), expected, "{backend} commit {commit}");
            assert!(!report.written, "{backend}");
        }
        let price: i64 = sqlx::query_scalar("SELECT price FROM skus WHERE code = $1")
            .bind(&first.sku_code)
            .fetch_one(db)
            .await
            .unwrap();
        assert_ne!(price, 150, "{backend}: nothing was written");
        let kettles: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM products WHERE name_en = 'Copper Kettle'")
                .fetch_one(db)
                .await
                .unwrap();
        assert_eq!(kettles, 0, "{backend}");
        assert_eq!(revisions(db).await, revisions_before, "{backend}");

        // A check of the good file writes nothing either; the import writes it all.
        let checked = import(&mut ops, &edited, false).await;
        assert_eq!(found(&checked), vec![], "{backend}");
        assert_eq!(
            (checked.new, checked.changed, checked.written),
            (1, 1, false)
        );
        assert_eq!(kettles, 0, "{backend}");
        let report = import(&mut ops, &edited, true).await;
        assert_eq!(found(&report), vec![], "{backend}");
        assert!(report.written, "{backend}");
        assert_eq!(
            (report.new, report.changed, report.unchanged as i64),
            (1, 1, products - 1),
            "{backend}"
        );
        let (price, stock): (i64, i64) =
            sqlx::query_as("SELECT price, stock FROM skus WHERE code = $1")
                .bind(&first.sku_code)
                .fetch_one(db)
                .await
                .unwrap();
        assert_eq!((price, stock), (150, 42), "{backend}");
        let version: i64 = sqlx::query_scalar("SELECT version FROM products WHERE id = $1")
            .bind(first_id)
            .fetch_one(db)
            .await
            .unwrap();
        assert_eq!(
            version,
            first.version.parse::<i64>().unwrap() + 1,
            "{backend}"
        );
        assert_eq!(revisions(db).await, revisions_before + 2, "{backend}");
        let kettle_codes: Vec<String> = sqlx::query_scalar(
            "SELECT s.code FROM skus s JOIN products p ON p.id = s.product_id \
             WHERE p.name_en = 'Copper Kettle' AND p.status = 'active' ORDER BY s.price",
        )
        .fetch_all(db)
        .await
        .unwrap();
        assert_eq!(kettle_codes.len(), 2, "{backend}");
        assert!(
            kettle_codes
                .iter()
                .all(|c| c.starts_with("FOO-") || code_is_valid(c)),
            "{backend}"
        );
        let search = t.browser().get("/en/search?q=kettle").await;
        assert!(search.body.contains("Copper Kettle"), "{backend}");

        // Round trip: the new export, imported again, changes nothing.
        let again: String = ops.call::<ExportProductsCsv>(&[]).await.json();
        let again: Vec<CsvRow> = read(again.as_bytes())
            .unwrap()
            .into_iter()
            .map(|(_, row)| row)
            .collect();
        assert!(again.iter().any(|r| r.name_en == "Copper Kettle"
            && Money::parse_yuan(&r.price) == Ok(Money::from_yuan(268))));
        let report = import(&mut ops, &again, true).await;
        assert_eq!(found(&report), vec![], "{backend}");
        assert_eq!(
            (report.changed, report.new, report.unchanged as i64),
            (0, 0, products + 1),
            "{backend}"
        );
        // The first export is now stale for the product it changed.
        let report = import(&mut ops, &rows, false).await;
        assert_eq!(
            found(&report),
            vec![(2, "version", Problem::CsvProductChanged)],
            "{backend}"
        );
        // Nothing is running now.
        let progress: Option<(usize, usize)> = ops
            .call::<ImportProgress>(&[("token", "run-1")])
            .await
            .json();
        assert_eq!(progress, None, "{backend}");
        t.close().await;
    }
}

#[tokio::test]
async fn files_that_are_not_our_csv_are_refused_in_words() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let mut ops = staff_member(&t, "csv2@example.com", &[Permission::Catalog]).await;
        for (bytes, problem) in [
            (&b"name,price\nCup,3\n"[..], Problem::CsvColumnsMissing),
            (&b"\xff\xfe\x00p\x00r"[..], Problem::CsvUnreadable),
        ] {
            let answer = ops
                .call_multipart::<ImportProductsCsv>(
                    &[("write", "1")],
                    Some(("file", "x.csv", "text/csv", bytes)),
                )
                .await;
            let report: ImportReport = answer.json();
            assert_eq!(report.problems[0].problem, problem, "{backend}");
            assert!(!report.written, "{backend}");
        }
        let big = vec![b'a'; 4 * 1024 * 1024 + 1];
        let error = ops
            .call_multipart::<ImportProductsCsv>(&[], Some(("file", "x.csv", "text/csv", &big)))
            .await
            .error();
        assert_eq!(
            error,
            AppError::Refused(Refusal::CsvFileInvalid),
            "{backend}"
        );
        t.close().await;
    }
}
