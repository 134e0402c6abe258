//! The JSON API as a script or an app calls it: a bearer token or none, JSON both ways.
use super::app::TestApp;
use reqwest::Method;
use serde_json::Value;

/// A client of the API, anonymous or holding one bearer token.
pub struct Api<'a> {
    app: &'a TestApp,
    token: Option<&'a str>,
}

/// An API answer: the status and the JSON body (`Null` when there is none).
pub struct Reply {
    pub status: u16,
    pub body: Value,
}

impl TestApp {
    pub fn api(&self) -> Api<'_> {
        Api {
            app: self,
            token: None,
        }
    }

    pub fn api_as<'a>(&'a self, token: &'a str) -> Api<'a> {
        Api {
            app: self,
            token: Some(token),
        }
    }
}

impl Api<'_> {
    pub async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.send(Method::POST, path, Some(body)).await
    }

    pub async fn post_empty(&self, path: &str) -> Reply {
        self.send(Method::POST, path, None).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.send(Method::DELETE, path, None).await
    }

    pub async fn send(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        let mut req = reqwest::Client::new().request(method, format!("{}{path}", self.app.base));
        if let Some(t) = self.token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let r = req.send().await.unwrap();
        let status = r.status().as_u16();
        let text = r.text().await.unwrap();
        Reply {
            status,
            body: serde_json::from_str(&text).unwrap_or(Value::Null),
        }
    }
}

impl Reply {
    /// The status with the error's stable code, for one `assert_eq!`.
    pub fn error(&self) -> (u16, &str) {
        (
            self.status,
            self.body["error"]["code"]
                .as_str()
                .unwrap_or("<no error code>"),
        )
    }

    /// The error's message (empty when there is none).
    pub fn message(&self) -> &str {
        self.body["error"]["message"].as_str().unwrap_or_default()
    }

    /// A string field of the body, or a panic naming the body.
    pub fn str(&self, field: &str) -> &str {
        self.body[field]
            .as_str()
            .unwrap_or_else(|| panic!("no {field} in {} ({})", self.body, self.status))
    }

    /// Panics with the body unless the status is the expected one.
    pub fn expect(&self, status: u16) -> &Self {
        assert_eq!(self.status, status, "{}", self.body);
        self
    }
}
