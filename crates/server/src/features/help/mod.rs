//! Help: the way out of every dead end a customer can reach today (a lost phone, a
//! lock, a forgotten password), linked from every page and mail. The desk (its own
//! issue) adds requests to it.
use crate::state::AppState;
use crate::web::extract::MaybeSignedIn;
use crate::web::routes::Routes;
use crate::web::{html, Ctx, PageCtx};
use askama::Template;
use axum::extract::State;
use axum::response::Response;

pub fn routes() -> Routes {
    Routes::new().get("/help", page)
}

#[derive(Template)]
#[template(path = "help/help.html")]
struct HelpPage {
    p: PageCtx,
    /// The address support answers at, when the deployment configures one.
    support_email: Option<String>,
}

async fn page(State(state): State<AppState>, ctx: Ctx, _: MaybeSignedIn) -> Response {
    html(HelpPage {
        p: PageCtx::new(&state, &ctx),
        support_email: state.settings.support_email.clone(),
    })
}
