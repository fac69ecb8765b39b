//! The state of a product listing (category page or search) as it lives in the URL:
//! parsed from the query string, written back in one canonical order, so any page can be
//! shared, bookmarked and reloaded.

use super::money::{Money, MoneyParseError};
use serde::{Deserialize, Serialize};

pub const PAGE_SIZE: i64 = 24;
/// Deep pages cost the database more than anyone reads; beyond this we ask to refine.
pub const MAX_PAGE: i64 = 400;
const MAX_OPTION_FILTERS: usize = 12;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    PriceAsc,
    PriceDesc,
    BestSelling,
}

impl Sort {
    pub const ALL: [Sort; 5] = [
        Sort::Relevance,
        Sort::Newest,
        Sort::PriceAsc,
        Sort::PriceDesc,
        Sort::BestSelling,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::PriceAsc => "price_asc",
            Sort::PriceDesc => "price_desc",
            Sort::BestSelling => "best_selling",
        }
    }

    pub fn from_key(key: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// Something in the URL we could not use; shown to the shopper, the rest of the query still applies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QueryProblem {
    BadMinPrice,
    BadMaxPrice,
    MinAboveMax,
    BadSort,
    BadPage,
    BadOption,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingQuery {
    /// The search words as typed (empty on a plain category page).
    pub q: String,
    pub sort: Sort,
    pub min_price: Option<Money>,
    pub max_price: Option<Money>,
    pub in_stock: bool,
    /// (axis key, value key) pairs; values on one axis are alternatives, axes combine.
    pub options: Vec<(String, String)>,
    /// 1-based.
    pub page: i64,
}

fn decode_component(raw: &str) -> String {
    fn hex(byte: u8) -> Option<u8> {
        (byte as char).to_digit(16).map(|d| d as u8)
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(hi), Some(lo)) => {
                    out.push(hi * 16 + lo);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes a query component (RFC 3986 unreserved characters stay as they are).
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Splits "a=1&b=2" (with or without a leading '?') into decoded pairs.
pub fn parse_pairs(query_string: &str) -> Vec<(String, String)> {
    query_string
        .trim_start_matches('?')
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            (decode_component(k), decode_component(v))
        })
        .collect()
}

fn is_key(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 40
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

impl ListingQuery {
    /// Reads a URL query string. Unusable parts are dropped and reported, never fatal.
    pub fn parse(query_string: &str) -> (ListingQuery, Vec<QueryProblem>) {
        let mut query = ListingQuery {
            page: 1,
            ..Default::default()
        };
        let mut problems = Vec::new();
        let note = |p: QueryProblem, problems: &mut Vec<QueryProblem>| {
            if !problems.contains(&p) {
                problems.push(p);
            }
        };
        for (key, value) in parse_pairs(query_string) {
            let value = value.trim();
            match key.as_str() {
                "q" => query.q = value.chars().take(super::search::MAX_QUERY_CHARS).collect(),
                "sort" if value.is_empty() => {}
                "sort" => match Sort::from_key(value) {
                    Some(sort) => query.sort = sort,
                    None => note(QueryProblem::BadSort, &mut problems),
                },
                "min" if value.is_empty() => {}
                "min" => match Money::parse_yuan(value) {
                    Ok(m) => query.min_price = Some(m),
                    Err(_) => note(QueryProblem::BadMinPrice, &mut problems),
                },
                "max" if value.is_empty() => {}
                "max" => match Money::parse_yuan(value) {
                    Ok(m) => query.max_price = Some(m),
                    Err(MoneyParseError::TooLarge) => {}
                    Err(_) => note(QueryProblem::BadMaxPrice, &mut problems),
                },
                "in_stock" => query.in_stock = matches!(value, "1" | "true" | "on"),
                "page" => match value.parse::<i64>() {
                    Ok(page) if (1..=MAX_PAGE).contains(&page) => query.page = page,
                    _ => note(QueryProblem::BadPage, &mut problems),
                },
                "opt" => match value.split_once(':') {
                    Some((axis, val)) if is_key(axis) && is_key(val) => {
                        let pair = (axis.to_string(), val.to_string());
                        if !query.options.contains(&pair)
                            && query.options.len() < MAX_OPTION_FILTERS
                        {
                            query.options.push(pair);
                        }
                    }
                    _ => note(QueryProblem::BadOption, &mut problems),
                },
                // Unknown keys (tracking parameters and the like) are ignored.
                _ => {}
            }
        }
        if let (Some(min), Some(max)) = (query.min_price, query.max_price) {
            if min > max {
                query.min_price = None;
                query.max_price = None;
                note(QueryProblem::MinAboveMax, &mut problems);
            }
        }
        query.options.sort();
        (query, problems)
    }

    /// The canonical query string (without '?'), empty when everything is default.
    pub fn to_query_string(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !self.q.is_empty() {
            parts.push(format!("q={}", encode_component(&self.q)));
        }
        if self.sort != Sort::Relevance {
            parts.push(format!("sort={}", self.sort.key()));
        }
        if let Some(min) = self.min_price {
            parts.push(format!("min={}", min.to_input_string()));
        }
        if let Some(max) = self.max_price {
            parts.push(format!("max={}", max.to_input_string()));
        }
        if self.in_stock {
            parts.push("in_stock=1".into());
        }
        for (axis, value) in &self.options {
            parts.push(format!(
                "opt={}",
                encode_component(&format!("{axis}:{value}"))
            ));
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        parts.join("&")
    }

    /// `path` plus this query, for links.
    pub fn href(&self, path: &str) -> String {
        let qs = self.to_query_string();
        if qs.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{qs}")
        }
    }

    pub fn with_page(&self, page: i64) -> ListingQuery {
        ListingQuery {
            page,
            ..self.clone()
        }
    }

    /// Toggling a filter starts again from the first page.
    pub fn toggling_option(&self, axis: &str, value: &str) -> ListingQuery {
        let mut next = self.clone();
        let pair = (axis.to_string(), value.to_string());
        if let Some(pos) = next.options.iter().position(|p| *p == pair) {
            next.options.remove(pos);
        } else {
            next.options.push(pair);
            next.options.sort();
        }
        next.page = 1;
        next
    }

    pub fn has_option(&self, axis: &str, value: &str) -> bool {
        self.options.iter().any(|(a, v)| a == axis && v == value)
    }

    pub fn has_filters(&self) -> bool {
        self.min_price.is_some()
            || self.max_price.is_some()
            || self.in_stock
            || !self.options.is_empty()
    }

    /// Same words and sort, no filters: where "Clear all" goes.
    pub fn without_filters(&self) -> ListingQuery {
        ListingQuery {
            q: self.q.clone(),
            sort: self.sort,
            page: 1,
            ..Default::default()
        }
    }

    /// The address search engines should index for this page: the same words, filters and page in
    /// the default order (a sort is another view of the same results, not another page).
    pub fn canonical(&self) -> ListingQuery {
        ListingQuery {
            sort: Sort::Relevance,
            ..self.clone()
        }
    }

    /// The same words and filters, first page, default order: what a result count depends on.
    pub fn without_page_and_sort(&self) -> ListingQuery {
        ListingQuery {
            sort: Sort::Relevance,
            page: 1,
            ..self.clone()
        }
    }

    pub fn offset(&self) -> i64 {
        (self.page.max(1) - 1) * PAGE_SIZE
    }
}

pub fn page_count(total: i64) -> i64 {
    ((total + PAGE_SIZE - 1) / PAGE_SIZE).clamp(1, MAX_PAGE)
}

/// True when `page` lies beyond the last page of `total` results: such a URL is not a page at
/// all (404), never an empty page beside a count. Page 1 always exists, even with no results.
pub fn is_past_end(page: i64, total: i64) -> bool {
    page > page_count(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_past_the_last_do_not_exist() {
        assert!(
            !is_past_end(1, 0),
            "an empty listing still has its first page"
        );
        assert!(is_past_end(2, 0));
        assert!(!is_past_end(1, 9));
        assert!(is_past_end(2, 9));
        assert!(!is_past_end(2, PAGE_SIZE + 1));
        assert!(is_past_end(3, 2 * PAGE_SIZE));
        assert!(is_past_end(50, 9));
    }

    #[test]
    fn round_trips_a_full_query() {
        let qs = "q=%E6%89%8B%E6%A9%9F+pro&sort=price_asc&min=100&max=2999.5&in_stock=1&opt=storage%3A256gb&opt=colour%3Ablack&page=3";
        let (query, problems) = ListingQuery::parse(qs);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(query.q, "手機 pro");
        assert_eq!(query.sort, Sort::PriceAsc);
        assert_eq!(query.min_price, Some(Money::from_yuan(100)));
        assert_eq!(query.max_price, Some(Money::from_fen(299_950)));
        assert!(query.in_stock);
        assert_eq!(
            query.options,
            vec![
                ("colour".into(), "black".into()),
                ("storage".into(), "256gb".into())
            ]
        );
        assert_eq!(query.page, 3);
        let canonical = query.to_query_string();
        assert_eq!(ListingQuery::parse(&canonical).0, query);
        assert!(
            canonical.starts_with("q=%E6%89%8B%E6%A9%9F%20pro&sort=price_asc&min=100&max=2999.50")
        );
    }

    #[test]
    fn defaults_give_an_empty_query_string() {
        let (query, problems) = ListingQuery::parse("");
        assert!(problems.is_empty());
        assert_eq!(query.page, 1);
        assert_eq!(query.to_query_string(), "");
        assert_eq!(query.href("/c/tea"), "/c/tea");
        assert_eq!(query.with_page(2).href("/c/tea"), "/c/tea?page=2");
    }

    #[test]
    fn bad_parts_are_reported_and_dropped() {
        let (query, problems) = ListingQuery::parse(
            "?min=abc&max=-5&sort=cheapest&page=0&opt=bad&opt=a%3Bb:c&utm_source=x",
        );
        assert_eq!(
            query,
            ListingQuery {
                page: 1,
                ..Default::default()
            }
        );
        assert_eq!(
            problems,
            vec![
                QueryProblem::BadMinPrice,
                QueryProblem::BadMaxPrice,
                QueryProblem::BadSort,
                QueryProblem::BadPage,
                QueryProblem::BadOption
            ]
        );
        let (query, problems) = ListingQuery::parse("min=500&max=100");
        assert_eq!((query.min_price, query.max_price), (None, None));
        assert_eq!(problems, vec![QueryProblem::MinAboveMax]);
        let (query, _) = ListingQuery::parse("page=99999");
        assert_eq!(query.page, 1);
    }

    #[test]
    fn toggling_a_filter_resets_the_page() {
        let (query, _) = ListingQuery::parse("opt=colour:black&page=4");
        let off = query.toggling_option("colour", "black");
        assert!(off.options.is_empty());
        assert_eq!(off.page, 1);
        let on = off.toggling_option("size", "m");
        assert!(on.has_option("size", "m"));
        assert!(on.has_filters());
        assert!(!on.without_filters().has_filters());
    }

    #[test]
    fn malformed_percent_encoding_is_harmless() {
        let pairs = parse_pairs("q=%E6%89&x=%zz&y=%");
        assert_eq!(pairs[1], ("x".into(), "%zz".into()));
        assert_eq!(pairs[2], ("y".into(), "%".into()));
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(25), 2);
    }
}
