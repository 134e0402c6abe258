//! Finding help-desk requests by any text in them — subject, form answers, messages —
//! Japanese included: a substring match through a trigram index (SQLite FTS5's trigram
//! tokenizer, PostgreSQL's pg_trgm) or, for a term of two characters, an index of each
//! text's character pairs; filtered like the views, ranked by how many of the request's
//! texts hold it, then by recency (a staff search ranks the newest hits only, see
//! [`NEWEST_HITS`]). A customer's search sees only their own requests and never an
//! internal note. One statement per shape of filter, as the views.
use crate::exec::{Arg, Executor};
use crate::models::{AssigneeFilter, DeskRequest, Status};
use crate::{Backend, StoreResult};
use async_trait::async_trait;

/// What to look for, and in which requests.
#[derive(Debug, Clone)]
pub struct DeskSearch<'a> {
    /// Found as typed, anywhere in a text (case-insensitive for Latin letters).
    pub text: &'a str,
    /// A customer's own requests, their public texts only; none: staff, everything.
    pub owner: Option<i64>,
    pub status: Option<Status>,
    pub category: Option<&'a str>,
    pub assignee: AssigneeFilter,
    /// Created at or after (unix seconds).
    pub created_from: Option<i64>,
    /// Created before.
    pub created_to: Option<i64>,
    pub limit: i64,
}

#[async_trait]
pub trait DeskSearchReads {
    async fn search_desk_requests(&mut self, q: &DeskSearch<'_>) -> StoreResult<Vec<DeskRequest>>;
}

/// Which index can answer a search's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Index {
    /// Three characters or more: the trigram index (SQLite's FTS5 uses it for a MATCH,
    /// not for a LIKE with an ESCAPE clause).
    Trigrams,
    /// Two letters or digits: the index of character pairs.
    Pairs,
    /// One character, or two with a space or a symbol in them: every text is read.
    Scan,
}

impl Index {
    fn of(text: &str) -> Index {
        let mut chars = text.chars();
        match (chars.next(), chars.next(), chars.next()) {
            (Some(_), Some(_), Some(_)) => Index::Trigrams,
            // SQLite's pair tokens split at whitespace and at characters its tables do
            // not class as letters, digits or symbols; letters and digits are always whole.
            (Some(a), Some(b), None) if a.is_alphanumeric() && b.is_alphanumeric() => Index::Pairs,
            _ => Index::Scan,
        }
    }
}

/// The shape of a search's query: which filters it has (their values are parameters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape {
    index: Index,
    owner: bool,
    status: bool,
    category: bool,
    assignee: AssigneeFilter,
    from: bool,
    to: bool,
}

impl Shape {
    fn of(q: &DeskSearch<'_>) -> Shape {
        Shape {
            // A customer's own texts are read whatever the text (see `hits`).
            index: if q.owner.is_some() {
                Index::Scan
            } else {
                Index::of(q.text)
            },
            owner: q.owner.is_some(),
            status: q.status.is_some(),
            category: q.category.is_some(),
            assignee: match q.assignee {
                AssigneeFilter::Agent(_) => AssigneeFilter::Agent(0),
                other => other,
            },
            from: q.created_from.is_some(),
            to: q.created_to.is_some(),
        }
    }

    fn all() -> impl Iterator<Item = Shape> {
        let b = [false, true];
        [Index::Trigrams, Index::Pairs, Index::Scan]
            .into_iter()
            .flat_map(move |index| {
                let owners: &[bool] = if index == Index::Scan {
                    &[false, true]
                } else {
                    &[false]
                };
                owners.iter().copied().flat_map(move |owner| {
                    b.into_iter().flat_map(move |status| {
                        b.into_iter().flat_map(move |category| {
                            [
                                AssigneeFilter::Any,
                                AssigneeFilter::Nobody,
                                AssigneeFilter::Agent(0),
                            ]
                            .into_iter()
                            .flat_map(move |assignee| {
                                b.into_iter().flat_map(move |from| {
                                    b.into_iter().map(move |to| Shape {
                                        index,
                                        owner,
                                        status,
                                        category,
                                        assignee,
                                        from,
                                        to,
                                    })
                                })
                            })
                        })
                    })
                })
            })
    }
}

/// Of each kind of text (the requests' own, the messages), at most this many of the
/// newest hits are ranked in a staff search (on PostgreSQL, half as many of both kinds).
const NEWEST_HITS: i64 = 2000;
/// The same with a filter, whose hits are walked past to find those that pass it: a
/// quarter as many, so a filter passing one request in ten costs what no filter does.
const NEWEST_FILTERED_HITS: i64 = NEWEST_HITS / 4;

