//! What admins set up for the desk: macros (canned replies in both languages) and
//! webhooks with the record of their deliveries.
use super::Statements;
use crate::exec::{Arg, CanWrite, Columns, Executor, FromRow, Row};
use crate::models::{DeskMacro, NewDeskMacro, Status, Webhook, WebhookDelivery};
use crate::{StoreError, StoreResult};
use async_trait::async_trait;

#[async_trait]
pub trait DeskSetupReads {
    async fn desk_macros(&mut self) -> StoreResult<Vec<DeskMacro>>;
    async fn desk_macro(&mut self, id: i64) -> StoreResult<Option<DeskMacro>>;
    async fn webhooks(&mut self) -> StoreResult<Vec<Webhook>>;
    async fn webhook(&mut self, id: i64) -> StoreResult<Option<Webhook>>;
    /// The newest deliveries first.
    async fn webhook_deliveries(&mut self, limit: i64) -> StoreResult<Vec<WebhookDelivery>>;
}

#[async_trait]
pub trait DeskSetupWrites {
    async fn insert_desk_macro(&mut self, new: &NewDeskMacro<'_>) -> StoreResult<i64>;
    async fn update_desk_macro(&mut self, id: i64, new: &NewDeskMacro<'_>) -> StoreResult<bool>;
    async fn delete_desk_macro(&mut self, id: i64) -> StoreResult<bool>;
    async fn insert_webhook(
        &mut self,
        url: &str,
        sealed_secret: &str,
        events: &str,
        now: i64,
    ) -> StoreResult<i64>;
    async fn set_webhook_active(&mut self, id: i64, active: bool) -> StoreResult<bool>;
    async fn insert_webhook_delivery(
        &mut self,
        webhook_id: i64,
        event: &str,
        subject: DeliverySubject,
        now: i64,
    ) -> StoreResult<i64>;
    /// One attempt's outcome: delivered, or the error and whether it will be retried.
    async fn record_webhook_attempt(
        &mut self,
        id: i64,
        state: &str,
        error: Option<&str>,
        now: i64,
    ) -> StoreResult<()>;
}

fn optional_status(value: Option<String>) -> StoreResult<Option<Status>> {
    value
        .map(|v| Status::parse(&v).ok_or_else(|| StoreError::decode("set_status", &v)))
        .transpose()
}

macro_rules! macro_columns {
    () => {
        "id, name, body_en, body_ja, set_status, updated_by, updated_at"
    };
}

impl FromRow for DeskMacro {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(DeskMacro {
            id: c.read()?,
            name: c.read()?,
            body_en: c.read()?,
            body_ja: c.read()?,
            set_status: optional_status(c.read()?)?,
            updated_by: c.read()?,
            updated_at: c.read()?,
        })
    }
}

macro_rules! webhook_columns {
    () => {
        "id, url, secret, events, active, created_at"
    };
}

impl FromRow for Webhook {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(Webhook {
            id: c.read()?,
            url: c.read()?,
            secret: c.read()?,
            events: c.read()?,
            active: c.read::<i64>()? != 0,
            created_at: c.read()?,
        })
    }
}

/// What a webhook delivery is about: a request, an account, or both.
#[derive(Debug, Clone, Copy, Default)]
pub struct DeliverySubject {
    pub request_id: Option<i64>,
    pub account_id: Option<i64>,
}

macro_rules! delivery_columns {
    () => {
        "id, webhook_id, event, request_id, account_id, state, attempts, last_error, created_at, \
         updated_at"
    };
}

impl FromRow for WebhookDelivery {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(WebhookDelivery {
            id: c.read()?,
            webhook_id: c.read()?,
            event: c.read()?,
            request_id: c.read()?,
            account_id: c.read()?,
            state: c.read()?,
            attempts: c.read()?,
            last_error: c.read()?,
            created_at: c.read()?,
            updated_at: c.read()?,
        })
    }
}

const MACROS: &str = concat!(
    "SELECT ",
    macro_columns!(),
    " FROM desk_macros ORDER BY name"
);
const MACRO: &str = concat!(
    "SELECT ",
    macro_columns!(),
    " FROM desk_macros WHERE id = $1"
);
const INSERT_MACRO: &str = "INSERT INTO desk_macros \
     (name, body_en, body_ja, set_status, updated_by, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
const UPDATE_MACRO: &str = "UPDATE desk_macros SET name = $2, body_en = $3, body_ja = $4, \
     set_status = $5, updated_by = $6, updated_at = $7 WHERE id = $1";
const DELETE_MACRO: &str = "DELETE FROM desk_macros WHERE id = $1";
const WEBHOOKS: &str = concat!("SELECT ", webhook_columns!(), " FROM webhooks ORDER BY id");
const WEBHOOK: &str = concat!(
    "SELECT ",
    webhook_columns!(),
    " FROM webhooks WHERE id = $1"
);
const INSERT_WEBHOOK: &str = "INSERT INTO webhooks (url, secret, events, active, created_at) \
     VALUES ($1, $2, $3, 1, $4) RETURNING id";
