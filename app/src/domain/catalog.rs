//! Catalog shapes shared by server and browser, and the rules for variants (SKUs):
//! price ranges, stock states and which option combinations a shopper may pick.

pub mod back_office;
pub mod category_edit;
pub mod facet_counts;
pub mod product_attributes;
pub mod product_codes;
pub mod product_csv;
pub mod product_edit;
pub mod product_images;
pub mod product_review;

use super::money::Money;
use serde::{Deserialize, Serialize};

/// Below this many units a SKU shows "Only N left".
pub const LOW_STOCK_THRESHOLD: i64 = 5;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryLink {
    pub slug: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryTree {
    pub slug: String,
    pub name: String,
    pub children: Vec<CategoryLink>,
}

/// What a product card in a list shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductSummary {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub image: String,
    pub min_price: Money,
    pub max_price: Money,
    pub in_stock: bool,
    pub sales_count: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AxisValue {
    pub key: String,
    pub name: String,
}

/// One option axis of a product (e.g. Colour) with the values its SKUs use, in display order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Axis {
    pub key: String,
    pub name: String,
    pub values: Vec<AxisValue>,
}

/// A purchasable variant. `values[i]` is the value key on `axes[i]` of its product.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sku {
    pub id: i64,
    pub code: String,
    pub price: Money,
    pub stock: i64,
    pub values: Vec<String>,
    /// The "was" price, above `price`, when the operator set one.
    #[serde(default)]
    pub list_price: Option<Money>,
    /// Its GTIN-13 / EAN-13 barcode, when known.
    #[serde(default)]
    pub gtin: Option<String>,
}

/// One of a product's pictures on its page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductImage {
    pub url: String,
    /// Every stored width ("… 240w, … 480w"); empty for a picture stored at one size.
    pub srcset: String,
    /// In the reader's language; the product's name when the operator gave none.
    pub alt: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductDetail {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// As the operator wrote it (Markdown) in the storage layer; the server function answers the
    /// words alone here, and the rendered, cleaned HTML in `description_html`.
    pub description: String,
    #[serde(default)]
    pub description_html: String,
    pub breadcrumb: Vec<CategoryLink>,
    pub images: Vec<ProductImage>,
    pub axes: Vec<Axis>,
    pub skus: Vec<Sku>,
    pub sales_count: i64,
    /// The maker's brand; empty for none.
    #[serde(default)]
    pub brand: String,
    /// The specifications in the shopper's language, in the operator's order.
    #[serde(default)]
    pub attributes: Vec<product_attributes::Attribute>,
    /// 限時秒殺 offers on its SKUs running or starting within a day.
    #[serde(default)]
    pub flash: Vec<crate::domain::promotion::flash_sale::FlashOffer>,
    /// Member prices on its SKUs, by SKU and then level.
    #[serde(default)]
    pub member_prices: Vec<crate::domain::promotion::member_price::SkuMemberPrice>,
    /// When this was read (Unix seconds): countdowns start from it, the same on the server and
    /// in the browser.
    #[serde(default)]
    pub now: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetValue {
    pub key: String,
    pub name: String,
    /// Products in the current result set that have this value.
    pub count: i64,
}

/// A filter group on a listing page: one option axis and its values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facet {
    pub axis_key: String,
    pub axis_name: String,
    pub values: Vec<FacetValue>,
}

/// The category a listing shows, with where it sits in the tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingCategory {
    pub slug: String,
    pub name: String,
    pub parent: Option<CategoryLink>,
    pub children: Vec<CategoryLink>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingPage {
    pub category: Option<ListingCategory>,
    pub query: super::listing::ListingQuery,
    pub problems: Vec<super::listing::QueryProblem>,
    pub products: Vec<ProductSummary>,
    pub total: i64,
    /// Counting stopped at `domain::search::COUNT_CAP`: `total` is that cap, and the page
    /// shows one less (the products all pages reach) with a "+".
    pub total_capped: bool,
    pub page_count: i64,
    pub facets: Vec<Facet>,
    /// Shown when nothing matched, so the shopper never faces a blank page.
    pub popular: Vec<ProductSummary>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomePage {
    pub categories: Vec<CategoryTree>,
    pub featured: Vec<ProductSummary>,
    pub new_arrivals: Vec<ProductSummary>,
    pub best_sellers: Vec<ProductSummary>,
    /// The 會員日 running today, for the home page's banner.
    pub member_day: Option<crate::domain::promotion::member_day::MemberDay>,
    /// The 限時秒殺 shelf: offers running, then starting within a day.
    #[serde(default)]
    pub flash: Vec<crate::domain::promotion::flash_sale::FlashShelfItem>,
    /// When this was read (Unix seconds), for the shelf's countdowns.
    #[serde(default)]
    pub now: i64,
}

/// One option under the search box as the shopper types: a category, or a product with its
/// thumbnail and price.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub label: String,
    pub href: String,
    pub is_category: bool,
    /// A product's cover image; `None` for a category.
    pub image: Option<String>,
    /// A product's cheapest and dearest variant; `None` for a category.
    pub min_price: Option<Money>,
    pub max_price: Option<Money>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StockState {
    InStock,
    Low(i64),
    OutOfStock,
}

impl StockState {
    pub fn of(stock: i64) -> Self {
        match stock {
            s if s <= 0 => StockState::OutOfStock,
            s if s <= LOW_STOCK_THRESHOLD => StockState::Low(s),
            _ => StockState::InStock,
        }
    }
}

/// How a single option value looks given what else the shopper picked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionState {
    /// Some in-stock SKU has this value together with the other picks.
    Available,
    /// Such SKUs exist but none has stock.
    SoldOut,
    /// No SKU has this value together with the other picks.
    Unavailable,
}

