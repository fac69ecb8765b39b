//! The roles a user can hold.

use serde::{Deserialize, Serialize};

/// What a user may be, several at once. Every signed-in user is a customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    Customer,
    Supplier,
    Distributor,
    Operator,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Customer,
        Role::Supplier,
        Role::Distributor,
        Role::Operator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Customer => "customer",
            Role::Supplier => "supplier",
            Role::Distributor => "distributor",
            Role::Operator => "operator",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
