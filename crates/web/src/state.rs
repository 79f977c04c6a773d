//! Shared state handed to every handler.

use gongjiang_app::App;

/// Web-only settings.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` and use the `__Host-` prefix (when served over HTTPS).
    pub secure_cookies: bool,
    /// Largest accepted request body, in bytes.
    pub max_body_bytes: usize,
    /// Largest accepted upload (imports), in bytes.
    pub max_upload_bytes: usize,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            secure_cookies: false,
            max_body_bytes: 1024 * 1024,
            max_upload_bytes: 20 * 1024 * 1024,
        }
    }
}

/// What every handler receives.
#[derive(Clone)]
pub struct AppState {
    /// The use cases.
    pub app: App,
    /// Web settings.
    pub web: WebConfig,
}

impl AppState {
    /// The session cookie's name (`__Host-` prefixed under HTTPS).
    pub fn session_cookie(&self) -> &'static str {
        if self.web.secure_cookies {
            "__Host-gj_session"
        } else {
            "gj_session"
        }
    }
    /// The anonymous CSRF cookie's name.
    pub fn csrf_cookie(&self) -> &'static str {
        if self.web.secure_cookies {
            "__Host-gj_csrf"
        } else {
            "gj_csrf"
        }
    }
    /// Builds a `Set-Cookie` value with the right attributes.
    pub fn cookie(&self, name: &str, value: &str, max_age_secs: Option<i64>) -> String {
        let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
        if self.web.secure_cookies {
            c.push_str("; Secure");
        }
        if let Some(age) = max_age_secs {
            c.push_str(&format!("; Max-Age={age}"));
        }
        c
    }
}
