//! A fake Alipay open-API gateway (`/gateway.do`): page pay (GET), `alipay.trade.query` and
//! `alipay.trade.refund` (POST), RSA2 signatures both ways, and the signed notification and
//! return forms Alipay would send.

use app::payment::alipay::{sign_content, AlipayConfig};
use app::payment::keys;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::routing::get;
use rsa::RsaPrivateKey;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

pub const APP_ID: &str = "2021000000000001";

#[derive(Clone, Debug)]
pub struct Trade {
    pub total_amount: String,
    pub status: &'static str,
    pub notify_url: String,
    pub return_url: String,
    /// out_request_no → refund_amount
    pub refunds: BTreeMap<String, String>,
}

#[derive(Default)]
struct Books {
    trades: HashMap<String, Trade>,
    /// Requests refused because their signature did not verify.
    bad_signatures: usize,
}

#[derive(Clone)]
pub struct FakeAlipay {
    pub url: String,
    merchant_key: RsaPrivateKey,
    alipay_key: RsaPrivateKey,
    books: Arc<Mutex<Books>>,
}

#[derive(Clone)]
struct Shared {
    merchant_key: RsaPrivateKey,
    alipay_key: RsaPrivateKey,
    books: Arc<Mutex<Books>>,
}

impl FakeAlipay {
    pub async fn start() -> FakeAlipay {
        let (merchant_key, alipay_key) = (super::new_key(), super::new_key());
        let books = Arc::new(Mutex::new(Books::default()));
        let shared = Shared {
            merchant_key: merchant_key.clone(),
            alipay_key: alipay_key.clone(),
            books: books.clone(),
        };
        let router = axum::Router::new()
            .route("/gateway.do", get(page_pay).post(api))
            .with_state(shared);
        FakeAlipay {
            url: super::serve(router).await,
            merchant_key,
            alipay_key,
            books,
        }
    }

    /// What the shop is configured with.
    pub fn config(&self) -> AlipayConfig {
        AlipayConfig {
            app_id: APP_ID.into(),
            private_key: self.merchant_key.clone(),
            alipay_public_key: self.alipay_key.to_public_key(),
            gateway: format!("{}/gateway.do", self.url),
        }
    }

    pub fn trade(&self, out_trade_no: &str) -> Option<Trade> {
        self.books.lock().unwrap().trades.get(out_trade_no).cloned()
    }

    pub fn bad_signatures(&self) -> usize {
        self.books.lock().unwrap().bad_signatures
    }

    /// The shopper paid on Alipay's page: the trade succeeds and Alipay's notification (a
    /// signed form, as it would POST to notify_url) is returned.
    pub fn pay(&self, out_trade_no: &str) -> (String, String) {
        let mut books = self.books.lock().unwrap();
        let trade = books
            .trades
            .get_mut(out_trade_no)
            .expect("a trade opened by page pay");
        trade.status = "TRADE_SUCCESS";
        let trade = trade.clone();
        drop(books);
        let body = self.notification(out_trade_no, "TRADE_SUCCESS", &trade.total_amount);
        (trade.notify_url, body)
    }

    /// A notification form as Alipay signs it.
    pub fn notification(&self, out_trade_no: &str, status: &str, total_amount: &str) -> String {
        self.signed_form(&[
            ("notify_time", "2026-11-29 10:00:00"),
            ("notify_type", "trade_status_sync"),
            ("notify_id", "ac05099524730693a8b330c5ecf72da9786"),
            ("app_id", APP_ID),
            ("charset", "utf-8"),
            ("version", "1.0"),
            ("trade_no", "2026112922001400000000000001"),
            ("out_trade_no", out_trade_no),
            ("trade_status", status),
            ("total_amount", total_amount),
            ("receipt_amount", total_amount),
            ("subject", "Jishi 集市"),
        ])
    }

    /// The query string Alipay appends to return_url (signed; no trade status in it).
    pub fn return_query(&self, out_trade_no: &str) -> String {
        let amount = self
            .trade(out_trade_no)
            .map(|t| t.total_amount)
            .unwrap_or_else(|| "1.00".into());
        self.signed_form(&[
            ("app_id", APP_ID),
            ("method", "alipay.trade.page.pay.return"),
            ("charset", "utf-8"),
            ("timestamp", "2026-11-29 10:00:01"),
            ("version", "1.0"),
            ("trade_no", "2026112922001400000000000001"),
            ("out_trade_no", out_trade_no),
            ("total_amount", &amount),
            ("seller_id", "2088000000000001"),
        ])
    }

    fn signed_form(&self, fields: &[(&str, &str)]) -> String {
        let content = sign_content(fields.iter().copied(), true);
        let signature = keys::sign(&self.alipay_key, content.as_bytes());
        let mut all = fields.to_vec();
        all.push(("sign", &signature));
        all.push(("sign_type", "RSA2"));
        serde_urlencoded::to_string(&all).unwrap()
    }
}

