//! `schema.graphql` is the exported SDL, and the contract operations are valid against it.

use apollo_compiler::{ExecutableDocument, Schema};

use crate::helpers::contract;

fn committed_sdl_path() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema.graphql")
}

#[test]
fn schema_graphql_is_the_exported_sdl() {
    let exported = oficina_api::graphql::sdl();
    let committed = std::fs::read_to_string(committed_sdl_path()).unwrap_or_default();
    if committed != exported && std::env::var("UPDATE_SCHEMA").is_ok() {
        std::fs::write(committed_sdl_path(), &exported).unwrap();
        return;
    }
    assert!(
        committed == exported,
        "schema.graphql differs from the exported SDL; run `cargo xtask schema` and review the diff"
    );
}

/// The contract operations this build implements; each issue extends the list.
pub const IMPLEMENTED: &[&str] = &[
    // identity
    "RegisterWorkshop",
    "SignIn",
    "SignOut",
    "Me",
    "AddStaff",
    "InviteCustomer",
    "AcceptInvitation",
    "RequestPasswordReset",
    "ResetPassword",
    // crm
    "CreateCustomer",
    "UpdateCustomer",
    "Customers",
    "Customer",
    "InactiveCustomers",
    "CreateVehicle",
    "VehicleByPlate",
    // service
    "CreateProduct",
    "Products",
    "CreateService",
    "CreateServiceOrder",
    "StartServiceOrder",
    "CancelServiceOrder",
    "FinishServiceOrder",
    "PayInstallment",
    "ServiceOrder",
    "ServiceOrderChanged",
    // scheduling
    "UpdateCalendarSettings",
    "AvailableSlots",
    "BookAppointment",
    "UpcomingAppointments",
    "CancelAppointment",
    "MarkAttendance",
    "AppointmentChanged",
    // portal
    "MyPortal",
    "CreateStatusLink",
    "RevokeStatusLinks",
    "OrderStatus",
    "OrderStatusChanged",
    // chat
    "SendChatMessage",
    "Conversations",
    "Conversation",
    "MarkConversationRead",
    "ChatMessageReceived",
    // nps
    "AnswerNps",
    "NpsReport",
    // loyalty
    "CreateLoyaltyProgram",
    // security: API tokens
    "CreateApiToken",
    "ApiTokens",
    "RevokeApiToken",
    // security: MFA and the sign-in history
    "CompleteMfaSignIn",
    "StartTotpEnrolment",
    "ConfirmTotpEnrolment",
    "DisableTotp",
    "SetMfaRequired",
    "SignInHistory",
    // security: LGPD erasure
    "EraseCustomer",
    // security: LGPD
    "ExportMyData",
    "CustomerAccessLog",
    // partners and the benefits club
    "CreatePartner",
    "CreatePartnerOffer",
    "GrantOffer",
    "RedeemPromoCode",
    "PartnerCustomers",
    "Commissions",
    "SettleCommission",
];

#[test]
fn contract_operations_are_valid_against_the_schema() {
    let sdl = std::fs::read_to_string(committed_sdl_path()).unwrap();
    let schema = Schema::parse_and_validate(sdl, "schema.graphql").expect("schema.graphql is a valid schema");
    let operations = contract::all_operations();
    for name in IMPLEMENTED {
        let (_, document) = operations
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("{name} is not in ../shared/contract"));
        if let Err(errors) =
            ExecutableDocument::parse_and_validate(&schema, document.as_str(), format!("{name}.graphql"))
        {
            panic!("{name} does not validate against schema.graphql:\n{errors}");
        }
    }
}
