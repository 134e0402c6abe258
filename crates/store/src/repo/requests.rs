//! Help-desk requests with their conversation, attachments and change history. The
//! agents' views are one statement per shape of filter (made by [`view_sql`]), each
//! served by an index and paged by keyset: no OFFSET scan, whatever the page.
use super::Statements;
use crate::exec::{Arg, CanWrite, Columns, Executor, FromRow, Row};
use crate::models::{
    AssigneeFilter, Author, DeskAttachment, DeskCursor, DeskEvent, DeskFilter, DeskMessage,
    DeskQueue, DeskRequest, DeskRequestUpdate, DeskSort, NewDeskAttachment, NewDeskEvent,
    NewDeskMessage, NewDeskRequest, Priority, Status,
};
use crate::{Backend, StoreResult};
use async_trait::async_trait;
use keydesk_domain::identity::language::Language;

#[async_trait]
pub trait DeskReads {
    async fn desk_request(&mut self, id: i64) -> StoreResult<Option<DeskRequest>>;
    async fn desk_request_by_idempotency(&mut self, key: &str) -> StoreResult<Option<DeskRequest>>;
    async fn desk_request_by_confirm_token(
        &mut self,
        token_hash: &str,
    ) -> StoreResult<Option<DeskRequest>>;
    /// The account's requests, newest first.
    async fn desk_requests_of_account(
        &mut self,
        account_id: i64,
        limit: i64,
    ) -> StoreResult<Vec<DeskRequest>>;
    /// Requests made from this address (signed out, or before the account existed).
    async fn desk_requests_by_email(
        &mut self,
        email: &str,
        limit: i64,
    ) -> StoreResult<Vec<DeskRequest>>;
    /// One page of an agents' view, after `cursor`.
    async fn desk_view(
        &mut self,
        filter: &DeskFilter<'_>,
        sort: DeskSort,
        cursor: Option<DeskCursor>,
        limit: i64,
    ) -> StoreResult<Vec<DeskRequest>>;
    /// How many requests the view holds, counted up to `cap`: a busy view's count costs
    /// what its first `cap` rows cost, not what the whole desk does.
    async fn desk_view_count(&mut self, filter: &DeskFilter<'_>, cap: i64) -> StoreResult<i64>;
    async fn desk_messages(&mut self, request_id: i64) -> StoreResult<Vec<DeskMessage>>;
    async fn desk_attachments(&mut self, request_id: i64) -> StoreResult<Vec<DeskAttachment>>;
    async fn desk_attachment(&mut self, id: i64) -> StoreResult<Option<DeskAttachment>>;
    async fn desk_attachment_file_known(&mut self, file_name: &str) -> StoreResult<bool>;
    /// The request's history, oldest first; with `after_version`, only what changed since.
    async fn desk_events(
        &mut self,
        request_id: i64,
        after_version: i64,
    ) -> StoreResult<Vec<DeskEvent>>;
}

#[async_trait]
pub trait DeskWrites {
    /// The new request's id, or `None` when its idempotency key was already used.
    async fn insert_desk_request(&mut self, new: &NewDeskRequest<'_>) -> StoreResult<Option<i64>>;
    /// The request, locked until the transaction ends (on PostgreSQL; SQLite has one
    /// writer): its version cannot move under a change made from it.
    async fn lock_desk_request(&mut self, id: i64) -> StoreResult<Option<DeskRequest>>;
    /// Confirms a signed-out visitor's request: it reaches the agents' queue, and the
    /// account with that address (if any) now holds it (its owner proved the mailbox).
    async fn confirm_desk_request(
        &mut self,
        id: i64,
        account_id: Option<i64>,
        now: i64,
    ) -> StoreResult<bool>;
    /// Saves a change made from `seen_version`; `false` (nothing saved) when the
    /// request changed since.
    async fn update_desk_request(&mut self, update: &DeskRequestUpdate<'_>) -> StoreResult<bool>;
    async fn insert_desk_message(&mut self, new: &NewDeskMessage<'_>) -> StoreResult<i64>;
    async fn insert_desk_attachment(&mut self, new: &NewDeskAttachment<'_>) -> StoreResult<i64>;
    async fn insert_desk_event(&mut self, new: &NewDeskEvent<'_>) -> StoreResult<i64>;
    /// Deletes the requests of visitors who never confirmed their address, made before
    /// `before` (their messages, attachment rows and history go with them; the files
    /// are then swept); how many.
    async fn delete_unconfirmed_desk_requests(&mut self, before: i64) -> StoreResult<u64>;
    /// Marks mail to the requester as failing since `since` (a bounce), or clears the
    /// mark (`None`: they wrote in again). A mark already there keeps its first time.
    async fn mark_desk_email_failing(&mut self, id: i64, since: Option<i64>) -> StoreResult<bool>;
    /// Deletes up to `limit` attachment rows of requests closed before `before`; the
    /// files they named (the caller deletes them).
    async fn delete_closed_desk_attachments(
        &mut self,
        before: i64,
        limit: i64,
    ) -> StoreResult<Vec<String>>;
    /// Keeps the request's SLA clock due first (`None`: none runs) and the deadline
    /// whose breach has been counted.
    async fn set_desk_sla(
        &mut self,
        id: i64,
        due: Option<(i64, &str)>,
        breach_counted: Option<i64>,
    ) -> StoreResult<()>;
    /// Requests whose running clock's deadline has passed since the last call, each
    /// deadline once: (request, metric, category, priority), at most `limit`.
    async fn count_desk_sla_breaches(
        &mut self,
        now: i64,
        limit: i64,
    ) -> StoreResult<Vec<(i64, String, String, String)>>;
}

#[rustfmt::skip]
macro_rules! request_columns {
    () => {
        "id, account_id, email, lang, category, subcategory, subject, answers, status, \
         status_since, priority, assignee_id, confirm_token_hash IS NULL, follow_up_of, version, \
         created_at, updated_at, email_failing_since, sla_due_at, sla_due_metric, \
         sla_breach_counted"
    };
}

/// A request's columns as [`DeskRequest`] reads them (for the search's statements).
pub(crate) const REQUEST_COLUMNS: &str = request_columns!();

impl FromRow for DeskRequest {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(DeskRequest {
            id: c.read()?,
            account_id: c.read()?,
            email: c.read()?,
            lang: c.parse("lang", Language::from_code)?,
            category: c.read()?,
            subcategory: c.read()?,
            subject: c.read()?,
            answers: c.read()?,
            status: c.parse("status", Status::parse)?,
            status_since: c.read()?,
            priority: c.parse("priority", Priority::parse)?,
            assignee_id: c.read()?,
            confirmed: c.read::<bool>()?,
            follow_up_of: c.read()?,
            version: c.read()?,
            created_at: c.read()?,
            updated_at: c.read()?,
            email_failing_since: c.read()?,
            sla_due_at: c.read()?,
            sla_due_metric: c.read()?,
            sla_breach_counted: c.read()?,
        })
    }
}

macro_rules! message_columns {
    () => {
        "id, request_id, author_id, author_kind, public, body, created_at"
    };
}

impl FromRow for DeskMessage {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(DeskMessage {
            id: c.read()?,
            request_id: c.read()?,
            author_id: c.read()?,
            author: c.parse("author_kind", Author::parse)?,
            public: c.read::<i64>()? != 0,
            body: c.read()?,
            created_at: c.read()?,
        })
    }
}

macro_rules! attachment_columns {
    () => {
        "id, request_id, message_id, field, file_name, original_name, content_type, size, \
         sha256, created_at"
    };
}

impl FromRow for DeskAttachment {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(DeskAttachment {
            id: c.read()?,
            request_id: c.read()?,
            message_id: c.read()?,
            field: c.read()?,
            file_name: c.read()?,
            original_name: c.read()?,
            content_type: c.read()?,
            size: c.read()?,
            sha256: c.read()?,
            created_at: c.read()?,
        })
    }
}

macro_rules! event_columns {
    () => {
        "id, request_id, actor_id, version, field, old_value, new_value, created_at"
    };
}

impl FromRow for DeskEvent {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(DeskEvent {
            id: c.read()?,
            request_id: c.read()?,
            actor_id: c.read()?,
            version: c.read()?,
            field: c.read()?,
            old_value: c.read()?,
            new_value: c.read()?,
            created_at: c.read()?,
        })
    }
}

const INSERT: &str = "INSERT INTO desk_requests (account_id, email, lang, category, subcategory, \
     subject, answers, status, status_since, queue, priority, confirm_token_hash, idempotency, \
     follow_up_of, answers_text, version, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'new', $8, $9, 'normal', $10, $11, $12, $13, 1, $8, $8) \
     ON CONFLICT (idempotency) DO NOTHING RETURNING id";
const BY_ID: &str = concat!(
    "SELECT ",
    request_columns!(),
    " FROM desk_requests WHERE id = $1"
);
const LOCK_POSTGRES: &str = concat!(
    "SELECT ",
    request_columns!(),
    " FROM desk_requests WHERE id = $1 FOR UPDATE"
);
const BY_IDEMPOTENCY: &str = concat!(
    "SELECT ",
    request_columns!(),
    " FROM desk_requests WHERE idempotency = $1"
);
const BY_CONFIRM_TOKEN: &str = concat!(
    "SELECT ",
    request_columns!(),
    " FROM desk_requests WHERE confirm_token_hash = $1"
);
const OF_ACCOUNT: &str = concat!(
    "SELECT ",
    request_columns!(),
    " FROM desk_requests WHERE account_id = $1 ORDER BY id DESC LIMIT $2"
);
const BY_EMAIL: &str = concat!(
    "SELECT ",
    request_columns!(),
    " FROM desk_requests WHERE email = $1 ORDER BY id DESC LIMIT $2"
);
const CONFIRM: &str = "UPDATE desk_requests SET confirm_token_hash = NULL, queue = 'unsolved', \
     account_id = COALESCE(account_id, $3), version = version + 1, updated_at = $2 \
     WHERE id = $1 AND confirm_token_hash IS NOT NULL";
const UPDATE: &str = "UPDATE desk_requests SET status = $3, status_since = $4, priority = $5, \
     assignee_id = $6, category = $7, queue = $8, version = version + 1, updated_at = $9 \
     WHERE id = $1 AND version = $2";
const MARK_EMAIL_FAILING: &str = "UPDATE desk_requests SET email_failing_since = \
     CASE WHEN CAST($2 AS BIGINT) IS NULL THEN NULL \
     ELSE COALESCE(email_failing_since, CAST($2 AS BIGINT)) END WHERE id = $1";
const DELETE_CLOSED_ATTACHMENTS: &str = "DELETE FROM desk_attachments WHERE id IN \
     (SELECT a.id FROM desk_attachments a JOIN desk_requests r ON r.id = a.request_id \
     WHERE r.status = 'closed' AND r.status_since < $1 ORDER BY a.id LIMIT $2) RETURNING file_name";
const SET_SLA: &str = "UPDATE desk_requests SET sla_due_at = $2, sla_due_metric = $3, \
     sla_breach_counted = $4 WHERE id = $1";
const COUNT_SLA_BREACHES: &str = "UPDATE desk_requests SET sla_breach_counted = sla_due_at \
     WHERE id IN (SELECT id FROM desk_requests WHERE queue = 'unsolved' AND sla_due_at <= $1 \
     AND (sla_breach_counted IS NULL OR sla_breach_counted <> sla_due_at) ORDER BY sla_due_at LIMIT $2) \
     RETURNING id, sla_due_metric, category, priority";
const INSERT_MESSAGE: &str = "INSERT INTO desk_messages \
     (request_id, author_id, author_kind, public, body, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
const MESSAGES: &str = concat!(
    "SELECT ",
    message_columns!(),
    " FROM desk_messages WHERE request_id = $1 ORDER BY id"
);
const INSERT_ATTACHMENT: &str = "INSERT INTO desk_attachments (request_id, message_id, field, \
     file_name, original_name, content_type, size, sha256, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
const ATTACHMENTS: &str = concat!(
    "SELECT ",
    attachment_columns!(),
    " FROM desk_attachments WHERE request_id = $1 ORDER BY id"
);
const ATTACHMENT: &str = concat!(
    "SELECT ",
    attachment_columns!(),
    " FROM desk_attachments WHERE id = $1"
);
const ATTACHMENT_KNOWN: &str = "SELECT COUNT(*) FROM desk_attachments WHERE file_name = $1";
const INSERT_EVENT: &str = "INSERT INTO desk_events \
     (request_id, actor_id, version, field, old_value, new_value, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
const DELETE_UNCONFIRMED: &str =
    "DELETE FROM desk_requests WHERE confirm_token_hash IS NOT NULL AND created_at < $1";
const EVENTS: &str = concat!(
    "SELECT ",
    event_columns!(),
    " FROM desk_events WHERE request_id = $1 AND version > $2 ORDER BY id"
);

pub(crate) const STATEMENTS: Statements = Statements {
    both: &[
        INSERT,
        BY_ID,
        BY_IDEMPOTENCY,
        BY_CONFIRM_TOKEN,
        OF_ACCOUNT,
        BY_EMAIL,
        CONFIRM,
        UPDATE,
        INSERT_MESSAGE,
        MESSAGES,
        INSERT_ATTACHMENT,
        ATTACHMENTS,
        ATTACHMENT,
        ATTACHMENT_KNOWN,
        INSERT_EVENT,
        EVENTS,
        DELETE_UNCONFIRMED,
        MARK_EMAIL_FAILING,
        SET_SLA,
        COUNT_SLA_BREACHES,
        DELETE_CLOSED_ATTACHMENTS,
    ],
    postgres_only: &[LOCK_POSTGRES],
    ..Statements::NONE
};

/// The shape of a view's query: which filters it has (their values are parameters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape {
    queue: bool,
    status: bool,
    assignee: AssigneeFilter,
    category: bool,
}

impl Shape {
    fn of(filter: &DeskFilter<'_>) -> Self {
        Shape {
            queue: filter.queue.is_some(),
            status: filter.status.is_some(),
            // The agent's id is a parameter: one statement for every agent.
            assignee: match filter.assignee {
                AssigneeFilter::Agent(_) => AssigneeFilter::Agent(0),
                other => other,
            },
            category: filter.category.is_some(),
        }
    }