const SET_WEBHOOK_ACTIVE: &str = "UPDATE webhooks SET active = $2 WHERE id = $1";
const DELIVERIES: &str = concat!(
    "SELECT ",
    delivery_columns!(),
    " FROM webhook_deliveries ORDER BY id DESC LIMIT $1"
);
const INSERT_DELIVERY: &str = "INSERT INTO webhook_deliveries \
     (webhook_id, event, request_id, account_id, state, attempts, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, 'pending', 0, $5, $5) RETURNING id";
const RECORD_ATTEMPT: &str = "UPDATE webhook_deliveries SET state = $2, last_error = $3, \
     attempts = attempts + 1, updated_at = $4 WHERE id = $1";

pub(crate) const STATEMENTS: Statements = Statements {
    both: &[
        MACROS,
        MACRO,
        INSERT_MACRO,
        UPDATE_MACRO,
        DELETE_MACRO,
        WEBHOOKS,
        WEBHOOK,
        INSERT_WEBHOOK,
        SET_WEBHOOK_ACTIVE,
        DELIVERIES,
        INSERT_DELIVERY,
        RECORD_ATTEMPT,
    ],
    ..Statements::NONE
};

#[async_trait]
impl<E: Executor> DeskSetupReads for E {
    async fn desk_macros(&mut self) -> StoreResult<Vec<DeskMacro>> {
        self.fetch_all(MACROS, &[]).await
    }

    async fn desk_macro(&mut self, id: i64) -> StoreResult<Option<DeskMacro>> {
        self.fetch_optional(MACRO, &[Arg::I64(id)]).await
    }

    async fn webhooks(&mut self) -> StoreResult<Vec<Webhook>> {
        self.fetch_all(WEBHOOKS, &[]).await
    }

    async fn webhook(&mut self, id: i64) -> StoreResult<Option<Webhook>> {
        self.fetch_optional(WEBHOOK, &[Arg::I64(id)]).await
    }

    async fn webhook_deliveries(&mut self, limit: i64) -> StoreResult<Vec<WebhookDelivery>> {
        self.fetch_all(DELIVERIES, &[Arg::I64(limit)]).await
    }
}

fn macro_args<'a>(m: &'a NewDeskMacro<'a>) -> [Arg<'a>; 6] {
    [
        Arg::Text(m.name),
        Arg::Text(m.body_en),
        Arg::Text(m.body_ja),
        Arg::OptText(m.set_status.map(Status::as_str)),
        Arg::OptI64(m.updated_by),
        Arg::I64(m.now),
    ]
}

#[async_trait]
impl<E: CanWrite> DeskSetupWrites for E {
    async fn insert_desk_macro(&mut self, new: &NewDeskMacro<'_>) -> StoreResult<i64> {
        self.fetch_one(INSERT_MACRO, &macro_args(new)).await
    }

    async fn update_desk_macro(&mut self, id: i64, new: &NewDeskMacro<'_>) -> StoreResult<bool> {
        let mut args = vec![Arg::I64(id)];
        args.extend(macro_args(new));
        Ok(self.execute(UPDATE_MACRO, &args).await? == 1)
    }

    async fn delete_desk_macro(&mut self, id: i64) -> StoreResult<bool> {
        Ok(self.execute(DELETE_MACRO, &[Arg::I64(id)]).await? == 1)
    }

    async fn insert_webhook(
        &mut self,
        url: &str,
        sealed_secret: &str,
        events: &str,
        now: i64,
    ) -> StoreResult<i64> {
        let args = [
            Arg::Text(url),
            Arg::Text(sealed_secret),
            Arg::Text(events),
            Arg::I64(now),
        ];
        self.fetch_one(INSERT_WEBHOOK, &args).await
    }

    async fn set_webhook_active(&mut self, id: i64, active: bool) -> StoreResult<bool> {
        Ok(self
            .execute(SET_WEBHOOK_ACTIVE, &[Arg::I64(id), Arg::Bool(active)])
            .await?
            == 1)
    }

    async fn insert_webhook_delivery(
        &mut self,
        webhook_id: i64,
        event: &str,
        subject: DeliverySubject,
        now: i64,
    ) -> StoreResult<i64> {
        let args = [
            Arg::I64(webhook_id),
            Arg::Text(event),
            Arg::OptI64(subject.request_id),
            Arg::OptI64(subject.account_id),
            Arg::I64(now),
        ];
        self.fetch_one(INSERT_DELIVERY, &args).await
    }

    async fn record_webhook_attempt(
        &mut self,
        id: i64,
        state: &str,
        error: Option<&str>,
        now: i64,
    ) -> StoreResult<()> {
        let args = [
            Arg::I64(id),
            Arg::Text(state),
            Arg::OptText(error),
            Arg::I64(now),
        ];
        self.execute(RECORD_ATTEMPT, &args).await?;
        Ok(())
    }
}
