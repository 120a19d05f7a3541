//! What the customer form holds, and the `CustomerInput` it sends.

use leptos::prelude::*;

use crate::api::operations::{AddressKind, FormEnum, PhoneKind, customer};
use crate::components::Rows;
use crate::format::{mask_cep, mask_phone};

/// `None` for a blank text, the trimmed text otherwise.
pub(super) fn optional(text: String) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// Whether every one of `texts` is blank.
fn all_blank(texts: &[RwSignal<String>]) -> bool {
    texts.iter().all(|text| text.with_untracked(|text| text.trim().is_empty()))
}

/// One e-mail of the form.
#[derive(Clone, Copy)]
pub(super) struct EmailRow {
    pub address: RwSignal<String>,
}

impl EmailRow {
    pub fn new(address: String) -> Self {
        Self { address: RwSignal::new(address) }
    }

    /// An empty e-mail.
    pub fn empty() -> Self {
        Self::new(String::new())
    }
}

/// One phone of the form.
#[derive(Clone, Copy)]
pub(super) struct PhoneRow {
    pub ddd: RwSignal<String>,
    pub number: RwSignal<String>,
    pub kind: RwSignal<Option<PhoneKind>>,
}

impl PhoneRow {
    fn new(ddd: String, number: String, kind: PhoneKind) -> Self {
        Self {
            ddd: RwSignal::new(ddd),
            number: RwSignal::new(mask_phone(&number)),
            kind: RwSignal::new(kind.offered()),
        }
    }

    /// An empty mobile phone.
    pub fn empty() -> Self {
        Self::new(String::new(), String::new(), PhoneKind::Mobile)
    }

    /// The chosen kind (a mobile when none is).
    pub fn kind(&self) -> PhoneKind {
        self.kind.get_untracked().unwrap_or(PhoneKind::Mobile)
    }
}

/// One address of the form.
#[derive(Clone, Copy)]
pub(super) struct AddressRow {
    pub kind: RwSignal<Option<AddressKind>>,
    pub street: RwSignal<String>,
    pub number: RwSignal<String>,
    pub district: RwSignal<String>,
    pub complement: RwSignal<String>,
    pub city: RwSignal<String>,
    pub state: RwSignal<String>,
    pub cep: RwSignal<String>,
}

impl AddressRow {
    /// An empty home address.
    pub fn empty() -> Self {
        Self {
            kind: RwSignal::new(Some(AddressKind::Home)),
            street: RwSignal::default(),
            number: RwSignal::default(),
            district: RwSignal::default(),
            complement: RwSignal::default(),
            city: RwSignal::default(),
            state: RwSignal::default(),
            cep: RwSignal::default(),
        }
    }

    /// The chosen kind (home when none is).
    pub fn kind(&self) -> AddressKind {
        self.kind.get_untracked().unwrap_or(AddressKind::Home)
    }
}

/// What the form holds; every input is a signal, every repeated list a list of rows.
#[derive(Clone, Copy)]
pub(super) struct CustomerDraft {
    pub name: RwSignal<String>,
    pub document: RwSignal<String>,
    pub rg: RwSignal<String>,
    pub birth_date: RwSignal<String>,
    pub marketing_consent: RwSignal<bool>,
    pub emails: Rows<EmailRow>,
    pub phones: Rows<PhoneRow>,
    pub addresses: Rows<AddressRow>,
}

impl CustomerDraft {
    /// An empty form with one e-mail and one mobile phone to fill in.
    pub fn empty() -> Self {
        Self {
            name: RwSignal::default(),
            document: RwSignal::default(),
            rg: RwSignal::default(),
            birth_date: RwSignal::default(),
            marketing_consent: RwSignal::new(false),
            emails: Rows::new([EmailRow::empty()]),
            phones: Rows::new([PhoneRow::empty()]),
            addresses: Rows::new([]),
        }
    }

    /// The form filled with a customer's current data.
    pub fn of(customer: customer::CustomerCustomer) -> Self {
        Self {
            name: RwSignal::new(customer.name),
            document: RwSignal::new(customer.document),
            rg: RwSignal::new(customer.rg.unwrap_or_default()),
            birth_date: RwSignal::new(customer.birth_date.unwrap_or_default()),
            marketing_consent: RwSignal::new(customer.marketing_consent),
            emails: Rows::new(customer.emails.into_iter().map(EmailRow::new)),
            phones: Rows::new(
                customer.phones.into_iter().map(|phone| PhoneRow::new(phone.ddd, phone.number, phone.kind)),
            ),
            addresses: Rows::new(customer.addresses.into_iter().map(|address| AddressRow {
                kind: RwSignal::new(address.kind.offered()),
                street: RwSignal::new(address.street),
                number: RwSignal::new(address.number),
                district: RwSignal::new(address.district),
                complement: RwSignal::new(address.complement.unwrap_or_default()),
                city: RwSignal::new(address.city),
                state: RwSignal::new(address.state),
                cep: RwSignal::new(mask_cep(&address.cep)),
            })),
        }
    }

    /// Drops the rows left entirely blank, so that what is sent is what is shown, row by row
    /// (the server names a wrong row by its place).
    pub fn drop_blank_rows(&self) {
        self.emails.retain(|row| !all_blank(&[row.address]));
        self.phones.retain(|row| !all_blank(&[row.ddd, row.number]));
        self.addresses.retain(|row| {
            !all_blank(&[row.street, row.number, row.district, row.complement, row.city, row.cep])
        });
    }
}

/// The `CustomerInput` of the operation module `$module` with what `$draft` holds.
macro_rules! customer_input {
    ($module:ident, $draft:expr) => {{
        let draft: &CustomerDraft = &$draft;
        $module::CustomerInput {
            name: draft.name.get_untracked(),
            document: draft.document.get_untracked(),
            rg: optional(draft.rg.get_untracked()),
            birth_date: optional(draft.birth_date.get_untracked()),
            marketing_consent: draft.marketing_consent.get_untracked(),
            emails: draft.emails.map_untracked(|row| row.address.get_untracked().trim().to_owned()),
            phones: draft.phones.map_untracked(|row| $module::PhoneInput {
                ddd: row.ddd.get_untracked(),
                number: row.number.get_untracked(),
                kind: row.kind(),
            }),
            addresses: draft.addresses.map_untracked(|row| $module::AddressInput {
                kind: row.kind(),
                street: row.street.get_untracked(),
                number: row.number.get_untracked(),
                district: row.district.get_untracked(),
                complement: optional(row.complement.get_untracked()),
                city: row.city.get_untracked(),
                state: row.state.get_untracked(),
                cep: row.cep.get_untracked(),
            }),
        }
    }};
}
pub(super) use customer_input;
