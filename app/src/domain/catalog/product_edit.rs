//! The back office's product rules: the editor's form, the SKU matrix generated from the option
//! axes, product states, and the platform's product codes.

use super::product_codes::ean13_is_valid;
use crate::domain::form::{bounded_text, problem, Field, FieldProblem, Problem};
use crate::domain::money::Money;
use serde::{Deserialize, Serialize};

/// Names are at most this many characters in each language.
pub const NAME_MAX_CHARS: usize = 120;
/// Descriptions are at most this many characters in each language.
pub const DESCRIPTION_MAX_CHARS: usize = 5_000;
/// A product has at most this many SKUs (combinations of its option values).
pub const MAX_SKUS: usize = 100;
/// And at most this many option axes.
pub const MAX_AXES: usize = 3;
/// The highest price a SKU may have: ¥1,000,000.
pub const MAX_PRICE: Money = Money::from_yuan(1_000_000);
/// The most units one SKU may hold.
pub const MAX_STOCK: i64 = 999_999;
/// A brand is at most this many characters (one name for every language, as brands are).
pub const BRAND_MAX_CHARS: usize = 60;
/// The heaviest SKU we ship by parcel, in grams: 100 kg.
pub const MAX_WEIGHT_G: i64 = 100_000;

/// Where a product is in its life (`products.status`). Operators' products move between
/// draft, active and unlisted as they save; a supplier's product goes through review first
/// (`domain::catalog::product_review`): draft → submitted → active or rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProductStatus {
    /// Being prepared; shoppers do not see it.
    Draft,
    /// In the shop.
    Active,
    /// Taken out of the shop; its page and orders stay for operators.
    Unlisted,
    /// A supplier's product that was never live, waiting for an operator's review.
    Submitted,
    /// A supplier's product the review turned down (the reason is on its submission).
    Rejected,
    /// A live product of a supplier operators suspended: out of the shop until it is reinstated.
    Suspended,
}

impl ProductStatus {
    /// Every status a product can be in.
    pub const ALL: [ProductStatus; 6] = [
        ProductStatus::Draft,
        ProductStatus::Active,
        ProductStatus::Unlisted,
        ProductStatus::Submitted,
        ProductStatus::Rejected,
        ProductStatus::Suspended,
    ];

    /// As stored in `products.status` and in revisions.
    pub fn as_str(self) -> &'static str {
        match self {
            ProductStatus::Draft => "draft",
            ProductStatus::Active => "active",
            ProductStatus::Unlisted => "unlisted",
            ProductStatus::Submitted => "submitted",
            ProductStatus::Rejected => "rejected",
            ProductStatus::Suspended => "suspended",
        }
    }

    /// The status stored as `value`; None for anything else.
    pub fn parse(value: &str) -> Option<ProductStatus> {
        ProductStatus::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// An axis chosen for a product, with the values it is sold in (keys of the shared vocabulary).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AxisChoice {
    pub axis_key: String,
    pub values: Vec<String>,
}

/// One SKU row of the editor: its option values (one per axis, in axis order) and what was
/// typed for price (yuan) and stock.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkuForm {
    pub values: Vec<String>,
    pub price: String,
    pub stock: String,
    /// The platform code of an existing SKU (shown, never typed); empty for a new one.
    #[serde(default)]
    pub code: String,
    /// The sellable units when the editor opened (None for a new row): the stock typed is a
    /// change from this, so sales made meanwhile are not undone by the save.
    #[serde(default)]
    pub loaded_stock: Option<i64>,
    /// The "was" price in yuan, above the price; empty for none.
    #[serde(default)]
    pub list_price: String,
    /// A GTIN-13 / EAN-13 barcode; empty for none.
    #[serde(default)]
    pub gtin: String,
    /// The shipping weight in whole grams; empty when not known.
    #[serde(default)]
    pub weight: String,
    /// Taken off sale on its own: the shop neither shows nor sells it.
    #[serde(default)]
    pub disabled: bool,
}

