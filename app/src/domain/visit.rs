//! Which requests count as a visit to the shop, for the dashboard's conversion rate.
//!
//! A visit is one visitor's pages on one shop day. Only pages a person opens count: not files,
//! server functions, health checks, answers other than 200, a browser's speculative prefetch
//! (`Sec-Purpose: prefetch`, Fetch Metadata) nor crawlers that say what they are in their
//! User-Agent (`bot`, `spider`, `crawl`, … as Googlebot, Baiduspider and bingbot do).

/// User-Agent words of crawlers, link previewers and monitors (compared lowercased).
const ROBOT_WORDS: [&str; 9] = [
    "bot", "spider", "crawl", "slurp", "preview", "monitor", "curl/", "wget/", "python-",
];

/// Whether a page answer counts as a visit: a GET answered 200, not prefetched, from a browser
/// that does not call itself a robot. `purpose` is the `Sec-Purpose` (or `Purpose`) header.
pub fn counts_as_visit(get: bool, status: u16, user_agent: &str, purpose: &str) -> bool {
    let agent = user_agent.to_lowercase();
    get && status == 200
        && !agent.trim().is_empty()
        && !ROBOT_WORDS.iter().any(|word| agent.contains(word))
        && !purpose.to_ascii_lowercase().contains("prefetch")
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHROME: &str = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36";

    #[test]
    fn a_browser_opening_a_page_is_a_visit() {
        assert!(counts_as_visit(true, 200, CHROME, ""));
    }

    #[test]
    fn robots_prefetches_and_other_answers_are_not() {
        for robot in [
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0)",
            "curl/8.5.0",
            "",
        ] {
            assert!(!counts_as_visit(true, 200, robot, ""), "{robot}");
        }
        assert!(!counts_as_visit(true, 200, CHROME, "prefetch;prerender"));
        assert!(!counts_as_visit(true, 404, CHROME, ""));
        assert!(!counts_as_visit(true, 302, CHROME, ""));
        assert!(!counts_as_visit(false, 200, CHROME, ""));
    }
}
