//! A fake WeChat Pay API v3: Native ordering, query by out_trade_no and domestic refunds. It
//! checks each request's `Authorization` (merchant signature over
//! `METHOD\nPATH\nTIMESTAMP\nNONCE\nBODY\n`), signs every answer with its platform key (the
//! `Wechatpay-*` headers), and makes the AEAD_AES_256_GCM-encrypted notifications WeChat Pay
//! posts, under a platform certificate generated here.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use app::payment::keys;
use app::payment::wechat_pay::{answer_message, request_message, WechatPayConfig};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use rsa::RsaPrivateKey;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

pub const MCHID: &str = "1900000001";
pub const APPID: &str = "wx0000000000000001";
pub const MERCHANT_SERIAL: &str = "3775B6A45ACD588826D15E583A95F5DD3A1E1D35";

#[derive(Clone, Debug)]
pub struct Trade {
    pub total: i64,
    pub state: &'static str,
    pub notify_url: String,
    /// out_refund_no → (refund, total)
    pub refunds: BTreeMap<String, (i64, i64)>,
}

#[derive(Default)]
struct Books {
    trades: HashMap<String, Trade>,
    bad_signatures: usize,
}

#[derive(Clone)]
struct Shared {
    merchant_key: RsaPrivateKey,
    platform_key: RsaPrivateKey,
    platform_serial: String,
    books: Arc<Mutex<Books>>,
}

#[derive(Clone)]
pub struct FakeWechatPay {
    pub url: String,
    shared: Shared,
    pub api_v3_key: [u8; 32],
    certificate_pem: String,
}

impl FakeWechatPay {
    pub async fn start() -> FakeWechatPay {
        let (merchant_key, platform_key) = (super::new_key(), super::new_key());
        let (platform_serial, certificate_pem) = certificate(&platform_key);
        let shared = Shared {
            merchant_key,
            platform_key,
            platform_serial,
            books: Arc::new(Mutex::new(Books::default())),
        };
        let router = axum::Router::new()
            .route("/v3/pay/transactions/native", post(native))
            .route(
                "/v3/pay/transactions/out-trade-no/{out_trade_no}",
                get(query),
            )
            .route("/v3/refund/domestic/refunds", post(refund))
            .with_state(shared.clone());
        let api_v3_key: [u8; 32] = rand::random::<[u8; 16]>()
            .iter()
            .flat_map(|b| format!("{b:02x}").into_bytes())
            .collect::<Vec<u8>>()
            .try_into()
            .unwrap();
        FakeWechatPay {
            url: super::serve(router).await,
            shared,
            api_v3_key,
            certificate_pem,
        }
    }

    /// What the shop is configured with; the platform certificate is read as the server reads
    /// the file `JISHI_WECHATPAY_PLATFORM_CERT_FILE` names.
    pub fn config(&self) -> WechatPayConfig {
        let (platform_serial, platform_key) = keys::certificate(&self.certificate_pem).unwrap();
        assert_eq!(platform_serial, self.shared.platform_serial);
        WechatPayConfig {
            merchant_id: MCHID.into(),
            app_id: APPID.into(),
            merchant_serial: MERCHANT_SERIAL.into(),
            private_key: self.shared.merchant_key.clone(),
            api_v3_key: self.api_v3_key,
            platform_serial,
            platform_key,
            api: self.url.clone(),
            public_url: "https://shop.example".into(),
        }
    }

    pub fn trade(&self, out_trade_no: &str) -> Option<Trade> {
        self.shared
            .books
            .lock()
            .unwrap()
            .trades
            .get(out_trade_no)
            .cloned()
    }

    pub fn bad_signatures(&self) -> usize {
        self.shared.books.lock().unwrap().bad_signatures
    }

    /// The shopper paid in WeChat: the trade succeeds and the notification WeChat Pay would
    /// POST (headers, body) is returned.
    pub fn pay(&self, out_trade_no: &str) -> (HeaderMap, String) {
        let total = {
            let mut books = self.shared.books.lock().unwrap();
            let trade = books.trades.get_mut(out_trade_no).expect("an opened trade");
            trade.state = "SUCCESS";
            trade.total
        };
        self.notification(out_trade_no, "SUCCESS", total, app::db::unix_now())
    }