/// The product editor's form as sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductForm {
    /// None for a new product.
    pub id: Option<i64>,
    /// The version the editor was opened at (0 for a new product): saving over a newer one is
    /// a conflict, not a silent overwrite.
    pub version: i64,
    pub category_id: Option<i64>,
    pub name_zh_hant: String,
    pub name_zh_hans: String,
    pub name_en: String,
    /// The maker's brand, empty for none (one name in every language).
    #[serde(default)]
    pub brand: String,
    pub description_zh_hant: String,
    pub description_zh_hans: String,
    pub description_en: String,
    /// Specifications, one "name: value" per line (see [`super::product_attributes`]).
    #[serde(default)]
    pub attributes_zh_hant: String,
    #[serde(default)]
    pub attributes_zh_hans: String,
    #[serde(default)]
    pub attributes_en: String,
    pub axes: Vec<AxisChoice>,
    pub skus: Vec<SkuForm>,
    /// In display order; the first is the cover.
    #[serde(default)]
    pub images: Vec<super::product_images::ImageForm>,
    /// When a draft or unlisted product goes live by itself, as shop time
    /// ("2026-12-01T09:00"); empty for never.
    #[serde(default)]
    pub publish_at: String,
}

/// A SKU that passed every check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidSku {
    pub values: Vec<String>,
    pub price: Money,
    pub stock: i64,
    /// See [`SkuForm::loaded_stock`].
    pub loaded_stock: Option<i64>,
    /// Above `price` when set.
    pub list_price: Option<Money>,
    /// 13 digits with a valid GS1 check digit.
    pub gtin: Option<String>,
    /// Grams, 1..=[`MAX_WEIGHT_G`].
    pub weight_g: Option<i64>,
    /// See [`SkuForm::disabled`].
    pub disabled: bool,
    /// Its row in the form (rows left empty are not SKUs), where a refusal found when saving
    /// is shown.
    pub row: u16,
}

/// The sellable units a save aims at: the typed figure moves the stock by what the operator
/// changed since the editor opened (`typed - loaded`), applied to what is sellable now
/// (`current`), so units sold meanwhile stay sold. A new SKU (`loaded` None) gets what was typed.
pub fn stock_target(current: i64, typed: i64, loaded: Option<i64>) -> i64 {
    match loaded {
        Some(loaded) => current + (typed - loaded),
        None => typed,
    }
}

/// A product form that passed every check the form alone can make (the database checks that
/// the category, axes and values exist).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidProduct {
    pub id: Option<i64>,
    pub version: i64,
    pub category_id: i64,
    pub names: [String; 3],
    /// Trimmed; empty for none.
    pub brand: String,
    pub descriptions: [String; 3],
    /// Normalized attribute text per language (zh-Hant, zh-Hans, en), empty for none.
    pub attributes: [String; 3],
    pub axes: Vec<AxisChoice>,
    pub skus: Vec<ValidSku>,
    /// Alt texts checked; the addresses are checked against what is stored when saving.
    pub images: Vec<super::product_images::ImageForm>,
    /// Unix seconds; whether it is still ahead is checked when saving.
    pub publish_at: Option<i64>,
}

/// A product as the editor opens it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorProduct {
    pub form: ProductForm,
    pub status: ProductStatus,
    pub slug: String,
}

/// One saved version of a product, as the revisions page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductRevision {
    pub version: i64,
    pub status: ProductStatus,
    pub actor_email: String,
    /// Unix seconds.
    pub at: i64,
    /// What this version changed from the one before, field by field (names, brand,
    /// descriptions, category, axes, images, one field per SKU).
    pub changes: Vec<crate::domain::audit::FieldChange>,
}

/// What a save answers: where the product now is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedProduct {
    pub id: i64,
    pub version: i64,
    pub slug: String,
    pub status: ProductStatus,
    /// A supplier's edit that waits for review (the shop still shows the approved version).
    #[serde(default)]
    pub in_review: bool,
}

/// The picture a product without images of its own shows.
pub const PLACEHOLDER_IMAGE: &str = "/icons/icon-512.png";

/// Every combination of the axes' values, in axis order (the first axis varies slowest). No
/// axes make one SKU without values; an axis without values makes none.
pub fn sku_matrix(axes: &[AxisChoice]) -> Vec<Vec<String>> {
    axes.iter().fold(vec![Vec::new()], |combos, axis| {
        combos
            .iter()
            .flat_map(|combo| {
                axis.values.iter().map(move |value| {
                    let mut next = combo.clone();
                    next.push(value.clone());
                    next
                })
            })
            .collect()
    })
}

