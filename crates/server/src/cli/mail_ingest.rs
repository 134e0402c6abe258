//! `keydesk mail-ingest < message.eml`: one message from an MTA's pipe delivery onto the
//! desk. The exit status follows sysexits, so the MTA retries a temporary failure (75,
//! the database unreachable) and bounces a permanent one (65, a message that cannot be
//! taken); one bad message never holds up those behind it.
use crate::clock::SystemClock;
use crate::config::Settings;
use crate::features::mail_in::ingest::{self as mail_in, Ingested};
use crate::startup;
use std::io::Read;
use std::sync::Arc;

pub async fn run(settings: Settings) -> u8 {
    let max = settings.desk.max_mail_mb * 1024 * 1024;
    let mut raw = Vec::new();
    // One byte more than the limit is enough to know it is too large.
    if let Err(e) = std::io::stdin().take(max as u64 + 1).read_to_end(&mut raw) {
        eprintln!("mail-ingest: reading the message: {e}");
        return 74; // EX_IOERR
    }
    let state = match startup::build_state(settings, Arc::new(SystemClock)).await {
        Ok(state) => state,
        Err(e) => {
            eprintln!("mail-ingest: try again later: {e:#}");
            return 75;
        }
    };
    match mail_in::ingest(&state, &raw).await {
        Ok(taken) => {
            let said = match taken {
                Ingested::Added(n) => format!("added to request #{n}"),
                Ingested::KeptAside(n) => format!("kept aside on request #{n}"),
                Ingested::Recorded(Some(n)) => format!("recorded on request #{n}"),
                Ingested::Recorded(None) => "recorded (automatic mail)".to_owned(),
                Ingested::Opened(n) => format!("opened request #{n}"),
            };
            eprintln!("mail-ingest: {said}");
            0
        }
        Err(e) => {
            eprintln!("mail-ingest: {e}");
            e.exit_code()
        }
    }
}
