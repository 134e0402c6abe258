//! Operator pages for admins: the embedded outbox.
mod outbox;

use crate::web::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/admin/outbox", outbox::outbox)
        .get("/admin/outbox/{id}", outbox::outbox_mail)
}
