//! WeChat Pay (微信支付) API v3, as documented at https://pay.weixin.qq.com/doc/v3/merchant
//! (Native payment, query by `out_trade_no`, domestic refunds, payment notifications):
//! - Requests are signed with the merchant's private key: the `Authorization` header is
//!   `WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"`
//!   where `signature` is SHA256withRSA (base64) of
//!   `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n`.
//! - Answers and notifications are signed by the platform: `Wechatpay-Signature` over
//!   `TIMESTAMP\nNONCE\nBODY\n` with the key of the platform certificate named by
//!   `Wechatpay-Serial`; the timestamp must be within 5 minutes of ours (replays are refused).
//! - A notification's `resource` is AEAD_AES_256_GCM-encrypted with the merchant's APIv3 key
//!   (`nonce` and `associated_data` given beside the base64 `ciphertext`, whose last 16 bytes
//!   are the tag). It is answered with 200 and no body; a refusal with 4xx and
//!   `{"code":"FAIL","message":"…"}` (WeChat Pay then retries).
//! - Amounts are integer fen (`amount.total`), currency `CNY`.
//! - Native payment answers a `code_url` for a QR code; Jishi shows it on its own page
//!   (`/payments/wechatpay/scan/…`, link signed with the APIv3 key so nobody can show their own
//!   code under the shop's name).

use super::keys;
use super::{
    order_of_reference, BrowserReturn, CallbackAnswer, PaymentProvider, PaymentRequest,
    ProviderError, RefundRequest, StartedPayment,
};
use crate::domain::money::Money;
use crate::domain::payment::{PaymentNotice, PaymentOutcome};
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use rsa::{RsaPrivateKey, RsaPublicKey};
use serde::Deserialize;

pub const NAME: &str = "wechatpay";
/// WeChat Pay's production API.
pub const API: &str = "https://api.mch.weixin.qq.com";
/// How far a signed answer's timestamp may be from our clock (WeChat Pay's guidance: 5 min).
pub const MAX_CLOCK_SKEW_SECONDS: i64 = 300;

/// How the shop is known to WeChat Pay.
#[derive(Clone)]
pub struct WechatPayConfig {
    /// The merchant id (`mchid`).
    pub merchant_id: String,
    /// The app id bound to the merchant (`appid`).
    pub app_id: String,
    /// The serial number of the merchant's API certificate (`serial_no` in requests).
    pub merchant_serial: String,
    pub private_key: RsaPrivateKey,
    /// The APIv3 key: 32 bytes, decrypts notifications.
    pub api_v3_key: [u8; 32],
    /// The platform certificate's serial (upper-case hex) and key.
    pub platform_serial: String,
    pub platform_key: RsaPublicKey,
    /// `API` in production; a local fake in tests.
    pub api: String,
    /// The shop's public address, for the QR page.
    pub public_url: String,
}

/// Keys stay out of logs.
impl std::fmt::Debug for WechatPayConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WechatPayConfig")
            .field("merchant_id", &self.merchant_id)
            .field("app_id", &self.app_id)
            .field("platform_serial", &self.platform_serial)
            .field("api", &self.api)
            .finish_non_exhaustive()
    }
}