impl OptionState {
    pub fn selectable(self) -> bool {
        self == OptionState::Available
    }
}

/// The shopper's pick per axis, `None` where nothing is picked yet.
pub type Selection = Vec<Option<String>>;

fn matches(sku: &Sku, selection: &[Option<String>], skip_axis: Option<usize>) -> bool {
    selection
        .iter()
        .enumerate()
        .all(|(axis, picked)| match picked {
            _ if Some(axis) == skip_axis => true,
            None => true,
            Some(value) => sku.values.get(axis) == Some(value),
        })
}

/// The state of `value` on `axis`, holding the picks on every other axis fixed.
pub fn option_state(
    skus: &[Sku],
    selection: &[Option<String>],
    axis: usize,
    value: &str,
) -> OptionState {
    let mut exists = false;
    for sku in skus {
        if sku.values.get(axis).map(String::as_str) == Some(value)
            && matches(sku, selection, Some(axis))
        {
            if sku.stock > 0 {
                return OptionState::Available;
            }
            exists = true;
        }
    }
    if exists {
        OptionState::SoldOut
    } else {
        OptionState::Unavailable
    }
}

/// The SKU the selection names, once every axis is picked.
pub fn selected_sku<'a>(
    skus: &'a [Sku],
    selection: &[Option<String>],
    axis_count: usize,
) -> Option<&'a Sku> {
    if selection.len() != axis_count || selection.iter().any(Option::is_none) {
        return None;
    }
    skus.iter().find(|sku| matches(sku, selection, None))
}

/// Lowest and highest price among the SKUs still compatible with the selection.
pub fn price_range(skus: &[Sku], selection: &[Option<String>]) -> Option<(Money, Money)> {
    let mut prices = skus
        .iter()
        .filter(|sku| matches(sku, selection, None))
        .map(|sku| sku.price);
    let first = prices.next()?;
    Some(prices.fold((first, first), |(lo, hi), p| (lo.min(p), hi.max(p))))
}

/// The price range the shop advertises for a product (the listing's "from ¥…", the price
/// filter and sort, the structured data's offer) from its SKUs' (price, stock): among the SKUs
/// that can be bought now, or, when none can, among all of them, so a sold-out product still
/// shows what it cost. None without SKUs. `products.min_price`/`max_price` hold this, kept by
/// `db::catalog::refresh_derived` in the transaction that changes a price or a stock.
pub fn offer_range(skus: impl IntoIterator<Item = (Money, i64)>) -> Option<(Money, Money)> {
    let skus: Vec<(Money, i64)> = skus.into_iter().collect();
    let buyable = skus.iter().any(|(_, stock)| *stock > 0);
    skus.iter()
        .filter(|(_, stock)| !buyable || *stock > 0)
        .map(|(price, _)| *price)
        .fold(None, |range, p| match range {
            None => Some((p, p)),
            Some((lo, hi)) => Some((p.min(lo), p.max(hi))),
        })
}

/// Total stock among the SKUs compatible with the selection.
pub fn stock_for(skus: &[Sku], selection: &[Option<String>]) -> i64 {
    skus.iter()
        .filter(|sku| matches(sku, selection, None))
        .map(|sku| sku.stock.max(0))
        .sum()
}

