//! A real Postfix on loopback, for the mail round trip: an instance of its own (its
//! configuration, queue and mailboxes in a temp dir), receiving over SMTP with STARTTLS
//! under a certificate made here. Mail for [`SUPPORT_DOMAIN`] goes through a pipe
//! transport to `keydesk mail-ingest`, as an exchange's MTA would deliver it; mail for
//! [`CUSTOMER_DOMAIN`] goes into a maildir, the customers' mailbox; mail to
//! [`GONE_DOMAIN`] is accepted, then fails at delivery, so it comes back to its sender
//! as Postfix's own delivery status notification (a real bounce); mail to
//! [`REFUSED_DOMAIN`] is refused while it is being sent (`550` to `RCPT TO`).
//!
//! Postfix's master runs as root and its pipe as `nobody`. Where that cannot be (not
//! root, Postfix not installed) the round trip is skipped with a notice; under CI it
//! must run.
use super::app::{free_port, TestApp};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

pub const SUPPORT_DOMAIN: &str = "support.test";
pub const CUSTOMER_DOMAIN: &str = "customer.test";
pub const GONE_DOMAIN: &str = "gone.test";
pub const REFUSED_DOMAIN: &str = "refused.test";

/// The account the pipe runs `keydesk mail-ingest` as (Postfix refuses root).
const PIPE_USER: &str = "nobody";

pub struct Postfix {
    dir: tempfile::TempDir,
    pub port: u16,
}

impl Postfix {
    /// A running instance, or `None` (with a notice) where Postfix cannot run here.
    pub fn start() -> Option<Self> {
        if let Some(why) = cannot_run() {
            assert!(
                std::env::var_os("CI").is_none(),
                "the Postfix round trip must run under CI: {why}"
            );
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "SKIPPED: the Postfix round trip: {why}");
            return None;
        }
        let dir = tempfile::Builder::new()
            .prefix("kd-postfix-")
            .tempdir()
            .unwrap();
        let base = dir.path();
        // Postfix's daemons and the pipe's user walk into it.
        std::fs::set_permissions(base, std::fs::Permissions::from_mode(0o755)).unwrap();
        for sub in ["conf", "queue", "data", "mailboxes"] {
            std::fs::create_dir(base.join(sub)).unwrap();
        }
        let (uid, gid) = user_ids(PIPE_USER);
        std::os::unix::fs::chown(base.join("mailboxes"), Some(uid), Some(gid)).unwrap();
        let (postfix_uid, _) = user_ids("postfix");
        std::os::unix::fs::chown(base.join("data"), Some(postfix_uid), None).unwrap();
        make_certificate(&base.join("conf"));
        // The pipe's user may not reach the build's target dir: a copy of the binary.
        let binary = base.join("keydesk");
        std::fs::copy(env!("CARGO_BIN_EXE_keydesk"), &binary).unwrap();
        std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755)).unwrap();
        let port = free_port();
        std::fs::write(base.join("conf/main.cf"), main_cf(base)).unwrap();
        std::fs::write(base.join("conf/master.cf"), master_cf(base, port)).unwrap();
        let postfix = Self { dir, port };
        let started = postfix.postfix("start");
        assert!(started.status.success(), "postfix start: {}", postfix.log());
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Some(postfix);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("postfix is not listening on {port}: {}", postfix.log());
    }

    fn postfix(&self, what: &str) -> std::process::Output {
        Command::new("postfix")
            .arg("-c")
            .arg(self.dir.path().join("conf"))
            .arg(what)
            .output()
            .unwrap()
    }

    /// The CA that signed the certificate its STARTTLS presents.
    pub fn ca_file(&self) -> PathBuf {
        self.dir.path().join("conf/ca.pem")
    }

    /// Its log, for a failing assertion's message.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("maillog")).unwrap_or_default()
    }

    /// Lets `keydesk mail-ingest`, run by the pipe, reach the app's database and key:
    /// the same data dir and database URL, in a configuration file of its own.
    pub fn deliver_to(&self, app: &TestApp) {
        let settings = app.settings();
        let mut config = format!(
            "data_dir = {:?}\nsupport_email = {:?}\n",
            settings.data_dir.display().to_string(),
            settings.support_email.clone().unwrap_or_default()
        );
        if let Some(url) = &settings.database_url {
            config.push_str(&format!("database_url = {url:?}\n"));
        }
        let path = self.dir.path().join("conf/keydesk.toml");
        std::fs::write(&path, config).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let (uid, gid) = user_ids(PIPE_USER);
        give_away(&settings.data_dir, uid, gid);
    }

    /// The messages in the customers' mailbox, oldest first.
    pub fn mailbox(&self) -> Vec<Vec<u8>> {
        let new = self.dir.path().join("mailboxes/inbox/new");
        let mut files: Vec<_> = std::fs::read_dir(new)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        files.iter().filter_map(|p| std::fs::read(p).ok()).collect()
    }

    /// Waits (up to 30 s) for a message in the customers' mailbox that `wanted` picks.
    pub async fn wait_for_mail(&self, wanted: impl Fn(&[u8]) -> bool) -> Vec<u8> {
        for _ in 0..300 {
            if let Some(m) = self.mailbox().into_iter().find(|m| wanted(m)) {
                return m;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no such mail arrived: {}", self.log());
    }

    /// Hands a raw message to Postfix over SMTP, as a customer's mail client does.
    pub async fn submit(&self, from: &str, to: &str, raw: &[u8]) {
        use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
        let client = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("127.0.0.1")
            .port(self.port)
            .build();
        let envelope =
            lettre::address::Envelope::new(Some(from.parse().unwrap()), vec![to.parse().unwrap()])
                .unwrap();
        client.send_raw(&envelope, raw).await.unwrap();
    }
}

impl Drop for Postfix {
    fn drop(&mut self) {
        if !self.postfix("stop").status.success() {
            self.postfix("abort");
        }
    }
}

fn cannot_run() -> Option<String> {
    if !Path::new("/usr/sbin/postfix").exists() {
        return Some("Debian's postfix is not installed (scripts/setup installs it)".into());
    }
    let root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0\n"))
        .unwrap_or(false);
    (!root).then(|| "Postfix's master needs root".into())
}

fn user_ids(name: &str) -> (u32, u32) {
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap();
    let line = passwd
        .lines()
        .find(|l| l.split(':').next() == Some(name))
        .unwrap_or_else(|| panic!("no user {name}"));
    let fields: Vec<&str> = line.split(':').collect();
    (fields[2].parse().unwrap(), fields[3].parse().unwrap())
}

/// Hands a directory tree to the pipe's user. The app keeps running as root: SQLite,
/// run by root, gives the journal files it creates later the database file's owner.
fn give_away(path: &Path, uid: u32, gid: u32) {
    std::os::unix::fs::chown(path, Some(uid), Some(gid)).unwrap();
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            give_away(&entry.unwrap().path(), uid, gid);
        }
    }
}