    fn all() -> impl Iterator<Item = Shape> {
        let bools = [false, true];
        bools.into_iter().flat_map(move |queue| {
            bools.into_iter().flat_map(move |status| {
                [
                    AssigneeFilter::Any,
                    AssigneeFilter::Nobody,
                    AssigneeFilter::Agent(0),
                ]
                .into_iter()
                .flat_map(move |assignee| {
                    bools.into_iter().map(move |category| Shape {
                        queue,
                        status,
                        assignee,
                        category,
                    })
                })
            })
        })
    }

    /// The WHERE clauses, numbering parameters from `$1`; the next free number.
    fn clauses(self) -> (Vec<String>, usize) {
        let mut clauses = Vec::new();
        let mut n = 1;
        let mut param = |column: &str, clauses: &mut Vec<String>| {
            clauses.push(format!("{column} = ${n}"));
            n += 1;
        };
        if self.queue {
            param("queue", &mut clauses);
        }
        if self.status {
            param("status", &mut clauses);
        }
        match self.assignee {
            AssigneeFilter::Any => {}
            AssigneeFilter::Nobody => clauses.push("assignee_id IS NULL".to_owned()),
            AssigneeFilter::Agent(_) => param("assignee_id", &mut clauses),
        }
        if self.category {
            param("category", &mut clauses);
        }
        (clauses, n)
    }
}

fn where_clause(clauses: &[String]) -> String {
    if clauses.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", clauses.join(" AND "))
    }
}

