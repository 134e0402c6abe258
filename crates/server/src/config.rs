//! Settings: defaults ← TOML file (`--config`) ← `KEYDESK_*` environment variables
//! (`__` separates sections: `KEYDESK_MAIL__SMTP__HOST`) and `DATABASE_URL`.
//! Everything is checked at start; a bad value stops start-up naming its key.
use ipnet::IpNet;
use secrecy::SecretString;
use serde::Deserialize;

// The file store's settings live with the file store; they are part of these.
pub use crate::files::{FileBackend, FileSettings};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// The URL customers use (links in mails). Defaults to http://{listen}.
    pub public_url: Option<String>,
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; default: keydesk.sqlite in the data dir.
    pub database_url: Option<String>,
    /// Name shown in authenticator apps and mails.
    pub issuer: String,
    pub log_format: LogFormat,
    /// Run the job worker (mail delivery, sweeps) in this process. With several
    /// instances, any number of them may run it: jobs are claimed once.
    pub job_worker: bool,
    /// Reverse proxies whose `X-Forwarded-For` names the client (addresses or CIDR
    /// ranges). Empty: the TCP peer is the client, and the header is ignored.
    #[serde(deserialize_with = "ip_ranges")]
    pub trusted_proxies: Vec<IpNet>,
    pub security: SecuritySettings,
    pub mail: MailSettings,
    pub files: FileSettings,
    pub metrics: MetricsSettings,
    /// The address customers can write to for help, shown on the help page and in
    /// mails; none: they are sent to the help page only.
    pub support_email: Option<String>,
    pub desk: DeskSettings,
    /// SQLite only: `full` (default) puts every commit on disk before it is
    /// acknowledged, so nothing acknowledged is lost in a power cut; `normal` is faster
    /// and loses the last commits if the machine (not keydesk) goes down.
    pub sqlite_synchronous: SqliteSynchronous,
    /// What each verification tier may do: `[tiers.unverified]`, `[tiers.basic]`,
    /// `[tiers.enhanced]`, each `allows = ["log_in", "deposit", "trade", "withdraw"]`
    /// and `daily_withdrawal_limit_jpy`.
    pub tiers: keydesk_domain::capability::policy::Policy,
    pub verification: VerificationSettings,
    pub twofactor_reset: TwofactorResetSettings,
}

/// The 2FA reset for a customer who lost their authenticator: slow for attackers, sure
/// for owners.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TwofactorResetSettings {
    /// An approved reset waits this long before it is carried out; the owner can stop
    /// it from every channel on file meanwhile.
    pub delay_hours: i64,
    /// After the reset, withdrawals are held this long (nobody can shorten it).
    pub withdrawal_hold_hours: i64,
    /// Tiers whose resets need a second agent's approval (`unverified`, `basic`,
    /// `enhanced`); staff accounts' resets always do.
    pub four_eyes_tiers: Vec<String>,
    /// A reset by personal facts waits for an agent's confirmation; `false`: three
    /// matching facts start the security delay at once.
    pub facts_need_agent: bool,
    /// A closed case's images are deleted this many days after it closed.
    pub retention_days: i64,
}

impl Default for TwofactorResetSettings {
    fn default() -> Self {
        Self {
            delay_hours: 24,
            withdrawal_hold_hours: 48,
            four_eyes_tiers: Vec::new(),
            facts_need_agent: true,
            retention_days: 30,
        }
    }
}

impl TwofactorResetSettings {
    /// The four-eyes tiers, as read (validated at start).
    pub fn four_eyes(&self) -> Vec<keydesk_domain::capability::tier::Tier> {
        self.four_eyes_tiers
            .iter()
            .filter_map(|t| keydesk_domain::capability::tier::Tier::parse(t))
            .collect()
    }
}

/// Identity verification: which documents are accepted, and how long its records live.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct VerificationSettings {
    /// The documents accepted per country; read again whenever the file changes.
    /// Missing: the list built into keydesk (the shipped `config/kyc_documents.toml`).
    pub documents_file: PathBuf,
    /// Images of refused and cleared attempts are deleted this many days after the
    /// decision.
    pub refused_retention_days: i64,
    /// The records of an approved verification are kept this many years (Japan's Act
    /// on Prevention of Transfer of Criminal Proceeds: 7), then their images deleted.
    pub approved_retention_years: i64,
    /// The youngest age at which an account may be verified.
    pub minimum_age: i32,
}

