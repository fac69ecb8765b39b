//! Staff: what an operator may do in the back office. An operator (the `Operator` role) holds a
//! set of permissions; every back-office server function names the one it needs.

use serde::{Deserialize, Serialize};

/// One area of the back office an operator may act in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Permission {
    /// Categories, products, SKUs, prices, images and stock.
    Catalog,
    /// Deciding suppliers' submitted products.
    Review,
    /// Shipping orders and deciding after-sale requests.
    Orders,
    /// Approving, rejecting and suspending suppliers.
    Suppliers,
    /// Granting and removing staff permissions.
    Users,
    /// Reading sales figures (the dashboard).
    Finance,
    /// The shop's settings and its outgoing mail.
    Settings,
    /// Promotions: 滿減 and coupons, their schedules and reports.
    Marketing,
}

impl Permission {
    pub const ALL: [Permission; 8] = [
        Permission::Catalog,
        Permission::Review,
        Permission::Orders,
        Permission::Suppliers,
        Permission::Users,
        Permission::Finance,
        Permission::Settings,
        Permission::Marketing,
    ];

    /// The stored name (`staff_permissions.permission`).
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::Catalog => "catalog",
            Permission::Review => "review",
            Permission::Orders => "orders",
            Permission::Suppliers => "suppliers",
            Permission::Users => "users",
            Permission::Finance => "finance",
            Permission::Settings => "settings",
            Permission::Marketing => "marketing",
        }
    }

    pub fn parse(value: &str) -> Option<Permission> {
        Permission::ALL.into_iter().find(|p| p.as_str() == value)
    }

    /// The permissions named in a form's values, each once, in `ALL`'s order; None when one of
    /// them is not a permission.
    pub fn parse_set<'a>(values: impl IntoIterator<Item = &'a str>) -> Option<Vec<Permission>> {
        let mut set = Vec::new();
        for value in values {
            set.push(Permission::parse(value)?);
        }
        set.sort();
        set.dedup();
        Some(set)
    }
}

/// An operator as the staff page lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub permissions: Vec<Permission>,
}

/// Why a change to the staff was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StaffRefusal {
    /// After the change no operator could grant permissions any more: the shop would be locked.
    LastUserManager,
}

/// Checks a change of `user_id`'s permissions to `new` (empty: no longer staff) against the
/// staff as they are: at least one operator must keep the users permission.
pub fn check_change(
    staff: &[StaffMember],
    user_id: i64,
    new: &[Permission],
) -> Result<(), StaffRefusal> {
    let managers_after = staff
        .iter()
        .filter(|member| {
            if member.user_id == user_id {
                new.contains(&Permission::Users)
            } else {
                member.permissions.contains(&Permission::Users)
            }
        })
        .count();
    let is_new = !staff.iter().any(|m| m.user_id == user_id);
    let added = usize::from(is_new && new.contains(&Permission::Users));
    if managers_after + added == 0 {
        Err(StaffRefusal::LastUserManager)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(user_id: i64, permissions: &[Permission]) -> StaffMember {
        StaffMember {
            user_id,
            email: format!("{user_id}@example.com"),
            display_name: String::new(),
            permissions: permissions.to_vec(),
        }
    }

    #[test]
    fn permissions_round_trip() {
        for p in Permission::ALL {
            assert_eq!(Permission::parse(p.as_str()), Some(p));
        }
        assert_eq!(Permission::parse("root"), None);
        assert_eq!(Permission::parse("Catalog"), None);
    }

    #[test]
    fn a_set_is_sorted_without_repeats_and_refuses_unknown_names() {
        assert_eq!(
            Permission::parse_set(["users", "catalog", "users"]),
            Some(vec![Permission::Catalog, Permission::Users])
        );
        assert_eq!(Permission::parse_set(["catalog", "everything"]), None);
        assert_eq!(Permission::parse_set([]), Some(vec![]));
    }

    #[test]
    fn the_last_operator_who_manages_staff_cannot_lose_that() {
        let staff = [
            member(1, &Permission::ALL),
            member(2, &[Permission::Catalog]),
        ];
        assert_eq!(
            check_change(&staff, 1, &[Permission::Catalog]),
            Err(StaffRefusal::LastUserManager)
        );
        assert_eq!(
            check_change(&staff, 1, &[]),
            Err(StaffRefusal::LastUserManager)
        );
        assert_eq!(check_change(&staff, 2, &[]), Ok(()));
        assert_eq!(check_change(&staff, 2, &Permission::ALL), Ok(()));
    }

    #[test]
    fn handing_over_works_once_someone_else_manages_staff() {
        let staff = [member(1, &Permission::ALL), member(2, &[Permission::Users])];
        assert_eq!(check_change(&staff, 1, &[Permission::Catalog]), Ok(()));
        // A new member who gets the permission counts too.
        let alone = [member(1, &[Permission::Users])];
        assert_eq!(check_change(&alone, 3, &[Permission::Users]), Ok(()));
        assert_eq!(check_change(&alone, 3, &[Permission::Catalog]), Ok(()));
        assert_eq!(
            check_change(&alone, 1, &[]),
            Err(StaffRefusal::LastUserManager)
        );
    }
}