impl WechatPayConfig {
    /// From `JISHI_WECHATPAY_MCHID`, `JISHI_WECHATPAY_APPID`, `JISHI_WECHATPAY_SERIAL`,
    /// `JISHI_WECHATPAY_PRIVATE_KEY_FILE`, `JISHI_WECHATPAY_APIV3_KEY_FILE`,
    /// `JISHI_WECHATPAY_PLATFORM_CERT_FILE` and optionally `JISHI_WECHATPAY_API`; None when no
    /// merchant id is set, an error naming the variable when one is unusable.
    pub fn from_env(
        var: impl Fn(&str) -> Option<String>,
        public_url: &str,
    ) -> Result<Option<WechatPayConfig>, String> {
        let Some(merchant_id) = var("JISHI_WECHATPAY_MCHID") else {
            return Ok(None);
        };
        let required = |name: &str| var(name).ok_or_else(|| format!("{name} is not set"));
        let file = |name: &str| -> Result<String, String> {
            keys::read_file(&required(name)?).map_err(|e| format!("{name}: {e}"))
        };
        let api_v3_key: [u8; 32] = file("JISHI_WECHATPAY_APIV3_KEY_FILE")?
            .trim()
            .as_bytes()
            .try_into()
            .map_err(|_| {
                "JISHI_WECHATPAY_APIV3_KEY_FILE: the APIv3 key is 32 characters".to_string()
            })?;
        let (platform_serial, platform_key) =
            keys::certificate(&file("JISHI_WECHATPAY_PLATFORM_CERT_FILE")?)
                .map_err(|e| format!("JISHI_WECHATPAY_PLATFORM_CERT_FILE: {e}"))?;
        Ok(Some(WechatPayConfig {
            merchant_id,
            app_id: required("JISHI_WECHATPAY_APPID")?,
            merchant_serial: required("JISHI_WECHATPAY_SERIAL")?,
            private_key: keys::private_key(&file("JISHI_WECHATPAY_PRIVATE_KEY_FILE")?)
                .map_err(|e| format!("JISHI_WECHATPAY_PRIVATE_KEY_FILE: {e}"))?,
            api_v3_key,
            platform_serial,
            platform_key,
            api: var("JISHI_WECHATPAY_API").unwrap_or_else(|| API.to_string()),
            public_url: public_url.trim_end_matches('/').to_string(),
        }))
    }
}

pub struct WechatPay {
    config: WechatPayConfig,
    client: reqwest::Client,
}

/// The text a request signature covers.
pub fn request_message(
    method: &str,
    path: &str,
    timestamp: i64,
    nonce: &str,
    body: &str,
) -> String {
    format!("{method}\n{path}\n{timestamp}\n{nonce}\n{body}\n")
}

/// The text an answer's or notification's signature covers.
pub fn answer_message(timestamp: &str, nonce: &str, body: &str) -> String {
    format!("{timestamp}\n{nonce}\n{body}\n")
}

/// `trade_state` as our outcome; None while the shopper has not finished (`NOTPAY`,
/// `USERPAYING`). `REFUND` is a trade that was paid (and later refunded).
pub fn outcome_of(trade_state: &str) -> Option<PaymentOutcome> {
    match trade_state {
        "SUCCESS" | "REFUND" => Some(PaymentOutcome::Succeeded),
        "CLOSED" | "REVOKED" | "PAYERROR" => Some(PaymentOutcome::Failed),
        _ => None,
    }
}

/// Decrypts a notification's resource (AEAD_AES_256_GCM with the APIv3 key).
pub fn decrypt(
    api_v3_key: &[u8; 32],
    nonce: &str,
    associated_data: &str,
    ciphertext: &str,
) -> Result<Vec<u8>, ProviderError> {
    let cipher = Aes256Gcm::new_from_slice(api_v3_key).expect("32-byte key");
    let bytes = BASE64
        .decode(ciphertext)
        .map_err(|_| ProviderError::Malformed("ciphertext is not base64".into()))?;
    if nonce.len() != 12 {
        return Err(ProviderError::Malformed("nonce is not 12 bytes".into()));
    }
    cipher
        .decrypt(
            Nonce::from_slice(nonce.as_bytes()),
            Payload {
                msg: &bytes,
                aad: associated_data.as_bytes(),
            },
        )
        .map_err(|_| ProviderError::BadSignature)
}

#[derive(Deserialize)]
struct Notification {
    event_type: String,
    resource: Resource,
}

#[derive(Deserialize)]
struct Resource {
    algorithm: String,
    ciphertext: String,
    #[serde(default)]
    associated_data: String,
    nonce: String,
}

/// A transaction as WeChat Pay describes it (in a notification or a query's answer).
#[derive(Deserialize)]
struct Transaction {
    mchid: String,
    out_trade_no: String,
    trade_state: String,
    #[serde(default)]
    amount: Option<Amount>,
}

#[derive(Deserialize)]
struct Amount {
    total: i64,
}

impl WechatPay {
    pub fn new(config: WechatPayConfig) -> WechatPay {
        WechatPay {
            config,
            client: super::http_client(),
        }
    }