impl Default for VerificationSettings {
    fn default() -> Self {
        Self {
            documents_file: PathBuf::from("config/kyc_documents.toml"),
            refused_retention_days: 30,
            approved_retention_years: 7,
            minimum_age: 18,
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum SqliteSynchronous {
    #[default]
    Full,
    Normal,
}

/// The help desk: where its forms are, its automations, its limits.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DeskSettings {
    /// The request forms; read again whenever the file changes. Missing: the forms
    /// built into keydesk (the shipped `config/categories.toml`).
    pub categories_file: PathBuf,
    /// Solved requests close after this many days (Zendesk: 4).
    pub close_after_days: i64,
    /// Reminders to the customer this many hours after a request became pending;
    /// empty: none.
    pub pending_reminder_hours: Vec<i64>,
    /// Attachments per message, and the size of each.
    pub max_attachments: usize,
    pub max_attachment_mb: usize,
    /// Requests a signed-out visitor may submit from one address per hour.
    pub anonymous_per_address_per_hour: u32,
    /// A new mail to the support address (not a reply) opens a request in this
    /// category.
    pub mail_category: String,
    /// A message larger than this is refused on its own (the MTA bounces it).
    pub max_mail_mb: usize,
    /// SLA policies, the first that matches a request applying (list a specific one
    /// before a catch-all); none: no SLA clocks.
    pub sla: Vec<SlaPolicySettings>,
    /// The week that business-hours policies count.
    pub business_hours: BusinessHoursSettings,
    /// A running clock due within this many minutes is marked "due soon" in the queue.
    pub sla_warning_minutes: i64,
    /// Attachments of requests closed this many days ago are deleted; unset: kept.
    pub closed_attachments_retention_days: Option<i64>,
}

/// One SLA policy (`[[desk.sla]]`); targets in minutes, a target left out is not kept.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlaPolicySettings {
    /// A category key; left out: every category.
    pub category: Option<String>,
    /// low, normal, high or urgent; left out: every priority.
    pub priority: Option<String>,
    pub first_reply_minutes: Option<i64>,
    pub next_reply_minutes: Option<i64>,
    pub resolution_minutes: Option<i64>,
    /// Count only `desk.business_hours` (else every hour).
    #[serde(default)]
    pub business_hours: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BusinessHoursSettings {
    /// An IANA zone, e.g. "Asia/Tokyo".
    pub time_zone: String,
    /// Day (mon … sun) → working intervals, e.g. "09:00-18:00" or
    /// "09:00-12:00, 13:00-18:00"; a day left out is not worked.
    pub week: std::collections::BTreeMap<String, String>,
    /// Local dates on which nothing counts, e.g. "2026-12-31".
    pub holidays: Vec<String>,
}

impl Default for BusinessHoursSettings {
    fn default() -> Self {
        Self {
            time_zone: "UTC".into(),
            week: ["mon", "tue", "wed", "thu", "fri"]
                .into_iter()
                .map(|d| (d.to_owned(), "09:00-18:00".to_owned()))
                .collect(),
            holidays: Vec::new(),
        }
    }
}

impl DeskSettings {
    /// The SLA policies, as the domain keeps them; an error names the setting.
    pub fn sla_policies(
        &self,
    ) -> Result<Vec<keydesk_domain::helpdesk::sla::policy::Policy>, ConfigError> {
        use keydesk_domain::helpdesk::priority::Priority;
        use keydesk_domain::helpdesk::sla::{hours, policy};
        let b = &self.business_hours;
        let business = || -> Result<hours::Hours, ConfigError> {
            let zone = jiff::tz::TimeZone::get(&b.time_zone).map_err(|_| {
                invalid(
                    "desk.business_hours.time_zone",
                    format!("{:?} is not a time zone (e.g. Asia/Tokyo)", b.time_zone),
                )
            })?;
            let week = b.week.iter().map(|(d, t)| (d.as_str(), t.as_str()));
            let holidays = b.holidays.iter().map(String::as_str);
            hours::BusinessHours::new(zone, week, holidays)
                .map(hours::Hours::Business)
                .map_err(|e| invalid("desk.business_hours", e.to_string()))
        };
        self.sla
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let key = |k: &str| format!("desk.sla[{i}].{k}");
                let minutes = |k: &str, m: Option<i64>| match m {
                    Some(m) if m <= 0 => Err(invalid(&key(k), "must be at least 1")),
                    m => Ok(m.map(|m| m * 60)),
                };
                let priority = match &p.priority {
                    None => None,
                    Some(name) => Some(Priority::parse(name).ok_or_else(|| {
                        invalid(&key("priority"), "must be low, normal, high or urgent")
                    })?),
                };
                Ok(policy::Policy {
                    category: p.category.clone(),
                    priority,
                    targets: policy::Targets {
                        first_reply: minutes("first_reply_minutes", p.first_reply_minutes)?,
                        next_reply: minutes("next_reply_minutes", p.next_reply_minutes)?,
                        resolution: minutes("resolution_minutes", p.resolution_minutes)?,
                    },
                    hours: if p.business_hours {
                        business()?
                    } else {
                        hours::Hours::Calendar
                    },
                })
            })
            .collect()
    }
}

