//! `server seed`: a believable demo catalog in three languages, from a few dozen products to
//! hundreds of thousands for benchmarks. Deterministic: the same count gives the same catalog.

mod images;
pub mod vocabulary;

use app::db::sql::{Bind, Sql};
use app::db::{Backend, Db};
use app::domain::catalog::offer_range;
use app::domain::money::Money;
use app::domain::search::{Document, DocumentSource};
use std::collections::HashMap;
use std::path::Path;
use vocabulary::{KindDef, Tri, AXES, CATEGORIES, SERIES};

pub const DEFAULT_PRODUCTS: usize = 96;
/// Parameters per INSERT statement (rows × columns), far below both databases' limits.
/// SQLite's is small on purpose: sqlx asks `sqlite3_bind_parameter_name` for every parameter,
/// and SQLite finds each name by walking a list as long as the statement's parameters, so
/// binding costs grow with the square of the count. At 8,000 per statement that walk took two
/// thirds of a 100,000-product seed (`perf`); at 256 it is lost in the noise. PostgreSQL has no
/// such cost, and fewer round trips help it.
fn max_params_per_statement(backend: Backend) -> usize {
    match backend {
        Backend::Sqlite => 256,
        Backend::Postgres => 8_000,
    }
}
const PRODUCTS_PER_TRANSACTION_BATCH: usize = 2_000;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SeedReport {
    pub categories: usize,
    pub products: usize,
    pub skus: usize,
    pub image_files: usize,
}

/// Small, fast and reproducible; not for anything secret.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E3779B97F4A7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const MODELS: &[&str] = &[
    "", " Pro", " Lite", " Max", " Mini", " Plus", " Air", " Ultra", " SE",
];

fn model_suffix(generation: usize) -> (String, String, String) {
    match MODELS.get(generation) {
        Some(m) => (m.to_string(), m.to_string(), m.to_string()),
        None => {
            let n = generation - MODELS.len() + 2;
            (
                format!(" 第{n}代"),
                format!(" 第{n}代"),
                format!(" Gen {n}"),
            )
        }
    }
}

struct KindPlace {
    kind: &'static KindDef,
    category_id: i64,
    top_category_id: i64,
    /// The top category's address: the prefix of its SKUs' platform codes.
    top_slug: &'static str,
    hue: u32,
    category_names: [Tri; 2],
}

fn kinds_with_places(category_ids: &HashMap<&'static str, i64>) -> Vec<KindPlace> {
    let mut places = Vec::new();
    for top in CATEGORIES {
        for sub in top.children {
            for kind in sub.kinds {
                places.push(KindPlace {
                    kind,
                    category_id: category_ids[sub.slug],
                    top_category_id: category_ids[top.slug],
                    top_slug: top.slug,
                    hue: top.hue,
                    category_names: [top.name, sub.name],
                });
            }
        }
    }
    places
}

fn axis(key: &str) -> &'static vocabulary::AxisDef {
    AXES.iter()
        .find(|a| a.key == key)
        .expect("kinds only name axes that exist")
}

fn value_name(axis_key: &str, value_key: &str) -> Tri {
    axis(axis_key)
        .values
        .iter()
        .find(|(k, _)| *k == value_key)
        .map(|(_, name)| *name)
        .expect("kinds only name values that exist")
}

/// Rows waiting to be written, one Vec per table.
#[derive(Default)]
struct Batch {
    products: Vec<Vec<Bind>>,
    images: Vec<Vec<Bind>>,
    axes: Vec<Vec<Bind>>,
    skus: Vec<Vec<Bind>>,
    sku_values: Vec<Vec<Bind>>,
    /// Search index entries, written in the same transaction as the products.
    search: Vec<Document>,
}

async fn insert_rows(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<Bind>>,
) -> Result<(), sqlx::Error> {
    let per_statement = (max_params_per_statement(backend) / columns.len()).max(1);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let mut sql = Sql::new(format!(
            "INSERT INTO {table} ({}) VALUES ",
            columns.join(", ")
        ));
        for (i, row) in rows.by_ref().take(per_statement).enumerate() {
            let placeholders: Vec<String> = row.into_iter().map(|b| sql.param(b)).collect();
            sql.push(if i == 0 { "(" } else { ", (" });
            sql.push(&placeholders.join(", "));
            sql.push(")");
        }
        sql.query().execute(&mut *conn).await?;
    }
    Ok(())
}