    /// A notification for a trade, signed at `timestamp`.
    pub fn notification(
        &self,
        out_trade_no: &str,
        state: &str,
        total: i64,
        timestamp: i64,
    ) -> (HeaderMap, String) {
        let transaction = serde_json::json!({
            "mchid": MCHID, "appid": APPID, "out_trade_no": out_trade_no,
            "transaction_id": "4200000000202611290000000001", "trade_type": "NATIVE",
            "trade_state": state, "trade_state_desc": "支付成功", "bank_type": "OTHERS",
            "success_time": "2026-11-29T10:00:00+08:00",
            "payer": { "openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
            "amount": { "total": total, "payer_total": total, "currency": "CNY", "payer_currency": "CNY" },
        })
        .to_string();
        let nonce = "fdasflkja484";
        let cipher = Aes256Gcm::new_from_slice(&self.api_v3_key).unwrap();
        let ciphertext = cipher
            .encrypt(
                Nonce::from_slice(nonce.as_bytes()),
                Payload {
                    msg: transaction.as_bytes(),
                    aad: b"transaction",
                },
            )
            .unwrap();
        let body = serde_json::json!({
            "id": format!("EV-{}", hex_of(&rand::random::<[u8; 8]>())),
            "create_time": "2026-11-29T10:00:00+08:00", "resource_type": "encrypt-resource",
            "event_type": "TRANSACTION.SUCCESS", "summary": "支付成功",
            "resource": {
                "original_type": "transaction", "algorithm": "AEAD_AES_256_GCM",
                "ciphertext": BASE64.encode(ciphertext), "associated_data": "transaction",
                "nonce": nonce,
            },
        })
        .to_string();
        (self.shared.signed_headers(&body, timestamp), body)
    }
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

impl Shared {
    fn signed_headers(&self, body: &str, timestamp: i64) -> HeaderMap {
        let nonce = hex_of(&rand::random::<[u8; 16]>());
        let signature = keys::sign(
            &self.platform_key,
            answer_message(&timestamp.to_string(), &nonce, body).as_bytes(),
        );
        let mut headers = HeaderMap::new();
        headers.insert("wechatpay-serial", self.platform_serial.parse().unwrap());
        headers.insert(
            "wechatpay-timestamp",
            timestamp.to_string().parse().unwrap(),
        );
        headers.insert("wechatpay-nonce", nonce.parse().unwrap());
        headers.insert("wechatpay-signature", signature.parse().unwrap());
        headers
    }

    fn answer(&self, status: StatusCode, body: serde_json::Value) -> Response {
        let text = body.to_string();
        let mut headers = self.signed_headers(&text, app::db::unix_now());
        headers.insert("content-type", "application/json".parse().unwrap());
        (status, headers, text).into_response()
    }

    /// The merchant signature in `Authorization`, as WeChat Pay checks it.
    fn authorized(&self, method: &Method, uri: &Uri, headers: &HeaderMap, body: &str) -> bool {
        let Some(value) = headers.get("authorization").and_then(|v| v.to_str().ok()) else {
            return false;
        };
        let Some(fields) = value.strip_prefix("WECHATPAY2-SHA256-RSA2048 ") else {
            return false;
        };
        let field = |name: &str| {
            fields
                .split(',')
                .find_map(|f| f.trim().strip_prefix(&format!("{name}=\"")))
                .and_then(|rest| rest.strip_suffix('"'))
                .unwrap_or("")
                .to_string()
        };
        let path = uri.path_and_query().map(|p| p.as_str()).unwrap_or("");
        let message = request_message(
            method.as_str(),
            path,
            field("timestamp").parse().unwrap_or(0),
            &field("nonce_str"),
            body,
        );
        let ok = field("mchid") == MCHID
            && field("serial_no") == MERCHANT_SERIAL
            && keys::verify(
                &self.merchant_key.to_public_key(),
                message.as_bytes(),
                &field("signature"),
            );
        if !ok {
            self.books.lock().unwrap().bad_signatures += 1;
        }
        ok
    }

    fn unauthorized(&self) -> Response {
        self.answer(
            StatusCode::UNAUTHORIZED,
            serde_json::json!({"code": "SIGN_ERROR", "message": "签名错误"}),
        )
    }
}

/// A self-signed platform certificate for `key`; its serial (upper-case hex) and PEM.
fn certificate(key: &RsaPrivateKey) -> (String, String) {
    use std::str::FromStr;
    use x509_cert::builder::{Builder, CertificateBuilder, Profile};
    use x509_cert::der::EncodePem;
    use x509_cert::name::Name;
    use x509_cert::serial_number::SerialNumber;
    use x509_cert::spki::SubjectPublicKeyInfoOwned;
    use x509_cert::time::Validity;
    let serial_bytes: [u8; 8] = [0x5E, 0x1A, 0x77, 0x21, 0x09, 0x3C, 0x4D, 0x01];
    let signer = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key.clone());
    let builder = CertificateBuilder::new(
        Profile::Root,
        SerialNumber::new(&serial_bytes).unwrap(),
        Validity::from_now(std::time::Duration::from_secs(86_400)).unwrap(),
        Name::from_str("CN=Tenpay.com Root CA,O=Tenpay.com,C=CN").unwrap(),
        SubjectPublicKeyInfoOwned::from_key(key.to_public_key()).unwrap(),
        &signer,
    )
    .unwrap();
    let certificate = builder.build::<rsa::pkcs1v15::Signature>().unwrap();
    let pem = certificate
        .to_pem(x509_cert::der::pem::LineEnding::LF)
        .unwrap();
    (hex_of(&serial_bytes), pem)
}

async fn native(
    State(shared): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: String,
) -> Response {
    if !shared.authorized(&method, &uri, &headers, &body) {
        return shared.unauthorized();
    }
    let order: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(order["mchid"], MCHID);
    assert_eq!(order["amount"]["currency"], "CNY");
    let out_trade_no = order["out_trade_no"].as_str().unwrap().to_string();
    assert!(out_trade_no.len() <= 32);
    shared
        .books
        .lock()
        .unwrap()
        .trades
        .entry(out_trade_no.clone())
        .or_insert(Trade {
            total: order["amount"]["total"].as_i64().unwrap(),
            state: "NOTPAY",
            notify_url: order["notify_url"].as_str().unwrap().to_string(),
            refunds: BTreeMap::new(),
        });
    shared.answer(
        StatusCode::OK,
        serde_json::json!({ "code_url": format!("weixin://wxpay/bizpayurl?pr={out_trade_no}") }),
    )
}

async fn query(
    State(shared): State<Shared>,
    Path(out_trade_no): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if !shared.authorized(&method, &uri, &headers, "") {
        return shared.unauthorized();
    }
    let trade = shared
        .books
        .lock()
        .unwrap()
        .trades
        .get(&out_trade_no)
        .cloned();
    match trade {
        None => shared.answer(
            StatusCode::NOT_FOUND,
            serde_json::json!({"code": "ORDER_NOT_EXIST", "message": "订单不存在"}),
        ),
        Some(trade) => shared.answer(
            StatusCode::OK,
            serde_json::json!({
                "appid": APPID, "mchid": MCHID, "out_trade_no": out_trade_no,
                "trade_state": trade.state, "trade_state_desc": "",
                "amount": { "total": trade.total, "currency": "CNY" },
            }),
        ),
    }
}

async fn refund(
    State(shared): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: String,
) -> Response {
    if !shared.authorized(&method, &uri, &headers, &body) {
        return shared.unauthorized();
    }
    let request: serde_json::Value = serde_json::from_str(&body).unwrap();
    let out_trade_no = request["out_trade_no"].as_str().unwrap_or("");
    let refund_no = request["out_refund_no"].as_str().unwrap().to_string();
    let (amount, total) = (
        request["amount"]["refund"].as_i64().unwrap(),
        request["amount"]["total"].as_i64().unwrap(),
    );
    let mut books = shared.books.lock().unwrap();
    let Some(trade) = books.trades.get_mut(out_trade_no) else {
        drop(books);
        return shared.answer(
            StatusCode::NOT_FOUND,
            serde_json::json!({"code": "RESOURCE_NOT_EXISTS", "message": "订单不存在"}),
        );
    };
    if trade.state != "SUCCESS" && trade.state != "REFUND" || total != trade.total {
        drop(books);
        return shared.answer(
            StatusCode::BAD_REQUEST,
            serde_json::json!({"code": "INVALID_REQUEST", "message": "订单状态或金额不符"}),
        );
    }
    // The same out_refund_no is the same refund: money moves once.
    trade
        .refunds
        .entry(refund_no.clone())
        .or_insert((amount, total));
    trade.state = "REFUND";
    drop(books);
    shared.answer(
        StatusCode::OK,
        serde_json::json!({
            "refund_id": "50000000382019052709732678859", "out_refund_no": refund_no,
            "out_trade_no": out_trade_no, "status": "PROCESSING",
            "amount": { "refund": amount, "total": total, "currency": "CNY" },
        }),
    )
}
