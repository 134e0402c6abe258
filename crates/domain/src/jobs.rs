//! What a queued job does when the worker runs it. The names are stored with the job,
//! so an instance that does not know a kind (an older one during a rolling upgrade)
//! finds out when it reads the job, instead of guessing.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobKind {
    /// Deliver one composed mail (SMTP, or the embedded outbox).
    Mail,
    /// A help-desk timer: close a solved request, remind about a pending one.
    DeskTimer,
    /// Deliver one webhook event to one endpoint.
    Webhook,
    /// A hold's end: tells the webhooks it ran out (unless it was lifted before).
    HoldEnded,
    /// A 2FA reset's security delay is over: carry it out (unless cancelled meanwhile).
    ResetDue,
}

crate::stored::stored_names!(JobKind {
    Mail => "mail",
    DeskTimer => "desk_timer",
    Webhook => "webhook",
    HoldEnded => "hold_ended",
    ResetDue => "twofactor_reset_due",
});