async fn flush(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    batch: Batch,
) -> Result<(), sqlx::Error> {
    insert_rows(
        conn,
        backend,
        "products",
        &[
            "id",
            "slug",
            "category_id",
            "status",
            "name_zh_hant",
            "name_zh_hans",
            "name_en",
            "description_zh_hant",
            "description_zh_hans",
            "description_en",
            "cover_image",
            "min_price",
            "max_price",
            "total_stock",
            "sales_count",
            "featured",
            "created_at",
            "attributes_zh_hant",
            "attributes_zh_hans",
            "attributes_en",
        ],
        batch.products,
    )
    .await?;
    insert_rows(
        conn,
        backend,
        "product_images",
        &["product_id", "position", "url"],
        batch.images,
    )
    .await?;
    insert_rows(
        conn,
        backend,
        "product_axes",
        &["product_id", "axis_key", "position"],
        batch.axes,
    )
    .await?;
    insert_rows(
        conn,
        backend,
        "skus",
        &["id", "product_id", "code", "price", "stock"],
        batch.skus,
    )
    .await?;
    insert_rows(
        conn,
        backend,
        "sku_values",
        &["sku_id", "product_id", "axis_key", "value_key"],
        batch.sku_values,
    )
    .await?;
    app::db::search::write_documents(conn, backend, &batch.search).await?;
    Ok(())
}

