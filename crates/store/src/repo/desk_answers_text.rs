//! The searchable text of requests' form answers, written again from the catalogue by
//! `keydesk desk-reindex` (after the migration that introduced it, or a catalogue whose
//! labels changed). Rewriting a request's text rewrites its indexed text (triggers).
use super::Statements;
use crate::exec::{Arg, CanWrite, Columns, Executor, FromRow, Row};
use crate::StoreResult;
use async_trait::async_trait;

/// A request's answers as stored, and the text indexed for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAnswers {
    pub id: i64,
    pub category: String,
    pub subcategory: Option<String>,
    /// JSON, option keys.
    pub answers: String,
    pub answers_text: String,
}

#[async_trait]
pub trait AnswersTextReads {
    /// Up to `limit` requests after `after_id`, by id.
    async fn desk_answers_after(
        &mut self,
        after_id: i64,
        limit: i64,
    ) -> StoreResult<Vec<StoredAnswers>>;
}

#[async_trait]
pub trait AnswersTextWrites {
    async fn set_desk_answers_text(&mut self, id: i64, text: &str) -> StoreResult<bool>;
}

impl FromRow for StoredAnswers {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(StoredAnswers {
            id: c.read()?,
            category: c.read()?,
            subcategory: c.read()?,
            answers: c.read()?,
            answers_text: c.read()?,
        })
    }
}

const AFTER: &str = "SELECT id, category, subcategory, answers, answers_text FROM desk_requests \
     WHERE id > $1 ORDER BY id LIMIT $2";
const SET: &str = "UPDATE desk_requests SET answers_text = $2 WHERE id = $1";

pub(crate) const STATEMENTS: Statements = Statements {
    both: &[AFTER, SET],
    ..Statements::NONE
};

#[async_trait]
impl<E: Executor> AnswersTextReads for E {
    async fn desk_answers_after(
        &mut self,
        after_id: i64,
        limit: i64,
    ) -> StoreResult<Vec<StoredAnswers>> {
        self.fetch_all(AFTER, &[Arg::I64(after_id), Arg::I64(limit)])
            .await
    }
}

#[async_trait]
impl<E: CanWrite> AnswersTextWrites for E {
    async fn set_desk_answers_text(&mut self, id: i64, text: &str) -> StoreResult<bool> {
        Ok(self.execute(SET, &[Arg::I64(id), Arg::Text(text)]).await? == 1)
    }
}