    /// The `Authorization` header for a request.
    pub fn authorization(&self, method: &str, path: &str, body: &str) -> String {
        let timestamp = crate::db::unix_now();
        let nonce = hex::encode_upper(rand::random::<[u8; 16]>());
        let signature = keys::sign(
            &self.config.private_key,
            request_message(method, path, timestamp, &nonce, body).as_bytes(),
        );
        format!(
            "WECHATPAY2-SHA256-RSA2048 mchid=\"{}\",nonce_str=\"{nonce}\",signature=\"{signature}\",timestamp=\"{timestamp}\",serial_no=\"{}\"",
            self.config.merchant_id, self.config.merchant_serial
        )
    }

    /// Checks the platform's signature on an answer or a notification.
    pub fn verify_signed(
        &self,
        headers: &http::HeaderMap,
        body: &str,
    ) -> Result<(), ProviderError> {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .ok_or(ProviderError::BadSignature)
        };
        if header("wechatpay-serial")? != self.config.platform_serial {
            return Err(ProviderError::BadSignature);
        }
        let timestamp = header("wechatpay-timestamp")?;
        let sent: i64 = timestamp.parse().map_err(|_| ProviderError::BadSignature)?;
        if (crate::db::unix_now() - sent).abs() > MAX_CLOCK_SKEW_SECONDS {
            return Err(ProviderError::Refused(
                "signed too long ago (replay?)".into(),
            ));
        }
        let message = answer_message(timestamp, header("wechatpay-nonce")?, body);
        if keys::verify(
            &self.config.platform_key,
            message.as_bytes(),
            header("wechatpay-signature")?,
        ) {
            Ok(())
        } else {
            Err(ProviderError::BadSignature)
        }
    }

    /// Sends a signed request; returns the status and the verified body.
    async fn request(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> Result<(u16, String), ProviderError> {
        let text = body.map(|b| b.to_string()).unwrap_or_default();
        let mut request = self
            .client
            .request(method.clone(), format!("{}{path}", self.config.api))
            .header(
                "authorization",
                self.authorization(method.as_str(), path, &text),
            )
            .header("accept", "application/json");
        if !text.is_empty() {
            request = request
                .header("content-type", "application/json")
                .body(text);
        }
        let response = request
            .send()
            .await
            .map_err(|e| ProviderError::Unavailable(e.to_string()))?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response
            .text()
            .await
            .map_err(|e| ProviderError::Unavailable(e.to_string()))?;
        if status >= 500 {
            return Err(ProviderError::Unavailable(format!("{status} {body}")));
        }
        // Every answer with a body is signed, errors included.
        if !body.is_empty() {
            self.verify_signed(&headers, &body)?;
        }
        Ok((status, body))
    }

    fn notice(&self, transaction: Transaction) -> Result<Option<PaymentNotice>, ProviderError> {
        if transaction.mchid != self.config.merchant_id {
            return Err(ProviderError::Refused(
                "transaction of another merchant".into(),
            ));
        }
        let Some(outcome) = outcome_of(&transaction.trade_state) else {
            return Ok(None);
        };
        let order_no = order_of_reference(&transaction.out_trade_no).ok_or_else(|| {
            ProviderError::Malformed(format!("out_trade_no {:?}", transaction.out_trade_no))
        })?;
        let amount = transaction
            .amount
            .map(|a| a.total)
            .filter(|fen| *fen > 0)
            .ok_or_else(|| ProviderError::Malformed("amount missing".into()))?;
        Ok(Some(PaymentNotice {
            order_no: order_no.to_string(),
            reference: transaction.out_trade_no,
            amount: Money::from_fen(amount),
            outcome,
        }))
    }

    /// The signature on a QR page link: HMAC-SHA256 with the APIv3 key.
    fn scan_signature(&self, reference: &str, code_url: &str) -> String {
        super::sign(&self.config.api_v3_key, &format!("{reference}\n{code_url}"))
    }

    /// Whether a QR page link is one we made.
    pub fn scan_link_matches(&self, reference: &str, code_url: &str, signature: &str) -> bool {
        super::signature_matches(
            &self.config.api_v3_key,
            &format!("{reference}\n{code_url}"),
            signature,
        )
    }
}

