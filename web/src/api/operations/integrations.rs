//! API-token operations (identity): the ADMIN's list, create and revoke.
use graphql_client::GraphQLQuery;

use super::*;

schema_enum! {
    form
    /// What an API token may do: read only, or read and write.
    ApiTokenScope { ReadOnly = "READ_ONLY", ReadWrite = "READ_WRITE" }
}

/// `query ApiTokens`: the workshop's tokens, newest first.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/api_tokens.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ApiTokenScope")
)]
pub struct ApiTokens;

/// `mutation CreateApiToken`: a new token and its secret, shown once.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/api_tokens.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ApiTokenScope")
)]
pub struct CreateApiToken;

/// `mutation RevokeApiToken`.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/api_tokens.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ApiTokenScope")
)]
pub struct RevokeApiToken;
