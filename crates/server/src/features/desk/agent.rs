//! The agents' console pages: the views with their counts, and one request with the
//! customer's account beside it and the one form that replies, notes and changes.
use super::console::{self, AgentUpdate, AgentView, View};
use super::form;
use super::pages::parse_id;
use super::present;
use crate::error::{AppError, DeskError};
use crate::state::AppState;
use crate::web::extract::Staff;
use crate::web::json::Query;
use crate::web::{html, html_status, Ctx, FormError, PageCtx, PageResult};
use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use keydesk_domain::helpdesk::priority::Priority;
use keydesk_domain::helpdesk::status::Status;
use keydesk_store::models::DeskSort;

pub(super) struct ListRow {
    pub number: i64,
    pub subject: String,
    pub requester: String,
    pub category: String,
    pub status: &'static str,
    pub priority: &'static str,
    pub assignee: String,
    pub updated_at: i64,
    /// The SLA clock due first: how it stands (breached, soon, running), its metric and
    /// deadline.
    pub sla: Option<(&'static str, String, i64)>,
}

#[derive(Template)]
#[template(path = "desk/agent_list.html")]
struct ListPage {
    p: PageCtx,
    view: String,
    sort: &'static str,
    /// (key, label, count)
    views: Vec<(String, String, String)>,
    /// (key, label) of each category's view
    categories: Vec<(String, String)>,
    rows: Vec<ListRow>,
    next: Option<String>,
    /// The search shown (its text and filters as typed), when the page is one.
    search: Option<super::search::Asked>,
    /// Why that search was refused, in the agent's language.
    refused: Option<String>,
    statuses: Vec<&'static str>,
    /// (id, email) of every agent, for the assignee filter.
    staff: Vec<(i64, String)>,
}

impl ListPage {
    fn searched(&self, field: &str) -> String {
        let s = self.search.clone().unwrap_or_default();
        match field {
            "q" => s.text,
            "status" => s.status.unwrap_or_default(),
            "category" => s.category.unwrap_or_default(),
            "assignee" => s.assignee.unwrap_or_default(),
            "from" => s.from.unwrap_or_default(),
            "to" => s.to.unwrap_or_default(),
            _ => String::new(),
        }
    }
}

/// The view, order and page a query asks for (the console's and the API's).
pub(super) fn page_of(
    q: &super::api::ListQuery,
) -> Result<(View, DeskSort, Option<keydesk_store::models::DeskCursor>), AppError> {
    let view = View::parse(q.view.as_deref().unwrap_or("unassigned"))
        .ok_or_else(|| AppError::BadRequest("unknown view".into()))?;
    let sort = match q.sort.as_deref().unwrap_or("updated") {
        "updated" => DeskSort::UpdatedNewest,
        "oldest" => DeskSort::CreatedOldest,
        "sla" => DeskSort::SlaDue,
        _ => {
            return Err(AppError::BadRequest(
                "sort is updated, oldest or sla".into(),
            ))
        }
    };
    let cursor = match q.after.as_deref() {
        Some(a) => Some(
            console::parse_cursor(a).ok_or_else(|| AppError::BadRequest("bad cursor".into()))?,
        ),
        None => None,
    };
    Ok((view, sort, cursor))
}

pub(super) async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Staff(agent): Staff,
    Query(q): Query<super::api::ListQuery>,
) -> PageResult {
    let (view, sort, cursor) = page_of(&q)?;
    let search = q.search();
    let mut page = console::list(&state, &agent, &view, sort, cursor).await?;
    let mut refused = None;
    if let Some(asked) = &search {
        match super::search::search_or_refused(&state, &agent, ctx.zone(), asked).await? {
            Ok(found) => page.requests = found,
            Err(why) => {
                page.requests.clear();
                refused = Some(why);
            }
        }
        page.next = None;
    }
    let p = PageCtx::new(&state, &ctx);
    let lang = ctx.lang();
    let catalog = state.categories.current();
    let staff = state.store.read().await?.staff_accounts().await?;
    let now = state.now();
    let rows = page
        .requests
        .iter()
        .map(|r| ListRow {
            number: r.id,
            subject: r.subject.clone(),
            requester: r.email.clone(),
            category: present::category_label(&catalog, r, lang),
            status: r.status.as_str(),
            priority: r.priority.as_str(),
            assignee: r
                .assignee_id
                .and_then(|a| staff.iter().find(|s| s.id == a))
                .map(|s| s.email.clone())
                .unwrap_or_default(),
            updated_at: r.updated_at,
            sla: super::sla::mark(&state, r, now)
                .zip(r.sla_due_at)
                .map(|(m, due)| {
                    let metric = r.sla_due_metric.as_deref().unwrap_or_default();
                    (m.as_str(), p.tk("desk-sla-metric-", metric), due)
                }),
        })
        .collect();
    let views = page
        .counts
        .iter()
        .map(|(v, n)| {
            let label = p.t(&format!("desk-view-{}", v.key()));
            (v.key(), label, count_label(*n))
        })
        .collect();
    let categories = catalog
        .categories
        .iter()
        .map(|c| (format!("category:{}", c.key), c.label.get(lang).to_owned()))
        .collect();
    let list = ListPage {
        refused: refused.map(|why| p.t(why.key())),
        view: view.key(),
        sort: match sort {
            DeskSort::CreatedOldest => "oldest",
            DeskSort::SlaDue => "sla",
            DeskSort::UpdatedNewest => "updated",
        },
        views,
        categories,
        rows,
        next: page.next,
        search,
        statuses: Status::ALL.iter().map(|s| s.as_str()).collect(),
        staff: staff.iter().map(|s| (s.id, s.email.clone())).collect(),
        p,
    };
    Ok(match refused {
        // The page as asked, with the reason beside the search box.
        Some(_) => html_status(StatusCode::UNPROCESSABLE_ENTITY, list),
        None => html(list),
    })
}