/// Which earlier combination each new combination continues, after the axes changed from
/// `old_axes` (with combinations `old`) to `new_axes` (with `new`); values follow their axes'
/// order. A pair continues when the two agree on every axis they share and neither has another
/// such partner: the same axes keep every surviving combination; adding an axis with one value,
/// or dropping an axis that had one value, keeps every SKU (its code, stock and history). An
/// axis added with several values, or dropped with several, is ambiguous: those SKUs end.
pub fn continued(
    old_axes: &[String],
    old: &[Vec<String>],
    new_axes: &[String],
    new: &[Vec<String>],
) -> Vec<Option<usize>> {
    let shared: Vec<(usize, usize)> = new_axes
        .iter()
        .enumerate()
        .filter_map(|(n, key)| old_axes.iter().position(|k| k == key).map(|o| (o, n)))
        .collect();
    let agree = |o: &Vec<String>, n: &Vec<String>| {
        shared
            .iter()
            .all(|&(oi, ni)| o.get(oi).is_some() && o.get(oi) == n.get(ni))
    };
    new.iter()
        .map(|n| {
            let mut partners = old.iter().enumerate().filter(|(_, o)| agree(o, n));
            let (index, o) = partners.next()?;
            if partners.next().is_some() || new.iter().filter(|m| agree(o, m)).count() != 1 {
                return None;
            }
            Some(index)
        })
        .collect()
}

/// The editor's SKU rows after the axes changed from `previous` (the axis keys `rows` follow)
/// to `axes`: one row per combination of the matrix, keeping what was typed (and the code) for
/// the combinations that continue (see [`continued`]).
pub fn merge_rows(previous: &[String], axes: &[AxisChoice], rows: &[SkuForm]) -> Vec<SkuForm> {
    let matrix = sku_matrix(axes);
    let keys: Vec<String> = axes.iter().map(|a| a.axis_key.clone()).collect();
    let old: Vec<Vec<String>> = rows.iter().map(|r| r.values.clone()).collect();
    let links = continued(previous, &old, &keys, &matrix);
    matrix
        .into_iter()
        .zip(links)
        .map(|(values, link)| match link {
            Some(i) => SkuForm {
                values,
                ..rows[i].clone()
            },
            None => SkuForm {
                values,
                ..SkuForm::default()
            },
        })
        .collect()
}

/// The editor's rows after the axes changed to `axes`, for a product opened as `loaded`, with
/// `current` the rows as they are now. Which stored SKU a combination continues is decided
/// against what is stored, exactly as the save will decide it ([`continued`] from `loaded`'s
/// axes and SKUs), never click by click: so a row shown with a SKU's code and stock is the SKU
/// the save keeps. What was typed since stays with its combination.
pub fn rows_for_axes(
    loaded: &ProductForm,
    current: &[SkuForm],
    axes: &[AxisChoice],
) -> Vec<SkuForm> {
    let loaded_keys: Vec<String> = loaded.axes.iter().map(|a| a.axis_key.clone()).collect();
    let stored: Vec<&SkuForm> = loaded.skus.iter().filter(|s| !s.code.is_empty()).collect();
    let stored_values: Vec<Vec<String>> = stored.iter().map(|s| s.values.clone()).collect();
    let matrix = sku_matrix(axes);
    let keys: Vec<String> = axes.iter().map(|a| a.axis_key.clone()).collect();
    let links = continued(&loaded_keys, &stored_values, &keys, &matrix);
    matrix
        .into_iter()
        .zip(links)
        .map(|(values, link)| {
            let base = match link {
                Some(i) => SkuForm {
                    values: values.clone(),
                    ..stored[i].clone()
                },
                None => SkuForm {
                    values: values.clone(),
                    ..SkuForm::default()
                },
            };
            match current.iter().find(|row| row.values == values) {
                // Typed since: kept, but it names the stored SKU the save will keep, if any.
                Some(typed) => SkuForm {
                    code: base.code,
                    loaded_stock: base.loaded_stock,
                    ..typed.clone()
                },
                None => base,
            }
        })
        .collect()
}

