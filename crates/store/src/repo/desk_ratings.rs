//! Customers' satisfaction ratings: one per solve of a request, and the report that
//! adds them up per agent and per category.
use super::Statements;
use crate::exec::{Arg, CanWrite, Columns, Executor, FromRow, Row};
use crate::models::{DeskRating, NewDeskRating, RatingTally};
use crate::StoreResult;
use async_trait::async_trait;

#[async_trait]
pub trait DeskRatingReads {
    /// The ratings of a request, newest solve first.
    async fn desk_ratings(&mut self, request_id: i64) -> StoreResult<Vec<DeskRating>>;
    /// Ratings given in `[from, to)`, added up per (agent, category).
    async fn desk_rating_tallies(&mut self, from: i64, to: i64) -> StoreResult<Vec<RatingTally>>;
}

#[async_trait]
pub trait DeskRatingWrites {
    /// Records the rating of a solve, or changes the one given before.
    async fn rate_desk_solve(&mut self, rating: &NewDeskRating<'_>) -> StoreResult<()>;
}

impl FromRow for DeskRating {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(DeskRating {
            request_id: c.read()?,
            solved_at: c.read()?,
            agent_id: c.read()?,
            category: c.read()?,
            good: c.read::<i64>()? != 0,
            comment: c.read()?,
            updated_at: c.read()?,
        })
    }
}

impl FromRow for RatingTally {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(RatingTally {
            agent_id: c.read()?,
            category: c.read()?,
            good: c.read()?,
            bad: c.read()?,
        })
    }
}

const OF_REQUEST: &str = "SELECT request_id, solved_at, agent_id, category, good, comment, \
     updated_at FROM desk_ratings WHERE request_id = $1 ORDER BY solved_at DESC";
const TALLIES: &str = "SELECT agent_id, category, \
     CAST(SUM(good) AS BIGINT), CAST(SUM(1 - good) AS BIGINT) \
     FROM desk_ratings WHERE created_at >= $1 AND created_at < $2 \
     GROUP BY agent_id, category ORDER BY agent_id, category";
const RATE: &str = "INSERT INTO desk_ratings \
     (request_id, solved_at, agent_id, category, good, comment, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) \
     ON CONFLICT (request_id, solved_at) DO UPDATE SET good = excluded.good, \
     comment = excluded.comment, updated_at = excluded.updated_at";

pub(crate) const STATEMENTS: Statements = Statements {
    both: &[OF_REQUEST, TALLIES, RATE],
    ..Statements::NONE
};

#[async_trait]
impl<E: Executor> DeskRatingReads for E {
    async fn desk_ratings(&mut self, request_id: i64) -> StoreResult<Vec<DeskRating>> {
        self.fetch_all(OF_REQUEST, &[Arg::I64(request_id)]).await
    }

    async fn desk_rating_tallies(&mut self, from: i64, to: i64) -> StoreResult<Vec<RatingTally>> {
        self.fetch_all(TALLIES, &[Arg::I64(from), Arg::I64(to)])
            .await
    }
}

#[async_trait]
impl<E: CanWrite> DeskRatingWrites for E {
    async fn rate_desk_solve(&mut self, r: &NewDeskRating<'_>) -> StoreResult<()> {
        let args = [
            Arg::I64(r.request_id),
            Arg::I64(r.solved_at),
            Arg::OptI64(r.agent_id),
            Arg::Text(r.category),
            Arg::Bool(r.good),
            Arg::OptText(r.comment),
            Arg::I64(r.now),
        ];
        self.execute(RATE, &args).await?;
        Ok(())
    }
}
