//! Product photos through the real router on both databases: uploads checked by content and
//! size, stored at each width without EXIF, saved with alt text per language, shown on the
//! product page with `srcset`; foreign addresses refused.

use super::staff_member;
use crate::test_app::TestApp;
use app::api::admin::products::EditorData;
use app::api::admin::products::{ProductEditor, SaveProduct, UploadProductImage};
use app::domain::catalog::product_images::{srcset_urls, UploadedImage};
use app::domain::form::{Field, Problem};
use app::domain::staff::Permission;
use app::error::{AppError, Refusal};
use axum::http::{header, StatusCode};

fn photo(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 120])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .encode_image(&picture)
        .unwrap();
    // An EXIF segment with a position in it, as a phone writes one.
    let exif = b"Exif\0\0II*\0\x08\0\0\0\0\0GPS 31.2304N 121.4737E";
    let mut with_exif = vec![0xFF, 0xD8, 0xFF, 0xE1];
    with_exif.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    with_exif.extend_from_slice(exif);
    with_exif.extend_from_slice(&jpeg[2..]);
    with_exif
}

#[tokio::test]
async fn operators_upload_photos_that_the_product_page_shows_at_every_width() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let mut ops = staff_member(&t, "photos@example.com", &[Permission::Catalog]).await;
        let mut customer = staff_member(&t, "shopper@example.com", &[]).await;
        let jpeg = photo(1200, 900);
        let file = Some(("image", "mug.jpg", "image/jpeg", jpeg.as_slice()));
        assert_eq!(
            customer
                .call_multipart::<UploadProductImage>(&[], file)
                .await
                .status,
            StatusCode::FORBIDDEN,
            "{backend}"
        );

        // Not pictures, whatever they are called: SVG, text, a truncated PNG; and too big.
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
        let truncated = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        let big = vec![0xFFu8; 5 * 1024 * 1024 + 1];
        for (name, kind, bytes) in [
            ("x.svg", "image/svg+xml", &svg[..]),
            ("x.jpg", "image/jpeg", b"not a picture" as &[u8]),
            ("x.png", "image/png", &truncated[..]),
            ("x.jpg", "image/jpeg", &big[..]),
        ] {
            let error = ops
                .call_multipart::<UploadProductImage>(&[], Some(("image", name, kind, bytes)))
                .await
                .error();
            assert_eq!(
                error,
                AppError::Refused(Refusal::ProductImageInvalid),
                "{backend}: {name} {}",
                bytes.len()
            );
        }

        let answer = ops.call_multipart::<UploadProductImage>(&[], file).await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let uploaded: UploadedImage = answer.json();
        assert_eq!((uploaded.width, uploaded.height), (1200, 900), "{backend}");
        let urls = srcset_urls(&uploaded.srcset);
        assert_eq!(urls.len(), 4, "{backend}: 240, 480, 960 and 1200: {urls:?}");
        for url in &urls {
            let file = t.browser().get(url).await;
            assert_eq!(file.status, StatusCode::OK, "{backend}: {url}");
            assert_eq!(
                file.headers[header::CACHE_CONTROL],
                "public, max-age=31536000, immutable",
                "{backend}: content-versioned"
            );
            assert!(
                !file.body.contains("Exif") && !file.body.contains("GPS"),
                "{backend}: {url} keeps no EXIF"
            );
        }

        // Saved with the product: alt text per language, the first image its cover.
        let opened: EditorData = ops.call::<ProductEditor>(&[("id", "1")]).await.json();
        let product = opened.product.unwrap();
        let mut form = serde_json::to_value(&product.form).unwrap();
        let stored_before = form["images"].as_array().unwrap().len();
        assert!(
            stored_before > 0,
            "{backend}: the seed's pictures are in the editor"
        );
        let mut images = vec![serde_json::json!({
            "url": uploaded.url, "srcset": uploaded.srcset,
            "alt_zh_hant": "黑色馬克杯", "alt_zh_hans": "黑色马克杯", "alt_en": "A black mug"
        })];
        images.extend(form["images"].as_array().unwrap().iter().cloned());
        form["images"] = serde_json::Value::Array(images.clone());

        // A foreign address, or an upload address that was never uploaded, is refused.
        for url in [
            "https://elsewhere.example/mug.jpg",
            "/media/p/u/0000000000000000-480.jpg",
        ] {
            let mut bad = form.clone();
            bad["images"][0]["url"] = url.into();
            let error = ops
                .call_json::<SaveProduct>(serde_json::json!({ "form": bad, "publish": true }))
                .await
                .error();
            let AppError::Invalid(problems) = error else {
                panic!("{backend}: {error:?}")
            };
            assert_eq!(problems[0].field, Field::Images, "{backend}: {url}");
            assert_eq!(problems[0].problem, Problem::ImagesInvalid, "{backend}");
        }
        let mut long_alt = form.clone();
        long_alt["images"][0]["alt_en"] = "x".repeat(126).into();
        let error = ops
            .call_json::<SaveProduct>(serde_json::json!({ "form": long_alt, "publish": true }))
            .await
            .error();
        let AppError::Invalid(problems) = error else {
            panic!("{backend}: {error:?}")
        };
        assert_eq!(problems[0].field, Field::ImageAlt(0), "{backend}");

        let answer = ops
            .call_json::<SaveProduct>(serde_json::json!({ "form": form, "publish": true }))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let saved: app::domain::catalog::product_edit::SavedProduct = answer.json();
        let cover: String = sqlx::query_scalar("SELECT cover_image FROM products WHERE id = 1")
            .fetch_one(t.db().pool())
            .await
            .unwrap();
        assert_eq!(cover, uploaded.url, "{backend}");
        let page = t.browser().get(&format!("/en/p/{}", saved.slug)).await;
        assert!(page.body.contains(r#"alt="A black mug""#), "{backend}");
        assert!(page.body.contains(urls[3]), "{backend}: srcset on the page");
        assert!(page.body.contains(r#"fetchpriority="high""#), "{backend}");
        let page = t.browser().get(&format!("/zh-hans/p/{}", saved.slug)).await;
        assert!(page.body.contains(r#"alt="黑色马克杯""#), "{backend}");
        let reopened: EditorData = ops.call::<ProductEditor>(&[("id", "1")]).await.json();
        assert_eq!(
            reopened.product.unwrap().form.images.len(),
            stored_before + 1,
            "{backend}"
        );
        t.close().await;
    }
}