#[derive(Template)]
#[template(path = "desk/agent_request.html")]
struct RequestPage {
    p: PageCtx,
    v: AgentView,
    category: String,
    subcategory: String,
    answers: Vec<(String, String)>,
    /// (key, label) of every category, for the category select.
    categories: Vec<(String, String)>,
    statuses: Vec<&'static str>,
    priorities: Vec<&'static str>,
    error: Option<FormError>,
    /// What changed since the agent's view, when their change was refused.
    changes: Vec<String>,
    /// Who is looking, and when: which holds they may lift.
    agent_id: i64,
    now: i64,
    /// The SLA clocks: (metric, how it stands, when).
    sla: Vec<(String, &'static str, String)>,
    /// The customer's ratings of its solves, newest first.
    ratings: Vec<keydesk_store::models::DeskRating>,
}

impl RequestPage {
    fn may_lift(&self, hold: &keydesk_store::models::HoldRow) -> bool {
        hold.hold.may_lift(self.agent_id, self.now).is_ok()
    }

    /// An owner's freeze, which an admin lifts after checking the owner's identity.
    fn may_unfreeze(&self, hold: &keydesk_store::models::HoldRow) -> bool {
        hold.hold.may_unfreeze(true, true, self.now).is_ok()
    }

    fn assigned(&self, id: &i64) -> bool {
        self.v.request.assignee_id == Some(*id)
    }

    fn author(&self, id: &Option<i64>) -> String {
        match id {
            None => String::new(),
            Some(id) => self
                .v
                .staff
                .iter()
                .find(|s| s.id == *id)
                .map(|s| s.email.clone())
                .or_else(|| {
                    self.v
                        .account
                        .as_ref()
                        .filter(|a| a.account.id == *id)
                        .map(|a| a.account.email.clone())
                })
                .unwrap_or_else(|| format!("#{id}")),
        }
    }

