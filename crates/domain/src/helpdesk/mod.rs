//! The help desk's rules: the request forms a catalogue defines and the answers they
//! accept, the request's status machine (Zendesk's semantics), the automations' timers,
//! the SLA clocks, and the webhook signature. The server reads the catalogue file,
//! stores requests and runs the jobs; what is allowed and when lives here.
pub mod answers;
pub mod answers_text;
pub mod automation;
pub mod catalog;
pub mod localized;
pub mod mail_in;
pub mod plain_text;
pub mod priority;
pub mod sla;
pub mod status;
pub mod webhook;