/// A view's page: its filters, then the keyset cursor, ordered to match an index.
fn view_sql(shape: Shape, sort: DeskSort, after: bool) -> String {
    let (mut clauses, n) = shape.clauses();
    let (order, limit) = match sort {
        DeskSort::UpdatedNewest => {
            if after {
                clauses.push(format!(
                    "(updated_at < ${n} OR (updated_at = ${n} AND id < ${}))",
                    n + 1
                ));
            }
            ("updated_at DESC, id DESC", if after { n + 2 } else { n })
        }
        DeskSort::CreatedOldest => {
            if after {
                clauses.push(format!("id > ${n}"));
            }
            ("id", if after { n + 1 } else { n })
        }
        // Only requests with a clock running: the most urgent first.
        DeskSort::SlaDue => {
            clauses.push("sla_due_at IS NOT NULL".to_owned());
            if after {
                clauses.push(format!(
                    "(sla_due_at > ${n} OR (sla_due_at = ${n} AND id > ${}))",
                    n + 1
                ));
            }
            ("sla_due_at, id", if after { n + 2 } else { n })
        }
    };
    format!(
        "SELECT {} FROM desk_requests{} ORDER BY {order} LIMIT ${limit}",
        request_columns!(),
        where_clause(&clauses)
    )
}

