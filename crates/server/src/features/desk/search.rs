//! Finding requests by any words in them (subject, form answers, messages; Japanese
//! included), with the views' filters — the console's and the API's one search. Staff
//! search every request, internal notes included; a customer only their own, without
//! notes. Dates are days in the reader's time zone.
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use keydesk_domain::helpdesk::status::{CustomerStatus, Status};
use keydesk_domain::identity::time_zone::TimeZone;
use keydesk_store::models::{AssigneeFilter, DeskRequest};
use keydesk_store::DeskSearch;

/// The most a search returns (the best first).
pub const LIMIT: i64 = 50;
/// Longer than this is no search anyone types.
const MAX_CHARS: usize = 200;
/// A customer's status filter is on the statuses they are shown, several of the desk's
/// for one of theirs (open: new, open or on hold): their own matches, up to this many,
/// are found first and then filtered.
const CUSTOMER_FILTERED: i64 = 1_000;

/// A search as typed in the console's form or the API's query.
#[derive(Debug, Default, Clone)]
pub struct Asked {
    pub text: String,
    pub status: Option<String>,
    pub category: Option<String>,
    /// `nobody`, `me`, or an agent's account id.
    pub assignee: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
}

/// Why a search is refused: the API says it in English, the console in the agent's
/// language beside the search box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    Length,
    Control,
    Status,
    Category,
    AssigneeForStaff,
    Assignee,
    Date,
}

impl Refused {
    pub fn message(self) -> String {
        match self {
            Refused::Length => {
                format!("search for 1 to {MAX_CHARS} characters (the filters apply to a search)")
            }
            Refused::Control => "the search text has a control character".into(),
            Refused::Status => "unknown status".into(),
            Refused::Category => "unknown category".into(),
            Refused::AssigneeForStaff => "assignee is for staff".into(),
            Refused::Assignee => "assignee is nobody, me or an id".into(),
            Refused::Date => "dates are days, YYYY-MM-DD".into(),
        }
    }

    /// Its message in the catalogue (`desk-search-refused-…`).
    pub fn key(self) -> &'static str {
        match self {
            Refused::Length => "desk-search-refused-length",
            Refused::Control => "desk-search-refused-control",
            Refused::Status => "desk-search-refused-status",
            Refused::Category => "desk-search-refused-category",
            Refused::AssigneeForStaff | Refused::Assignee => "desk-search-refused-assignee",
            Refused::Date => "desk-search-refused-date",
        }
    }
}

fn given(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The start of `day` (`YYYY-MM-DD`) where the reader is, in unix seconds.
fn day_start(day: &str, zone: TimeZone) -> Option<i64> {
    keydesk_domain::helpdesk::answers::parse_date(day)?;
    let date: jiff::civil::Date = day.parse().ok()?;
    let tz = jiff::tz::TimeZone::get(zone.name()).unwrap_or(jiff::tz::TimeZone::UTC);
    // A real day beyond the instants jiff holds (9999-12-31 west of Tokyo) bounds nothing
    // more than the last instant does.
    let start = date.to_zoned(tz).map_or(
        if date.year() > 0 {
            jiff::Timestamp::MAX
        } else {
            jiff::Timestamp::MIN
        },
        |z| z.timestamp(),
    );
    Some(start.as_second())
}

/// The search, or why it is refused (for the API, a 422 with the reason).
pub async fn search(
    state: &AppState,
    viewer: &Viewer,
    zone: TimeZone,
    asked: &Asked,
) -> AppResult<Vec<DeskRequest>> {
    search_or_refused(state, viewer, zone, asked)
        .await?
        .map_err(|r| AppError::BadRequest(r.message()))
}

pub async fn search_or_refused(
    state: &AppState,
    viewer: &Viewer,
    zone: TimeZone,
    asked: &Asked,
) -> AppResult<Result<Vec<DeskRequest>, Refused>> {
    let text = asked.text.trim();
    if text.is_empty() || text.chars().count() > MAX_CHARS {
        return Ok(Err(Refused::Length));
    }
    if text.chars().any(char::is_control) {
        return Ok(Err(Refused::Control));
    }
    let staff = viewer.role().is_staff();
    let (status, customer_status) = match given(&asked.status) {
        None => (None, None),
        Some(s) if staff => match Status::parse(s) {
            Some(s) => (Some(s), None),
            None => return Ok(Err(Refused::Status)),
        },
        Some(s) => match CustomerStatus::parse(s) {
            Some(s) => (None, Some(s)),
            None => return Ok(Err(Refused::Status)),
        },
    };
    let category = given(&asked.category);
    if let Some(c) = category {
        if state.categories.current().category(c).is_none() {
            return Ok(Err(Refused::Category));
        }
    }
    let assignee = match given(&asked.assignee) {
        None => AssigneeFilter::Any,
        Some(_) if !staff => return Ok(Err(Refused::AssigneeForStaff)),
        Some("nobody") => AssigneeFilter::Nobody,
        Some("me") => AssigneeFilter::Agent(viewer.account.id),
        Some(id) => match id.parse::<i64>() {
            Ok(id) if id > 0 => AssigneeFilter::Agent(id),
            _ => return Ok(Err(Refused::Assignee)),
        },
    };
    let mut days = [None, None];
    for (day, asked) in days.iter_mut().zip([&asked.from, &asked.to]) {
        if let Some(d) = given(asked) {
            match day_start(d, zone) {
                Some(start) => *day = Some(start),
                None => return Ok(Err(Refused::Date)),
            }
        }
    }
    let created_from = days[0];
    // `to` is inclusive: up to the start of the next day.
    let created_to = days[1].map(|start| start + 86_400);
    let query = DeskSearch {
        text,
        owner: (!staff).then_some(viewer.account.id),
        status,
        category,
        assignee,
        created_from,
        created_to,
        limit: if customer_status.is_some() {
            CUSTOMER_FILTERED
        } else {
            LIMIT
        },
    };
    let started = std::time::Instant::now();
    let found = state
        .store
        .read()
        .await?
        .search_desk_requests(&query)
        .await?;
    metrics::histogram!("keydesk_desk_search_seconds").record(started.elapsed().as_secs_f64());
    Ok(Ok(match customer_status {
        None => found,
        Some(wanted) => found
            .into_iter()
            .filter(|r| r.status.customer_view(r.confirmed) == wanted)
            .take(LIMIT as usize)
            .collect(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_starts_where_the_reader_is() {
        // 2026-12-02 00:00 in Tokyo is 2026-12-01 15:00 UTC.
        assert_eq!(
            day_start("2026-12-02", TimeZone::parse("Asia/Tokyo").unwrap()),
            Some(1_796_137_200)
        );
        assert_eq!(
            day_start("2026-13-02", TimeZone::parse("UTC").unwrap()),
            None
        );
        for zone in ["UTC", "America/Los_Angeles", "Australia/Sydney"] {
            let zone = TimeZone::parse(zone).unwrap();
            assert!(day_start("9999-12-31", zone).is_some_and(|s| s > 253_402_000_000));
            assert!(day_start("0000-01-01", zone).is_some());
        }
    }
}
