//! Product pictures drawn as SVG: a coloured backdrop, a silhouette for the kind of product and
//! its name. Three views per product (front, detail, lifestyle tint) so the gallery has substance.

use super::vocabulary::Shape;

fn silhouette(shape: Shape, ink: &str) -> String {
    match shape {
        Shape::Phone => format!(
            r##"<rect x="300" y="170" width="200" height="400" rx="34" fill="{ink}"/><rect x="318" y="200" width="164" height="330" rx="12" fill="#ffffff" opacity=".25"/><circle cx="400" cy="550" r="9" fill="#fff" opacity=".5"/>"##
        ),
        Shape::Round => format!(
            r##"<circle cx="400" cy="370" r="170" fill="{ink}"/><circle cx="400" cy="370" r="95" fill="#fff" opacity=".22"/><circle cx="400" cy="370" r="40" fill="{ink}"/>"##
        ),
        Shape::Laptop => format!(
            r##"<rect x="220" y="210" width="360" height="230" rx="14" fill="{ink}"/><rect x="240" y="228" width="320" height="194" rx="6" fill="#fff" opacity=".25"/><path d="M170 455h460l-30 40H200z" fill="{ink}"/>"##
        ),
        Shape::Package => format!(
            r##"<path d="M400 170l190 95v210l-190 95-190-95V265z" fill="{ink}"/><path d="M400 360l190-95M400 360L210 265M400 360v210" stroke="#fff" stroke-opacity=".35" stroke-width="10" fill="none"/>"##
        ),
        Shape::Garment => format!(
            r##"<path d="M320 190l-130 70 45 95 55-25v250h220V330l55 25 45-95-130-70c-10 35-45 55-80 55s-70-20-80-55z" fill="{ink}"/>"##
        ),
        Shape::Shoe => format!(
            r##"<path d="M180 470c0-60 20-150 60-190 40 40 110 70 180 80 90 12 180 40 200 110v40H180z" fill="{ink}"/><rect x="180" y="510" width="440" height="26" rx="10" fill="#fff" opacity=".4"/>"##
        ),
        Shape::Bottle => format!(
            r##"<rect x="360" y="150" width="80" height="70" rx="10" fill="{ink}"/><rect x="300" y="215" width="200" height="370" rx="40" fill="{ink}"/><rect x="330" y="320" width="140" height="120" rx="10" fill="#fff" opacity=".3"/>"##
        ),
        Shape::Cup => format!(
            r##"<path d="M250 300h280l-30 230c-4 30-25 50-55 50H335c-30 0-51-20-55-50z" fill="{ink}"/><path d="M530 340c70 0 70 110 0 110" stroke="{ink}" stroke-width="26" fill="none"/><path d="M340 250c0-30 30-30 30-60M410 250c0-30 30-30 30-60" stroke="{ink}" stroke-width="12" stroke-linecap="round" fill="none" opacity=".6"/>"##
        ),
        Shape::Pot => format!(
            r##"<rect x="220" y="290" width="360" height="250" rx="60" fill="{ink}"/><rect x="250" y="250" width="300" height="50" rx="20" fill="{ink}"/><rect x="370" y="215" width="60" height="40" rx="12" fill="{ink}"/><rect x="260" y="360" width="280" height="20" rx="10" fill="#fff" opacity=".3"/>"##
        ),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The `view`-th picture (0, 1 or 2) of a product.
pub fn product_svg(shape: Shape, hue: u32, title: &str, view: usize) -> String {
    let (light, dark, scale) = match view {
        0 => (92, 42, 1.0),
        1 => (84, 34, 1.35),
        _ => (96, 50, 0.8),
    };
    let hue2 = (hue + 40) % 360;
    let ink = format!("hsl({hue} 55% {dark}%)");
    let transform = format!("translate(400 380) scale({scale}) translate(-400 -380)");
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 800" width="800" height="800"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl({hue} 70% {light}%)"/><stop offset="1" stop-color="hsl({hue2} 60% {l2}%)"/></linearGradient></defs><rect width="800" height="800" fill="url(#g)"/><g transform="{transform}">{shape}</g><text x="400" y="700" text-anchor="middle" font-family="system-ui, sans-serif" font-size="40" fill="hsl({hue} 45% 25%)">{title}</text></svg>"##,
        l2 = light - 12,
        shape = silhouette(shape, &ink),
        title = escape(title),
    )
}

/// FNV-1a, to version image URLs by content so they can be cached forever.
pub fn content_version(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf29ce484222325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x100000001b3);
    }
    format!("{:08x}", hash as u32)
}
