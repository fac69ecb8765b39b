//! The member center's front page.

use super::MemberLevel;
use serde::{Deserialize, Serialize};

/// Who the member is and what they have: shown on the member center's front page.
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
