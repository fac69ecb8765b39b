//! Facet counts kept per category: how many active products in a category offer each option
//! value. A product's change moves only its own contributions, found by comparing what it
//! offered before with what it offers now.

use std::collections::BTreeMap;

/// One contribution: a product in `category_id` offers `value_key` on `axis_key`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FacetKey {
    pub category_id: i64,
    pub axis_key: String,
    pub value_key: String,
}

/// The changes to the counts when one product goes from offering `before` to `after` (each a
/// set: a repeated key counts once), as (key, +1 or −1), in key order. Writers apply them in
/// that order, so two transactions lock the count rows in the same order. Empty when nothing
/// the counts see changed (a price or stock edit).
pub fn facet_deltas(before: &[FacetKey], after: &[FacetKey]) -> Vec<(FacetKey, i64)> {
    let mut deltas: BTreeMap<&FacetKey, i64> = BTreeMap::new();
    let mut seen_before: Vec<&FacetKey> = before.iter().collect();
    seen_before.sort();
    seen_before.dedup();
    let mut seen_after: Vec<&FacetKey> = after.iter().collect();
    seen_after.sort();
    seen_after.dedup();
    for key in seen_before {
        *deltas.entry(key).or_default() -= 1;
    }
    for key in seen_after {
        *deltas.entry(key).or_default() += 1;
    }
    deltas
        .into_iter()
        .filter(|(_, delta)| *delta != 0)
        .map(|(key, delta)| (key.clone(), delta))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(category_id: i64, axis: &str, value: &str) -> FacetKey {
        FacetKey {
            category_id,
            axis_key: axis.into(),
            value_key: value.into(),
        }
    }

    #[test]
    fn an_unchanged_product_moves_nothing() {
        let offers = vec![key(3, "colour", "black"), key(3, "size", "m")];
        assert!(facet_deltas(&offers, &offers).is_empty());
    }

    #[test]
    fn a_new_product_adds_each_value_once() {
        let after = vec![
            key(3, "colour", "black"),
            key(3, "colour", "black"),
            key(3, "size", "m"),
        ];
        assert_eq!(
            facet_deltas(&[], &after),
            vec![(key(3, "colour", "black"), 1), (key(3, "size", "m"), 1)]
        );
    }

    #[test]
    fn a_product_taken_off_the_shop_takes_back_what_it_gave() {
        let before = vec![key(3, "size", "m"), key(3, "colour", "black")];
        assert_eq!(
            facet_deltas(&before, &[]),
            vec![(key(3, "colour", "black"), -1), (key(3, "size", "m"), -1)]
        );
    }

    #[test]
    fn a_move_between_categories_and_a_changed_value_come_in_key_order() {
        let before = vec![key(7, "colour", "black"), key(7, "size", "m")];
        let after = vec![key(2, "colour", "black"), key(2, "size", "l")];
        assert_eq!(
            facet_deltas(&before, &after),
            vec![
                (key(2, "colour", "black"), 1),
                (key(2, "size", "l"), 1),
                (key(7, "colour", "black"), -1),
                (key(7, "size", "m"), -1),
            ]
        );
    }

    #[test]
    fn only_the_changed_value_moves() {
        let before = vec![key(3, "colour", "black"), key(3, "colour", "white")];
        let after = vec![key(3, "colour", "black"), key(3, "colour", "red")];
        assert_eq!(
            facet_deltas(&before, &after),
            vec![
                (key(3, "colour", "red"), 1),
                (key(3, "colour", "white"), -1)
            ]
        );
    }
}
