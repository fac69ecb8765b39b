//! Links to an order page: a guest's key (an HMAC of the order number with the shop's own
//! secret) and the address the mails carry.

/// A guest's key to their order page (the `key` of the link in their mail): the first 16 bytes
/// of HMAC-SHA256 over the order number with the shop's own secret (`secrets::ORDER_LINKS`), as
/// 32 hex digits. Nothing a browser sends can derive it.
pub fn guest_access_key(secret: &[u8], order_no: &str) -> String {
    use hmac::Mac;
    hex::encode(&order_link_mac(secret, order_no).finalize().into_bytes()[..16])
}

/// Whether `presented` is this order's guest key, compared in constant time.
pub fn guest_key_matches(secret: &[u8], order_no: &str, presented: &str) -> bool {
    use hmac::Mac;
    match hex::decode(presented.trim()) {
        Ok(bytes) if bytes.len() == 16 => order_link_mac(secret, order_no)
            .verify_truncated_left(&bytes)
            .is_ok(),
        _ => false,
    }
}

fn order_link_mac(secret: &[u8], order_no: &str) -> hmac::Hmac<sha2::Sha256> {
    use hmac::Mac;
    let mut mac =
        hmac::Hmac::<sha2::Sha256>::new_from_slice(secret).expect("HMAC takes keys of any size");
    mac.update(b"jishi-order-access:");
    mac.update(order_no.as_bytes());
    mac
}

/// Where the order page is, in the mail's language: guests' links carry their key, members
/// sign in.
pub fn order_link(
    site_url: &str,
    locale: crate::domain::locale::Locale,
    order_no: &str,
    guest_key: Option<&str>,
) -> String {
    let base = format!(
        "{}{}",
        site_url.trim_end_matches('/'),
        locale.href(&format!("/orders/{order_no}"))
    );
    match guest_key {
        Some(key) => format!("{base}?key={key}"),
        None => base,
    }
}