impl Default for DeskSettings {
    fn default() -> Self {
        Self {
            categories_file: PathBuf::from("config/categories.toml"),
            close_after_days: 4,
            pending_reminder_hours: vec![24, 120],
            max_attachments: 10,
            max_attachment_mb: 20,
            anonymous_per_address_per_hour: 5,
            mail_category: "other".into(),
            max_mail_mb: 25,
            sla: Vec::new(),
            business_hours: BusinessHoursSettings::default(),
            sla_warning_minutes: 60,
            closed_attachments_retention_days: None,
        }
    }
}

/// Who may read `/metrics`: it tells request rates, failed logins and locks, which are
/// an operator's to read, not the world's.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MetricsSettings {
    /// A listen address of its own (e.g. `127.0.0.1:9100`, or a private network's):
    /// then `/metrics` is served there only, to anyone who can reach it, and never on
    /// the customers' listener.
    pub listen: Option<SocketAddr>,
    /// Otherwise: the client addresses (or CIDR ranges) the customers' listener serves it
    /// to, the client as `trusted_proxies` resolve it; anyone else gets a 404.
    #[serde(deserialize_with = "ip_ranges")]
    pub allow: Vec<IpNet>,
}

impl Default for MetricsSettings {
    fn default() -> Self {
        Self {
            listen: None,
            allow: ["127.0.0.1/32", "::1/128"]
                .iter()
                .filter_map(|r| r.parse().ok())
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SecuritySettings {
    /// Every account must have a second factor before it can do anything else.
    pub mfa_mandatory: bool,
    /// May a customer turn 2FA off with a current code (only when not mandatory)?
    pub allow_disable_2fa: bool,
    /// 64 hex characters (32 bytes) for AES-256-GCM; default: generated once into
    /// `{data_dir}/secret.key` with mode 0600.
    pub encryption_key: Option<SecretString>,
    /// Or a file holding that key (mode 0600), e.g. a secret every instance mounts. A
    /// running keydesk follows it when it is replaced; its retired keys are in the file
    /// of the same name plus `.retired`. Default: `{data_dir}/secret.key`.
    pub encryption_key_file: Option<PathBuf>,
    /// Earlier keys (64 hex characters each), kept after a rotation so that secrets
    /// sealed under them still open until `keydesk keys reseal` has re-sealed them.
    pub retired_encryption_keys: Vec<SecretString>,
    pub session_idle_minutes: i64,
    pub session_max_hours: i64,
    /// Argon2id memory in KiB (OWASP: 19456) and passes (OWASP: 2).
    pub argon2_memory_kib: u32,
    pub argon2_iterations: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MailSettings {
    pub from: String,
    pub transport: MailTransport,
    pub smtp: SmtpSettings,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum MailTransport {
    /// Mails are kept in the database; `keydesk outbox` and /admin/outbox read them.
    Outbox,
    Smtp,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    /// `starttls` (port 587), `tls` (implicit TLS, port 465) or `none` (local relay only).
    pub tls: SmtpTls,
    pub username: Option<String>,
    pub password: Option<SecretString>,
    /// A CA certificate (PEM) to trust besides the public roots: a relay whose
    /// certificate comes from the exchange's own CA.
    pub ca_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    Starttls,
    Tls,
    None,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            public_url: None,
            data_dir: PathBuf::from("keydesk-data"),
            database_url: None,
            issuer: "keydesk".into(),
            log_format: LogFormat::Text,
            job_worker: true,
            trusted_proxies: Vec::new(),
            security: SecuritySettings::default(),
            mail: MailSettings::default(),
            files: FileSettings::default(),
            metrics: MetricsSettings::default(),
            support_email: None,
            desk: DeskSettings::default(),
            sqlite_synchronous: SqliteSynchronous::Full,
            tiers: Default::default(),
            verification: VerificationSettings::default(),
            twofactor_reset: TwofactorResetSettings::default(),
        }
    }
}

impl Default for SecuritySettings {
    fn default() -> Self {
        Self {
            mfa_mandatory: true,
            allow_disable_2fa: false,
            encryption_key: None,
            encryption_key_file: None,
            retired_encryption_keys: Vec::new(),
            session_idle_minutes: 30,
            session_max_hours: 12,
            argon2_memory_kib: 19 * 1024,
            argon2_iterations: 2,
        }
    }
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            from: "keydesk <no-reply@keydesk.localhost>".into(),
            transport: MailTransport::Outbox,
            smtp: SmtpSettings::default(),
        }
    }
}

impl Default for SmtpSettings {
    fn default() -> Self {
        Self {
            host: "localhost".into(),
            port: 587,
            tls: SmtpTls::Starttls,
            username: None,
            password: None,
            ca_file: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("config file {path} is not valid TOML: {message}")]
    Syntax { path: PathBuf, message: String },
    #[error("invalid setting `{key}`: {message}")]
    Invalid { key: String, message: String },
}

fn invalid(key: &str, message: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        key: key.into(),
        message: message.into(),
    }
}

impl Settings {
    /// Loads the layers from a file and the process environment.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        Self::load_from(file, std::env::vars())
    }