/// Checks a request's RSA2 signature with the merchant's public key.
fn verified(shared: &Shared, form: &str) -> Option<BTreeMap<String, String>> {
    let params: BTreeMap<String, String> = serde_urlencoded::from_str(form).ok()?;
    let content = sign_content(params.iter().map(|(k, v)| (k.as_str(), v.as_str())), false);
    let ok = params.get("app_id").map(String::as_str) == Some(APP_ID)
        && params.get("sign_type").map(String::as_str) == Some("RSA2")
        && keys::verify(
            &shared.merchant_key.to_public_key(),
            content.as_bytes(),
            params.get("sign")?,
        );
    if !ok {
        shared.books.lock().unwrap().bad_signatures += 1;
    }
    ok.then_some(params)
}

/// The cashier page: opens the trade (WAIT_BUYER_PAY) when the link is genuine.
async fn page_pay(State(shared): State<Shared>, RawQuery(query): RawQuery) -> (StatusCode, String) {
    let Some(params) = verified(&shared, &query.unwrap_or_default()) else {
        return (StatusCode::BAD_REQUEST, "invalid-signature".into());
    };
    let biz: serde_json::Value = serde_json::from_str(&params["biz_content"]).unwrap();
    let out_trade_no = biz["out_trade_no"].as_str().unwrap().to_string();
    shared
        .books
        .lock()
        .unwrap()
        .trades
        .entry(out_trade_no)
        .or_insert(Trade {
            total_amount: biz["total_amount"].as_str().unwrap().to_string(),
            status: "WAIT_BUYER_PAY",
            notify_url: params["notify_url"].clone(),
            return_url: params["return_url"].clone(),
            refunds: BTreeMap::new(),
        });
    (StatusCode::OK, "<html>支付寶收銀台</html>".into())
}

/// The API methods: a signed JSON answer whose `sign` covers the response object's text.
async fn api(State(shared): State<Shared>, body: String) -> String {
    let respond = |node_name: &str, node: serde_json::Value| {
        let text = node.to_string();
        let signature = keys::sign(&shared.alipay_key, text.as_bytes());
        format!(r#"{{"{node_name}":{text},"sign":"{signature}"}}"#)
    };
    let Some(params) = verified(&shared, &body) else {
        return respond(
            "error_response",
            serde_json::json!({"code": "40002", "msg": "Invalid Arguments", "sub_code": "isv.invalid-signature", "sub_msg": "验签出错"}),
        );
    };
    let biz: serde_json::Value = serde_json::from_str(&params["biz_content"]).unwrap();
    let out_trade_no = biz["out_trade_no"].as_str().unwrap_or("").to_string();
    let node_name = format!("{}_response", params["method"].replace('.', "_"));
    let mut books = shared.books.lock().unwrap();
    let Some(trade) = books.trades.get_mut(&out_trade_no) else {
        return respond(
            &node_name,
            serde_json::json!({"code": "40004", "msg": "Business Failed", "sub_code": "ACQ.TRADE_NOT_EXIST", "sub_msg": "交易不存在"}),
        );
    };
    match params["method"].as_str() {
        "alipay.trade.query" => respond(
            &node_name,
            serde_json::json!({
                "code": "10000", "msg": "Success", "out_trade_no": out_trade_no,
                "trade_no": "2026112922001400000000000001", "trade_status": trade.status,
                "total_amount": trade.total_amount,
            }),
        ),
        "alipay.trade.refund" => {
            if trade.status != "TRADE_SUCCESS" {
                return respond(
                    &node_name,
                    serde_json::json!({"code": "40004", "msg": "Business Failed", "sub_code": "ACQ.TRADE_STATUS_ERROR", "sub_msg": "交易状态不合法"}),
                );
            }
            let request_no = biz["out_request_no"].as_str().unwrap().to_string();
            let amount = biz["refund_amount"].as_str().unwrap().to_string();
            // The same out_request_no is the same refund: money moves once.
            let fund_change = match trade.refunds.entry(request_no) {
                std::collections::btree_map::Entry::Occupied(_) => "N",
                std::collections::btree_map::Entry::Vacant(entry) => {
                    entry.insert(amount.clone());
                    "Y"
                }
            };
            respond(
                &node_name,
                serde_json::json!({
                    "code": "10000", "msg": "Success", "out_trade_no": out_trade_no,
                    "trade_no": "2026112922001400000000000001", "refund_fee": amount,
                    "fund_change": fund_change,
                }),
            )
        }
        _ => respond(
            "error_response",
            serde_json::json!({"code": "40004", "sub_code": "isv.invalid-method"}),
        ),
    }
}