/// When a product has exactly one SKU, or only one value on an axis, there is nothing to choose:
/// pre-pick those values so the price and stock show at once.
pub fn initial_selection(axes: &[Axis]) -> Selection {
    axes.iter()
        .map(|axis| {
            if axis.values.len() == 1 {
                Some(axis.values[0].key.clone())
            } else {
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_advertised_range_leaves_out_sold_out_skus_unless_all_are() {
        let yuan = Money::from_yuan;
        // The ¥129 SKU is sold out; only the ¥289 one can be bought.
        assert_eq!(
            offer_range([(yuan(129), 0), (yuan(289), 4)]),
            Some((yuan(289), yuan(289)))
        );
        assert_eq!(
            offer_range([(yuan(129), 2), (yuan(289), 4), (yuan(99), 0)]),
            Some((yuan(129), yuan(289)))
        );
        assert_eq!(
            offer_range([(yuan(129), 0), (yuan(289), 0)]),
            Some((yuan(129), yuan(289)))
        );
        assert_eq!(offer_range([]), None);
    }

    fn sku(id: i64, price: i64, stock: i64, values: &[&str]) -> Sku {
        Sku {
            id,
            code: format!("SKU{id}"),
            price: Money::from_fen(price),
            stock,
            values: values.iter().map(|v| v.to_string()).collect(),
            list_price: None,
            gtin: None,
        }
    }

    /// Colour × storage, where white/512 does not exist and blue/256 is sold out.
    fn phone_skus() -> Vec<Sku> {
        vec![
            sku(1, 299_900, 10, &["black", "256"]),
            sku(2, 349_900, 3, &["black", "512"]),
            sku(3, 299_900, 0, &["blue", "256"]),
            sku(4, 349_900, 7, &["blue", "512"]),
            sku(5, 299_900, 4, &["white", "256"]),
        ]
    }

    fn pick(values: &[Option<&str>]) -> Selection {
        values.iter().map(|v| v.map(str::to_string)).collect()
    }

    #[test]
    fn with_nothing_picked_every_value_that_has_stock_somewhere_is_available() {
        let skus = phone_skus();
        let none = pick(&[None, None]);
        assert_eq!(
            option_state(&skus, &none, 0, "white"),
            OptionState::Available
        );
        assert_eq!(option_state(&skus, &none, 1, "512"), OptionState::Available);
        assert_eq!(
            option_state(&skus, &none, 0, "red"),
            OptionState::Unavailable
        );
    }

    #[test]
    fn picking_one_axis_disables_missing_and_sold_out_combinations_on_the_other() {
        let skus = phone_skus();
        let white = pick(&[Some("white"), None]);
        assert_eq!(
            option_state(&skus, &white, 1, "256"),
            OptionState::Available
        );
        assert_eq!(
            option_state(&skus, &white, 1, "512"),
            OptionState::Unavailable
        );
        let blue = pick(&[Some("blue"), None]);
        assert_eq!(option_state(&skus, &blue, 1, "256"), OptionState::SoldOut);
        assert!(!OptionState::SoldOut.selectable());
        let s512 = pick(&[None, Some("512")]);
        assert_eq!(
            option_state(&skus, &s512, 0, "white"),
            OptionState::Unavailable
        );
        assert_eq!(
            option_state(&skus, &s512, 0, "black"),
            OptionState::Available
        );
    }

    #[test]
    fn an_axis_ignores_its_own_pick_so_the_shopper_can_switch_values() {
        let skus = phone_skus();
        let black_512 = pick(&[Some("black"), Some("512")]);
        assert_eq!(
            option_state(&skus, &black_512, 0, "blue"),
            OptionState::Available
        );
        assert_eq!(
            option_state(&skus, &black_512, 0, "white"),
            OptionState::Unavailable
        );
    }

    #[test]
    fn price_is_a_range_until_one_sku_is_chosen() {
        let skus = phone_skus();
        let none = pick(&[None, None]);
        assert_eq!(
            price_range(&skus, &none),
            Some((Money::from_fen(299_900), Money::from_fen(349_900)))
        );
        assert_eq!(selected_sku(&skus, &none, 2), None);
        let white = pick(&[Some("white"), None]);
        assert_eq!(
            price_range(&skus, &white),
            Some((Money::from_fen(299_900), Money::from_fen(299_900)))
        );
        let chosen = pick(&[Some("black"), Some("512")]);
        assert_eq!(selected_sku(&skus, &chosen, 2).map(|s| s.id), Some(2));
        assert_eq!(stock_for(&skus, &chosen), 3);
        assert_eq!(
            selected_sku(&skus, &pick(&[Some("white"), Some("512")]), 2),
            None
        );
        assert_eq!(price_range(&skus, &pick(&[Some("red"), None])), None);
    }

    #[test]
    fn stock_states() {
        assert_eq!(StockState::of(0), StockState::OutOfStock);
        assert_eq!(StockState::of(-1), StockState::OutOfStock);
        assert_eq!(StockState::of(2), StockState::Low(2));
        assert_eq!(
            StockState::of(LOW_STOCK_THRESHOLD),
            StockState::Low(LOW_STOCK_THRESHOLD)
        );
        assert_eq!(StockState::of(LOW_STOCK_THRESHOLD + 1), StockState::InStock);
    }

    #[test]
    fn single_value_axes_are_pre_picked() {
        let axes = vec![
            Axis {
                key: "colour".into(),
                name: "Colour".into(),
                values: vec![AxisValue {
                    key: "black".into(),
                    name: "Black".into(),
                }],
            },
            Axis {
                key: "size".into(),
                name: "Size".into(),
                values: vec![
                    AxisValue {
                        key: "s".into(),
                        name: "S".into(),
                    },
                    AxisValue {
                        key: "m".into(),
                        name: "M".into(),
                    },
                ],
            },
        ];
        assert_eq!(initial_selection(&axes), pick(&[Some("black"), None]));
    }
}
