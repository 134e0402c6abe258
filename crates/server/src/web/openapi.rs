//! What the API's OpenAPI 3.1 document says before any feature adds to it: its title,
//! the ways to authenticate, and the error body every failure has (`web::render` writes
//! it). The features' handlers carry `#[utoipa::path]` and are registered through
//! `routes!`, so the document is generated from the code and cannot drift from the
//! routes; `features::document` puts it together.
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "keydesk API",
        version = "1",
        description = "Account security API: sign-up, login, TOTP two-factor authentication, \
            recovery codes, password reset and identity-photo pre-checks. Authenticate with the \
            bearer token from `POST /api/v1/sessions`, or with the browser session cookie plus \
            the page's CSRF token (its `<meta name=\"csrf\">`) in the `X-CSRF-Token` header. \
            Errors are `{\"error\":{\"code\",\"message\"}}` with a stable `code`."
    ),
    components(schemas(ErrorBody, ErrorDetail, StageName)),
    modifiers(&SecuritySchemes),
    tags(
        (name = "accounts", description = "Sign-up, e-mail verification, passwords, the account"),
        (name = "sessions", description = "Login (password, then the second factor) and sessions"),
        (name = "twofactor", description = "TOTP enrollment, recovery codes"),
        (name = "photos", description = "Identity-photo pre-checks"),
        (name = "meta", description = "This document")
    )
)]
pub struct ApiDoc;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearerAuth",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "Session token from POST /api/v1/sessions (rotated by the second \
                         factor, enrollment confirmation and password change).",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "serviceToken",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A service token (`kdst_…`) an admin created for one of the exchange's                          services (console: /desk/admin/tokens; CLI: keydesk service-token create).",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "cookieAuth",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "kd_session",
                "Browser session cookie (`__Host-kd_session` over https); only together with \
                 X-CSRF-Token.",
            ))),
        );
        components.add_security_scheme(
            "csrfToken",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-CSRF-Token",
                "The token of the page's `<meta name=\"csrf\">`: bound to the browser's CSRF \
                 cookie and its session, so no other browser's token is accepted.",
            ))),
        );
    }
}

/// Every error the API answers.
#[derive(ToSchema)]
#[schema(as = Error)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(ToSchema)]
pub struct ErrorDetail {
    /// Stable machine code, e.g. `credentials_invalid`, `throttled`, `locked`,
    /// `totp_invalid`, `not_found`, `bad_request`, `internal`.
    pub code: String,
    /// A human-readable explanation (English).
    pub message: String,
    /// With `locked`: until when (unix seconds).
    #[schema(nullable = false)]
    pub locked_until: Option<i64>,
}

/// What a signed-in session may do next.
#[derive(ToSchema)]
#[schema(as = Stage)]
#[allow(non_camel_case_types, dead_code)]
pub enum StageName {
    /// Password accepted; the second factor is still to come.
    second_factor,
    /// The mandatory-2FA policy demands enrollment before anything else.
    enroll,
    complete,
}

/// What every operation answers besides its own responses, added once here rather than
/// in each handler's attribute: any failure is the error body (`default`), and an
/// operation that needs a session answers 401 without one.
pub fn add_common_responses(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::{Content, Ref, RefOr, ResponseBuilder};
    let error = |description: &str| {
        RefOr::T(
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    Content::new(Some(Ref::from_schema_name("Error"))),
                )
                .build(),
        )
    };
    for item in doc.paths.paths.values_mut() {
        for operation in [
            &mut item.get,
            &mut item.post,
            &mut item.put,
            &mut item.patch,
            &mut item.delete,
        ]
        .into_iter()
        .flatten()
        {
            let responses = &mut operation.responses.responses;
            if operation.security.is_some() {
                responses
                    .entry("401".to_owned())
                    .or_insert_with(|| error("Not signed in"));
            }
            if operation.request_body.is_some() {
                responses
                    .entry("413".to_owned())
                    .or_insert_with(|| error("The body is over the route's limit"));
                responses
                    .entry("415".to_owned())
                    .or_insert_with(|| error("The body is not of the documented type"));
                responses.entry("422".to_owned()).or_insert_with(|| {
                    error("The body is not a valid object of the documented fields")
                });
            }
            responses
                .entry("default".to_owned())
                .or_insert_with(|| error("An error"));
        }
    }
}
