//! Alipay (支付寶) through its open API, as documented at https://opendocs.alipay.com
//! ("電腦網站支付" page pay, `alipay.trade.query`, `alipay.trade.refund`, asynchronous
//! notifications):
//! - Every request carries the common parameters (`app_id`, `method`, `format=JSON`,
//!   `charset=utf-8`, `sign_type=RSA2`, `timestamp` as `yyyy-MM-dd HH:mm:ss` in Beijing time,
//!   `version=1.0`, `biz_content` as JSON) and `sign`: SHA256withRSA over every other non-empty
//!   parameter, sorted by name and joined as `k=v&k=v` with the raw (unencoded) values.
//! - The shopper pays on Alipay's page: `alipay.trade.page.pay` as a signed GET to the gateway.
//! - Alipay posts a form to `notify_url`; it is verified with Alipay's public key over every
//!   parameter except `sign` and `sign_type`, and answered with the plain text `success` (any
//!   other answer and Alipay retries, up to 8 times over 25 hours).
//! - Query and refund answers are JSON `{"<method>_response": {…}, "sign": "…"}`, where `sign`
//!   covers the exact text of the response object. `code` `10000` is success; an unknown trade
//!   is `40004` with `sub_code` `ACQ.TRADE_NOT_EXIST`.
//! - Amounts are yuan with two decimals (`total_amount=88.88`).

use super::keys;
use super::{
    order_of_reference, BrowserReturn, CallbackAnswer, PaymentProvider, PaymentRequest,
    ProviderError, RefundRequest, StartedPayment,
};
use crate::domain::money::Money;
use crate::domain::payment::{PaymentNotice, PaymentOutcome};
use rsa::{RsaPrivateKey, RsaPublicKey};
use serde_json::value::RawValue;
use std::collections::BTreeMap;

pub const NAME: &str = "alipay";
/// Alipay's production gateway.
pub const GATEWAY: &str = "https://openapi.alipay.com/gateway.do";

/// How the shop is known to Alipay.
#[derive(Clone)]
pub struct AlipayConfig {
    pub app_id: String,
    /// The merchant's application private key (signs our requests).
    pub private_key: RsaPrivateKey,
    /// Alipay's public key (verifies notifications and answers).
    pub alipay_public_key: RsaPublicKey,
    /// `GATEWAY` in production; the sandbox gateway or a local fake in tests.
    pub gateway: String,
}

/// Keys stay out of logs.
impl std::fmt::Debug for AlipayConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AlipayConfig")
            .field("app_id", &self.app_id)
            .field("gateway", &self.gateway)
            .finish_non_exhaustive()
    }
}

impl AlipayConfig {
    /// From `JISHI_ALIPAY_APP_ID`, `JISHI_ALIPAY_PRIVATE_KEY_FILE`,
    /// `JISHI_ALIPAY_PUBLIC_KEY_FILE` and optionally `JISHI_ALIPAY_GATEWAY`; None when no app id
    /// is set, an error naming the variable when one is set but unusable.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Result<Option<AlipayConfig>, String> {
        let Some(app_id) = var("JISHI_ALIPAY_APP_ID") else {
            return Ok(None);
        };
        let file = |name: &str| -> Result<String, String> {
            let path = var(name).ok_or_else(|| format!("{name} is not set"))?;
            keys::read_file(&path).map_err(|e| format!("{name}: {e}"))
        };
        Ok(Some(AlipayConfig {
            app_id,
            private_key: keys::private_key(&file("JISHI_ALIPAY_PRIVATE_KEY_FILE")?)
                .map_err(|e| format!("JISHI_ALIPAY_PRIVATE_KEY_FILE: {e}"))?,
            alipay_public_key: keys::public_key(&file("JISHI_ALIPAY_PUBLIC_KEY_FILE")?)
                .map_err(|e| format!("JISHI_ALIPAY_PUBLIC_KEY_FILE: {e}"))?,
            gateway: var("JISHI_ALIPAY_GATEWAY").unwrap_or_else(|| GATEWAY.to_string()),
        }))
    }
}

pub struct Alipay {
    config: AlipayConfig,
    client: reqwest::Client,
}