/// The staff's filters, as the statements write them.
struct Filters {
    /// On `desk_requests`, each as ` AND …`.
    requests: String,
    /// PostgreSQL: the same filters as the facets a text of such a request has (see
    /// the migration `desk_search_facets`), and the dates, which are not facets.
    facets: Vec<String>,
    dates: String,
    /// The parameter holding the page's size.
    limit_param: usize,
}

/// Texts, newest first, that a filtered PostgreSQL search walks before it asks the
/// index for every older hit instead (see `hits`): about 60 ms of walking, after which
/// the hits are rare enough (fewer than a page's requests in them) for the index to
/// be quicker.
const WALKED_TEXTS: i64 = 30_000;

/// `SELECT request_id, hits`: the requests that hold the text ($1), with how many of their
/// texts do; for a customer ($2) only their own requests' public texts.
fn hits(backend: Backend, shape: Shape, filters: &Filters) -> String {
    if shape.owner {
        // A customer's own texts are few: they are read, not looked up in an index, whose
        // every lookup by rowid costs more than reading the row.
        let found = |text: &str| match backend {
            Backend::Sqlite => format!("{text} GLOB $1"),
            Backend::Postgres => format!("{text} ILIKE $1 ESCAPE '\\'"),
        };
        return format!(
            "SELECT request_id, COUNT(*) AS hits FROM (\
             SELECT id AS request_id FROM desk_requests WHERE account_id = $2 \
             AND {} \
             UNION ALL SELECT request_id FROM desk_messages WHERE public = 1 \
             AND request_id IN (SELECT id FROM desk_requests WHERE account_id = $2) \
             AND {}) own GROUP BY request_id",
            found("subject || ' ' || answers_text"),
            found("body")
        );
    }
    // Staff search the whole desk, and the ranking counts only the newest hits that pass
    // the filters, so a common word costs the same at a million requests as at a
    // thousand. A filter is applied before the bound, so a selective one (an agent's
    // own requests) still finds its older matches.
    let filters_sql = &filters.requests;
    if backend == Backend::Postgres {
        let found = match shape.index {
            Index::Pairs => "desk_search.pairs @> ARRAY[lower($1)]",
            Index::Trigrams | Index::Scan => "desk_search.body ILIKE $1 ESCAPE '\\'",
        };
        if filters_sql.is_empty() {
            // The planner either walks the texts newest first until it has enough (a
            // common word) or takes every hit from the index and keeps the newest (a
            // rare one). The walk reads every text on its way, so the bound is a
            // quarter of SQLite's.
            return format!(
                "SELECT request_id, COUNT(*) AS hits FROM (SELECT desk_search.request_id \
                 FROM desk_search WHERE {found} ORDER BY desk_search.id DESC \
                 LIMIT {}) newest GROUP BY request_id",
                NEWEST_HITS / 2
            );
        }
        // With a filter the planner cannot tell how often the two come together: a
        // word common in one category may be in none of another, and a walk newest
        // first then reads every text there is (5.6 s at a million requests). So the
        // filters are facets in the same index as the text, and the search is in two
        // parts whose plans are fixed by their form: first a walk of the newest texts,
        // bounded; only if those hold fewer requests than a page, the index's hits among
        // the older texts, all of them, sorted (`id + 0` keeps the planner from walking
        // them) — which is then cheap, the hits being rare.
        let facets = if filters.facets.is_empty() {
            String::new()
        } else {
            format!(
                " AND desk_search.facets @> ARRAY[{}]",
                filters.facets.join(", ")
            )
        };
        let (join, dates) = if filters.dates.is_empty() {
            ("", "")
        } else {
            (
                " JOIN desk_requests ON desk_requests.id = desk_search.request_id",
                filters.dates.as_str(),
            )
        };
        let limit = NEWEST_FILTERED_HITS / 2;
        let walked = format!(
            "(SELECT id, request_id, body, pairs, facets FROM desk_search \
             ORDER BY id DESC LIMIT {WALKED_TEXTS}) desk_search"
        );
        let page = filters.limit_param;
        return format!(
            "SELECT request_id, COUNT(*) AS hits FROM (SELECT request_id FROM (\
             WITH newer AS MATERIALIZED (SELECT desk_search.request_id FROM {walked}{join} \
             WHERE {found}{facets}{dates} ORDER BY desk_search.id DESC LIMIT {limit}) \
             SELECT request_id FROM newer \
             UNION ALL (SELECT desk_search.request_id FROM desk_search{join} \
             WHERE {found}{facets}{dates} AND desk_search.id < \
             (SELECT min(id) FROM (SELECT id FROM desk_search ORDER BY id DESC \
             LIMIT {WALKED_TEXTS}) walked) \
             AND (SELECT count(DISTINCT request_id) FROM newer) < ${page} \
             ORDER BY desk_search.id + 0 DESC LIMIT {limit})) parts LIMIT {limit}) newest \
             GROUP BY request_id"
        );
    }
    // SQLite: FTS5 walks its index (or, for a scan, its rows) in rowid order and stops at
    // the LIMIT. A request's own texts have rowid -id in both indexes (ascending is newest
    // first), a message its id (descending is). CROSS JOIN keeps the index the outer
    // loop: looking a row up in it by rowid is the slow way round.
    let (table, found) = match shape.index {
        Index::Trigrams => ("desk_search", "desk_search MATCH $1"),
        Index::Pairs => ("desk_search_pairs", "desk_search_pairs MATCH $1"),
        Index::Scan => ("desk_search", "desk_search.body GLOB $1"),
    };
    if filters_sql.is_empty() {
        format!(
            "SELECT request_id, COUNT(*) AS hits FROM (\
             SELECT * FROM (SELECT -rowid AS request_id FROM {table} WHERE {found} \
             AND rowid < 0 ORDER BY rowid LIMIT {NEWEST_HITS}) \
             UNION ALL SELECT request_id FROM desk_messages WHERE id IN (SELECT rowid \
             FROM {table} WHERE {found} AND rowid > 0 ORDER BY rowid DESC \
             LIMIT {NEWEST_HITS})) GROUP BY request_id"
        )
    } else {
        format!(
            "SELECT request_id, COUNT(*) AS hits FROM (\
             SELECT * FROM (SELECT desk_requests.id AS request_id FROM {table} \
             CROSS JOIN desk_requests ON desk_requests.id = -{table}.rowid \
             WHERE {found} AND {table}.rowid < 0{filters_sql} \
             ORDER BY {table}.rowid LIMIT {NEWEST_FILTERED_HITS}) \
             UNION ALL SELECT * FROM (SELECT desk_messages.request_id FROM {table} \
             CROSS JOIN desk_messages ON desk_messages.id = {table}.rowid \
             CROSS JOIN desk_requests ON desk_requests.id = desk_messages.request_id \
             WHERE {found} AND {table}.rowid > 0{filters_sql} \
             ORDER BY {table}.rowid DESC LIMIT {NEWEST_FILTERED_HITS})) GROUP BY request_id"
        )
    }
}

