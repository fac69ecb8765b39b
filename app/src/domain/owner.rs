//! Whose goods: every product (with its SKUs and their stock) and every warehouse has an owner,
//! the platform itself or a supplier. Every back-office catalog and stock function takes the
//! caller's [`Scope`] and acts only on goods it covers: an operator's covers every owner, a
//! supplier's (the supplier console) only its own, so supplier A never reads or changes B's.

use serde::{Deserialize, Serialize};

/// Who owns goods. Stored as `owner_id`: NULL for the platform, the supplier's user id else.
/// Ordered the platform first, then suppliers by id (an order's parcels follow this order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Owner {
    Platform,
    Supplier(i64),
}

impl Owner {
    /// The owner an `owner_id` column names.
    pub fn from_column(owner_id: Option<i64>) -> Owner {
        owner_id.map_or(Owner::Platform, Owner::Supplier)
    }

    /// The `owner_id` column's value.
    pub fn column(self) -> Option<i64> {
        match self {
            Owner::Platform => None,
            Owner::Supplier(id) => Some(id),
        }
    }

    /// The key of the owner's settings rows (`stock_settings.owner_key`): `platform`, or
    /// `supplier:<user id>`.
    pub fn settings_key(self) -> String {
        match self {
            Owner::Platform => "platform".to_owned(),
            Owner::Supplier(id) => format!("supplier:{id}"),
        }
    }
}

/// Which owners' goods a caller may act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    /// Operators (with the permission the function asks for): every owner's goods.
    AllOwners,
    /// One owner's goods only (a supplier's own).
    Only(Owner),
}

impl Scope {
    pub fn covers(self, owner: Owner) -> bool {
        match self {
            Scope::AllOwners => true,
            Scope::Only(only) => only == owner,
        }
    }

    /// The owner of goods this caller creates: the platform for operators, the supplier itself
    /// for a supplier.
    pub fn creates_as(self) -> Owner {
        match self {
            Scope::AllOwners => Owner::Platform,
            Scope::Only(owner) => owner,
        }
    }

    /// The two values a query's owner filter binds: whether every owner is covered (1 or 0)
    /// and else the one owner's `owner_id` (see `db::owner_filter`).
    pub fn binds(self) -> (i64, Option<i64>) {
        match self {
            Scope::AllOwners => (1, None),
            Scope::Only(owner) => (0, owner.column()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_cover_everyone_and_a_supplier_only_itself() {
        let (a, b) = (Owner::Supplier(7), Owner::Supplier(8));
        for owner in [Owner::Platform, a, b] {
            assert!(Scope::AllOwners.covers(owner));
        }
        assert!(Scope::Only(a).covers(a));
        assert!(!Scope::Only(a).covers(b));
        assert!(!Scope::Only(a).covers(Owner::Platform));
        assert!(!Scope::Only(Owner::Platform).covers(a));
        assert_eq!(Scope::AllOwners.creates_as(), Owner::Platform);
        assert_eq!(Scope::Only(a).creates_as(), a);
    }

    #[test]
    fn columns_and_binds() {
        assert_eq!(Owner::from_column(None), Owner::Platform);
        assert_eq!(Owner::from_column(Some(7)), Owner::Supplier(7));
        assert_eq!(Owner::Supplier(7).column(), Some(7));
        assert_eq!(Scope::AllOwners.binds(), (1, None));
        assert_eq!(Scope::Only(Owner::Supplier(7)).binds(), (0, Some(7)));
        assert_eq!(Scope::Only(Owner::Platform).binds(), (0, None));
        assert_eq!(Owner::Platform.settings_key(), "platform");
        assert_eq!(Owner::Supplier(7).settings_key(), "supplier:7");
    }
}