/// Two demo warehouses in two regions, each serving the regions nearest to it; every SKU's
/// stock is split 3:2 between them (small counts stay in Shanghai) and written to the ledger as
/// received, so the ledger matches from the start.
async fn split_between_warehouses(conn: &mut sqlx::AnyConnection) -> Result<(), sqlx::Error> {
    let now = app::db::unix_now();
    let mut ids = Vec::new();
    for (name, region, serves) in [
        (
            "上海倉 Shanghai",
            "SH",
            "BJ,TJ,HE,SX,NM,LN,JL,HL,SH,JS,ZJ,AH,SD,HA",
        ),
        (
            "廣州倉 Guangzhou",
            "GD",
            "FJ,JX,HB,HN,GD,GX,HI,CQ,SC,GZ,YN,XZ,SN,GS,QH,NX,XJ,HK,MO,TW",
        ),
    ] {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO warehouses (name, region, serves, owner_id, created_at) \
             VALUES ($1, $2, $3, NULL, $4) RETURNING id",
        )
        .bind(name)
        .bind(region)
        .bind(serves)
        .bind(now)
        .fetch_one(&mut *conn)
        .await?;
        ids.push(id);
    }
    for (warehouse_id, share) in [(ids[0], "stock - stock * 2 / 5"), (ids[1], "stock * 2 / 5")] {
        sqlx::query(&format!(
            "INSERT INTO warehouse_stock (warehouse_id, sku_id, on_hand, reserved) \
             SELECT $1, id, {share}, 0 FROM skus WHERE {share} > 0"
        ))
        .bind(warehouse_id)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query(
        "INSERT INTO stock_movements (warehouse_id, sku_id, kind, on_hand_delta, reserved_delta, \
         order_id, reason, actor_id, created_at) \
         SELECT warehouse_id, sku_id, 'received', on_hand, 0, NULL, '', NULL, $1 FROM warehouse_stock",
    )
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

fn text(s: impl Into<String>) -> Bind {
    Bind::Text(s.into())
}

/// Whether the catalog has any products yet.
pub async fn is_empty(db: &Db) -> Result<bool, sqlx::Error> {
    Ok(app::db::catalog::product_count(db).await? == 0)
}

/// Replaces the catalog with `product_count` generated products and writes their images.
pub async fn seed(db: &Db, media_dir: &Path, product_count: usize) -> anyhow::Result<SeedReport> {
    let mut report = SeedReport::default();
    let mut tx = db.writer().begin().await?;
    // Emptied first in one statement, rather than entry by entry as products are deleted.
    app::db::search::clear(&mut tx, db.backend()).await?;
    for table in [
        "flash_sale_purchases",
        "flash_sale_holds",
        "flash_sale_items",
        "flash_sales",
        "order_allocations",
        "stock_movements",
        "warehouse_stock",
        "warehouses",
        "category_facet_counts",
        "product_facets",
        "sku_values",
        "skus",
        "product_axes",
        "product_images",
        "products",
        "option_values",
        "option_axes",
    ] {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(&mut *tx)
            .await?;
    }
    // Children before parents: subcategories point at their top category.
    sqlx::query("DELETE FROM categories WHERE parent_id IS NOT NULL")
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM categories")
        .execute(&mut *tx)
        .await?;

    let mut axis_rows = Vec::new();
    let mut value_rows = Vec::new();
    for (position, axis) in AXES.iter().enumerate() {
        axis_rows.push(vec![
            text(axis.key),
            Bind::Int(position as i64),
            text(axis.name.0),
            text(axis.name.1),
            text(axis.name.2),
        ]);
        for (value_position, (key, name)) in axis.values.iter().enumerate() {
            value_rows.push(vec![
                text(axis.key),
                text(*key),
                Bind::Int(value_position as i64),
                text(name.0),
                text(name.1),
                text(name.2),
            ]);
        }
    }
    insert_rows(
        &mut tx,
        db.backend(),
        "option_axes",
        &[
            "axis_key",
            "position",
            "name_zh_hant",
            "name_zh_hans",
            "name_en",
        ],
        axis_rows,
    )
    .await?;
    insert_rows(
        &mut tx,
        db.backend(),
        "option_values",
        &[
            "axis_key",
            "value_key",
            "position",
            "name_zh_hant",
            "name_zh_hans",
            "name_en",
        ],
        value_rows,
    )
    .await?;

    let mut category_ids: HashMap<&'static str, i64> = HashMap::new();
    let mut category_rows = Vec::new();
    let mut next_id = 1i64;
    for (position, top) in CATEGORIES.iter().enumerate() {
        let top_id = next_id;
        next_id += 1;
        category_ids.insert(top.slug, top_id);
        category_rows.push(vec![
            Bind::Int(top_id),
            Bind::NullInt,
            text(top.slug),
            Bind::Int(position as i64),
            text(top.name.0),
            text(top.name.1),
            text(top.name.2),
        ]);
        for (child_position, sub) in top.children.iter().enumerate() {
            category_ids.insert(sub.slug, next_id);
            category_rows.push(vec![
                Bind::Int(next_id),
                Bind::Int(top_id),
                text(sub.slug),
                Bind::Int(child_position as i64),
                text(sub.name.0),
                text(sub.name.1),
                text(sub.name.2),
            ]);
            next_id += 1;
        }
    }
    report.categories = category_rows.len();
    insert_rows(
        &mut tx,
        db.backend(),
        "categories",
        &[
            "id",
            "parent_id",
            "slug",
            "position",
            "name_zh_hant",
            "name_zh_hans",
            "name_en",
        ],
        category_rows,
    )
    .await?;

    let places = kinds_with_places(&category_ids);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs() as i64;
    let mut image_urls: HashMap<(usize, usize), Vec<String>> = HashMap::new();
    let mut image_files: Vec<(String, String)> = Vec::new();
    let mut batch = Batch::default();
    let mut sku_id = 0i64;

    for index in 0..product_count {
        let product_id = index as i64 + 1;
        let kind_index = index % places.len();
        let series_index = (index / places.len()) % SERIES.len();
        let generation = index / (places.len() * SERIES.len());
        let place = &places[kind_index];
        let kind = place.kind;
        let (series_key, series) = SERIES[series_index];
        let mut rng = SplitMix(index as u64 ^ 0x5EED);

        let suffix = model_suffix(generation);
        let series_names = (
            format!("{}{}", series.0, suffix.0),
            format!("{}{}", series.1, suffix.1),
            format!("{}{}", series.2, suffix.2),
        );
        let names = [
            format!("{}{}", series_names.0, kind.name.0),
            format!("{}{}", series_names.1, kind.name.1),
            format!("{} {}", series_names.2, kind.name.2),
        ];
        let descriptions = [
            kind.blurb.0.replace("{}", &series_names.0),
            kind.blurb.1.replace("{}", &series_names.1),
            kind.blurb.2.replace("{}", &series_names.2),
        ];
        let slug = if generation == 0 {
            format!("{}-{series_key}", kind.key)
        } else {
            format!("{}-{series_key}-{}", kind.key, generation + 1)
        };

        let urls = image_urls
            .entry((kind_index, series_index))
            .or_insert_with(|| {
                let title = format!("{} {}", series.2, kind.name.2);
                (0..3)
                    .map(|view| {
                        let svg = images::product_svg(
                            kind.shape,
                            (place.hue + series_index as u32 * 7) % 360,
                            &title,
                            view,
                        );
                        let file = format!("p/{}-{series_key}-{view}.svg", kind.key);
                        let url = format!(
                            "/media/{file}?v={}",
                            images::content_version(svg.as_bytes())
                        );
                        image_files.push((file, svg));
                        url
                    })
                    .collect()
            })
            .clone();

        // Each product offers a subset of its kind's option values.
        let chosen: Vec<(&str, Vec<&str>)> = kind
            .axes
            .iter()
            .map(|(axis_key, allowed)| {
                let mut values: Vec<&str> = allowed
                    .iter()
                    .copied()
                    .filter(|_| allowed.len() <= 2 || rng.chance(75))
                    .collect();
                if values.len() < allowed.len().min(2) {
                    values = allowed.iter().copied().take(2).collect();
                }
                (*axis_key, values)
            })
            .collect();
        let mut combos: Vec<Vec<&str>> = vec![Vec::new()];
        for (_, values) in &chosen {
            combos = combos
                .iter()
                .flat_map(|c| values.iter().map(move |v| [c.clone(), vec![*v]].concat()))
                .collect();
        }
        if chosen.len() >= 2 && combos.len() > 3 {
            // Some combinations simply are not made, so the picker has something to disable.
            let keep_first = combos[0].clone();
            combos.retain(|c| *c == keep_first || !rng.chance(12));
        }

        let sold_out_product = rng.chance(7);
        let variance = (kind.base_price_yuan * (rng.below(40) as i64 - 15)) / 100;
        let mut offers = Vec::with_capacity(combos.len());
        for combo in combos.iter() {
            sku_id += 1;
            let step_index = chosen
                .last()
                .and_then(|(axis_key, _)| {
                    let last = combo.last()?;
                    kind.axes
                        .iter()
                        .find(|(k, _)| k == axis_key)?
                        .1
                        .iter()
                        .position(|v| v == last)
                })
                .unwrap_or(0) as i64;
            let yuan = kind.base_price_yuan + variance + kind.step_yuan * step_index;
            // Shop prices end in 9: ¥1,999 rather than ¥2,003.
            let yuan = ((yuan + 5) / 10 * 10 - 1).max(9);
            let price = yuan * 100;
            let stock = if sold_out_product || rng.chance(15) {
                0
            } else if rng.chance(12) {
                1 + rng.below(5) as i64
            } else {
                6 + rng.below(115) as i64
            };
            offers.push((Money::from_fen(price), stock));
            batch.skus.push(vec![
                Bind::Int(sku_id),
                Bind::Int(product_id),
                // The platform code the editor would give: the SKU's number is its sequence.
                text(app::domain::catalog::product_codes::platform_code(
                    place.top_slug,
                    sku_id,
                )),
                Bind::Int(price),
                Bind::Int(stock),
            ]);
            for ((axis_key, _), value) in chosen.iter().zip(combo) {
                batch.sku_values.push(vec![
                    Bind::Int(sku_id),
                    Bind::Int(product_id),
                    text(*axis_key),
                    text(*value),
                ]);
            }
            report.skus += 1;
        }
        for (position, (axis_key, _)) in chosen.iter().enumerate() {
            batch.axes.push(vec![
                Bind::Int(product_id),
                text(*axis_key),
                Bind::Int(position as i64),
            ]);
        }
        for (position, url) in urls.iter().enumerate() {
            batch.images.push(vec![
                Bind::Int(product_id),
                Bind::Int(position as i64),
                text(url.clone()),
            ]);
        }

        let (min_price, max_price) = offer_range(offers.iter().copied())
            .map(|(lo, hi)| (lo.fen(), hi.fen()))
            .unwrap_or_default();
        let total_stock: i64 = offers.iter().map(|(_, stock)| stock).sum();
        let sales = (rng.below(100) * rng.below(100)) as i64;
        let created_at = now - rng.below(180 * 24 * 3600) as i64;
        batch.products.push(vec![
            Bind::Int(product_id),
            text(slug),
            Bind::Int(place.category_id),
            text("active"),
            text(names[0].clone()),
            text(names[1].clone()),
            text(names[2].clone()),
            text(descriptions[0].clone()),
            text(descriptions[1].clone()),
            text(descriptions[2].clone()),
            text(urls[0].clone()),
            Bind::Int(min_price),
            Bind::Int(max_price),
            Bind::Int(total_stock),
            Bind::Int(sales),
            Bind::Int(i64::from(index % 9 == 0)),
            Bind::Int(created_at),
            // Specifications, in the editor's "name: value" lines.
            text(format!(
                "系列: {}\n型號: JS-{product_id:05}\n保固: 一年",
                series_names.0
            )),
            text(format!(
                "系列: {}\n型号: JS-{product_id:05}\n保修: 一年",
                series_names.1
            )),
            text(format!(
                "Series: {}\nModel: JS-{product_id:05}\nWarranty: one year",
                series_names.2
            )),
        ]);
        // The option values the SKUs really offer (some combinations are not made).
        let mut offered: Vec<(&str, &str)> = combos
            .iter()
            .flat_map(|combo| chosen.iter().zip(combo).map(|((axis, _), v)| (*axis, *v)))
            .collect();
        offered.sort();
        offered.dedup();
        let offered_names: Vec<Tri> = offered.iter().map(|(a, v)| value_name(a, v)).collect();
        let [top_name, sub_name] = place.category_names;
        batch.search.push(Document::build(&DocumentSource {
            product_id,
            sales_count: sales,
            names: [&names[0], &names[1], &names[2]],
            descriptions: [&descriptions[0], &descriptions[1], &descriptions[2]],
            // Own category first, then its parent, as `db::search::documents` reads them.
            category_names: vec![
                sub_name.0, sub_name.1, sub_name.2, top_name.0, top_name.1, top_name.2,
            ],
            option_names: offered_names
                .iter()
                .flat_map(|name| [name.0, name.1, name.2])
                .collect(),
            category_ids: vec![place.category_id, place.top_category_id],
            options: offered,
        }));
        report.products += 1;
        if batch.products.len() >= PRODUCTS_PER_TRANSACTION_BATCH {
            flush(&mut tx, db.backend(), std::mem::take(&mut batch)).await?;
        }
    }
    flush(&mut tx, db.backend(), batch).await?;
    if db.backend() == Backend::Postgres {
        // Explicit ids leave the identity sequences behind; move them past the seeded rows.
        for table in ["categories", "products", "skus"] {
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST((SELECT MAX(id) FROM {table}), 1))"
            ))
            .execute(&mut *tx)
            .await?;
        }
    }
    // The editor's next SKU number follows the seeded ones, so no code is handed out twice.
    sqlx::query("UPDATE code_sequences SET next_value = $1 WHERE name = 'sku'")
        .bind(sku_id + 1)
        .execute(&mut *tx)
        .await?;
    split_between_warehouses(&mut tx).await?;
    app::db::catalog::facet_counts::rebuild(&mut tx).await?;
    tx.commit().await?;
    app::db::search::after_bulk_write(db).await?;
    db.catalog_changed();

    let product_dir = media_dir.join("p");
    tokio::fs::create_dir_all(&product_dir).await?;
    for (file, svg) in &image_files {
        tokio::fs::write(media_dir.join(file), svg).await?;
    }
    report.image_files = image_files.len();
    Ok(report)
}
