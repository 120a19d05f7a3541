//! Identity operations: signing in and out, workshops, staff, invitations and passwords.
use graphql_client::GraphQLQuery;

use super::*;

/// `query Me`: who is signed in.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/me.graphql",
    response_derives = "Debug, Clone",
    extern_enums("Role")
)]
pub struct Me;

/// `mutation RegisterWorkshop`: a new workshop and its first ADMIN, signed in at once.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/register_workshop.graphql",
    response_derives = "Debug, Clone",
    extern_enums("Role")
)]
pub struct RegisterWorkshop;

/// `mutation SignIn`.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/sign_in.graphql",
    response_derives = "Debug, Clone",
    extern_enums("Role")
)]
pub struct SignIn;

/// `mutation SignOut`.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/sign_out.graphql",
    response_derives = "Debug, Clone"
)]
pub struct SignOut;

/// `query Staff`: the workshop's staff (ADMIN).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/staff.graphql",
    response_derives = "Debug, Clone",
    extern_enums("Role")
)]
pub struct Staff;

/// `mutation AddStaff` (ADMIN).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/add_staff.graphql",
    response_derives = "Debug, Clone",
    extern_enums("Role")
)]
pub struct AddStaff;

/// `mutation AcceptInvitation`: the invited person sets a password and is signed in as CUSTOMER.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/accept_invitation.graphql",
    response_derives = "Debug, Clone",
    extern_enums("Role")
)]
pub struct AcceptInvitation;

/// `mutation RequestPasswordReset`: e-mails a reset link when the e-mail has an account.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/request_password_reset.graphql",
    response_derives = "Debug, Clone"
)]
pub struct RequestPasswordReset;

/// `mutation ResetPassword`: a new password with the token of a reset link.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/reset_password.graphql",
    response_derives = "Debug, Clone"
)]
pub struct ResetPassword;