fn parse_price(text: &str) -> Option<Money> {
    Money::parse_yuan(text)
        .ok()
        .filter(|m| m.fen() > 0 && *m <= MAX_PRICE)
}

/// An optional field: None when left empty, else `Some` of what `parse` made of it (None inside
/// when refused).
fn optional<T>(text: &str, parse: impl Fn(&str) -> Option<T>) -> Option<Option<T>> {
    let text = text.trim();
    if text.is_empty() {
        Some(None)
    } else {
        parse(text).map(Some)
    }
}

fn parse_gtin(text: &str) -> Option<String> {
    let text = crate::domain::text::fold_width(text);
    let text = text.trim();
    ean13_is_valid(text).then(|| text.to_string())
}

fn parse_weight(text: &str) -> Option<i64> {
    let text = crate::domain::text::fold_width(text);
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|g| (1..=MAX_WEIGHT_G).contains(g))
}

fn parse_stock(text: &str) -> Option<i64> {
    let text = crate::domain::text::fold_width(text);
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=MAX_STOCK).contains(n))
}

impl ProductForm {
    /// Every problem at once, each at its field (SKU rows by index).
    pub fn parse(&self) -> Result<ValidProduct, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let mut text = |value: &str, max: usize, field: Field, why: Problem| {
            let ok = bounded_text(value, max);
            if ok.is_none() {
                problems.push(problem(field, why));
            }
            ok.unwrap_or_default()
        };
        let names = [
            text(
                &self.name_zh_hant,
                NAME_MAX_CHARS,
                Field::NameZhHant,
                Problem::NameInvalid,
            ),
            text(
                &self.name_zh_hans,
                NAME_MAX_CHARS,
                Field::NameZhHans,
                Problem::NameInvalid,
            ),
            text(
                &self.name_en,
                NAME_MAX_CHARS,
                Field::NameEn,
                Problem::NameInvalid,
            ),
        ];
        let description = |value: &str, field: Field, problems: &mut Vec<FieldProblem>| {
            let value = value.trim();
            if value.chars().count() > DESCRIPTION_MAX_CHARS {
                problems.push(problem(field, Problem::DescriptionInvalid));
            }
            value.to_string()
        };
        let brand = self.brand.trim().to_string();
        if brand.chars().count() > BRAND_MAX_CHARS || brand.chars().any(char::is_control) {
            problems.push(problem(Field::Brand, Problem::BrandInvalid));
        }
        let descriptions = [
            description(
                &self.description_zh_hant,
                Field::DescriptionZhHant,
                &mut problems,
            ),
            description(
                &self.description_zh_hans,
                Field::DescriptionZhHans,
                &mut problems,
            ),
            description(&self.description_en, Field::DescriptionEn, &mut problems),
        ];
        let attributes = |value: &str, field: Field, problems: &mut Vec<FieldProblem>| {
            match super::product_attributes::parse(value) {
                Ok(parsed) => super::product_attributes::normalize(&parsed),
                Err(_) => {
                    problems.push(problem(field, Problem::AttributesInvalid));
                    String::new()
                }
            }
        };
        let attributes = [
            attributes(
                &self.attributes_zh_hant,
                Field::AttributesZhHant,
                &mut problems,
            ),
            attributes(
                &self.attributes_zh_hans,
                Field::AttributesZhHans,
                &mut problems,
            ),
            attributes(&self.attributes_en, Field::AttributesEn, &mut problems),
        ];
        if self.category_id.is_none() {
            problems.push(problem(Field::Category, Problem::CategoryInvalid));
        }
        let publish_at = optional(&self.publish_at, crate::domain::time::parse_shop_time);
        if publish_at.is_none() {
            problems.push(problem(Field::PublishAt, Problem::PublishAtInvalid));
        }
        let matrix = sku_matrix(&self.axes);
        let mut keys: Vec<&str> = self.axes.iter().map(|a| a.axis_key.as_str()).collect();
        keys.sort();
        keys.dedup();
        let axes_ok = self.axes.len() <= MAX_AXES
            && keys.len() == self.axes.len()
            && !matrix.is_empty()
            && matrix.len() <= MAX_SKUS
            && self.skus.len() == matrix.len()
            && self
                .skus
                .iter()
                .zip(&matrix)
                .all(|(row, values)| row.values == *values);
        if !axes_ok {
            problems.push(problem(Field::Options, Problem::OptionsInvalid));
        }
        problems.extend(super::product_images::check_images(&self.images));
        let mut skus = Vec::new();
        let mut gtins: Vec<String> = Vec::new();
        for (index, row) in self.skus.iter().enumerate() {
            let index = index as u16;
            // A new combination left without price and stock is not sold (partial matrices).
            if row.code.is_empty() && row.price.trim().is_empty() && row.stock.trim().is_empty() {
                continue;
            }
            let price = parse_price(&row.price);
            let stock = parse_stock(&row.stock);
            if price.is_none() {
                problems.push(problem(Field::SkuPrice(index), Problem::PriceInvalid));
            }
            if stock.is_none() {
                problems.push(problem(Field::SkuStock(index), Problem::StockInvalid));
            }
            // Above the price, or it is no "was" price.
            let list_price =
                optional(&row.list_price, parse_price).filter(|list| match (list, price) {
                    (Some(list), Some(price)) => *list > price,
                    _ => true,
                });
            if list_price.is_none() {
                problems.push(problem(
                    Field::SkuListPrice(index),
                    Problem::ListPriceInvalid,
                ));
            }
            let gtin = optional(&row.gtin, parse_gtin);
            match &gtin {
                None => problems.push(problem(Field::SkuGtin(index), Problem::GtinInvalid)),
                Some(Some(code)) if gtins.contains(code) => {
                    problems.push(problem(Field::SkuGtin(index), Problem::GtinTaken))
                }
                Some(Some(code)) => gtins.push(code.clone()),
                Some(None) => {}
            }
            let weight_g = optional(&row.weight, parse_weight);
            if weight_g.is_none() {
                problems.push(problem(Field::SkuWeight(index), Problem::WeightInvalid));
            }
            if let (Some(price), Some(stock), Some(list_price), Some(gtin), Some(weight_g)) =
                (price, stock, list_price, gtin, weight_g)
            {
                skus.push(ValidSku {
                    values: row.values.clone(),
                    price,
                    stock,
                    loaded_stock: row.loaded_stock,
                    list_price,
                    gtin,
                    weight_g,
                    disabled: row.disabled,
                    row: index,
                });
            }
        }
        if axes_ok && skus.is_empty() && problems.is_empty() {
            problems.push(problem(Field::SkuPrice(0), Problem::PriceInvalid));
        }
        match self.category_id {
            Some(category_id) if problems.is_empty() => Ok(ValidProduct {
                id: self.id,
                version: self.version,
                category_id,
                names,
                brand,
                descriptions,
                attributes,
                axes: self.axes.clone(),
                skus,
                images: self.images.clone(),
                publish_at: publish_at.flatten(),
            }),
            _ => Err(problems),
        }
    }
}

