//! A minimal browser for integration tests: it keeps the session cookie, sends server function
//! calls the way the page does (form-encoded POST, same-origin fetch metadata) and reads the
//! JSON answers, all through the real router.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use leptos::server_fn::ServerFn;
use std::net::SocketAddr;
use tower::ServiceExt;

pub struct Browser {
    app: axum::Router,
    pub cookie: Option<String>,
    pub ip: SocketAddr,
    /// Sent as User-Agent when set (none by default, as from a script).
    pub user_agent: Option<String>,
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.body).unwrap_or_else(|e| {
            panic!("not the expected JSON ({e}): {} {}", self.status, self.body)
        })
    }

    pub fn error(&self) -> app::error::AppError {
        assert!(
            !self.status.is_success(),
            "expected an error, got {} {}",
            self.status,
            self.body
        );
        self.json()
    }
}

pub fn path<F: ServerFn>() -> &'static str {
    F::PATH
}

impl Browser {
    pub fn new(app: &axum::Router) -> Browser {
        Browser::from_ip(app, "203.0.113.7")
    }

    pub fn from_ip(app: &axum::Router, ip: &str) -> Browser {
        Browser {
            app: app.clone(),
            cookie: None,
            ip: SocketAddr::new(ip.parse().unwrap(), 50_000),
            user_agent: None,
        }
    }

    /// The same cookie in another browser (as a stolen or shared cookie would be).
    pub fn with_cookie(app: &axum::Router, cookie: Option<String>) -> Browser {
        let mut browser = Browser::new(app);
        browser.cookie = cookie;
        browser
    }

    pub async fn send(&mut self, mut request: Request<Body>) -> Answer {
        request.extensions_mut().insert(ConnectInfo(self.ip));
        if let Some(agent) = &self.user_agent {
            request
                .headers_mut()
                .insert(header::USER_AGENT, agent.parse().unwrap());
        }
        if let Some(cookie) = &self.cookie {
            request.headers_mut().insert(
                header::COOKIE,
                format!(
                    "{}={cookie}",
                    server::session_cookie_name("https://shop.example")
                )
                .parse()
                .unwrap(),
            );
        }
        let response = self.app.clone().oneshot(request).await.unwrap();
        for value in response.headers().get_all(header::SET_COOKIE) {
            let value = value.to_str().unwrap();
            let name = server::session_cookie_name("https://shop.example");
            if let Some(rest) = value.strip_prefix(&format!("{name}=")) {
                let cookie = rest.split(';').next().unwrap_or("");
                let expired = value.contains("Max-Age=0") || cookie.is_empty();
                self.cookie = (!expired).then(|| cookie.to_string());
            }
        }
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Answer {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// Calls a server function with form fields, as `ActionForm` does.
    pub async fn call<F: ServerFn>(&mut self, fields: &[(&str, &str)]) -> Answer {
        self.call_with::<F>(fields, &[("sec-fetch-site", "same-origin")])
            .await
    }

    pub async fn call_with<F: ServerFn>(
        &mut self,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Answer {
        self.post_to(F::PATH, fields, headers).await
    }

    /// A server function called by its address (for tables of functions of different types).
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Answer {
        self.post_to(path, fields, &[("sec-fetch-site", "same-origin")])
            .await
    }

    async fn post_to(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Answer {
        let mut request = Request::post(path)
            .header(header::HOST, "shop.example")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if !headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("accept"))
        {
            request = request.header(header::ACCEPT, "application/json");
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let body = serde_urlencoded::to_string(fields).unwrap();
        self.send(request.body(Body::from(body)).unwrap()).await
    }

    /// Calls a multipart server function with text fields and at most one file
    /// (field name, file name, content type, bytes), as a form with a file input does.
    pub async fn call_multipart<F: ServerFn>(
        &mut self,
        fields: &[(&str, &str)],
        file: Option<(&str, &str, &str, &[u8])>,
    ) -> Answer {
        let boundary = "jishi-test-boundary";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        if let Some((name, file_name, content_type, bytes)) = file {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let request = Request::post(F::PATH)
            .header(header::HOST, "shop.example")
            .header("sec-fetch-site", "same-origin")
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header(header::ACCEPT, "application/json")
            .body(Body::from(body))
            .unwrap();
        self.send(request).await
    }

    pub async fn call_json<F: ServerFn>(&mut self, body: serde_json::Value) -> Answer {
        let request = Request::post(F::PATH)
            .header(header::HOST, "shop.example")
            .header("sec-fetch-site", "same-origin")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT, "application/json");
        self.send(request.body(Body::from(body.to_string())).unwrap())
            .await
    }

    pub async fn get(&mut self, uri: &str) -> Answer {
        let request = Request::get(uri)
            .header(header::HOST, "shop.example")
            .header("accept-language", "en");
        self.send(request.body(Body::empty()).unwrap()).await
    }
}

pub const PASSWORD: &str = "green-tea-2026";

/// Registers `email` with the standard test password and consent; the browser is then signed in.
pub async fn register(browser: &mut Browser, email: &str) -> app::domain::account::SessionUser {
    use app::api::account::Register;
    let answer = browser
        .call::<Register>(&[
            ("email", email),
            ("password", PASSWORD),
            ("display_name", ""),
            ("phone", ""),
            ("consent", "on"),
        ])
        .await;
    assert_eq!(
        answer.status,
        StatusCode::OK,
        "register {email}: {}",
        answer.body
    );
    answer.json()
}
