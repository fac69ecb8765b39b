//! Products a member saved (favourites) or viewed (history), and what a guest kept in the browser.

use crate::domain::catalog::ProductSummary;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedProduct {
    pub product: ProductSummary,
    /// When it was favourited or last viewed.
    pub at: i64,
}

/// What a guest kept in the browser before signing in; merged into the account.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuestState {
    pub favourites: Vec<i64>,
    /// (product id, viewed at) pairs, newest first.
    pub history: Vec<(i64, i64)>,
}

impl GuestState {
    /// How many items a merge accepts; a browser cannot flood the account.
    pub const MAX_ITEMS: usize = 200;
}
