//! Who is signed in, as every page sees them.

use super::Role;
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
