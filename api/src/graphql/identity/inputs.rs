//! What the identity mutations take.

use async_graphql::InputObject;
use oficina_domain::identity as domain;

use super::Role;

#[derive(InputObject)]
pub struct RegisterWorkshopInput {
    workshop_name: String,
    cnpj: String,
    admin_name: String,
    email: String,
    password: String,
}

#[derive(InputObject)]
pub struct AddStaffInput {
    name: String,
    email: String,
    password: String,
    role: Role,
}

impl From<RegisterWorkshopInput> for domain::RegisterWorkshopInput {
    fn from(input: RegisterWorkshopInput) -> Self {
        Self {
            workshop_name: input.workshop_name,
            cnpj: input.cnpj,
            admin_name: input.admin_name,
            email: input.email,
            password: input.password,
        }
    }
}

impl From<AddStaffInput> for domain::AddStaffInput {
    fn from(input: AddStaffInput) -> Self {
        Self { name: input.name, email: input.email, password: input.password, role: input.role.into() }
    }
}