/// The text Alipay signs: non-empty parameters but `sign` (and, for what Alipay sends us,
/// `sign_type`), sorted by name, `k=v` joined by `&`.
pub fn sign_content<'a>(
    params: impl IntoIterator<Item = (&'a str, &'a str)>,
    skip_sign_type: bool,
) -> String {
    let sorted: BTreeMap<&str, &str> = params
        .into_iter()
        .filter(|(k, v)| !v.is_empty() && *k != "sign" && !(skip_sign_type && *k == "sign_type"))
        .collect();
    sorted
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// Alipay's `trade_status` as our outcome; None for a trade still waiting (`WAIT_BUYER_PAY`).
/// `TRADE_FINISHED` is a success past its refund window; `TRADE_CLOSED` an unpaid trade closed
/// (or one refunded in full, which a succeeded payment never moves back from).
pub fn outcome_of(trade_status: &str) -> Option<PaymentOutcome> {
    match trade_status {
        "TRADE_SUCCESS" | "TRADE_FINISHED" => Some(PaymentOutcome::Succeeded),
        "TRADE_CLOSED" => Some(PaymentOutcome::Failed),
        _ => None,
    }
}

/// Beijing time as Alipay's `timestamp` wants it: `yyyy-MM-dd HH:mm:ss`.
fn timestamp() -> String {
    let local = crate::db::unix_now() + 8 * 3600;
    let date = crate::domain::account::Date::from_unix(local);
    let second = local.rem_euclid(86_400);
    format!(
        "{date} {:02}:{:02}:{:02}",
        second / 3600,
        (second % 3600) / 60,
        second % 60
    )
}

fn yuan(text: &str) -> Result<Money, ProviderError> {
    let valid = !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || c == '.');
    valid
        .then(|| Money::parse_yuan(text).ok())
        .flatten()
        .filter(|m| m.fen() > 0)
        .ok_or_else(|| ProviderError::Malformed(format!("amount {text:?}")))
}

impl Alipay {
    pub fn new(config: AlipayConfig) -> Alipay {
        Alipay {
            config,
            client: super::http_client(),
        }
    }

    /// The common parameters plus `extra` and the signature.
    fn signed_params(
        &self,
        method: &str,
        biz: serde_json::Value,
        extra: &[(&str, &str)],
    ) -> Vec<(String, String)> {
        let mut params: Vec<(String, String)> = vec![
            ("app_id".into(), self.config.app_id.clone()),
            ("method".into(), method.into()),
            ("format".into(), "JSON".into()),
            ("charset".into(), "utf-8".into()),
            ("sign_type".into(), "RSA2".into()),
            ("timestamp".into(), timestamp()),
            ("version".into(), "1.0".into()),
            ("biz_content".into(), biz.to_string()),
        ];
        params.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let content = sign_content(params.iter().map(|(k, v)| (k.as_str(), v.as_str())), false);
        params.push((
            "sign".into(),
            keys::sign(&self.config.private_key, content.as_bytes()),
        ));
        params
    }

    /// Verifies a form Alipay signed (a notification or a browser return) and reads it.
    fn verified_form(&self, form: &str) -> Result<BTreeMap<String, String>, ProviderError> {
        let params: Vec<(String, String)> = serde_urlencoded::from_str(form)
            .map_err(|e| ProviderError::Malformed(e.to_string()))?;
        let map: BTreeMap<String, String> = params.into_iter().collect();
        let signature = map.get("sign").ok_or(ProviderError::BadSignature)?;
        if map.get("sign_type").is_some_and(|t| t != "RSA2") {
            return Err(ProviderError::BadSignature);
        }
        let content = sign_content(map.iter().map(|(k, v)| (k.as_str(), v.as_str())), true);
        if !keys::verify(
            &self.config.alipay_public_key,
            content.as_bytes(),
            signature,
        ) {
            return Err(ProviderError::BadSignature);
        }
        // Signed by Alipay, but for another merchant's app: not ours to apply.
        if map
            .get("app_id")
            .is_some_and(|id| *id != self.config.app_id)
        {
            return Err(ProviderError::Refused("notice for another app_id".into()));
        }
        Ok(map)
    }

    /// Calls an API method and returns its verified response object.
    async fn call(
        &self,
        method: &str,
        biz: serde_json::Value,
    ) -> Result<serde_json::Value, ProviderError> {
        let params = self.signed_params(method, biz, &[]);
        let response = self
            .client
            .post(&self.config.gateway)
            .header(
                "content-type",
                "application/x-www-form-urlencoded;charset=utf-8",
            )
            .body(serde_urlencoded::to_string(&params).expect("strings encode"))
            .send()
            .await
            .map_err(|e| ProviderError::Unavailable(e.to_string()))?;
        if !response.status().is_success() {
            return Err(ProviderError::Unavailable(format!(
                "gateway answered {}",
                response.status()
            )));
        }
        let text = response
            .text()
            .await
            .map_err(|e| ProviderError::Unavailable(e.to_string()))?;
        self.verified_response(method, &text)
    }

