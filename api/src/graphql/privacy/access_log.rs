//! The access log of a request: each customer whose whole CPF a resolver showed staff is noted
//! in the request's [`DocumentViews`]; once the answer is computed, [`AccessLogWriter`] writes
//! them all in one INSERT (one row per customer, however many fields or lists showed it). A
//! subscription writes after each event it pushes.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextPrepareRequest, NextSubscribe,
};
use async_graphql::{Context, Request, Response, ServerResult};
use chrono::Utc;
use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use oficina_domain::Db;
use oficina_domain::identity::Principal;
use oficina_domain::privacy::{AccessAction, AccessEntry, NewAccess};

/// Request data: (workshop, customer, staff user) of each whole CPF shown so far.
#[derive(Clone, Default)]
pub struct DocumentViews(Arc<Mutex<HashSet<(i64, i64, i64)>>>);

impl DocumentViews {
    /// The views noted so far, taken out (a second call returns none).
    fn take(&self) -> Vec<NewAccess> {
        let at = Utc::now().naive_utc();
        let views = std::mem::take(&mut *self.0.lock().expect("not poisoned"));
        let mut rows: Vec<NewAccess> = views
            .into_iter()
            .map(|(workshop_id, customer_id, actor_user_id)| NewAccess {
                workshop_id,
                customer_id,
                actor_user_id,
                action: AccessAction::ViewedDocument,
                at,
            })
            .collect();
        rows.sort_by_key(|row| row.customer_id);
        rows
    }

    /// Writes the views noted so far; a failure is logged (the answer is computed already).
    async fn flush(&self, db: &Db) {
        let rows = self.take();
        if rows.is_empty() {
            return;
        }
        let written = async {
            let mut pooled = db.get().await?;
            AccessEntry::record(&mut pooled.conn(), &rows).await?;
            Ok::<_, anyhow::Error>(())
        };
        if let Err(err) = written.await {
            tracing::error!(err = format!("{err:#}"), rows = rows.len(), "cannot write the access log");
        }
    }
}

/// Notes that `principal` (staff) saw the whole CPF of customer `customer_id`.
pub fn saw_document(ctx: &Context<'_>, principal: &Principal, customer_id: i64) {
    let key = (principal.workshop.id, customer_id, principal.user.id);
    match ctx.data_opt::<DocumentViews>() {
        Some(views) => {
            views.0.lock().expect("not poisoned").insert(key);
        }
        // A request that did not go through the schema's extensions (none today): write alone.
        None => {
            let views = DocumentViews::default();
            views.0.lock().expect("not poisoned").insert(key);
            let db = ctx.data_unchecked::<Db>().clone();
            tokio::spawn(async move { views.flush(&db).await });
        }
    }
}

/// The schema extension that gives each request its [`DocumentViews`] and writes them after the
/// answer (after each event, for a subscription).
pub struct AccessLogWriter;

impl ExtensionFactory for AccessLogWriter {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(RequestAccessLog::default())
    }
}

/// [`AccessLogWriter`] for one request: its views.
#[derive(Default)]
struct RequestAccessLog {
    views: DocumentViews,
}

#[async_graphql::async_trait::async_trait]
impl Extension for RequestAccessLog {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        next.run(ctx, request.data(self.views.clone())).await
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let response = next.run(ctx, operation_name).await;
        self.views.flush(ctx.data_unchecked::<Db>()).await;
        response
    }

    fn subscribe<'s>(
        &self,
        ctx: &ExtensionContext<'_>,
        stream: BoxStream<'s, Response>,
        next: NextSubscribe<'_>,
    ) -> BoxStream<'s, Response> {
        // The stream runs the request later (its data is not attached yet): the views are this
        // extension's own, which the request's data will share.
        let Some(db) = ctx.data_opt::<Db>().cloned() else { return next.run(ctx, stream) };
        let views = self.views.clone();
        next.run(ctx, stream)
            .then(move |response| {
                let (views, db) = (views.clone(), db.clone());
                async move {
                    views.flush(&db).await;
                    response
                }
            })
            .boxed()
    }
}
