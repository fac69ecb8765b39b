//! What the member center shows: plain data sent from server to browser.

use crate::domain::account::{AddressForm, MemberLevel, Role};
use crate::domain::catalog::ProductSummary;
use serde::{Deserialize, Serialize};

/// The signed-in user as every page sees them (header, guards, menus).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
}

impl SessionUser {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberOverview {
    pub display_name: String,
    pub email: String,
    pub avatar_url: Option<String>,
    pub level: MemberLevel,
    pub points_balance: i64,
    pub favourite_count: i64,
    pub member_since: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileView {
    pub email: String,
    pub display_name: String,
    pub phone: String,
    pub birthday: String,
    pub preferred_locale: String,
    pub avatar_url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressView {
    pub id: i64,
    pub form: AddressForm,
    /// The region's name in the page's language.
    pub region_name: String,
    pub is_default: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointsEntry {
    pub delta: i64,
    pub balance_after: i64,
    pub reason: String,
    pub created_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointsPage {
    pub balance: i64,
    pub entries: Vec<PointsEntry>,
}

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

/// Why points were added or spent, stored as a short code ("order|J2611…", "welcome") and
/// put into words only when shown, in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PointsReason {
    /// Earned with a paid order.
    Order(String),
    /// Taken back when that order was refunded or cancelled after payment.
    Refund(String),
    Welcome,
    /// Text stored before these codes existed, shown as it is.
    Other(String),
}

impl std::fmt::Display for PointsReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PointsReason::Order(order_no) => write!(f, "order|{order_no}"),
            PointsReason::Refund(order_no) => write!(f, "refund|{order_no}"),
            PointsReason::Welcome => f.write_str("welcome"),
            PointsReason::Other(text) => f.write_str(text),
        }
    }
}

impl PointsReason {
    pub fn parse(value: &str) -> PointsReason {
        match value.split_once('|') {
            Some(("order", order_no)) => PointsReason::Order(order_no.to_string()),
            Some(("refund", order_no)) => PointsReason::Refund(order_no.to_string()),
            _ if value == "welcome" => PointsReason::Welcome,
            _ => PointsReason::Other(value.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PointsReason;

    #[test]
    fn points_reasons_read_back_as_written() {
        for reason in [
            PointsReason::Order("J2611220000001".into()),
            PointsReason::Refund("J2611220000001".into()),
            PointsReason::Welcome,
            PointsReason::Other("manual correction".into()),
        ] {
            assert_eq!(PointsReason::parse(&reason.to_string()), reason);
        }
    }
}
