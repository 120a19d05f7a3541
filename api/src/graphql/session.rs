//! The session behind a request, looked up only once its document passed every check: a
//! refused document runs no SQL, not even the session's. Here too, for every operation whatever
//! its transport, the one check of an API token's scope: a READ_ONLY token runs no mutation.

use std::sync::{Arc, Mutex};

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery};
use async_graphql::parser::types::{ExecutableDocument, OperationType};
use async_graphql::{Data, Response, ServerResult, Variables};
use oficina_domain::Db;
use oficina_domain::identity::Principal;

use crate::error::ApiError;

/// The session token a request came with (request data), turned into its [`Principal`] by
/// [`SessionLookup`] when the request runs.
pub struct SessionToken(pub String);

/// The schema extension that resolves a [`SessionToken`] into the request's [`Principal`], and
/// answers FORBIDDEN to a mutation by a principal that [may not write](Principal::may_write).
pub struct SessionLookup;

impl ExtensionFactory for SessionLookup {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(RequestLookup::default())
    }
}

/// [`SessionLookup`] for one request: the mutations its document holds, by name.
#[derive(Default)]
struct RequestLookup {
    /// The name of each mutation of the document (`None` for an anonymous one).
    mutations: Mutex<Vec<Option<String>>>,
    /// How many operations the document holds.
    operations: Mutex<usize>,
}

impl RequestLookup {
    /// Whether the operation that runs (`operation_name`, or the document's only one) is a
    /// mutation.
    fn runs_a_mutation(&self, operation_name: Option<&str>) -> bool {
        let mutations = self.mutations.lock().expect("not poisoned");
        match operation_name {
            Some(name) => mutations.iter().any(|m| m.as_deref() == Some(name)),
            None => *self.operations.lock().expect("not poisoned") == 1 && !mutations.is_empty(),
        }
    }

    /// Runs the operation as `principal`, unless it may not: FORBIDDEN.
    async fn run_as(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
        principal: Option<Principal>,
    ) -> Response {
        let may_write = principal.as_ref().or(ctx.data_opt::<Principal>()).is_none_or(Principal::may_write);
        if !may_write && self.runs_a_mutation(operation_name) {
            let error = async_graphql::Error::from(ApiError::Forbidden);
            return Response::from_errors(vec![error.into_server_error(Default::default())]);
        }
        match principal {
            Some(principal) => {
                let mut data = Data::default();
                data.insert(principal);
                next.run_with_data(ctx, operation_name, data).await
            }
            None => next.run(ctx, operation_name).await,
        }
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for RequestLookup {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        let operations: Vec<_> = document.operations.iter().collect();
        *self.operations.lock().expect("not poisoned") = operations.len();
        *self.mutations.lock().expect("not poisoned") = operations
            .iter()
            .filter(|(_, op)| op.node.ty == OperationType::Mutation)
            .map(|(name, _)| name.map(|n| n.to_string()))
            .collect();
        Ok(document)
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let Some(SessionToken(token)) = ctx.data_opt::<SessionToken>() else {
            return self.run_as(ctx, operation_name, next, None).await;
        };
        let db = ctx.data_unchecked::<Db>();
        let principal = async {
            let mut pooled = db.get().await?;
            Ok::<_, anyhow::Error>(Principal::from_token(&mut pooled.conn(), token).await?)
        };
        match principal.await {
            Ok(principal) => self.run_as(ctx, operation_name, next, principal).await,
            Err(err) => {
                let error = async_graphql::Error::from(ApiError::Internal(err.to_string()));
                Response::from_errors(vec![error.into_server_error(Default::default())])
            }
        }
    }
}