/// A product's address: its English name in lower-case words joined by hyphens, then its id
/// (so two products may share a name): `oolong-tea-1042`.
pub fn product_slug(name_en: &str, id: i64) -> String {
    let words: Vec<String> = name_en
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
        .take(8)
        .collect();
    if words.is_empty() {
        format!("p-{id}")
    } else {
        format!("{}-{id}", words.join("-"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axis(key: &str, values: &[&str]) -> AxisChoice {
        AxisChoice {
            axis_key: key.into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        }
    }

    fn form() -> ProductForm {
        let axes = vec![axis("colour", &["black", "white"]), axis("size", &["s"])];
        let skus = merge_rows(&[], &axes, &[])
            .into_iter()
            .map(|row| SkuForm {
                price: "129".into(),
                stock: "5".into(),
                ..row
            })
            .collect();
        ProductForm {
            id: None,
            version: 0,
            category_id: Some(7),
            name_zh_hant: "杯子".into(),
            name_zh_hans: "杯子".into(),
            name_en: "Cup".into(),
            brand: String::new(),
            description_zh_hant: String::new(),
            description_zh_hans: String::new(),
            description_en: "A cup.".into(),
            attributes_zh_hant: String::new(),
            attributes_zh_hans: String::new(),
            attributes_en: String::new(),
            axes,
            skus,
            images: Vec::new(),
            publish_at: String::new(),
        }
    }

    #[test]
    fn attributes_are_normalized_per_language_and_refused_at_their_field() {
        let mut good = form();
        good.attributes_zh_hant = "材質：陶瓷

容量： 350 ml"
            .into();
        good.attributes_en = "Material:ceramic".into();
        let valid = good.parse().unwrap();
        assert_eq!(
            valid.attributes,
            [
                "材質: 陶瓷\n容量: 350 ml".to_string(),
                String::new(),
                "Material: ceramic".to_string()
            ]
        );
        let mut bad = good;
        bad.attributes_zh_hans = "材质陶瓷".into();
        let found = bad.parse().unwrap_err();
        assert_eq!(
            (found[0].field, found[0].problem),
            (Field::AttributesZhHans, Problem::AttributesInvalid)
        );
    }

    #[test]
    fn a_new_row_left_empty_is_not_sold_but_one_row_must_be() {
        let mut form = form();
        form.skus[1].price.clear();
        form.skus[1].stock.clear();
        let valid = form.parse().unwrap();
        assert_eq!(valid.skus.len(), 1);
        assert_eq!(valid.skus[0].values, vec!["black", "s"]);
        form.skus[0].price.clear();
        form.skus[0].stock.clear();
        let problems = form.parse().unwrap_err();
        assert_eq!(problems[0].field, Field::SkuPrice(0));
        // A stored SKU (it has a code) cannot be emptied away: it is refused instead.
        let mut stored = super::tests::form();
        stored.skus[1].code = "CUP-000001-X".into();
        stored.skus[1].price.clear();
        stored.skus[1].stock.clear();
        assert_eq!(stored.parse().unwrap_err()[0].field, Field::SkuPrice(1));
    }

    #[test]
    fn a_save_changes_stock_by_what_the_operator_changed() {
        // Opened at 5; 2 sold meanwhile (3 now): saving 5 unchanged keeps 3, not 5.
        assert_eq!(stock_target(3, 5, Some(5)), 3);
        // Typed 8 over the 5 seen: 3 more than now.
        assert_eq!(stock_target(3, 8, Some(5)), 6);
        // Typed 0 over the 5 seen, 3 left: below zero, which the save refuses.
        assert_eq!(stock_target(3, 0, Some(5)), -2);
        assert_eq!(stock_target(0, 7, None), 7);
    }

    #[test]
    fn the_matrix_has_every_combination_in_axis_order() {
        let axes = [
            axis("colour", &["black", "white"]),
            axis("size", &["s", "m", "l"]),
        ];
        let matrix = sku_matrix(&axes);
        assert_eq!(matrix.len(), 6);
        assert_eq!(matrix[0], vec!["black", "s"]);
        assert_eq!(matrix[1], vec!["black", "m"]);
        assert_eq!(matrix[5], vec!["white", "l"]);
        assert_eq!(sku_matrix(&[]), vec![Vec::<String>::new()]);
        assert!(sku_matrix(&[axis("colour", &[])]).is_empty());
    }

    #[test]
    fn changing_axes_keeps_the_rows_that_survive() {
        let axes = [axis("colour", &["black", "white"])];
        let mut rows = merge_rows(&[], &axes, &[]);
        rows[1].price = "99".into();
        rows[1].stock = "7".into();
        rows[1].code = "FOO-0000001-X".into();
        // White stays, black goes, red comes.
        let keys = vec!["colour".to_string()];
        let after = merge_rows(&keys, &[axis("colour", &["white", "red"])], &rows);
        assert_eq!(after.len(), 2);
        assert_eq!(
            (after[0].price.as_str(), after[0].code.as_str()),
            ("99", "FOO-0000001-X")
        );
        assert_eq!(after[1].values, vec!["red"]);
        assert!(after[1].price.is_empty());

        // A size axis with one value: every row goes on with its code, now as "white / s".
        let sized = [axis("colour", &["white", "red"]), axis("size", &["s"])];
        let with_size = merge_rows(&keys, &sized, &after);
        assert_eq!(with_size[0].values, vec!["white", "s"]);
        assert_eq!(with_size[0].code, "FOO-0000001-X");
        // With two sizes it is ambiguous which size the stock is: the rows start again.
        let two = [axis("colour", &["white"]), axis("size", &["s", "m"])];
        assert!(merge_rows(&keys, &two, &after)
            .iter()
            .all(|r| r.code.is_empty()));
        // Dropping the one-valued axis again keeps them; the axes' order does not matter.
        let both = vec!["colour".to_string(), "size".to_string()];
        let back = merge_rows(&both, &[axis("colour", &["white", "red"])], &with_size);
        assert_eq!(back[0].values, vec!["white"]);
        assert_eq!(back[0].code, "FOO-0000001-X");
        let swapped = merge_rows(
            &both,
            &[axis("size", &["s"]), axis("colour", &["white"])],
            &with_size,
        );
        assert_eq!(swapped[0].values, vec!["s", "white"]);
        assert_eq!(swapped[0].code, "FOO-0000001-X");
        // From no axes to one with a single value: the one SKU goes on.
        let plain = merge_rows(&[], &[], &[]);
        let mut plain = plain;
        plain[0].code = "FOO-0000002-Y".into();
        let coloured = merge_rows(&[], &[axis("colour", &["black"])], &plain);
        assert_eq!(coloured[0].code, "FOO-0000002-Y");
    }

    #[test]
    fn the_editor_keeps_what_the_save_keeps() {
        // Stored: black (code X, 7 in stock). Size S ticked, then M: black continues into
        // black/S only while S is the one size, as the save decides; never by the last click.
        let mut loaded = ProductForm {
            axes: vec![axis("colour", &["black"])],
            ..ProductForm::default()
        };
        loaded.skus = vec![SkuForm {
            values: vec!["black".into()],
            code: "X".into(),
            stock: "7".into(),
            loaded_stock: Some(7),
            price: "30".into(),
            ..SkuForm::default()
        }];
        let one = [axis("colour", &["black"]), axis("size", &["s"])];
        let mut rows = rows_for_axes(&loaded, &loaded.skus, &one);
        assert_eq!(
            (rows[0].code.as_str(), rows[0].loaded_stock),
            ("X", Some(7))
        );
        rows[0].price = "32".into();
        let two = [axis("colour", &["black"]), axis("size", &["s", "m"])];
        let rows = rows_for_axes(&loaded, &rows, &two);
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].code.as_str(), rows[0].loaded_stock), ("", None));
        assert_eq!(rows[0].price, "32", "what was typed stays");
        // Back to one size: black/S is X again.
        let rows = rows_for_axes(&loaded, &rows, &one);
        assert_eq!(
            (rows[0].code.as_str(), rows[0].loaded_stock),
            ("X", Some(7))
        );
        // The save agrees: the same pairing.
        let keys = |a: &[AxisChoice]| a.iter().map(|a| a.axis_key.clone()).collect::<Vec<_>>();
        assert_eq!(
            continued(
                &keys(&loaded.axes),
                &[vec!["black".into()]],
                &keys(&two),
                &sku_matrix(&two)
            ),
            vec![None, None]
        );
    }

    #[test]
    fn continued_pairs_only_one_to_one() {
        let k = |keys: &[&str]| keys.iter().map(|k| k.to_string()).collect::<Vec<_>>();
        let v = |values: &[&str]| values.iter().map(|k| k.to_string()).collect::<Vec<_>>();
        // Two sizes of black fold into one "black": ambiguous, nothing continues.
        let old = vec![v(&["black", "s"]), v(&["black", "m"]), v(&["white", "s"])];
        let new = vec![v(&["black"]), v(&["white"])];
        assert_eq!(
            continued(&k(&["colour", "size"]), &old, &k(&["colour"]), &new),
            vec![None, Some(2)]
        );
        // An axis swapped for another shares nothing: one old and one new pair up, more do not.
        assert_eq!(
            continued(
                &k(&["colour"]),
                &[v(&["black"])],
                &k(&["size"]),
                &[v(&["s"])]
            ),
            vec![Some(0)]
        );
        assert_eq!(
            continued(
                &k(&["colour"]),
                &[v(&["black"]), v(&["white"])],
                &k(&["size"]),
                &[v(&["s"])]
            ),
            vec![None]
        );
    }

    #[test]
    fn a_good_form_parses() {
        let valid = form().parse().unwrap();
        assert_eq!(valid.skus.len(), 2);
        assert_eq!(valid.skus[0].price, Money::from_yuan(129));
        assert_eq!(valid.names[2], "Cup");
    }

    #[test]
    fn every_problem_is_named_at_its_field_and_row() {
        let mut bad = form();
        bad.name_en = " ".into();
        bad.category_id = None;
        bad.skus[0].price = "0".into();
        bad.skus[1].price = "12.345".into();
        bad.skus[1].stock = "-1".into();
        let fields: Vec<Field> = bad.parse().unwrap_err().iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            vec![
                Field::NameEn,
                Field::Category,
                Field::SkuPrice(0),
                Field::SkuPrice(1),
                Field::SkuStock(1)
            ]
        );
        // Rows that do not match the axes (a tampered form) are refused as a whole.
        let mut tampered = form();
        tampered.skus.pop();
        let problems = tampered.parse().unwrap_err();
        assert_eq!(problems[0].field, Field::Options);
        let mut repeated = form();
        repeated.axes[1].axis_key = "colour".into();
        assert!(repeated.parse().is_err());
    }

    #[test]
    fn list_prices_barcodes_and_weights_are_optional_but_checked() {
        let mut good = form();
        good.brand = " Jishi Works ".into();
        good.skus[0].list_price = "159".into();
        good.skus[0].gtin = "６９０１２３４５６７８９２".into();
        good.skus[0].weight = "350".into();
        let valid = good.parse().unwrap();
        assert_eq!(valid.brand, "Jishi Works");
        assert_eq!(valid.skus[0].list_price, Some(Money::from_yuan(159)));
        assert_eq!(valid.skus[0].gtin.as_deref(), Some("6901234567892"));
        assert_eq!(valid.skus[0].weight_g, Some(350));
        assert_eq!(
            (valid.skus[1].list_price, valid.skus[1].weight_g),
            (None, None)
        );

        let mut bad = good.clone();
        bad.brand = "x".repeat(61);
        bad.skus[0].list_price = "129".into(); // not above the price
        bad.skus[0].gtin = "6901234567891".into(); // wrong check digit
        bad.skus[1].gtin = "6901234567892".into();
        bad.skus[1].weight = "0".into();
        let found: Vec<(Field, Problem)> = bad
            .parse()
            .unwrap_err()
            .iter()
            .map(|p| (p.field, p.problem))
            .collect();
        assert_eq!(
            found,
            vec![
                (Field::Brand, Problem::BrandInvalid),
                (Field::SkuListPrice(0), Problem::ListPriceInvalid),
                (Field::SkuGtin(0), Problem::GtinInvalid),
                (Field::SkuWeight(1), Problem::WeightInvalid),
            ]
        );
        // One barcode is one trade item: two rows cannot share it.
        let mut twice = good;
        twice.skus[1].gtin = "6901234567892".into();
        let found = twice.parse().unwrap_err();
        assert_eq!(
            (found[0].field, found[0].problem),
            (Field::SkuGtin(1), Problem::GtinTaken)
        );
    }

    #[test]
    fn prices_and_stock_are_bounded() {
        assert_eq!(parse_price("１２９"), Some(Money::from_yuan(129)));
        assert_eq!(parse_price("1000000.01"), None);
        assert_eq!(parse_stock("999999"), Some(999_999));
        assert_eq!(parse_stock("1000000"), None);
        assert_eq!(parse_stock("2.5"), None);
    }

    #[test]
    fn statuses_and_slugs() {
        for s in ProductStatus::ALL {
            assert_eq!(ProductStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(
            product_slug("Ceramic Mug, 350 ml!", 9),
            "ceramic-mug-350-ml-9"
        );
        assert_eq!(product_slug("茶", 3), "p-3");
    }
}
