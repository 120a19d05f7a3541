use leptos::prelude::*;

use crate::api::operations::{AddStaff, Staff, add_staff, staff};
use crate::api::{ApiError, Role, Session, request};
use crate::components::{
    EnumSelect, ErrorNotice, FormError, FormField, Loading, SubmitButton, first_error, use_form_submit,
};
use crate::i18n::{role_name, t, use_i18n};
use crate::pages::scheduling::CalendarSettingsLink;
use crate::pages::service::OrderSettings;

/// The inputs of the add form, by their GraphQL names.
const FIELDS: &[&str] = &["name", "email", "password", "role"];

/// One person of the staff, as the list shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Member {
    id: String,
    name: String,
    email: String,
    role: Role,
}

impl From<staff::StaffStaff> for Member {
    fn from(member: staff::StaffStaff) -> Self {
        Self { id: member.id, name: member.name, email: member.email, role: member.role }
    }
}

impl From<add_staff::AddStaffAddStaff> for Member {
    fn from(member: add_staff::AddStaffAddStaff) -> Self {
        Self { id: member.id, name: member.name, email: member.email, role: member.role }
    }
}

/// `/painel/equipe`: the staff list and the form that adds a person (ADMIN only).
#[component]
pub fn StaffPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::expect();
    let is_admin = move || session.user().is_some_and(|user| user.role == Role::Admin);
    view! {
        <h1>{t!(i18n, staff.title)}</h1>
        <Show
            when=is_admin
            fallback=move || {
                view! {
                    <div class="notice notice--error" role="alert">
                        <p>{t!(i18n, staff.admin_only)}</p>
                    </div>
                }
            }
        >
            <StaffManager />
            <OrderSettings />
            <CalendarSettingsLink />
        </Show>
    }
}

/// The list and the add form, which share the people added since the list loaded.
#[component]
fn StaffManager() -> impl IntoView {
    let i18n = use_i18n();
    let staff = LocalResource::new(|| request::<Staff>(staff::Variables));
    let added = RwSignal::new(Vec::<Member>::new());
    view! {
        <section class="card">
            <h2>{t!(i18n, staff.list_title)}</h2>
            <Suspense fallback=|| view! { <Loading /> }>
                <ErrorBoundary fallback=move |errors| {
                    view! {
                        <ErrorNotice
                            error=first_error(&errors.get())
                            retry=Callback::new(move |()| staff.refetch())
                        />
                    }
                }>
                    {move || Suspend::new(async move {
                        staff
                            .await
                            .map(|data| {
                                let loaded: Vec<Member> = data
                                    .staff
                                    .into_iter()
                                    .map(Member::from)
                                    .collect();
                                view! { <StaffList loaded added /> }
                            })
                    })}
                </ErrorBoundary>
            </Suspense>
        </section>
        <AddStaffForm added />
    }
}

/// The loaded staff followed by those added since, or the empty state.
#[component]
fn StaffList(loaded: Vec<Member>, added: RwSignal<Vec<Member>>) -> impl IntoView {
    let i18n = use_i18n();
    let members = move || {
        let mut members = loaded.clone();
        for member in added.get() {
            if !members.iter().any(|known| known.id == member.id) {
                members.push(member);
            }
        }
        members
    };
    move || {
        let members = members();
        if members.is_empty() {
            view! { <p class="empty">{t!(i18n, staff.empty)}</p> }.into_any()
        } else {
            view! {
                <ul class="staff-list">
                    {members
                        .into_iter()
                        .map(|member| {
                            let role = member.role;
                            view! {
                                <li class="staff-row" data-test="staff-row">
                                    <span class="staff-row__name">{member.name}</span>
                                    <span class="staff-row__email">{member.email}</span>
                                    <span class="badge">{move || role_name(role)}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        }
    }
}

/// The form that adds a person to the staff; on success the person joins `added`.
#[component]
fn AddStaffForm(added: RwSignal<Vec<Member>>) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(Some(Role::Operator));

    let add = use_form_submit(move |_: &()| {
        let input = add_staff::AddStaffInput {
            name: name.get_untracked(),
            email: email.get_untracked(),
            password: password.get_untracked(),
            role: role.get_untracked().unwrap_or(Role::Operator),
        };
        async move {
            let member = Member::from(request::<AddStaff>(add_staff::Variables { input }).await?.add_staff);
            name.set(String::new());
            email.set(String::new());
            password.set(String::new());
            added.update(|added| added.push(member.clone()));
            Ok::<String, ApiError>(member.name)
        }
    });
    let pending = add.pending();
    let error = add.error();
    let added_name = add.done();

    view! {
        <section class="card">
            <h2>{t!(i18n, staff.add_title)}</h2>
            <form class="form" novalidate on:submit=add.on_submit()>
                <FormField
                    name="name"
                    label=move || t!(i18n, staff.name)
                    value=name
                    error
                    autocomplete="off"
                />
                <FormField
                    name="email"
                    label=move || t!(i18n, staff.email)
                    value=email
                    error
                    input_type="email"
                    autocomplete="off"
                />
                <FormField
                    name="password"
                    label=move || t!(i18n, staff.password)
                    hint=move || t!(i18n, staff.password_hint)
                    value=password
                    error
                    input_type="password"
                    autocomplete="new-password"
                />
                <EnumSelect name="role" label=move || t!(i18n, staff.role) value=role text=role_name error />
                <FormError error fields=FIELDS />
                {move || {
                    added_name
                        .get()
                        .map(|name| {
                            view! {
                                <p class="notice notice--success" role="status">
                                    {t!(i18n, staff.added, name = name.clone())}
                                </p>
                            }
                        })
                }}
                <SubmitButton
                    pending
                    label=move || t!(i18n, staff.submit)
                    pending_label=move || t!(i18n, staff.submitting)
                />
            </form>
        </section>
    }
}
