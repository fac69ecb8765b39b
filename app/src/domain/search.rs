//! Full-text search: the one analyzer that turns product text into index tokens and a typed
//! query into what to look up, so "手機", "手机", "ＰＨＯＮＥ" and "phone", or "Pu’er", "pu-er"
//! and "puer", meet in the middle. The databases only store and look up the tokens made here
//! (SQLite FTS5 with the `ascii` tokenizer on space-separated tokens; PostgreSQL `tsvector` and
//! `tsquery` literals, never `to_tsvector`), so both backends match exactly the same products.
//!
//! The analyzer, in order ([`fold`], then [`document`] and [`query`]):
//! - Unicode NFKC (full-width `ＰＨＯＮＥ１２８` → `PHONE128`, `①` → `1`, Kangxi radicals →
//!   ideographs), lower case, Latin accents dropped (`café` → `cafe`, `ß` → `ss`), Traditional →
//!   Simplified one character at a time (a committed table from OpenCC and fast2s, so a
//!   character folds the same wherever it stands);
//! - every CJK character (Han, kana, Hangul, Bopomofo) is one token at its own position, and a
//!   run of them in a query is a phrase: 茶 finds 乌龙茶, 手機 and 手机 find 智能手机 but not 手表机;
//! - Latin words join across one apostrophe or hyphen (`Pu’er` = `pu'er` = `pu-er` = `puer`);
//!   the index also keeps the parts (`T-shirt` → `tshirt t shirt`, `128GB` → `128gb 128 gb`);
//!   words of three or more ASCII letters are stemmed (English Snowball: `teas` → `tea`).
//!
//! Ranking (see `db::search`): a product's text match (bm25 on SQLite, `ts_rank_cd` on
//! PostgreSQL; a hit in the name weighs ten times one in the description) times a popularity
//! factor `1 + sales / (sales + 200)`. Relevance is exact within the [`RANK_WINDOW`] most popular
//! matches (after filters); when more products match, those pages come first and later pages
//! continue with the remaining matches in popularity order. That keeps every query's cost
//! bounded: a one-character query like 茶 can match a sixth of a large catalog.
//!
//! Counts above [`COUNT_CAP`] are shown as "9,600+" (the last reachable page), and facet counts
//! are only computed when a search matches at most [`FACET_WINDOW`] products.

#[cfg(feature = "ssr")]
pub mod document;
#[cfg(feature = "ssr")]
pub mod fold;
#[cfg(feature = "ssr")]
mod han_table;
#[cfg(feature = "ssr")]
pub mod query;

#[cfg(feature = "ssr")]
pub use document::{Document, DocumentSource, Lexeme};
#[cfg(feature = "ssr")]
pub use fold::fold;
#[cfg(feature = "ssr")]
pub use query::{Group, SearchQuery};

use super::listing::{MAX_PAGE, PAGE_SIZE};

/// Longest query we look at, in characters; longer input is cut, not rejected.
pub const MAX_QUERY_CHARS: usize = 100;
/// At most this many words or CJK runs are matched (each must match).
pub const MAX_TERMS: usize = 8;

/// Version of the analyzer's rules. Bump it whenever tokens would change (the folding table,
/// stemming, token rules): the server rebuilds the index on start when rows carry another one.
pub const ANALYZER_VERSION: i64 = 1;

/// How many of the most popular matches are ranked by relevance: 21 pages. A multiple of
/// [`PAGE_SIZE`], so no page straddles the ranked part and the popularity-ordered rest.
pub const RANK_WINDOW: i64 = 21 * PAGE_SIZE;

/// A search matching more products than this shows no option facets (counting them would read
/// every match); category links and the price and stock filters still show.
pub const FACET_WINDOW: i64 = 2_000;

/// Counting stops here: one more than the products on all reachable pages, so "more than
/// that" shows as "9,600+" and the last page still knows it is not past the end.
pub const COUNT_CAP: i64 = MAX_PAGE * PAGE_SIZE + 1;

/// Popularity class of a product: ⌊4·log2(1 + sales)⌋, 0 ..= 255. Coarse on purpose, so the
/// index key changes only when sales grow by about 19 %.
pub fn popularity_bucket(sales_count: i64) -> i64 {
    let sales = sales_count.max(0) as f64;
    ((4.0 * (1.0 + sales).log2()).floor() as i64).clamp(0, 255)
}

/// The key both indexes are ordered by: `bucket << 32 | product_id`. Walking it in descending
/// order yields the most popular matches first without reading `products`. Product ids must be
/// below 2^32 (they are sequence values; four billion products are not in sight).
pub fn search_key(product_id: i64, sales_count: i64) -> i64 {
    (popularity_bucket(sales_count) << 32) | (product_id & 0xFFFF_FFFF)
}

/// The product id inside a [`search_key`].
pub fn product_of_key(key: i64) -> i64 {
    key & 0xFFFF_FFFF
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_key_orders_by_popularity_and_keeps_the_id() {
        let mut last = -1;
        for sales in [0, 1, 2, 10, 100, 1_000, 9_801, 1_000_000, i64::MAX] {
            let key = search_key(42, sales);
            assert!(key >= last, "{sales}");
            assert_eq!(product_of_key(key), 42);
            last = key;
        }
        assert_eq!(popularity_bucket(0), 0);
        assert_eq!(popularity_bucket(1), 4);
        assert_eq!(popularity_bucket(-5), 0);
        assert_eq!(RANK_WINDOW % PAGE_SIZE, 0);
        assert_eq!(COUNT_CAP, 9_601);
    }
}
