//! The Content-Security-Policy pages are served with (OWASP ASVS 5.0, 3.4.3): scripts only from
//! our origin or carrying this response's nonce (Leptos puts it on its hydration scripts), the
//! WASM compiled by the browser (`wasm-unsafe-eval`), no plugins, no framing by other sites,
//! forms posting only to us. No inline event handlers: `public/register-sw.js` does their work.

/// The policy; `nonce` is the response's script nonce (pages), `None` for other responses.
/// `dev_reload` allows the websocket `cargo leptos watch` reloads pages through.
pub fn content_security_policy(nonce: Option<&str>, dev_reload: bool) -> String {
    let nonce = nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    let reload = if dev_reload {
        " ws://127.0.0.1:3001"
    } else {
        ""
    };
    format!(
        "default-src 'self'; script-src 'self'{nonce} 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'{reload}; \
         font-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_allow_only_their_own_nonce_and_no_framing() {
        let page = content_security_policy(Some("abc123"), false);
        assert!(page.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"));
        assert!(
            !page.contains("unsafe-inline';")
                || !page.contains("script-src 'self' 'unsafe-inline'")
        );
        assert!(page.contains("frame-ancestors 'none'"));
        assert!(!page.contains("ws://"));
        let other = content_security_policy(None, true);
        assert!(other.contains("script-src 'self' 'wasm-unsafe-eval';"));
        assert!(other.contains("connect-src 'self' ws://127.0.0.1:3001;"));
    }
}