#[async_trait::async_trait]
impl PaymentProvider for WechatPay {
    fn name(&self) -> &'static str {
        NAME
    }

    async fn start(&self, request: PaymentRequest<'_>) -> Result<StartedPayment, ProviderError> {
        let reference = super::new_reference(request.order_no);
        let (status, body) = self
            .request(
                reqwest::Method::POST,
                "/v3/pay/transactions/native",
                Some(serde_json::json!({
                    "appid": self.config.app_id,
                    "mchid": self.config.merchant_id,
                    "description": format!("Jishi 集市 {}", request.order_no),
                    "out_trade_no": reference,
                    "notify_url": request.notify_url,
                    "amount": { "total": request.amount.fen(), "currency": "CNY" },
                })),
            )
            .await?;
        let answer: serde_json::Value =
            serde_json::from_str(&body).map_err(|e| ProviderError::Malformed(e.to_string()))?;
        let Some(code_url) = answer["code_url"].as_str().filter(|_| status == 200) else {
            return Err(ProviderError::Refused(format!(
                "{status} {} {}",
                answer["code"].as_str().unwrap_or(""),
                answer["message"].as_str().unwrap_or("")
            )));
        };
        let link = serde_urlencoded::to_string([
            ("code", code_url),
            ("sig", &self.scan_signature(&reference, code_url)),
        ])
        .expect("strings encode");
        Ok(StartedPayment {
            redirect_url: format!(
                "{}/payments/{NAME}/scan/{reference}?{link}",
                self.config.public_url
            ),
            reference,
        })
    }

    fn verify_notification(
        &self,
        headers: &http::HeaderMap,
        body: &str,
    ) -> Result<Option<PaymentNotice>, ProviderError> {
        self.verify_signed(headers, body)?;
        let notification: Notification =
            serde_json::from_str(body).map_err(|e| ProviderError::Malformed(e.to_string()))?;
        if notification.resource.algorithm != "AEAD_AES_256_GCM" {
            return Err(ProviderError::Malformed("unknown algorithm".into()));
        }
        let plain = decrypt(
            &self.config.api_v3_key,
            &notification.resource.nonce,
            &notification.resource.associated_data,
            &notification.resource.ciphertext,
        )?;
        if !notification.event_type.starts_with("TRANSACTION.") {
            // Refund notices and the like: genuine, nothing to apply to a payment.
            return Ok(None);
        }
        let transaction: Transaction =
            serde_json::from_slice(&plain).map_err(|e| ProviderError::Malformed(e.to_string()))?;
        self.notice(transaction)
    }

    fn answer(&self, accepted: bool) -> CallbackAnswer {
        if accepted {
            CallbackAnswer {
                status: 204,
                content_type: "application/json",
                body: String::new(),
            }
        } else {
            CallbackAnswer {
                status: 400,
                content_type: "application/json",
                body: r#"{"code":"FAIL","message":"not accepted"}"#.to_string(),
            }
        }
    }

    /// The return is our own QR page's "I have paid" link (`?reference=…`): WeChat Pay is asked.
    async fn browser_return(&self, query: &str) -> Result<BrowserReturn, ProviderError> {
        let params: Vec<(String, String)> = serde_urlencoded::from_str(query)
            .map_err(|e| ProviderError::Malformed(e.to_string()))?;
        let reference = params
            .iter()
            .find(|(k, _)| k == "reference")
            .map(|(_, v)| v.clone())
            .filter(|r| crate::domain::payment::is_token(r))
            .ok_or_else(|| ProviderError::Malformed("reference missing".into()))?;
        let order_no = order_of_reference(&reference)
            .ok_or_else(|| ProviderError::Malformed("reference malformed".into()))?
            .to_string();
        Ok(BrowserReturn {
            order_no,
            notice: self.query(&reference).await?,
        })
    }

    async fn query(&self, reference: &str) -> Result<Option<PaymentNotice>, ProviderError> {
        if !crate::domain::payment::is_token(reference) {
            return Err(ProviderError::Malformed("reference malformed".into()));
        }
        let path = format!(
            "/v3/pay/transactions/out-trade-no/{reference}?mchid={}",
            self.config.merchant_id
        );
        let (status, body) = self.request(reqwest::Method::GET, &path, None).await?;
        if status == 404 {
            // ORDER_NOT_EXIST: WeChat Pay does not know the trade (never opened, or long gone).
            return Ok(None);
        }
        if status != 200 {
            return Err(ProviderError::Refused(format!("{status} {body}")));
        }
        let transaction: Transaction =
            serde_json::from_str(&body).map_err(|e| ProviderError::Malformed(e.to_string()))?;
        if transaction.out_trade_no != reference {
            return Err(ProviderError::Malformed("answer for another trade".into()));
        }
        self.notice(transaction)
    }

    async fn refund(&self, request: RefundRequest<'_>) -> Result<String, ProviderError> {
        let (status, body) = self
            .request(
                reqwest::Method::POST,
                "/v3/refund/domestic/refunds",
                Some(serde_json::json!({
                    "out_trade_no": request.reference,
                    "out_refund_no": request.refund_no,
                    "amount": {
                        "refund": request.amount.fen(),
                        "total": request.paid.fen(),
                        "currency": "CNY",
                    },
                })),
            )
            .await?;
        let answer: serde_json::Value =
            serde_json::from_str(&body).map_err(|e| ProviderError::Malformed(e.to_string()))?;
        match (status, answer["status"].as_str()) {
            (200, Some("SUCCESS" | "PROCESSING")) => Ok(answer["refund_id"]
                .as_str()
                .unwrap_or(request.refund_no)
                .to_string()),
            _ => Err(ProviderError::Refused(format!(
                "{status} {} {}",
                answer["code"]
                    .as_str()
                    .or(answer["status"].as_str())
                    .unwrap_or(""),
                answer["message"].as_str().unwrap_or("")
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::payment::keys::tests::test_key;

    const KEY: &[u8; 32] = b"0123456789abcdef0123456789abcdef";

    fn wechat_pay() -> WechatPay {
        WechatPay::new(WechatPayConfig {
            merchant_id: "1900000001".into(),
            app_id: "wx0000000000000001".into(),
            merchant_serial: "MERCHANT01".into(),
            private_key: test_key().clone(),
            api_v3_key: *KEY,
            platform_serial: "PLATFORM01".into(),
            platform_key: test_key().to_public_key(),
            api: "http://127.0.0.1:9".into(),
            public_url: "https://shop.example".into(),
        })
    }

    fn encrypt(plain: &str, nonce: &str, aad: &str) -> String {
        let cipher = Aes256Gcm::new_from_slice(KEY).unwrap();
        BASE64.encode(
            cipher
                .encrypt(
                    Nonce::from_slice(nonce.as_bytes()),
                    Payload {
                        msg: plain.as_bytes(),
                        aad: aad.as_bytes(),
                    },
                )
                .unwrap(),
        )
    }

    fn signed_headers(body: &str, timestamp: i64) -> http::HeaderMap {
        let nonce = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
        let signature = keys::sign(
            test_key(),
            answer_message(&timestamp.to_string(), nonce, body).as_bytes(),
        );
        let mut headers = http::HeaderMap::new();
        headers.insert("wechatpay-serial", "PLATFORM01".parse().unwrap());
        headers.insert(
            "wechatpay-timestamp",
            timestamp.to_string().parse().unwrap(),
        );
        headers.insert("wechatpay-nonce", nonce.parse().unwrap());
        headers.insert("wechatpay-signature", signature.parse().unwrap());
        headers
    }

    fn notification(trade_state: &str) -> String {
        let transaction = serde_json::json!({
            "mchid": "1900000001", "appid": "wx0000000000000001",
            "out_trade_no": "J2611290000001-0A1B2C3D", "transaction_id": "4200000001",
            "trade_state": trade_state, "amount": { "total": 8880, "payer_total": 8880, "currency": "CNY" },
        })
        .to_string();
        serde_json::json!({
            "id": "EV-2018022511223320873", "create_time": "2026-11-29T10:00:00+08:00",
            "resource_type": "encrypt-resource", "event_type": "TRANSACTION.SUCCESS",
            "summary": "支付成功",
            "resource": {
                "algorithm": "AEAD_AES_256_GCM", "original_type": "transaction",
                "associated_data": "transaction", "nonce": "fdasflkja484",
                "ciphertext": encrypt(&transaction, "fdasflkja484", "transaction"),
            },
        })
        .to_string()
    }

    #[test]
    fn notifications_are_verified_then_decrypted() {
        let pay = wechat_pay();
        let body = notification("SUCCESS");
        let now = crate::db::unix_now();
        let notice = pay
            .verify_notification(&signed_headers(&body, now), &body)
            .unwrap()
            .unwrap();
        assert_eq!(notice.amount, Money::from_fen(8880));
        assert_eq!(notice.order_no, "J2611290000001");
        assert_eq!(notice.outcome, PaymentOutcome::Succeeded);
        // Signed, but the body changed afterwards.
        let tampered = body.replace("支付成功", "支付失敗");
        assert_eq!(
            pay.verify_notification(&signed_headers(&body, now), &tampered),
            Err(ProviderError::BadSignature)
        );
        // An old signed message sent again.
        assert!(matches!(
            pay.verify_notification(&signed_headers(&body, now - 3600), &body),
            Err(ProviderError::Refused(_))
        ));
        // Signed by a certificate that is not the platform's.
        let mut other = signed_headers(&body, now);
        other.insert("wechatpay-serial", "SOMEONE".parse().unwrap());
        assert_eq!(
            pay.verify_notification(&other, &body),
            Err(ProviderError::BadSignature)
        );
        let waiting = notification("NOTPAY");
        assert_eq!(
            pay.verify_notification(&signed_headers(&waiting, now), &waiting),
            Ok(None)
        );
    }

    #[test]
    fn a_ciphertext_with_a_changed_byte_does_not_decrypt() {
        let sealed = encrypt("{\"a\":1}", "fdasflkja484", "transaction");
        assert_eq!(
            decrypt(KEY, "fdasflkja484", "transaction", &sealed).unwrap(),
            b"{\"a\":1}"
        );
        let mut bytes = BASE64.decode(&sealed).unwrap();
        bytes[0] ^= 1;
        assert_eq!(
            decrypt(KEY, "fdasflkja484", "transaction", &BASE64.encode(bytes)),
            Err(ProviderError::BadSignature)
        );
        assert!(decrypt(KEY, "fdasflkja484", "other", &sealed).is_err());
    }

    #[test]
    fn requests_are_signed_over_the_documented_message() {
        let pay = wechat_pay();
        let header = pay.authorization("POST", "/v3/refund/domestic/refunds", "{}");
        let field = |name: &str| {
            header
                .split(&format!("{name}=\""))
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .unwrap()
                .to_string()
        };
        assert!(header.starts_with("WECHATPAY2-SHA256-RSA2048 "));
        assert_eq!(field("mchid"), "1900000001");
        assert_eq!(field("serial_no"), "MERCHANT01");
        let message = request_message(
            "POST",
            "/v3/refund/domestic/refunds",
            field("timestamp").parse().unwrap(),
            &field("nonce_str"),
            "{}",
        );
        assert!(keys::verify(
            &test_key().to_public_key(),
            message.as_bytes(),
            &field("signature")
        ));
    }

    /// The example in WeChat Pay's "签名生成" (signature generation) guide.
    #[test]
    fn the_signed_message_matches_the_documented_example() {
        assert_eq!(
            request_message(
                "GET",
                "/v3/certificates",
                1554208460,
                "593BEC0C930BF1AFEB40B4A08C8FB242",
                ""
            ),
            "GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n"
        );
    }

    #[test]
    fn scan_links_are_signed() {
        let pay = wechat_pay();
        let signature = pay.scan_signature("J1-00", "weixin://wxpay/bizpayurl?pr=abc");
        assert!(pay.scan_link_matches("J1-00", "weixin://wxpay/bizpayurl?pr=abc", &signature));
        assert!(!pay.scan_link_matches("J1-00", "weixin://wxpay/bizpayurl?pr=evil", &signature));
    }
}
