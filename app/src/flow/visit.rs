//! Counting visits and the visits that ordered (server only), for the dashboard's conversion.
//!
//! The visitor key is the first 16 bytes (hex) of SHA-256(day's salt ‖ address ‖ User-Agent):
//! the same browser on the same address is one visitor for the day, and no cookie is set. Once
//! the day's salt is deleted the key cannot be recomputed from an address (the method of
//! cookieless analytics such as Plausible's, https://plausible.io/data-policy).

use crate::db::visit as repo;
use crate::db::Db;
use crate::domain::dashboard::shop_day;
use sha2::{Digest, Sha256};

fn visitor_key(salt: &str, ip: &str, user_agent: &str) -> String {
    let mut hash = Sha256::new();
    for part in [salt, ip, user_agent] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    hex::encode(&hash.finalize()[..16])
}

/// Counts a page view at `now` (unix seconds) by the browser `user_agent` at address `ip` as
/// that visitor's visit of the day (written once a day per visitor).
pub async fn count_visit(db: &Db, now: i64, ip: &str, user_agent: &str) -> Result<(), sqlx::Error> {
    let day = shop_day(now);
    match repo::salt(db, day).await? {
        Some(salt) => repo::record(db, day, &visitor_key(&salt, ip, user_agent)).await,
        // The day is over on another instance: not counted.
        None => Ok(()),
    }
}

/// The visit of the browser `user_agent` at address `ip` at `now`, for an order to mark as an
/// ordering visit (None once the day is over on another instance, as for page views).
pub async fn ordering_visitor(
    db: &Db,
    now: i64,
    ip: &str,
    user_agent: &str,
) -> Result<Option<repo::VisitorDay>, sqlx::Error> {
    let day = shop_day(now);
    Ok(repo::salt(db, day).await?.map(|salt| repo::VisitorDay {
        day,
        visitor: visitor_key(&salt, ip, user_agent),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_differ_by_salt_address_and_browser() {
        let key = visitor_key("s", "203.0.113.9", "Firefox");
        assert_eq!(key.len(), 32);
        assert_eq!(key, visitor_key("s", "203.0.113.9", "Firefox"));
        assert_ne!(key, visitor_key("t", "203.0.113.9", "Firefox"));
        assert_ne!(key, visitor_key("s", "203.0.113.8", "Firefox"));
        assert_ne!(key, visitor_key("s", "203.0.113.9", "Chrome"));
        // The separator keeps the parts apart: ("ab", "c") is not ("a", "bc").
        assert_ne!(visitor_key("s", "ab", "c"), visitor_key("s", "a", "bc"));
    }
}
