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
    /// What an operator may do in the back office (empty for everyone else); menus use it to
    /// show only the tools a person can use, the server checks it again on every call.
    #[serde(default)]
    pub permissions: Vec<crate::domain::staff::Permission>,
}

impl SessionUser {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Whether this is an operator holding `permission`.
    pub fn may(&self, permission: crate::domain::staff::Permission) -> bool {
        self.has(Role::Operator) && self.permissions.contains(&permission)
    }
}
