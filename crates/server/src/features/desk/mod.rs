//! The help desk (J6): request forms from a catalogue admins edit, submission signed in
//! or signed out (then confirmed by mail), "My requests" and the customer's replies, the
//! agents' console with macros and the request's history, the automations (close after
//! solved, reminders) and signed webhooks. Statuses follow Zendesk's semantics; the rules
//! are in `keydesk_domain::helpdesk`.
pub mod attachments;
pub mod catalog;
mod change;
pub mod console;
pub mod conversation;
pub mod intake;
pub mod macros;
mod notify;
pub mod timers;
pub mod webhooks;

use crate::web::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
}