fn sql(backend: Backend, shape: Shape) -> String {
    // $1: the text as the statement takes it (a MATCH phrase or a pattern); the filters
    // follow in order; the limit is last.
    let mut filters = Vec::new();
    let mut facets = Vec::new();
    let mut dates = String::new();
    // $2: the customer, if any (used in `hits` and below).
    let mut n = if shape.owner { 3 } else { 2 };
    let mut param = |column: &str, op: &str, filters: &mut Vec<String>| {
        let n_now = n;
        filters.push(format!("desk_requests.{column} {op} ${n_now}"));
        n += 1;
        n_now
    };
    if shape.status {
        let at = param("status", "=", &mut filters);
        facets.push(format!("'s:' || ${at}::text"));
    }
    if shape.category {
        let at = param("category", "=", &mut filters);
        facets.push(format!("'c:' || ${at}::text"));
    }
    match shape.assignee {
        AssigneeFilter::Any => {}
        AssigneeFilter::Nobody => {
            filters.push("desk_requests.assignee_id IS NULL".to_owned());
            facets.push("'a:-'".to_owned());
        }
        AssigneeFilter::Agent(_) => {
            let at = param("assignee_id", "=", &mut filters);
            facets.push(format!("'a:' || ${at}::bigint"));
        }
    }
    for (on, op) in [(shape.from, ">="), (shape.to, "<")] {
        if on {
            let at = param("created_at", op, &mut filters);
            dates.push_str(&format!(" AND desk_requests.created_at {op} ${at}"));
        }
    }
    let inner = Filters {
        requests: filters.iter().map(|f| format!(" AND {f}")).collect(),
        facets,
        dates,
        limit_param: n,
    };
    let mut clauses = vec!["desk_requests.queue <> 'unconfirmed'".to_owned()];
    if shape.owner {
        clauses.push("desk_requests.account_id = $2".to_owned());
    }
    clauses.extend(filters);
    format!(
        "SELECT {} FROM ({}) s \
         JOIN desk_requests ON desk_requests.id = s.request_id WHERE {} \
         ORDER BY s.hits DESC, desk_requests.updated_at DESC, desk_requests.id DESC LIMIT ${n}",
        super::requests::REQUEST_COLUMNS,
        hits(backend, shape, &inner),
        clauses.join(" AND ")
    )
}

