//! Macros: canned replies in both languages, with placeholders, that admins write in the
//! console. A macro is a template run in a sandbox that holds only its placeholders: no
//! loader, no file, no other value, and an unknown name is an error, found when the
//! macro is saved. Its reply goes out in the customer's language, whatever the agent's.
use crate::auth::Viewer;
use crate::error::{AppError, AppResult, DeskError};
use crate::state::AppState;
use crate::usecase::{Audit, RequestMeta, UnitOfWork};
use keydesk_domain::audit::AuditKind;
use keydesk_domain::helpdesk::status::Status;
use keydesk_domain::identity::language::Language;
use keydesk_store::models::{DeskMacro, DeskRequest, NewDeskMacro};
use minijinja::{Environment, UndefinedBehavior};

/// Every placeholder a macro may use.
pub const PLACEHOLDERS: [&str; 7] = [
    "issuer",
    "customer_email",
    "request_number",
    "subject",
    "category",
    "subcategory",
    "agent_name",
];

const MAX_BODY: usize = 10_000;

/// The values of the placeholders for one request, in the customer's language.
pub struct Placeholders {
    /// The service's name (the `issuer` setting).
    pub issuer: String,
    pub customer_email: String,
    pub request_number: i64,
    pub subject: String,
    pub category: String,
    pub subcategory: String,
    pub agent_name: String,
}

impl Placeholders {
    pub fn for_request(state: &AppState, request: &DeskRequest, agent: &Viewer) -> Self {
        let catalog = state.categories.current();
        let category = catalog.category(&request.category);
        let lang = request.lang;
        Placeholders {
            issuer: state.settings.issuer.clone(),
            customer_email: request.email.clone(),
            request_number: request.id,
            subject: request.subject.clone(),
            category: category
                .map(|c| c.label.get(lang).to_owned())
                .unwrap_or_else(|| request.category.clone()),
            subcategory: category
                .zip(request.subcategory.as_deref())
                .and_then(|(c, s)| c.subcategory(s))
                .map(|s| s.label.get(lang).to_owned())
                .unwrap_or_default(),
            agent_name: agent_name(&agent.account.email),
        }
    }

    fn sample() -> Self {
        Placeholders {
            issuer: "keydesk".into(),
            customer_email: "customer@example.com".into(),
            request_number: 1042,
            subject: "Lost my phone".into(),
            category: "Two-factor authentication".into(),
            subcategory: "Lost device".into(),
            agent_name: "Support".into(),
        }
    }
}

/// How an agent signs: the part of their address before the @, capitalised.
fn agent_name(email: &str) -> String {
    let local = email.split('@').next().unwrap_or_default();
    let mut chars = local.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Support".into(),
    }
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // Mails are plain text: nothing is HTML-escaped here (the mail's HTML part escapes).
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env
}

/// The macro's text for `values`.
pub fn render(body: &str, values: &Placeholders) -> Result<String, String> {
    let env = environment();
    let ctx = minijinja::context! {
        issuer => values.issuer,
        customer_email => values.customer_email,
        request_number => values.request_number,
        subject => values.subject,
        category => values.category,
        subcategory => values.subcategory,
        agent_name => values.agent_name,
    };
    let out = env.render_str(body, ctx).map_err(|e| e.to_string())?;
    Ok(out.trim().to_owned())
}

pub fn body_for(m: &DeskMacro, lang: Language) -> &str {
    match lang {
        Language::En => &m.body_en,
        Language::Ja => &m.body_ja,
    }
}

/// A macro as an admin submits it.
pub struct MacroInput {
    pub name: String,
    pub body_en: String,
    pub body_ja: String,
    pub set_status: Option<Status>,
}

/// Both texts must render with the sample values (so an unknown placeholder or a
/// broken tag is found now, not in front of a customer).
fn check(input: &MacroInput) -> AppResult<()> {
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(DeskError::Macro("a name of 1 to 100 characters".into()).into());
    }
    for (lang, body) in [("en", &input.body_en), ("ja", &input.body_ja)] {
        if body.trim().is_empty() || body.len() > MAX_BODY {
            return Err(
                DeskError::Macro(format!("the {lang} text must be 1 to {MAX_BODY} bytes")).into(),
            );
        }
        render(body, &Placeholders::sample())
            .map_err(|e| DeskError::Macro(format!("{lang}: {e}")))?;
    }
    if matches!(input.set_status, Some(Status::New | Status::Closed)) {
        return Err(
            DeskError::Macro("a macro may set open, pending, on hold or solved".into()).into(),
        );
    }
    Ok(())
}

pub async fn list(state: &AppState) -> AppResult<Vec<DeskMacro>> {
    Ok(state.store.read().await?.desk_macros().await?)
}