/// A CA of the test's own (what `mail.smtp.ca_file` names) and the server certificate
/// it signs for 127.0.0.1.
fn make_certificate(conf: &Path) {
    let openssl = |args: &[&str]| {
        let made = Command::new("openssl")
            .args(args)
            .current_dir(conf)
            .output()
            .unwrap();
        assert!(
            made.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&made.stderr)
        );
    };
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
    ];
    openssl(
        &[
            &["req", "-x509"][..],
            &ec,
            &["-days", "2", "-subj", "/CN=keydesk test CA"],
        ]
        .concat()
        .iter()
        .chain(&[
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-keyout",
            "ca-key.pem",
            "-out",
            "ca.pem",
        ])
        .copied()
        .collect::<Vec<_>>(),
    );
    openssl(
        &[
            &["req", "-new"][..],
            &ec,
            &[
                "-subj",
                "/CN=127.0.0.1",
                "-keyout",
                "key.pem",
                "-out",
                "server.csr",
            ],
        ]
        .concat(),
    );
    std::fs::write(
        conf.join("server.ext"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca-key.pem",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "server.ext",
        "-out",
        "cert.pem",
    ]);
}

fn main_cf(base: &Path) -> String {
    let b = base.display();
    format!(
        "compatibility_level = 3.6
queue_directory = {b}/queue
data_directory = {b}/data
maillog_file_prefixes = {b}
maillog_file = {b}/maillog
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mx.keydesk.test
mydomain = keydesk.test
myorigin = keydesk.test
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
biff = no
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
relay_domains = {SUPPORT_DOMAIN}, {GONE_DOMAIN}, {REFUSED_DOMAIN}
transport_maps = inline:{{ {SUPPORT_DOMAIN}=keydesk: , {GONE_DOMAIN}=gone: , {{{REFUSED_DOMAIN}=error:5.1.1 no such mailbox}} }}
keydesk_destination_recipient_limit = 1
virtual_mailbox_domains = {CUSTOMER_DOMAIN}
virtual_mailbox_base = {b}/mailboxes
virtual_mailbox_maps = static:inbox/
virtual_uid_maps = static:{uid}
virtual_gid_maps = static:{gid}
smtpd_tls_cert_file = {b}/conf/cert.pem
smtpd_tls_key_file = {b}/conf/key.pem
smtpd_tls_security_level = may
smtpd_tls_received_header = yes
smtp_dns_support_level = disabled
",
        uid = user_ids(PIPE_USER).0,
        gid = user_ids(PIPE_USER).1,
    )
}

fn master_cf(base: &Path, port: u16) -> String {
    let b = base.display();
    format!(
        "127.0.0.1:{port} inet n - n - - smtpd
pickup unix n - n 60 1 pickup
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
tlsmgr unix - - n 1000? 1 tlsmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
smtp unix - - n - - smtp
relay unix - - n - - smtp
showq unix n - n - - showq
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
virtual unix - n n - - virtual
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
gone unix - n n - - pipe user={PIPE_USER} argv=/usr/bin/false
keydesk unix - n n - - pipe flags=DRq user={PIPE_USER} argv={b}/keydesk --config {b}/conf/keydesk.toml mail-ingest
"
    )
}
