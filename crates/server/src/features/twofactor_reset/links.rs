//! The "this wasn't me" links: a random token per link, sent once (in a mail, the
//! in-app notice, a webhook) and kept only as its SHA-256, so a dump or a backup holds
//! nothing that stops anyone's reset.
use crate::state::AppState;
use keydesk_domain::identity::token;

pub struct Link {
    pub token: String,
    pub hash: String,
}

impl Link {
    pub fn new() -> Link {
        let token = token::generate();
        Link {
            hash: token::digest(&token),
            token,
        }
    }

    pub fn url(&self, state: &AppState) -> String {
        format!("{}/twofactor-reset/stop/{}", state.public_url(), self.token)
    }
}

/// The hash to look a link's case up by; none for what cannot be a token of ours.
pub fn hash_of(token: &str) -> Option<String> {
    token::looks_valid(token).then(|| token::digest(token))
}