    pub fn load_from(
        file: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, ConfigError> {
        let mut table = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.into(),
                    source,
                })?;
                text.parse::<toml::Table>()
                    .map_err(|e| ConfigError::Syntax {
                        path: path.into(),
                        message: e.message().to_owned(),
                    })?
            }
            None => toml::Table::new(),
        };
        for (name, raw) in env {
            let path: Vec<String> = if name == "DATABASE_URL" {
                vec!["database_url".into()]
            } else if NOT_SETTINGS.iter().any(|p| name.starts_with(p)) {
                continue;
            } else if let Some(rest) = name.strip_prefix("KEYDESK_") {
                rest.split("__").map(|p| p.to_ascii_lowercase()).collect()
            } else {
                continue;
            };
            insert_path(&mut table, &path, env_value(&raw));
        }
        let settings: Settings = serde_path_to_error::deserialize(toml::Value::Table(table))
            .map_err(|e| {
                let key = e.path().to_string();
                invalid(&key, e.into_inner().to_string())
            })?;
        settings.check()?;
        Ok(settings)
    }

    fn check(&self) -> Result<(), ConfigError> {
        self.desk.sla_policies()?;
        if let Some(url) = &self.database_url {
            if !(url.starts_with("sqlite:")
                || url.starts_with("postgres:")
                || url.starts_with("postgresql:"))
            {
                return Err(invalid(
                    "database_url",
                    "must start with sqlite:// or postgres://",
                ));
            }
        }
        if let Some(url) = &self.public_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(invalid("public_url", "must start with http:// or https://"));
            }
        }
        let is_key = |key: &SecretString| {
            use secrecy::ExposeSecret;
            hex::decode(key.expose_secret()).is_ok_and(|k| k.len() == 32)
        };
        if self
            .security
            .encryption_key
            .as_ref()
            .is_some_and(|k| !is_key(k))
        {
            return Err(invalid(
                "security.encryption_key",
                "must be 64 hexadecimal characters (32 bytes)",
            ));
        }
        if self.security.encryption_key.is_some() && self.security.encryption_key_file.is_some() {
            return Err(invalid(
                "security.encryption_key_file",
                "set either security.encryption_key or security.encryption_key_file, not both",
            ));
        }
        if !self.security.retired_encryption_keys.iter().all(is_key) {
            return Err(invalid(
                "security.retired_encryption_keys",
                "each must be 64 hexadecimal characters (32 bytes)",
            ));
        }
        self.tiers.validate().map_err(|why| invalid("tiers", why))?;
        let v = &self.verification;
        if v.refused_retention_days < 1 {
            return Err(invalid(
                "verification.refused_retention_days",
                "must be at least 1",
            ));
        }
        if v.approved_retention_years < 1 {
            return Err(invalid(
                "verification.approved_retention_years",
                "must be at least 1",
            ));
        }
        if !(16..=25).contains(&v.minimum_age) {
            return Err(invalid("verification.minimum_age", "must be 16 to 25"));
        }
        let r = &self.twofactor_reset;
        if !(1..=24 * 30).contains(&r.delay_hours) {
            return Err(invalid(
                "twofactor_reset.delay_hours",
                "must be 1 to 720 (30 days)",
            ));
        }
        if !(1..=24 * 366).contains(&r.withdrawal_hold_hours) {
            return Err(invalid(
                "twofactor_reset.withdrawal_hold_hours",
                "must be 1 to 8784 (a year)",
            ));
        }
        if r.retention_days < 1 {
            return Err(invalid(
                "twofactor_reset.retention_days",
                "must be at least 1",
            ));
        }
        if let Some(t) = r
            .four_eyes_tiers
            .iter()
            .find(|t| keydesk_domain::capability::tier::Tier::parse(t).is_none())
        {
            return Err(invalid(
                "twofactor_reset.four_eyes_tiers",
                format!("{t:?} is not a tier: use unverified, basic or enhanced"),
            ));
        }
        let desk = &self.desk;
        if desk.close_after_days < 1 {
            return Err(invalid("desk.close_after_days", "must be at least 1"));
        }
        if desk.pending_reminder_hours.iter().any(|h| *h < 1) {
            return Err(invalid(
                "desk.pending_reminder_hours",
                "each must be at least 1",
            ));
        }
        if !(1..=50).contains(&desk.max_attachments) || !(1..=100).contains(&desk.max_attachment_mb)
        {
            return Err(invalid(
                "desk.max_attachments",
                "max_attachments must be 1 to 50 and max_attachment_mb 1 to 100",
            ));
        }
        if self.security.argon2_memory_kib < 19 * 1024 || self.security.argon2_iterations < 2 {
            return Err(invalid(
                "security.argon2_memory_kib",
                "Argon2id needs at least 19456 KiB and 2 iterations (OWASP)",
            ));
        }
        if self.security.mfa_mandatory && self.security.allow_disable_2fa {
            return Err(invalid(
                "security.allow_disable_2fa",
                "cannot be true while security.mfa_mandatory is true",
            ));
        }
        if self.security.session_idle_minutes < 1 || self.security.session_max_hours < 1 {
            return Err(invalid(
                "security.session_idle_minutes",
                "session lifetimes must be positive",
            ));
        }
        if self.mail.from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(invalid(
                "mail.from",
                "must be a mailbox such as `keydesk <no-reply@example.com>`",
            ));
        }
        if self.issuer.trim().is_empty() || self.issuer.contains(':') {
            return Err(invalid(
                "issuer",
                "must be non-empty and must not contain ':'",
            ));
        }
        self.files
            .check()
            .map_err(|(key, message)| invalid(key, message))
    }

    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.listen))
            .trim_end_matches('/')
            .to_owned()
    }

    pub fn database_url(&self) -> String {
        let url = self.database_url.clone().unwrap_or_else(|| {
            format!(
                "sqlite://{}",
                self.data_dir.join("keydesk.sqlite").display()
            )
        });
        if self.sqlite_synchronous == SqliteSynchronous::Normal
            && url.starts_with("sqlite:")
            && !url.contains("synchronous=")
        {
            let joiner = if url.contains('?') { '&' } else { '?' };
            format!("{url}{joiner}synchronous=normal")
        } else {
            url
        }
    }

    /// Where the data is, in words for an operator: the data directory (absolute) and the
    /// database (its URL without a password).
    pub fn describe_data(&self) -> String {
        let dir = std::path::absolute(&self.data_dir).unwrap_or_else(|_| self.data_dir.clone());
        format!(
            "data directory {}, database {}",
            dir.display(),
            redact(&self.database_url())
        )
    }

    /// `Secure` cookies everywhere except plain http on a loopback address, where
    /// browsers would drop them.
    pub fn cookies_secure(&self) -> bool {
        let url = self.public_url();
        !(url.starts_with("http://")
            && (url.contains("://127.")
                || url.contains("://localhost")
                || url.contains("://[::1]")))
    }
}

