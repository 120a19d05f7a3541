//! The session behind a request, looked up only once its document passed every check: a
//! refused document runs no SQL, not even the session's.

use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextExecute};
use async_graphql::{Data, Response};
use oficina_domain::Db;
use oficina_domain::identity::Principal;

use crate::error::ApiError;

/// The session token a request came with (request data), turned into its [`Principal`] by
/// [`SessionLookup`] when the request runs.
pub struct SessionToken(pub String);

/// The schema extension that resolves a [`SessionToken`] into the request's [`Principal`].
pub struct SessionLookup;

impl ExtensionFactory for SessionLookup {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(SessionLookup)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for SessionLookup {
    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let Some(SessionToken(token)) = ctx.data_opt::<SessionToken>() else {
            return next.run(ctx, operation_name).await;
        };
        let db = ctx.data_unchecked::<Db>();
        let principal = async {
            let mut pooled = db.get().await?;
            Ok::<_, anyhow::Error>(Principal::from_token(&mut pooled.conn(), token).await?)
        };
        match principal.await {
            Ok(Some(principal)) => {
                let mut data = Data::default();
                data.insert(principal);
                next.run_with_data(ctx, operation_name, data).await
            }
            Ok(None) => next.run(ctx, operation_name).await,
            Err(err) => {
                let error = async_graphql::Error::from(ApiError::Internal(err.to_string()));
                Response::from_errors(vec![error.into_server_error(Default::default())])
            }
        }
    }
}
