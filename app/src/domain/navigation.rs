//! Where a link or form may send the shopper next.

/// Only paths on this site: "/x" but not "//evil.example" or "/\evil".
pub fn safe_return_path(back: Option<&str>) -> &str {
    match back {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/\\")
                // Browsers drop tabs and newlines, so "/\t/evil" would become "//evil".
                && !path.chars().any(char::is_control) =>
        {
            path
        }
        _ => "/",
    }
}

#[cfg(test)]
mod tests {
    use super::safe_return_path;

    #[test]
    fn only_paths_on_this_site() {
        assert_eq!(safe_return_path(Some("/c/tea?page=2")), "/c/tea?page=2");
        assert_eq!(safe_return_path(Some("//evil.example")), "/");
        assert_eq!(safe_return_path(Some("/\\evil.example")), "/");
        assert_eq!(safe_return_path(Some("https://evil.example")), "/");
        assert_eq!(safe_return_path(Some("/account\r\nSet-Cookie: x=1")), "/");
        assert_eq!(safe_return_path(Some("/\t/evil.example")), "/");
        assert_eq!(safe_return_path(None), "/");
    }
}