    /// The response object of `method` from Alipay's answer, after checking `sign` over its
    /// exact text. An `error_response` (our request was not accepted) is a refusal.
    pub fn verified_response(
        &self,
        method: &str,
        text: &str,
    ) -> Result<serde_json::Value, ProviderError> {
        let envelope: BTreeMap<String, &RawValue> =
            serde_json::from_str(text).map_err(|e| ProviderError::Malformed(e.to_string()))?;
        let node = format!("{}_response", method.replace('.', "_"));
        let (raw, is_error) = match (envelope.get(&node), envelope.get("error_response")) {
            (Some(raw), _) => (*raw, false),
            (None, Some(raw)) => (*raw, true),
            (None, None) => return Err(ProviderError::Malformed("no response object".into())),
        };
        let value: serde_json::Value =
            serde_json::from_str(raw.get()).map_err(|e| ProviderError::Malformed(e.to_string()))?;
        if is_error {
            return Err(ProviderError::Refused(format!(
                "{} {}",
                value["code"].as_str().unwrap_or(""),
                value["sub_msg"]
                    .as_str()
                    .or(value["msg"].as_str())
                    .unwrap_or("")
            )));
        }
        let signature = envelope
            .get("sign")
            .and_then(|s| serde_json::from_str::<String>(s.get()).ok())
            .ok_or(ProviderError::BadSignature)?;
        if !keys::verify(
            &self.config.alipay_public_key,
            raw.get().as_bytes(),
            &signature,
        ) {
            return Err(ProviderError::BadSignature);
        }
        Ok(value)
    }

    fn notice(
        &self,
        reference: &str,
        outcome: PaymentOutcome,
        total_amount: &str,
    ) -> Result<PaymentNotice, ProviderError> {
        let order_no = order_of_reference(reference)
            .ok_or_else(|| ProviderError::Malformed(format!("out_trade_no {reference:?}")))?;
        Ok(PaymentNotice {
            reference: reference.to_string(),
            order_no: order_no.to_string(),
            amount: yuan(total_amount)?,
            outcome,
        })
    }
}

#[async_trait::async_trait]
impl PaymentProvider for Alipay {
    fn name(&self) -> &'static str {
        NAME
    }

    async fn start(&self, request: PaymentRequest<'_>) -> Result<StartedPayment, ProviderError> {
        let reference = super::new_reference(request.order_no);
        let biz = serde_json::json!({
            "out_trade_no": reference,
            "total_amount": request.amount.to_decimal_string(),
            "subject": format!("Jishi 集市 {}", request.order_no),
            "product_code": "FAST_INSTANT_TRADE_PAY",
        });
        let params = self.signed_params(
            "alipay.trade.page.pay",
            biz,
            &[
                ("notify_url", &request.notify_url),
                ("return_url", &request.return_url),
            ],
        );
        let separator = if self.config.gateway.contains('?') {
            '&'
        } else {
            '?'
        };
        Ok(StartedPayment {
            redirect_url: format!(
                "{}{separator}{}",
                self.config.gateway,
                serde_urlencoded::to_string(&params).expect("strings encode")
            ),
            reference,
        })
    }

    fn verify_notification(
        &self,
        _headers: &http::HeaderMap,
        body: &str,
    ) -> Result<Option<PaymentNotice>, ProviderError> {
        let form = self.verified_form(body)?;
        let field = |name: &str| {
            form.get(name)
                .map(String::as_str)
                .ok_or_else(|| ProviderError::Malformed(format!("{name} missing")))
        };
        let Some(outcome) = outcome_of(field("trade_status")?) else {
            return Ok(None);
        };
        self.notice(field("out_trade_no")?, outcome, field("total_amount")?)
            .map(Some)
    }

    fn answer(&self, accepted: bool) -> CallbackAnswer {
        CallbackAnswer {
            status: if accepted { 200 } else { 400 },
            content_type: "text/plain; charset=utf-8",
            body: if accepted { "success" } else { "fail" }.to_string(),
        }
    }

    /// Alipay's return is signed but says nothing about the trade's status, so it is queried.
    async fn browser_return(&self, query: &str) -> Result<BrowserReturn, ProviderError> {
        let form = self.verified_form(query)?;
        let reference = form
            .get("out_trade_no")
            .ok_or_else(|| ProviderError::Malformed("out_trade_no missing".into()))?;
        let order_no = order_of_reference(reference)
            .ok_or_else(|| ProviderError::Malformed(format!("out_trade_no {reference:?}")))?;
        Ok(BrowserReturn {
            order_no: order_no.to_string(),
            notice: self.query(reference).await?,
        })
    }

    async fn query(&self, reference: &str) -> Result<Option<PaymentNotice>, ProviderError> {
        let answer = self
            .call(
                "alipay.trade.query",
                serde_json::json!({ "out_trade_no": reference }),
            )
            .await?;
        match answer["code"].as_str() {
            Some("10000") => {}
            Some("40004") if answer["sub_code"] == "ACQ.TRADE_NOT_EXIST" => return Ok(None),
            _ => return Err(refusal(&answer)),
        }
        if answer["out_trade_no"].as_str() != Some(reference) {
            return Err(ProviderError::Malformed("answer for another trade".into()));
        }
        let Some(outcome) = outcome_of(answer["trade_status"].as_str().unwrap_or("")) else {
            return Ok(None);
        };
        self.notice(
            reference,
            outcome,
            answer["total_amount"].as_str().unwrap_or(""),
        )
        .map(Some)
    }

    async fn refund(&self, request: RefundRequest<'_>) -> Result<String, ProviderError> {
        let answer = self
            .call(
                "alipay.trade.refund",
                serde_json::json!({
                    "out_trade_no": request.reference,
                    "refund_amount": request.amount.to_decimal_string(),
                    "out_request_no": request.refund_no,
                }),
            )
            .await?;
        if answer["code"].as_str() != Some("10000") {
            return Err(refusal(&answer));
        }
        // The same out_request_no again answers 10000 without moving money twice.
        Ok(answer["trade_no"]
            .as_str()
            .map(|trade_no| format!("{trade_no}/{}", request.refund_no))
            .unwrap_or_else(|| request.refund_no.to_string()))
    }
}