fn count_sql(shape: Shape) -> String {
    let (clauses, n) = shape.clauses();
    format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM desk_requests{} LIMIT ${n}) capped",
        where_clause(&clauses)
    )
}

/// Every view statement.
pub(crate) fn made_statements() -> impl Iterator<Item = String> {
    Shape::all().flat_map(|shape| {
        [
            DeskSort::UpdatedNewest,
            DeskSort::CreatedOldest,
            DeskSort::SlaDue,
        ]
        .into_iter()
        .flat_map(move |sort| [false, true].map(|after| view_sql(shape, sort, after)))
        .chain(std::iter::once(count_sql(shape)))
    })
}

pub(crate) fn is_made_statement(sql: &str) -> bool {
    sql.contains("FROM desk_requests") && made_statements().any(|made| made == sql)
}

fn filter_args<'a>(filter: &'a DeskFilter<'a>) -> Vec<Arg<'a>> {
    let mut args = Vec::new();
    if let Some(queue) = filter.queue {
        args.push(Arg::Text(queue.as_str()));
    }
    if let Some(status) = filter.status {
        args.push(Arg::Text(status.as_str()));
    }
    if let AssigneeFilter::Agent(id) = filter.assignee {
        args.push(Arg::I64(id));
    }
    if let Some(category) = filter.category {
        args.push(Arg::Text(category));
    }
    args
}

