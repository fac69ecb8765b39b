//! The demo suppliers' goods on a fresh `seed --demo-accounts`, made through the same steps a
//! real supplier and operator take: photos through the upload pipeline, products submitted for
//! review and approved by the demo operator; some left waiting (a new product, and an edit of a
//! live one) so the review queue has work; and one application still waiting for a decision.

use app::db::catalog::product_edit;
use app::db::catalog::product_review;
use app::db::{account, Db};
use app::domain::audit::AuditActor;
use app::domain::catalog::product_edit::ProductForm;
use app::domain::catalog::product_images::ImageForm;
use app::domain::owner::{Owner, Scope};
use std::path::Path;

/// One demo product of a supplier.
struct Good {
    /// zh-Hant, zh-Hans, en.
    names: [&'static str; 3],
    descriptions: [&'static str; 3],
    category: &'static str,
    /// Yuan.
    price: &'static str,
    stock: &'static str,
    /// The photo's backdrop and object colours.
    colours: ([u8; 3], [u8; 3]),
    /// Approved (live) or left waiting for review.
    live: bool,
    /// A later edit left waiting for review: its English name and price.
    edit: Option<(&'static str, &'static str)>,
}

const TEA_HOUSE: &[Good] = &[
    Good {
        names: [
            "阿里山高山烏龍茶 150 克",
            "阿里山高山乌龙茶 150 克",
            "Alishan High Mountain Oolong 150 g",
        ],
        descriptions: [
            "海拔一千五百公尺茶園手採，輕焙火，花香清雅。",
            "海拔一千五百米茶园手采，轻焙火，花香清雅。",
            "Hand-picked at 1,500 m and lightly roasted: a clear, floral cup.",
        ],
        category: "tea",
        price: "168",
        stock: "40",
        colours: ([226, 238, 214], [74, 110, 52]),
        live: true,
        edit: Some(("Alishan High Mountain Oolong 150 g (Spring Harvest)", "158")),
    },
    Good {
        names: [
            "東方美人茶 75 克",
            "东方美人茶 75 克",
            "Oriental Beauty Oolong 75 g",
        ],
        descriptions: [
            "小綠葉蟬著涎，蜜香濃郁，宜用九十度水沖泡。",
            "小绿叶蝉着涎，蜜香浓郁，宜用九十度水冲泡。",
            "Leafhopper-bitten leaves with a deep honey note; brew at 90 °C.",
        ],
        category: "tea",
        price: "228",
        stock: "25",
        colours: ([245, 228, 200], [150, 86, 40]),
        live: false,
        edit: None,
    },
];

const PORCELAIN: &[Good] = &[
    Good {
        names: [
            "青花瓷品茗杯 兩入",
            "青花瓷品茗杯 两入",
            "Blue-and-White Porcelain Teacups, Set of 2",
        ],
        descriptions: [
            "景德鎮手繪青花，杯壁薄透，容量八十毫升。",
            "景德镇手绘青花，杯壁薄透，容量八十毫升。",
            "Hand-painted in Jingdezhen; thin walls, 80 ml each.",
        ],
        category: "kitchenware",
        price: "88",
        stock: "60",
        colours: ([232, 238, 248], [38, 70, 150]),
        live: true,
        edit: None,
    },
    Good {
        names: [
            "青花瓷茶壺 350 毫升",
            "青花瓷茶壶 350 毫升",
            "Blue-and-White Porcelain Teapot 350 ml",
        ],
        descriptions: [
            "配不鏽鋼濾網，壺嘴出水順暢。",
            "配不锈钢滤网，壶嘴出水顺畅。",
            "With a steel strainer and a spout that pours clean.",
        ],
        category: "kitchenware",
        price: "268",
        stock: "15",
        colours: ([236, 240, 246], [30, 60, 130]),
        live: false,
        edit: None,
    },
];

/// A plain product photo: a coloured backdrop with a round object, as a PNG.
fn photo((backdrop, object): ([u8; 3], [u8; 3])) -> anyhow::Result<Vec<u8>> {
    use image::ImageEncoder;
    let picture = image::RgbImage::from_fn(800, 800, |x, y| {
        let (dx, dy) = (x as i64 - 400, y as i64 - 420);
        if dx * dx + dy * dy < 220 * 220 {
            image::Rgb(object)
        } else {
            image::Rgb(backdrop)
        }
    });
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png).write_image(
        &picture,
        800,
        800,
        image::ExtendedColorType::Rgb8,
    )?;
    Ok(png)
}

async fn actor(db: &Db, email: &str) -> anyhow::Result<Option<AuditActor>> {
    Ok(account::user_id_by_email(db, email)
        .await?
        .map(|user_id| AuditActor {
            user_id,
            email: email.into(),
        }))
}

async fn pending_submission(db: &Db, product_id: i64) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM product_submissions WHERE product_id = $1 AND status = 'pending'",
    )
    .bind(product_id)
    .fetch_one(db.pool())
    .await?)
}