/// `KEYDESK_*` variables that are not settings: the config file's path, the password
/// for `keydesk user create`, and the test harness's own variables.
const NOT_SETTINGS: &[&str] = &[
    "KEYDESK_CONFIG",
    "KEYDESK_NEW_PASSWORD",
    "KEYDESK_TEST_",
    "KEYDESK_SKIP_",
];

/// An environment value is read as a TOML value when it is one (`8080`, `true`),
/// otherwise as a string.
/// `"10.0.0.0/8"` or a single address, `"192.0.2.1"`.
fn ip_ranges<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<IpNet>, D::Error> {
    use serde::de::Error;
    let raw = Vec::<String>::deserialize(d)?;
    raw.iter()
        .map(|s| {
            s.parse::<IpNet>()
                .or_else(|_| s.parse::<std::net::IpAddr>().map(IpNet::from))
                .map_err(|_| D::Error::custom(format!("`{s}` is not an IP address or range")))
        })
        .collect()
}

fn env_value(raw: &str) -> toml::Value {
    format!("v = {raw}")
        .parse::<toml::Table>()
        .ok()
        .and_then(|mut t| t.remove("v"))
        .unwrap_or_else(|| toml::Value::String(raw.to_owned()))
}

fn insert_path(table: &mut toml::Table, path: &[String], value: toml::Value) {
    match path {
        [] => {}
        [last] => {
            table.insert(last.clone(), value);
        }
        [first, rest @ ..] => {
            let entry = table
                .entry(first.clone())
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            if !entry.is_table() {
                *entry = toml::Value::Table(toml::Table::new());
            }
            if let toml::Value::Table(t) = entry {
                insert_path(t, rest, value);
            }
        }
    }
}