#[async_trait]
impl<E: Executor> DeskReads for E {
    async fn desk_request(&mut self, id: i64) -> StoreResult<Option<DeskRequest>> {
        self.fetch_optional(BY_ID, &[Arg::I64(id)]).await
    }

    async fn desk_request_by_idempotency(&mut self, key: &str) -> StoreResult<Option<DeskRequest>> {
        self.fetch_optional(BY_IDEMPOTENCY, &[Arg::Text(key)]).await
    }

    async fn desk_request_by_confirm_token(
        &mut self,
        token_hash: &str,
    ) -> StoreResult<Option<DeskRequest>> {
        self.fetch_optional(BY_CONFIRM_TOKEN, &[Arg::Text(token_hash)])
            .await
    }

    async fn desk_requests_of_account(
        &mut self,
        account_id: i64,
        limit: i64,
    ) -> StoreResult<Vec<DeskRequest>> {
        self.fetch_all(OF_ACCOUNT, &[Arg::I64(account_id), Arg::I64(limit)])
            .await
    }

    async fn desk_requests_by_email(
        &mut self,
        email: &str,
        limit: i64,
    ) -> StoreResult<Vec<DeskRequest>> {
        self.fetch_all(BY_EMAIL, &[Arg::Text(email), Arg::I64(limit)])
            .await
    }

    async fn desk_view(
        &mut self,
        filter: &DeskFilter<'_>,
        sort: DeskSort,
        cursor: Option<DeskCursor>,
        limit: i64,
    ) -> StoreResult<Vec<DeskRequest>> {
        let sql = view_sql(Shape::of(filter), sort, cursor.is_some());
        let mut args = filter_args(filter);
        match (sort, cursor) {
            (DeskSort::UpdatedNewest | DeskSort::SlaDue, Some(c)) => {
                args.extend([Arg::I64(c.key), Arg::I64(c.id)]);
            }
            (DeskSort::CreatedOldest, Some(c)) => args.push(Arg::I64(c.id)),
            (_, None) => {}
        }
        args.push(Arg::I64(limit));
        self.fetch_all(&sql, &args).await
    }