async fn list_goods(
    db: &Db,
    media_dir: &Path,
    supplier: &AuditActor,
    operator: &AuditActor,
    goods: &[Good],
) -> anyhow::Result<usize> {
    let scope = Scope::Only(Owner::Supplier(supplier.user_id));
    let mut made = 0;
    for good in goods {
        let category: Option<i64> = sqlx::query_scalar("SELECT id FROM categories WHERE slug = $1")
            .bind(good.category)
            .fetch_optional(db.pool())
            .await?;
        // A catalog of its own (not the demo's) may lack the category: that good is left out.
        let Some(category) = category else { continue };
        let uploaded = app::images::store_upload(media_dir, photo(good.colours)?)
            .await
            .map_err(|e| anyhow::anyhow!("demo photo: {e:?}"))?;
        let [name_zh_hant, name_zh_hans, name_en] = good.names;
        let [description_zh_hant, description_zh_hans, description_en] = good.descriptions;
        let form = ProductForm {
            category_id: Some(category),
            name_zh_hant: name_zh_hant.into(),
            name_zh_hans: name_zh_hans.into(),
            name_en: name_en.into(),
            description_zh_hant: description_zh_hant.into(),
            description_zh_hans: description_zh_hans.into(),
            description_en: description_en.into(),
            images: vec![ImageForm {
                url: uploaded.url,
                srcset: uploaded.srcset,
                alt_zh_hant: name_zh_hant.into(),
                alt_zh_hans: name_zh_hans.into(),
                alt_en: name_en.into(),
            }],
            skus: vec![app::domain::catalog::product_edit::SkuForm {
                price: good.price.into(),
                stock: good.stock.into(),
                ..Default::default()
            }],
            ..ProductForm::default()
        };
        let valid = form
            .parse()
            .map_err(|p| anyhow::anyhow!("demo product {name_en}: {p:?}"))?;
        let saved = product_review::submit(db, scope, supplier, &form, &valid).await?;
        made += 1;
        if !good.live {
            continue;
        }
        product_review::approve(db, operator, pending_submission(db, saved.id).await?).await?;
        if let Some((edited_name, edited_price)) = good.edit {
            let opened = product_edit::load(db, scope, saved.id)
                .await?
                .ok_or_else(|| anyhow::anyhow!("demo product {name_en} vanished"))?;
            let mut edit = opened.form;
            edit.name_en = edited_name.into();
            edit.skus[0].price = edited_price.into();
            let valid = edit
                .parse()
                .map_err(|p| anyhow::anyhow!("demo edit {edited_name}: {p:?}"))?;
            product_review::submit(db, scope, supplier, &edit, &valid).await?;
        }
    }
    Ok(made)
}

/// Lists the demo suppliers' goods (unless they already have some) and leaves one application
/// waiting; returns how many products were made. Needs the demo accounts and the catalog.
pub async fn seed_demo_suppliers(db: &Db, media_dir: &Path) -> anyhow::Result<usize> {
    let Some(operator) = actor(db, "admin@jishi.test").await? else {
        return Ok(0);
    };
    let mut made = 0;
    for (email, goods) in [
        ("supplier@jishi.test", TEA_HOUSE),
        ("porcelain@jishi.test", PORCELAIN),
    ] {
        let Some(supplier) = actor(db, email).await? else {
            continue;
        };
        let owned: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM products WHERE owner_id = $1")
            .bind(supplier.user_id)
            .fetch_one(db.pool())
            .await?;
        if owned > 0 || app::db::supplier::status(db, supplier.user_id).await? != Some(true) {
            continue;
        }
        made += list_goods(db, media_dir, &supplier, &operator, goods).await?;
    }
    // An applicant still waiting: an account nobody signs in to for the demo.
    let applicant = "bamboo-workshop@example.com";
    if account::user_id_by_email(db, applicant).await?.is_none() {
        let email = app::domain::account::Email::parse(applicant).expect("a valid address");
        let password = app::auth::new_token().0[..20].to_string() + "-A1";
        let password = app::domain::account::NewPassword::parse(
            &password,
            Some(&email),
            app::domain::account::Field::Password,
        )
        .map_err(|p| anyhow::anyhow!("demo applicant password: {p:?}"))?;
        let user_id = crate::accounts::create(db, &email, &password, "竹語工坊").await?;
        crate::accounts::demo_application(db, user_id, "竹語工坊").await?;
    }
    Ok(made)
}
