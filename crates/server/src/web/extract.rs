//! Authentication and authorisation as extractors: a handler states in its signature
//! what it needs, and cannot forget to check it. Each rejects with the [`AppError`] that
//! the one renderer turns into the right answer: for a page, a redirect to the step of
//! signing in still missing (or the "forbidden" page); for the API, its JSON error.
//!
//! | extractor      | session stage                          | role           |
//! |----------------|----------------------------------------|----------------|
//! | `SignedIn`     | any (password proven)                  | any            |
//! | `SecondFactor` | waiting for the second factor, or past | any            |
//! | `Recovering`   | waiting for the second factor          | any            |
//! | `Enrolling`    | not waiting for the second factor      | any            |
//! | `Complete`     | every step passed                      | any            |
//! | `Staff`        | every step passed                      | agent or admin |
//! | `Admin`        | every step passed                      | admin          |
//!
//! Which *object* a viewer may see (their own photo, or any as staff) is not a route
//! matter: `keydesk_domain::access` decides it in the use case.
use super::Ctx;
use crate::auth::Viewer;
use crate::error::AppError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use keydesk_domain::access;
use keydesk_domain::identity::stage::Stage;
use std::ops::Deref;
use std::sync::Arc;

fn viewer(parts: &Parts) -> Result<Arc<Viewer>, AppError> {
    parts
        .extensions
        .get::<Arc<Ctx>>()
        .and_then(|ctx| ctx.viewer.clone())
        .ok_or(AppError::Unauthenticated)
}

/// The error for a viewer short of a complete session.
fn missing_step(v: &Viewer) -> AppError {
    match v.stage {
        Stage::SecondFactor => AppError::SecondFactorRequired,
        Stage::Enroll => AppError::EnrollmentRequired,
        Stage::Complete => AppError::Forbidden,
    }
}

macro_rules! viewer_extractor {
    ($(#[$doc:meta])* $name:ident, |$v:ident| $admit:expr) => {
        $(#[$doc])*
        #[derive(Clone)]
        pub struct $name(pub Arc<Viewer>);

        impl Deref for $name {
            type Target = Viewer;
            fn deref(&self) -> &Viewer {
                &self.0
            }
        }

        impl<S: Send + Sync> FromRequestParts<S> for $name {
            type Rejection = AppError;

            async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
                let $v = viewer(parts)?;
                let admitted: Result<(), AppError> = $admit;
                admitted.map(|()| $name($v))
            }
        }
    };
}

viewer_extractor!(
    /// A signed-in session at any stage (log out, the stage's own page).
    SignedIn,
    |v| Ok(())
);

viewer_extractor!(
    /// A session that may prove its second factor: waiting for it, or past it.
    SecondFactor,
    |v| match v.stage {
        Stage::SecondFactor | Stage::Complete => Ok(()),
        Stage::Enroll => Err(AppError::EnrollmentRequired),
    }
);

viewer_extractor!(
    /// A session whose password is proven and second factor is not: the one that may
    /// ask for a 2FA reset ("Lost your authenticator?"), tied to its account.
    Recovering,
    |v| match v.stage {
        Stage::SecondFactor => Ok(()),
        _ => Err(AppError::Forbidden),
    }
);

viewer_extractor!(
    /// A session that may enroll a factor: a first one (the mandatory-2FA stage), or a
    /// new phone from a complete session.
    Enrolling,
    |v| match v.stage {
        Stage::Enroll | Stage::Complete => Ok(()),
        Stage::SecondFactor => Err(AppError::SecondFactorRequired),
    }
);

viewer_extractor!(
    /// A session that has passed every step.
    Complete,
    |v| if v.stage == Stage::Complete { Ok(()) } else { Err(missing_step(&v)) }
);

viewer_extractor!(
    /// A complete session of an agent or admin: the agents' console.
    Staff,
    |v| if v.stage != Stage::Complete {
        Err(missing_step(&v))
    } else if access::agent_console(v.role()) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
);

viewer_extractor!(
    /// A complete session of an admin: operator pages.
    Admin,
    |v| if v.stage != Stage::Complete {
        Err(missing_step(&v))
    } else if access::operator_pages(v.role()) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
);

/// The viewer if signed in at all, for pages that show either way.
pub struct MaybeSignedIn(pub Option<Arc<Viewer>>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeSignedIn {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(MaybeSignedIn(viewer(parts).ok()))
    }
}