    async fn desk_view_count(&mut self, filter: &DeskFilter<'_>, cap: i64) -> StoreResult<i64> {
        let sql = count_sql(Shape::of(filter));
        let mut args = filter_args(filter);
        args.push(Arg::I64(cap));
        self.fetch_one(&sql, &args).await
    }

    async fn desk_messages(&mut self, request_id: i64) -> StoreResult<Vec<DeskMessage>> {
        self.fetch_all(MESSAGES, &[Arg::I64(request_id)]).await
    }

    async fn desk_attachments(&mut self, request_id: i64) -> StoreResult<Vec<DeskAttachment>> {
        self.fetch_all(ATTACHMENTS, &[Arg::I64(request_id)]).await
    }

    async fn desk_attachment(&mut self, id: i64) -> StoreResult<Option<DeskAttachment>> {
        self.fetch_optional(ATTACHMENT, &[Arg::I64(id)]).await
    }

    async fn desk_attachment_file_known(&mut self, file_name: &str) -> StoreResult<bool> {
        let n: i64 = self
            .fetch_one(ATTACHMENT_KNOWN, &[Arg::Text(file_name)])
            .await?;
        Ok(n > 0)
    }

    async fn desk_events(
        &mut self,
        request_id: i64,
        after_version: i64,
    ) -> StoreResult<Vec<DeskEvent>> {
        self.fetch_all(EVENTS, &[Arg::I64(request_id), Arg::I64(after_version)])
            .await
    }
}

#[async_trait]
impl<E: CanWrite> DeskWrites for E {
    async fn insert_desk_request(&mut self, n: &NewDeskRequest<'_>) -> StoreResult<Option<i64>> {
        let queue = DeskQueue::of(Status::New, n.confirmed);
        let args = [
            Arg::OptI64(n.account_id),
            Arg::Text(n.email),
            Arg::Text(n.lang.code()),
            Arg::Text(n.category),
            Arg::OptText(n.subcategory),
            Arg::Text(n.subject),
            Arg::Text(n.answers),
            Arg::I64(n.now),
            Arg::Text(queue.as_str()),
            Arg::OptText(n.confirm_token_hash),
            Arg::Text(n.idempotency),
            Arg::OptI64(n.follow_up_of),
            Arg::Text(n.answers_text),
        ];
        self.fetch_optional(INSERT, &args).await
    }

    async fn lock_desk_request(&mut self, id: i64) -> StoreResult<Option<DeskRequest>> {
        let sql = match self.backend() {
            Backend::Sqlite => BY_ID,
            Backend::Postgres => LOCK_POSTGRES,
        };
        self.fetch_optional(sql, &[Arg::I64(id)]).await
    }

    async fn confirm_desk_request(
        &mut self,
        id: i64,
        account_id: Option<i64>,
        now: i64,
    ) -> StoreResult<bool> {
        let args = [Arg::I64(id), Arg::I64(now), Arg::OptI64(account_id)];
        Ok(self.execute(CONFIRM, &args).await? == 1)
    }

    async fn update_desk_request(&mut self, u: &DeskRequestUpdate<'_>) -> StoreResult<bool> {
        // Only confirmed requests are worked on: the queue follows the status.
        let queue = DeskQueue::of(u.status, true);
        let args = [
            Arg::I64(u.id),
            Arg::I64(u.seen_version),
            Arg::Text(u.status.as_str()),
            Arg::I64(u.status_since),
            Arg::Text(u.priority.as_str()),
            Arg::OptI64(u.assignee_id),
            Arg::Text(u.category),
            Arg::Text(queue.as_str()),
            Arg::I64(u.now),
        ];
        Ok(self.execute(UPDATE, &args).await? == 1)
    }

    async fn insert_desk_message(&mut self, m: &NewDeskMessage<'_>) -> StoreResult<i64> {
        let args = [
            Arg::I64(m.request_id),
            Arg::OptI64(m.author_id),
            Arg::Text(m.author.as_str()),
            Arg::Bool(m.public),
            Arg::Text(m.body),
            Arg::I64(m.now),
        ];
        self.fetch_one(INSERT_MESSAGE, &args).await
    }

