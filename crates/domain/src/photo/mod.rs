//! The rules around identity photos that do not depend on pixels: what the handwritten
//! memo must say, when a customer may send a photo the machine blocks, and the agent's
//! checklist pre-filled from the machine's findings. The pixel checks themselves are
//! `keydesk-photocheck`; this module sees only their codes.
pub mod checklist;
pub mod kind;
pub mod memo;
pub mod send_anyway;
