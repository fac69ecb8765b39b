//! Product descriptions are Markdown (CommonMark plus tables and strikethrough), rendered on the
//! server with `pulldown-cmark` and cleaned with `ammonia`: only formatting survives. No scripts,
//! styles, event handlers, frames or images; links keep http, https and mailto addresses only and
//! get `rel="noopener noreferrer nofollow"`. A single line break stays a line break, as operators
//! type descriptions line by line.

use pulldown_cmark::{Event, Options, Parser, TagEnd};

fn parse(markdown: &str) -> Parser<'_> {
    Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
}

fn events(markdown: &str) -> impl Iterator<Item = Event<'_>> {
    parse(markdown).map(|event| match event {
        Event::SoftBreak => Event::HardBreak,
        // Raw HTML is shown as text, never interpreted.
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        other => other,
    })
}

/// Safe HTML for the product page.
pub fn to_safe_html(markdown: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events(markdown));
    ammonia::Builder::default()
        .rm_tags(&["img"])
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&html)
        .to_string()
}

/// The words alone (for the meta description and JSON-LD): no markup, one space between blocks.
pub fn to_plain_text(markdown: &str) -> String {
    let mut text = String::new();
    // Raw HTML is markup, not words: left out.
    for event in parse(markdown) {
        match event {
            Event::SoftBreak if !text.ends_with(' ') => text.push(' '),
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_))
            | Event::End(TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock)
                if !text.ends_with(' ') && !text.is_empty() =>
            {
                text.push(' ')
            }
            _ => {}
        }
    }
    text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_survives_and_line_breaks_are_kept() {
        let html = to_safe_html("**Hand-picked** leaves\nfrom *Yunnan*.\n\n- 100 g\n- tin");
        assert!(
            html.contains("<strong>Hand-picked</strong> leaves<br>"),
            "{html}"
        );
        assert!(html.contains("<em>Yunnan</em>"), "{html}");
        assert!(html.contains("<li>100 g</li>"), "{html}");
    }

    #[test]
    fn scripts_handlers_images_and_odd_links_are_removed() {
        let html = to_safe_html(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n\
             [click](javascript:alert(3)) ![x](https://tracker.example/p.gif) \
             [site](https://jishi.example)",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "shown as text: {html}");
        assert!(
            html.contains(
                r#"<a href="https://jishi.example" rel="noopener noreferrer nofollow">site</a>"#
            ),
            "{html}"
        );
    }

    #[test]
    fn plain_text_has_the_words_only() {
        assert_eq!(
            to_plain_text("# Tea\n\n**Strong** and *fresh*.\nBrew 3 min."),
            "Tea Strong and fresh. Brew 3 min."
        );
        assert_eq!(
            to_plain_text("Hi <b>there</b>\n\n<script>x</script>"),
            "Hi there"
        );
    }
}
