//! The security context's operations in `web/graphql/security.graphql`, typed against the
//! committed `schema.graphql`: the code step of signing in, TOTP enrolment, the workshop's MFA
//! requirement, the sign-in history and sign in with Google.

use graphql_client::GraphQLQuery;

use super::operations::{DateTime, Role};

/// `mutation CompleteMfaSignIn`: the challenge and a code for the session.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/security.graphql",
    response_derives = "Debug, Clone",
    extern_enums("Role")
)]
pub struct CompleteMfaSignIn;

/// `query MfaStatus` (staff): whether MFA is on, required, and whether this session must enrol.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/security.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct MfaStatus;

/// `mutation StartTotpEnrolment` (staff).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/security.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct StartTotpEnrolment;

/// `mutation ConfirmTotpEnrolment` (staff): the recovery codes, shown once.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/security.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct ConfirmTotpEnrolment;

/// `mutation DisableTotp` (staff).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/security.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct DisableTotp;

/// `mutation SetMfaRequired` (ADMIN).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/security.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct SetMfaRequired;

/// `query SignInHistory`: my sign-in attempts, newest first.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/security.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct SignInHistory;

/// `query GoogleSignInEnabled` (anyone): whether the sign-in page offers Google.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/security.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct GoogleSignInEnabled;

/// `query SignInMethods`: a password? Google linked, with which e-mail?
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/security.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct SignInMethods;

/// `mutation UnlinkGoogle`.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/security.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct UnlinkGoogle;

impl From<complete_mfa_sign_in::ResponseData> for super::CurrentUser {
    fn from(data: complete_mfa_sign_in::ResponseData) -> Self {
        Self {
            name: data.complete_mfa_sign_in.user.name,
            role: data.complete_mfa_sign_in.membership.role,
            workshop_name: data.complete_mfa_sign_in.membership.workshop.name,
        }
    }
}