fn refusal(answer: &serde_json::Value) -> ProviderError {
    ProviderError::Refused(format!(
        "{} {} {}",
        answer["code"].as_str().unwrap_or("?"),
        answer["sub_code"].as_str().unwrap_or(""),
        answer["sub_msg"]
            .as_str()
            .or(answer["msg"].as_str())
            .unwrap_or("")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::payment::keys::tests::test_key;

    fn alipay() -> Alipay {
        Alipay::new(AlipayConfig {
            app_id: "2021000000000001".into(),
            private_key: test_key().clone(),
            alipay_public_key: test_key().to_public_key(),
            gateway: "http://127.0.0.1:9/gateway.do".into(),
        })
    }

    #[test]
    fn the_signed_text_is_sorted_without_empty_values_or_the_signature() {
        let text = sign_content(
            [
                ("method", "alipay.trade.query"),
                ("app_id", "1"),
                ("sign", "x"),
                ("sign_type", "RSA2"),
                ("empty", ""),
                ("biz_content", "{\"a\":1}"),
            ],
            false,
        );
        assert_eq!(
            text,
            "app_id=1&biz_content={\"a\":1}&method=alipay.trade.query&sign_type=RSA2"
        );
        let notice = sign_content([("sign_type", "RSA2"), ("b", "2"), ("a", "1")], true);
        assert_eq!(notice, "a=1&b=2");
    }

    /// The example in Alipay's "自行实现签名" (implementing the signature yourself) guide:
    /// parameters in any order become this one sorted text.
    #[test]
    fn the_signed_text_matches_the_documented_example() {
        let biz = r#"{"button":[{"actionParam":"ZFB_HFCZ","actionType":"out","name":"话费充值"},{"name":"查询","subButton":[{"actionParam":"ZFB_YECX","actionType":"out","name":"余额查询"},{"actionParam":"ZFB_LLCX","actionType":"out","name":"流量查询"},{"actionParam":"ZFB_HFCX","actionType":"out","name":"话费查询"}]},{"actionParam":"http://m.alipay.com","actionType":"link","name":"最新优惠"}]}"#;
        let text = sign_content(
            [
                ("method", "alipay.mobile.public.menu.add"),
                ("charset", "GBK"),
                ("sign_type", "RSA2"),
                ("timestamp", "2014-07-24 03:07:50"),
                ("biz_content", biz),
                ("sign", "ignored"),
                ("app_id", "2014072300007148"),
                ("version", "1.0"),
            ],
            false,
        );
        assert_eq!(
            text,
            format!("app_id=2014072300007148&biz_content={biz}&charset=GBK&method=alipay.mobile.public.menu.add&sign_type=RSA2&timestamp=2014-07-24 03:07:50&version=1.0")
        );
    }

    /// Signs a notification form the way Alipay does (its key is the test key here).
    fn notification(fields: &[(&str, &str)]) -> String {
        let content = sign_content(fields.iter().copied(), true);
        let signature = keys::sign(test_key(), content.as_bytes());
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("sign", &signature));
        all.push(("sign_type", "RSA2"));
        serde_urlencoded::to_string(&all).unwrap()
    }

    #[test]
    fn notifications_verify_and_any_change_is_refused() {
        let alipay = alipay();
        let fields = [
            ("app_id", "2021000000000001"),
            ("notify_type", "trade_status_sync"),
            ("out_trade_no", "J2611290000001-0A1B2C3D"),
            ("trade_no", "2026112922001"),
            ("trade_status", "TRADE_SUCCESS"),
            ("total_amount", "88.80"),
        ];
        let body = notification(&fields);
        let notice = alipay
            .verify_notification(&http::HeaderMap::new(), &body)
            .unwrap()
            .unwrap();
        assert_eq!(notice.amount, Money::from_fen(8880));
        assert_eq!(notice.order_no, "J2611290000001");
        assert_eq!(notice.outcome, PaymentOutcome::Succeeded);
        let tampered = body.replace("88.80", "0.01");
        assert_eq!(
            alipay.verify_notification(&http::HeaderMap::new(), &tampered),
            Err(ProviderError::BadSignature)
        );
        let waiting = notification(&[
            ("app_id", "2021000000000001"),
            ("out_trade_no", "J2611290000001-0A1B2C3D"),
            ("trade_status", "WAIT_BUYER_PAY"),
            ("total_amount", "88.80"),
        ]);
        assert_eq!(
            alipay.verify_notification(&http::HeaderMap::new(), &waiting),
            Ok(None)
        );
        let other_app = notification(&[
            ("app_id", "2021999999999999"),
            ("out_trade_no", "J2611290000001-0A1B2C3D"),
            ("trade_status", "TRADE_SUCCESS"),
            ("total_amount", "88.80"),
        ]);
        assert!(matches!(
            alipay.verify_notification(&http::HeaderMap::new(), &other_app),
            Err(ProviderError::Refused(_))
        ));
    }

    #[test]
    fn page_pay_links_carry_a_signature_over_the_documented_fields() {
        let alipay = alipay();
        let started = futures_lite_block_on(alipay.start(PaymentRequest {
            order_no: "J2611290000001",
            amount: Money::from_fen(12_345),
            return_url: "https://shop.example/payments/alipay/return".into(),
            notify_url: "https://shop.example/payments/alipay/notify".into(),
        }))
        .unwrap();
        let query = started.redirect_url.split_once('?').unwrap().1;
        let params: BTreeMap<String, String> = serde_urlencoded::from_str(query).unwrap();
        assert_eq!(params["method"], "alipay.trade.page.pay");
        let biz: serde_json::Value = serde_json::from_str(&params["biz_content"]).unwrap();
        assert_eq!(biz["total_amount"], "123.45");
        assert_eq!(biz["out_trade_no"], started.reference.as_str());
        let content = sign_content(params.iter().map(|(k, v)| (k.as_str(), v.as_str())), false);
        assert!(keys::verify(
            &test_key().to_public_key(),
            content.as_bytes(),
            &params["sign"]
        ));
    }

    #[test]
    fn answers_are_checked_over_the_exact_response_text() {
        let alipay = alipay();
        let node = r#"{"code":"10000","msg":"Success","out_trade_no":"J1-00","trade_status":"TRADE_SUCCESS","total_amount":"1.00"}"#;
        let signature = keys::sign(test_key(), node.as_bytes());
        let text = format!(r#"{{"alipay_trade_query_response":{node},"sign":"{signature}"}}"#);
        let value = alipay
            .verified_response("alipay.trade.query", &text)
            .unwrap();
        assert_eq!(value["trade_status"], "TRADE_SUCCESS");
        let forged = text.replace("1.00", "9.00");
        assert_eq!(
            alipay.verified_response("alipay.trade.query", &forged),
            Err(ProviderError::BadSignature)
        );
    }

    fn futures_lite_block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(future)
    }
}