    async fn insert_desk_attachment(&mut self, a: &NewDeskAttachment<'_>) -> StoreResult<i64> {
        let args = [
            Arg::I64(a.request_id),
            Arg::OptI64(a.message_id),
            Arg::OptText(a.field),
            Arg::Text(a.file_name),
            Arg::Text(a.original_name),
            Arg::Text(a.content_type),
            Arg::I64(a.size),
            Arg::Text(a.sha256),
            Arg::I64(a.now),
        ];
        self.fetch_one(INSERT_ATTACHMENT, &args).await
    }

    async fn insert_desk_event(&mut self, e: &NewDeskEvent<'_>) -> StoreResult<i64> {
        let args = [
            Arg::I64(e.request_id),
            Arg::OptI64(e.actor_id),
            Arg::I64(e.version),
            Arg::Text(e.field),
            Arg::OptText(e.old_value),
            Arg::OptText(e.new_value),
            Arg::I64(e.now),
        ];
        self.fetch_one(INSERT_EVENT, &args).await
    }

    async fn delete_unconfirmed_desk_requests(&mut self, before: i64) -> StoreResult<u64> {
        self.execute(DELETE_UNCONFIRMED, &[Arg::I64(before)]).await
    }

    async fn mark_desk_email_failing(&mut self, id: i64, since: Option<i64>) -> StoreResult<bool> {
        let args = [Arg::I64(id), Arg::OptI64(since)];
        Ok(self.execute(MARK_EMAIL_FAILING, &args).await? == 1)
    }

    async fn delete_closed_desk_attachments(
        &mut self,
        before: i64,
        limit: i64,
    ) -> StoreResult<Vec<String>> {
        self.fetch_all(
            DELETE_CLOSED_ATTACHMENTS,
            &[Arg::I64(before), Arg::I64(limit)],
        )
        .await
    }

    async fn set_desk_sla(
        &mut self,
        id: i64,
        due: Option<(i64, &str)>,
        breach_counted: Option<i64>,
    ) -> StoreResult<()> {
        let args = [
            Arg::I64(id),
            Arg::OptI64(due.map(|d| d.0)),
            Arg::OptText(due.map(|d| d.1)),
            Arg::OptI64(breach_counted),
        ];
        self.execute(SET_SLA, &args).await?;
        Ok(())
    }

    async fn count_desk_sla_breaches(
        &mut self,
        now: i64,
        limit: i64,
    ) -> StoreResult<Vec<(i64, String, String, String)>> {
        let rows: Vec<SlaBreach> = self
            .fetch_all(COUNT_SLA_BREACHES, &[Arg::I64(now), Arg::I64(limit)])
            .await?;
        Ok(rows
            .into_iter()
            .map(|b| (b.id, b.metric, b.category, b.priority))
            .collect())
    }
}

struct SlaBreach {
    id: i64,
    metric: String,
    category: String,
    priority: String,
}

impl FromRow for SlaBreach {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(SlaBreach {
            id: c.read()?,
            metric: c.read()?,
            category: c.read()?,
            priority: c.read()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_view_is_a_distinct_statement_with_its_parameters_numbered_in_order() {
        let made: Vec<String> = made_statements().collect();
        let unique: std::collections::BTreeSet<&String> = made.iter().collect();
        assert_eq!(made.len(), unique.len());
        assert_eq!(made.len(), 24 * 7);
        let sql = view_sql(
            Shape {
                queue: true,
                status: false,
                assignee: AssigneeFilter::Agent(0),
                category: true,
            },
            DeskSort::UpdatedNewest,
            true,
        );
        assert!(
            sql.ends_with(
                "WHERE queue = $1 AND assignee_id = $2 AND category = $3 AND \
             (updated_at < $4 OR (updated_at = $4 AND id < $5)) \
             ORDER BY updated_at DESC, id DESC LIMIT $6"
            ),
            "{sql}"
        );
        assert!(!sql.contains("OFFSET"));
    }
}
