use leptos::prelude::*;

use super::operations::{Me, accept_invitation, me, register_workshop, sign_in};
use super::portal::switch_workshop;
use super::{ApiError, Role, request};

/// The signed-in person, as the app shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentUser {
    /// The person's name.
    pub name: String,
    /// The role of the membership the session acts as.
    pub role: Role,
    /// The workshop of that membership.
    pub workshop_name: String,
}

impl From<me::ResponseData> for CurrentUser {
    fn from(data: me::ResponseData) -> Self {
        Self {
            name: data.me.name,
            role: data.me.membership.role,
            workshop_name: data.me.membership.workshop.name,
        }
    }
}

impl From<sign_in::ResponseData> for CurrentUser {
    fn from(data: sign_in::ResponseData) -> Self {
        Self {
            name: data.sign_in.user.name,
            role: data.sign_in.membership.role,
            workshop_name: data.sign_in.membership.workshop.name,
        }
    }
}

impl From<register_workshop::ResponseData> for CurrentUser {
    fn from(data: register_workshop::ResponseData) -> Self {
        Self {
            name: data.register_workshop.user.name,
            role: data.register_workshop.membership.role,
            workshop_name: data.register_workshop.membership.workshop.name,
        }
    }
}

impl From<accept_invitation::ResponseData> for CurrentUser {
    fn from(data: accept_invitation::ResponseData) -> Self {
        Self {
            name: data.accept_invitation.user.name,
            role: data.accept_invitation.membership.role,
            workshop_name: data.accept_invitation.membership.workshop.name,
        }
    }
}

impl From<switch_workshop::ResponseData> for CurrentUser {
    fn from(data: switch_workshop::ResponseData) -> Self {
        Self {
            name: data.switch_workshop.user.name,
            role: data.switch_workshop.membership.role,
            workshop_name: data.switch_workshop.membership.workshop.name,
        }
    }
}

/// The part of the app a role works in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// `/painel`: ADMIN, OPERATOR and MECHANIC.
    Staff,
    /// `/cliente`: CUSTOMER.
    Customer,
    /// `/parceiro`: PARTNER.
    Partner,
}

impl Area {
    /// The area where `role` works.
    pub fn of(role: Role) -> Self {
        match role {
            Role::Customer => Self::Customer,
            Role::Partner => Self::Partner,
            Role::Admin | Role::Operator | Role::Mechanic | Role::Unknown => Self::Staff,
        }
    }

    /// The area's path.
    pub fn path(self) -> &'static str {
        match self {
            Self::Staff => "/painel",
            Self::Customer => "/cliente",
            Self::Partner => "/parceiro",
        }
    }
}

/// Who is signed in: `me`, loaded once when the app starts and shared through context.
///
/// The session itself is the server's HttpOnly cookie; this only mirrors what `me` says, and is
/// updated directly by sign-in, registration, accepting an invitation, sign-out and a password
/// reset.
#[derive(Clone, Copy)]
pub struct Session(LocalResource<Result<CurrentUser, ApiError>>);

impl Session {
    /// Starts loading `me` and provides the session to every component below.
    pub fn provide() {
        let me = LocalResource::new(|| async { request::<Me>(me::Variables).await.map(CurrentUser::from) });
        provide_context(Self(me));
    }

    /// The session provided by [`Session::provide`].
    pub fn expect() -> Self {
        expect_context()
    }

    /// `None` while `me` is loading, then the signed-in person or why there is none
    /// ([`ApiError::Unauthenticated`] when signed out).
    pub fn get(self) -> Option<Result<CurrentUser, ApiError>> {
        self.0.get()
    }

    /// The signed-in person, if `me` has answered with one.
    pub fn user(self) -> Option<CurrentUser> {
        self.get().and_then(Result::ok)
    }

    /// Records the person the server has just signed in.
    pub fn signed_in(self, user: CurrentUser) {
        self.0.set(Some(Ok(user)));
    }

    /// Records that nobody is signed in any more.
    pub fn signed_out(self) {
        self.0.set(Some(Err(ApiError::Unauthenticated)));
    }

    /// Asks `me` again (after a failure that was not "signed out").
    pub fn reload(self) {
        self.0.refetch();
    }
}