/// A database URL without its password, for printing.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://…{}", &url[..s], &url[at..]),
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_are_the_embedded_setup() {
        let s = Settings::load_from(None, env(&[])).unwrap();
        assert_eq!(s.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(s.database_url(), "sqlite://keydesk-data/keydesk.sqlite");
        assert!(s.security.mfa_mandatory);
        assert!(!s.cookies_secure());
    }

    #[test]
    fn the_example_file_reads_as_the_defaults_it_documents() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../config/keydesk.example.toml");
        let s = Settings::load_from(Some(&path), env(&[])).unwrap();
        assert_eq!(s.desk.close_after_days, 4);
        assert_eq!(s.desk.pending_reminder_hours, vec![24, 120]);
        assert_eq!(s.sqlite_synchronous, SqliteSynchronous::Full);
        let normal =
            Settings::load_from(None, env(&[("KEYDESK_SQLITE_SYNCHRONOUS", "normal")])).unwrap();
        assert_eq!(
            normal.database_url(),
            "sqlite://keydesk-data/keydesk.sqlite?synchronous=normal"
        );
    }

    #[test]
    fn environment_overrides_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.toml");
        std::fs::write(
            &path,
            "listen = \"0.0.0.0:9000\"\n[mail]\ntransport = \"smtp\"\n[mail.smtp]\nport = 25\n",
        )
        .unwrap();
        let s = Settings::load_from(
            Some(&path),
            env(&[
                ("KEYDESK_MAIL__SMTP__PORT", "2525"),
                ("DATABASE_URL", "postgres://x/y"),
            ]),
        )
        .unwrap();
        assert_eq!(s.listen.port(), 9000);
        assert_eq!(s.mail.transport, MailTransport::Smtp);
        assert_eq!(s.mail.smtp.port, 2525);
        assert_eq!(s.database_url(), "postgres://x/y");
    }

    #[test]
    fn files_are_local_unless_s3_is_configured() {
        let s = Settings::load_from(None, env(&[])).unwrap();
        assert_eq!(s.files.backend, FileBackend::Local);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.toml");
        std::fs::write(
            &path,
            "[files]\nbackend = \"s3\"\nbucket = \"keydesk\"\nendpoint = \"http://127.0.0.1:9000\"\n\
             allow_http = true\nprefix = \"keydesk/prod/\"\naccess_key_id = \"id\"\n",
        )
        .unwrap();
        let s = Settings::load_from(
            Some(&path),
            env(&[("KEYDESK_FILES__SECRET_ACCESS_KEY", "s3cr3t/+key")]),
        )
        .unwrap();
        assert_eq!(s.files.backend, FileBackend::S3);
        assert_eq!(s.files.bucket.as_deref(), Some("keydesk"));
        assert_eq!(s.files.region, "us-east-1");
        assert!(s.files.allow_http);
        use secrecy::ExposeSecret;
        let secret = s.files.secret_access_key.as_ref().unwrap();
        assert_eq!(secret.expose_secret(), "s3cr3t/+key");
        assert!(
            !format!("{s:?}").contains("s3cr3t"),
            "secrets are never printed"
        );
    }

    #[test]
    fn trusted_proxies_take_addresses_and_ranges() {
        let s = Settings::load_from(
            None,
            env(&[(
                "KEYDESK_TRUSTED_PROXIES",
                r#"["127.0.0.1", "10.0.0.0/8", "::1"]"#,
            )]),
        )
        .unwrap();
        let shown: Vec<String> = s.trusted_proxies.iter().map(|n| n.to_string()).collect();
        assert_eq!(shown, ["127.0.0.1/32", "10.0.0.0/8", "::1/128"]);
        assert!(Settings::load_from(None, env(&[]))
            .unwrap()
            .trusted_proxies
            .is_empty());
    }

    #[test]
    fn bad_values_name_their_key() {
        let err = Settings::load_from(None, env(&[("KEYDESK_MAIL__SMTP__PORT", "lots")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("mail.smtp.port"), "{err}");
        let err = Settings::load_from(None, env(&[("KEYDESK_LISTEN", "nowhere")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("listen"), "{err}");
        let err = Settings::load_from(
            None,
            env(&[(
                "KEYDESK_TRUSTED_PROXIES",
                r#"["10.0.0.0/8", "proxy.local"]"#,
            )]),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("trusted_proxies") && err.contains("proxy.local"),
            "{err}"
        );
        let err = Settings::load_from(None, env(&[("DATABASE_URL", "mysql://x")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("database_url"), "{err}");
        let err = Settings::load_from(None, env(&[("KEYDESK_SECURITY__ENCRYPTION_KEY", "abc")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("security.encryption_key"), "{err}");
        let key = "ab".repeat(32);
        let ok = Settings::load_from(
            None,
            env(&[(
                "KEYDESK_SECURITY__RETIRED_ENCRYPTION_KEYS",
                &format!(r#"["{key}", "{key}"]"#),
            )]),
        )
        .unwrap();
        assert_eq!(ok.security.retired_encryption_keys.len(), 2);
        let err = Settings::load_from(
            None,
            env(&[(
                "KEYDESK_SECURITY__RETIRED_ENCRYPTION_KEYS",
                &format!(r#"["{key}", "abc"]"#),
            )]),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("security.retired_encryption_keys"), "{err}");
        let err = Settings::load_from(
            None,
            env(&[
                ("KEYDESK_SECURITY__ENCRYPTION_KEY", &key),
                ("KEYDESK_SECURITY__ENCRYPTION_KEY_FILE", "/run/secrets/key"),
            ]),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("security.encryption_key_file"), "{err}");
        for (pairs, key) in [
            (&[("KEYDESK_FILES__BACKEND", "ftp")][..], "files.backend"),
            (&[("KEYDESK_FILES__BACKEND", "s3")][..], "files.bucket"),
            (
                &[
                    ("KEYDESK_FILES__BACKEND", "s3"),
                    ("KEYDESK_FILES__BUCKET", "b"),
                    ("KEYDESK_FILES__ENDPOINT", "http://127.0.0.1:9000"),
                ][..],
                "files.endpoint",
            ),
            (
                &[
                    ("KEYDESK_FILES__BACKEND", "s3"),
                    ("KEYDESK_FILES__BUCKET", "b"),
                    ("KEYDESK_FILES__ENDPOINT", "minio.local:9000"),
                ][..],
                "files.endpoint",
            ),
            (
                &[
                    ("KEYDESK_FILES__BACKEND", "s3"),
                    ("KEYDESK_FILES__BUCKET", "b"),
                    ("KEYDESK_FILES__ACCESS_KEY_ID", "AKIA0000"),
                ][..],
                "files.secret_access_key",
            ),
            (
                &[
                    ("KEYDESK_FILES__BACKEND", "s3"),
                    ("KEYDESK_FILES__BUCKET", "b"),
                    ("KEYDESK_FILES__PREFIX", "../other"),
                ][..],
                "files.prefix",
            ),
        ] {
            let err = Settings::load_from(None, env(pairs))
                .unwrap_err()
                .to_string();
            assert!(err.contains(key), "{pairs:?}: {err}");
        }
        let err = Settings::load_from(None, env(&[("KEYDESK_NO_SUCH_KEY", "1")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("no_such_key"), "{err}");
    }
}
