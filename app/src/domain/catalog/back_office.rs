//! What the back office lists about the catalog: products, SKU stock, suppliers (the review
//! queue's rows are `product_review::ReviewItem`). Shapes only; the rules live beside the
//! features that change them.

use crate::domain::money::Money;
use serde::{Deserialize, Serialize};

/// How many rows one page of a back-office list shows.
pub const ADMIN_PAGE: i64 = 50;

/// A product as the products page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminProductRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub category: String,
    /// `products.status`: "active" is live in the shop.
    pub status: String,
    pub min_price: Money,
    pub max_price: Money,
    /// Units over all SKUs.
    pub total_stock: i64,
    pub sku_count: i64,
}

/// One SKU's stock as the stock page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockRow {
    pub sku_id: i64,
    pub sku_code: String,
    pub product_id: i64,
    pub product_name: String,
    /// The SKU's option values in the reader's language, e.g. "Black / 128 GB"; empty when the
    /// product has no axes.
    pub options: String,
    pub price: Money,
    pub stock: i64,
    /// At or below its low-stock threshold.
    pub low: bool,
    /// Its own threshold in units; `None` when it uses the default.
    pub own_threshold: Option<i64>,
    /// The threshold that applies, in units.
    pub threshold: i64,
    /// Per warehouse that has held it, oldest warehouse first.
    pub levels: Vec<crate::domain::stock::Level>,
}

/// An account holding the supplier role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplierRow {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    /// When the role was granted (unix seconds).
    pub since: i64,
    /// From its approved application; empty for an account given the role by hand.
    pub company: String,
    /// False while suspended.
    pub active: bool,
    /// Whether it was approved through an application (only those can be suspended).
    pub has_record: bool,
}
