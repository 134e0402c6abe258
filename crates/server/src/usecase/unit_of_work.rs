//! One use case, one transaction: the change, the audit event that records it, the mails
//! that tell the owner and the jobs it schedules are written through the same
//! transaction, so a rolled-back change leaves no event and sends nothing.
use super::gate::Owner;
use super::RequestMeta;
use crate::jobs::Job;
use crate::mail::MailKind;
use crate::state::AppState;
use keydesk_domain::audit::AuditKind;
use keydesk_domain::identity::language::Language;
use keydesk_store::models::NewAuditEvent;
use keydesk_store::{StoreResult, WriteTx};
use std::ops::{Deref, DerefMut};

/// An audit event. The actor did it, the subject is whose account it concerns: a
/// customer changing their password is both; an agent looking at a customer's photo is
/// the actor, the customer the subject.
#[derive(Debug, Clone)]
pub struct Audit {
    kind: AuditKind,
    subject: Option<i64>,
    actor: Option<i64>,
    detail: serde_json::Value,
}

impl Audit {
    /// The event's row, from the request `meta` at `now`.
    pub fn row<'a>(&self, meta: &'a RequestMeta, now: i64) -> NewAuditEvent<'a> {
        NewAuditEvent {
            account_id: self.subject,
            actor_id: self.actor,
            kind: self.kind,
            ip: Some(&meta.ip),
            user_agent: Some(truncate(&meta.user_agent, 400)),
            detail: self.detail.to_string(),
            now,
        }
    }

    /// Something the account's own holder did (or that happened to their account
    /// through their own request: a lock, a failed login).
    pub fn own(kind: AuditKind, account_id: i64) -> Self {
        Self {
            kind,
            subject: Some(account_id),
            actor: Some(account_id),
            detail: serde_json::json!({}),
        }
    }

    /// Something `actor` (staff, or an operator's account) did to `subject`'s account.
    pub fn by(kind: AuditKind, actor: Option<i64>, subject: i64) -> Self {
        Self {
            kind,
            subject: Some(subject),
            actor,
            detail: serde_json::json!({}),
        }
    }

    /// Something an operator did to the installation itself (a macro, a webhook): no
    /// customer's account is concerned, so it is in the operator's own trail.
    pub fn operator(kind: AuditKind, operator: i64) -> Self {
        Self::by(kind, Some(operator), operator)
    }

    pub fn detail(mut self, detail: serde_json::Value) -> Self {
        self.detail = detail;
        self
    }
}

pub struct UnitOfWork<'a> {
    state: &'a AppState,
    meta: &'a RequestMeta,
    tx: Box<dyn WriteTx>,
    jobs_queued: bool,
    /// What must happen only once the change is durable (a metric counted for it).
    after_commit: Vec<Box<dyn FnOnce() + Send>>,
}

impl<'a> UnitOfWork<'a> {
    /// Opens the write transaction.
    pub async fn begin(state: &'a AppState, meta: &'a RequestMeta) -> StoreResult<Self> {
        Ok(Self {
            state,
            meta,
            tx: state.store.begin().await?,
            jobs_queued: false,
            after_commit: Vec::new(),
        })
    }

    pub fn state(&self) -> &'a AppState {
        self.state
    }

    pub fn meta(&self) -> &'a RequestMeta {
        self.meta
    }

    pub async fn audit(&mut self, event: Audit) -> StoreResult<()> {
        self.tx
            .insert_audit(&event.row(self.meta, self.state.now()))
            .await?;
        Ok(())
    }

    /// Composes a mail in the recipient's language and queues its delivery. A security
    /// notice goes through [`Self::notice`], which adds when and from where.
    pub async fn mail(
        &mut self,
        to: &str,
        lang: Language,
        kind: MailKind,
        args: &[(&str, String)],
    ) -> StoreResult<()> {
        debug_assert!(!kind.is_security_notice(), "{kind:?} is sent with notice()");
        self.queue_mail(to, lang, kind, args).await
    }

    /// A security notice to the account's owner: the mail, with when (in the owner's
    /// zone and language), from which device and which address the change came.
    pub async fn notice(
        &mut self,
        owner: &Owner<'_>,
        kind: MailKind,
        args: &[(&str, String)],
    ) -> StoreResult<()> {
        let mut args = args.to_vec();
        args.push((
            "when",
            crate::util::format_time_for(self.state.now(), owner.lang, owner.zone),
        ));
        args.push((
            "device",
            crate::device::describe(&self.state.i18n, owner.lang, &self.meta.user_agent),
        ));
        args.push(("ip", self.meta.ip.clone()));
        self.queue_mail(owner.email, owner.lang, kind, &args).await
    }

    async fn queue_mail(
        &mut self,
        to: &str,
        lang: Language,
        kind: MailKind,
        args: &[(&str, String)],
    ) -> StoreResult<()> {
        self.mail_with_headers(to, lang, kind, args, Vec::new())
            .await
    }

    /// A mail with headers of its own (a desk mail's threading).
    pub async fn mail_with_headers(
        &mut self,
        to: &str,
        lang: Language,
        kind: MailKind,
        args: &[(&str, String)],
        headers: Vec<(String, String)>,
    ) -> StoreResult<()> {
        let mut mail = crate::mail::compose_queued(
            &self.state.i18n,
            &self.state.settings,
            to,
            lang,
            kind,
            args,
        );
        mail.headers = headers;
        self.schedule(Job::Mail(mail), self.state.now()).await
    }

    /// A change to a customer's own account security: the audit event and the mail that
    /// tells the owner (so that someone else's change cannot pass unnoticed).
    pub async fn security_event(
        &mut self,
        owner: &Owner<'_>,
        kind: AuditKind,
        mail: MailKind,
        args: &[(&str, String)],
    ) -> StoreResult<()> {
        self.audit(Audit::own(kind, owner.account_id)).await?;
        self.notice(owner, mail, args).await
    }

    /// Schedules a job to run at `run_at` (now, or later for timers).
    pub async fn schedule(&mut self, job: Job, run_at: i64) -> StoreResult<()> {
        self.tx
            .enqueue_job(
                job.kind(),
                &job.sealed_payload(&self.state.secrets),
                run_at,
                self.state.now(),
            )
            .await?;
        self.jobs_queued = true;
        Ok(())
    }

    /// Runs `f` once the transaction has committed, never if it does not.
    pub fn after_commit(&mut self, f: impl FnOnce() + Send + 'static) {
        self.after_commit.push(Box::new(f));
    }

    /// Commits everything; then wakes the job worker if a job was queued, and runs what
    /// waited for the commit.
    pub async fn commit(self) -> StoreResult<()> {
        self.tx.commit().await?;
        if self.jobs_queued {
            self.state.jobs_notify.notify_one();
        }
        for f in self.after_commit {
            f();
        }
        Ok(())
    }
}

impl Deref for UnitOfWork<'_> {
    type Target = dyn WriteTx;
    fn deref(&self) -> &(dyn WriteTx + 'static) {
        self.tx.as_ref()
    }
}

impl DerefMut for UnitOfWork<'_> {
    fn deref_mut(&mut self) -> &mut (dyn WriteTx + 'static) {
        self.tx.as_mut()
    }
}

fn truncate(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}
