//! Service-level targets with Zendesk's semantics: policies per category and priority
//! ([`policy`]), counted in calendar or business hours ([`hours`]), and the clocks a
//! request's history runs ([`clock`]).
pub mod clock;
pub mod hours;
pub mod policy;