/// Saves a new macro (`id` none) or changes one; audited.
pub async fn save(
    state: &AppState,
    meta: &RequestMeta,
    admin: &Viewer,
    id: Option<i64>,
    input: &MacroInput,
) -> AppResult<i64> {
    check(input)?;
    let new = NewDeskMacro {
        name: input.name.trim(),
        body_en: input.body_en.trim(),
        body_ja: input.body_ja.trim(),
        set_status: input.set_status,
        updated_by: Some(admin.account.id),
        now: state.now(),
    };
    let mut uow = UnitOfWork::begin(state, meta).await?;
    let id = match id {
        Some(id) => {
            if !uow.update_desk_macro(id, &new).await? {
                return Err(AppError::NotFound);
            }
            id
        }
        None => uow.insert_desk_macro(&new).await.map_err(|e| match e {
            keydesk_store::StoreError::Conflict(_) => {
                AppError::from(DeskError::Macro("a macro of that name exists".into()))
            }
            e => e.into(),
        })?,
    };
    let detail = serde_json::json!({ "macro": id, "name": new.name });
    uow.audit(Audit::operator(AuditKind::MacroSaved, admin.account.id).detail(detail))
        .await?;
    uow.commit().await?;
    Ok(id)
}

pub async fn delete(
    state: &AppState,
    meta: &RequestMeta,
    admin: &Viewer,
    id: i64,
) -> AppResult<()> {
    let mut uow = UnitOfWork::begin(state, meta).await?;
    if !uow.delete_desk_macro(id).await? {
        return Err(AppError::NotFound);
    }
    let detail = serde_json::json!({ "macro": id, "deleted": true });
    uow.audit(Audit::operator(AuditKind::MacroSaved, admin.account.id).detail(detail))
        .await?;
    uow.commit().await?;
    Ok(())
}

/// The macros keydesk starts with, when there are none yet.
pub async fn install_defaults(state: &AppState) -> anyhow::Result<()> {
    let mut tx = state.store.begin().await?;
    if !tx.desk_macros().await?.is_empty() {
        return Ok(());
    }
    for (name, en, ja, status) in DEFAULTS {
        tx.insert_desk_macro(&NewDeskMacro {
            name,
            body_en: en,
            body_ja: ja,
            set_status: status,
            updated_by: None,
            now: state.now(),
        })
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

const DEFAULTS: [(&str, &str, &str, Option<Status>); 3] = [
    (
        "Ask for a clearer photo",
        "Thank you for your photo for request #{{ request_number }}. We cannot read everything on it yet: please take it again in good light, with the whole document in the frame, nothing covering the text and no glare, and send it by replying on the request's page.\n\n{{ agent_name }}, {{ issuer }} support",
        "お問い合わせ（#{{ request_number }}）のお写真をお送りいただきありがとうございます。恐れ入りますが、記載内容の一部を読み取ることができませんでした。お手数ですが、明るい場所で、書類全体が写るように、また文字が隠れたり光が反射したりしないように撮り直していただき、お問い合わせのページからご返信ください。\n\n{{ issuer }} サポート",
        Some(Status::Pending),
    ),
    (
        "Verification cleared, please submit again",
        "We have cleared the earlier verification attempt on your account (request #{{ request_number }}). You can now submit your identity verification again from your account page.\n\n{{ agent_name }}, {{ issuer }} support",
        "お問い合わせ（#{{ request_number }}）の件につきまして、お客様のアカウントで以前に行われた本人確認の申請を取り消しました。アカウントページから、本人確認を改めてお申し込みいただけます。\n\n{{ issuer }} サポート",
        Some(Status::Solved),
    ),
    (
        "We are looking into it",
        "Thank you for contacting us about \"{{ subject }}\" (#{{ request_number }}). We are looking into it and will write again as soon as we know more.\n\n{{ agent_name }}, {{ issuer }} support",
        "「{{ subject }}」（#{{ request_number }}）についてお問い合わせいただき、ありがとうございます。現在、確認を進めております。詳しい状況が分かり次第、改めてご連絡いたします。\n\n{{ issuer }} サポート",
        None,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_macro_fills_its_placeholders_and_nothing_else() {
        let out = render(
            "#{{ request_number }} for {{ customer_email }}",
            &Placeholders::sample(),
        )
        .unwrap();
        assert_eq!(out, "#1042 for customer@example.com");
        // Unknown names, the environment, includes: all errors, never a value.
        for bad in [
            "{{ password }}",
            "{{ request_number.__class__ }}",
            "{% include 'x' %}",
            "{{ range(10000000000) }}",
            "{% if %}",
        ] {
            assert!(render(bad, &Placeholders::sample()).is_err(), "{bad}");
        }
        // Values are text: a subject with template syntax is not run.
        let mut values = Placeholders::sample();
        values.subject = "{{ customer_email }}".into();
        assert_eq!(
            render("{{ subject }}", &values).unwrap(),
            "{{ customer_email }}"
        );
    }

    #[test]
    fn the_shipped_macros_render_in_both_languages() {
        for (name, en, ja, _) in DEFAULTS {
            let input = MacroInput {
                name: name.into(),
                body_en: en.into(),
                body_ja: ja.into(),
                set_status: None,
            };
            assert!(check(&input).is_ok(), "{name}");
        }
    }
}