    fn files_of(&self, message: &i64) -> Vec<&keydesk_store::models::DeskAttachment> {
        self.v
            .attachments
            .iter()
            .filter(|a| a.message_id == Some(*message))
            .collect()
    }
}

/// One SLA clock as the request page says it.
fn sla_line(
    p: &PageCtx,
    clock: &keydesk_domain::helpdesk::sla::clock::Clock,
    now: i64,
) -> (String, &'static str, String) {
    use keydesk_domain::helpdesk::sla::clock::ClockState;
    let metric = p.tk("desk-sla-metric-", clock.metric.as_str());
    let (mark, when) = match clock.state {
        ClockState::Running { due } if now >= due => ("breached", p.datetime(&due)),
        ClockState::Running { due } => ("running", p.datetime(&due)),
        ClockState::Paused { left } => (
            if left < 0 { "breached" } else { "paused" },
            p.t1("desk-sla-left", "minutes", &(left.max(0) / 60).to_string()),
        ),
        ClockState::Met { at, late: true } => ("late", p.datetime(&at)),
        ClockState::Met { at, late: false } => ("met", p.datetime(&at)),
    };
    (metric, mark, when)
}

async fn request_page(
    state: &AppState,
    ctx: &Ctx,
    agent_id: i64,
    id: i64,
    error: Option<FormError>,
    changes: Vec<String>,
) -> Result<RequestPage, AppError> {
    let v = console::view(state, id).await?;
    let p = PageCtx::new(state, ctx);
    let lang = ctx.lang();
    let catalog = state.categories.current();
    let yes_no = (p.t("desk-yes"), p.t("desk-no"));
    let now = state.now();
    let sla = super::sla::clocks(state, &v.request, &v.history)
        .iter()
        .map(|c| sla_line(&p, c, now))
        .collect();
    let ratings = state.store.read().await?.desk_ratings(id).await?;
    Ok(RequestPage {
        ratings,
        sla,
        category: present::category_label(&catalog, &v.request, lang),
        subcategory: present::subcategory_label(&catalog, &v.request, lang),
        answers: present::answers(&catalog, &v.request, lang, (&yes_no.0, &yes_no.1)),
        categories: catalog
            .categories
            .iter()
            .map(|c| (c.key.clone(), c.label.get(lang).to_owned()))
            .collect(),
        statuses: [
            Status::Open,
            Status::Pending,
            Status::OnHold,
            Status::Solved,
        ]
        .iter()
        .map(|s| s.as_str())
        .collect(),
        priorities: Priority::ALL.iter().map(|s| s.as_str()).collect(),
        v,
        error,
        changes,
        agent_id,
        now: state.now(),
        p,
    })
}

pub(super) async fn request(
    State(state): State<AppState>,
    ctx: Ctx,
    Staff(agent): Staff,
    Path(id): Path<String>,
) -> PageResult {
    let id = parse_id(&id)?;
    Ok(html(
        request_page(&state, &ctx, agent.account.id, id, None, Vec::new()).await?,
    ))
}

/// The form's fields as an [`AgentUpdate`]: empty means "leave as it is".
pub(super) fn update_from(sent: &form::SentForm) -> Result<AgentUpdate, AppError> {
    let bad = |what: &str| AppError::BadRequest(format!("{what} is not one this form offers"));
    let text = |name: &str| sent.text(name);
    let status = console::chosen(Some(&text("status")), "status", Status::parse)?;
    let priority = console::chosen(Some(&text("priority")), "priority", Priority::parse)?;
    let assignee = match text("assignee").as_str() {
        "" => None,
        "none" => Some(None),
        s => Some(Some(s.parse::<i64>().map_err(|_| bad("assignee"))?)),
    };
    let macro_id = match text("macro").as_str() {
        "" => None,
        s => Some(s.parse::<i64>().map_err(|_| bad("macro"))?),
    };
    Ok(AgentUpdate {
        seen_version: text("version").parse().map_err(|_| bad("version"))?,
        body: text("body"),
        public: text("visibility") != "internal",
        macro_id,
        status,
        priority,
        assignee,
        category: Some(text("category")).filter(|c| !c.is_empty()),
        uploads: sent.uploads.clone(),
    })
}

pub(super) async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Staff(agent): Staff,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> PageResult {
    let id = parse_id(&id)?;
    let result = match form::read(multipart, &state.settings.desk).await {
        Ok(sent) => match update_from(&sent) {
            Ok(update) => console::update(&state, &ctx.meta, &agent, id, update).await,
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/agent/requests/{id}")).into_response()),
        Err(AppError::NotFound) => Err(AppError::NotFound),
        Err(e) if e.status().is_client_error() => {
            let changes = match &e {
                AppError::Desk(DeskError::Stale(changes)) => changes
                    .iter()
                    .map(|c| {
                        format!(
                            "{}: {} → {}",
                            c.field,
                            c.old_value.as_deref().unwrap_or("—"),
                            c.new_value.as_deref().unwrap_or("—")
                        )
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let error = FormError::from_app(&state, &ctx, &e);
            let page =
                request_page(&state, &ctx, agent.account.id, id, Some(error), changes).await?;
            Ok(html_status(e.status(), page))
        }
        Err(e) => Err(e),
    }
}

/// A view's count as its tab shows it: "10000+" once it reaches the cap.
fn count_label(n: i64) -> String {
    if n > console::COUNT_CAP {
        format!("{}+", console::COUNT_CAP)
    } else {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_over_the_cap_is_shown_as_at_least_the_cap() {
        assert_eq!(count_label(0), "0");
        assert_eq!(count_label(console::COUNT_CAP), "10000");
        assert_eq!(count_label(console::COUNT_CAP + 1), "10000+");
    }
}