/// Every search statement on `backend`.
pub(crate) fn made_statements(backend: Backend) -> impl Iterator<Item = String> {
    Shape::all().map(move |shape| sql(backend, shape))
}

pub(crate) fn is_made_statement(backend: Backend, sql: &str) -> bool {
    sql.contains(" AS hits FROM ") && made_statements(backend).any(|made| made == sql)
}

/// `"text"`: an FTS5 phrase, which the trigram tokenizer matches as a substring and the
/// pairs' tokenizer as one pair (case-insensitive); its quotes doubled.
fn phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// `*text*` for SQLite's GLOB, with every letter that has a case as the set of its cases
/// (`[Üü]`) and the pattern's own wildcards taken literally: SQLite's LIKE folds ASCII
/// letters only, while its indexes and PostgreSQL's ILIKE fold every letter.
fn glob(text: &str) -> String {
    let mut g = String::with_capacity(text.len() * 3 + 2);
    g.push('*');
    for c in text.chars() {
        let mut cases = vec![c];
        let lower: Vec<char> = c.to_lowercase().collect();
        let upper: Vec<char> = c.to_uppercase().collect();
        // The letters that fold to the same small letter but that neither case mapping
        // gives back: ß's capital ẞ (its upper case is "SS"), and the title-case
        // digraphs (ǅ between Ǆ and ǆ).
        let folded = match lower[..] {
            [one] => [('ß', 'ẞ'), ('ǆ', 'ǅ'), ('ǉ', 'ǈ'), ('ǌ', 'ǋ'), ('ǳ', 'ǲ')]
                .iter()
                .filter(|(small, _)| *small == one)
                .flat_map(|&(small, other)| [small, other])
                .collect(),
            _ => Vec::new(),
        };
        for other in [lower, upper] {
            // A letter whose other case is two letters (İ) is matched as typed, as
            // the indexes' simple case folding does.
            if let [one] = other[..] {
                if !cases.contains(&one) {
                    cases.push(one);
                }
            }
        }
        for one in folded {
            if !cases.contains(&one) {
                cases.push(one);
            }
        }
        if cases.len() > 1 || matches!(c, '*' | '?' | '[') {
            g.push('[');
            g.extend(cases);
            g.push(']');
        } else {
            g.push(c);
        }
    }
    g.push('*');
    g
}

/// `%text%`, with the pattern's own wildcards taken literally.
fn pattern(text: &str) -> String {
    let mut p = String::with_capacity(text.len() + 2);
    p.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

#[async_trait]
impl<E: Executor> DeskSearchReads for E {
    async fn search_desk_requests(&mut self, q: &DeskSearch<'_>) -> StoreResult<Vec<DeskRequest>> {
        let shape = Shape::of(q);
        let sql = sql(self.backend(), shape);
        let pattern = match (self.backend(), shape.index) {
            (Backend::Sqlite, Index::Trigrams | Index::Pairs) => phrase(q.text),
            (Backend::Sqlite, Index::Scan) => glob(q.text),
            (_, Index::Pairs) => q.text.to_owned(),
            _ => pattern(q.text),
        };
        let mut args = vec![Arg::Text(&pattern)];
        if let Some(owner) = q.owner {
            args.push(Arg::I64(owner));
        }
        if let Some(status) = q.status {
            args.push(Arg::Text(status.as_str()));
        }
        if let Some(category) = q.category {
            args.push(Arg::Text(category));
        }
        if let AssigneeFilter::Agent(id) = q.assignee {
            args.push(Arg::I64(id));
        }
        if let Some(from) = q.created_from {
            args.push(Arg::I64(from));
        }
        if let Some(to) = q.created_to {
            args.push(Arg::I64(to));
        }
        args.push(Arg::I64(q.limit));
        self.fetch_all(&sql, &args).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_takes_wildcards_literally() {
        assert_eq!(pattern("二段階認証"), "%二段階認証%");
        assert_eq!(pattern("100%_a\\b"), "%100\\%\\_a\\\\b%");
        assert_eq!(phrase("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn a_glob_takes_every_case_of_a_letter_and_wildcards_literally() {
        assert_eq!(glob("Über 2"), "*[Üü][bB][eE][rR] 2*");
        assert_eq!(glob("紛失"), "*紛失*");
        assert_eq!(glob("a*?[]%_"), "*[aA][*][?][[]]%_*");
        // Full-width Latin letters have cases too; ß and ẞ, and ǅ between Ǆ and ǆ.
        assert_eq!(glob("Ｉß"), "*[Ｉｉ][ßẞ]*");
        assert_eq!(glob("ẞ"), "*[ẞß]*");
        assert_eq!(glob("ǆ"), "*[ǆǄǅ]*");
        assert_eq!(glob("ǅ"), "*[ǅǆǄ]*");
    }
}
