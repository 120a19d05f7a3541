//! The product form (`/painel/catalogo/produtos/novo`, `/painel/catalogo/produtos/:id`), with
//! the deactivation on the edit page.

use leptos::prelude::*;

use super::PRODUCTS_PATH;
use super::item::{
    Deactivation, ItemDraft, ItemFields, ItemFormActions, ItemPage, ItemValues, LoadedItem, WarrantyFields,
    input_error, route_item, use_item_save,
};
use crate::api::operations::{
    CreateProduct, DeactivateProduct, FormEnum, Product, Unit, UpdateProduct, create_product,
    deactivate_product, product, update_product,
};
use crate::api::{ApiError, request};
use crate::components::{EnumSelect, FormField};
use crate::format::{parse_quantity, show_quantity};
use crate::i18n::{t, t_string, unit_name, use_i18n};

/// The inputs of the form.
const FIELDS: &[&str] = &[
    "reference",
    "name",
    "unit",
    "priceCents",
    "stockQuantity",
    "minimumStock",
    "warrantyDays",
    "warrantyKm",
];

/// What the product form holds.
#[derive(Clone, Copy)]
struct ProductDraft {
    item: ItemDraft,
    unit: RwSignal<Option<Unit>>,
    stock: RwSignal<String>,
    minimum: RwSignal<String>,
}

/// What the product form holds, read.
struct ProductValues {
    item: ItemValues,
    unit: Unit,
    stock: f64,
    minimum: f64,
}

impl ProductDraft {
    /// An empty form, in units (UN).
    fn empty() -> Self {
        Self {
            item: ItemDraft::empty(),
            unit: RwSignal::new(Some(Unit::Un)),
            stock: RwSignal::default(),
            minimum: RwSignal::default(),
        }
    }

    /// The form filled with a product's saved data.
    fn of(product: &product::ProductProduct) -> Self {
        Self {
            item: ItemDraft::of(
                product.reference.clone(),
                product.name.clone(),
                Some(product.price_cents),
                product.warranty_days,
                product.warranty_km,
            ),
            unit: RwSignal::new(product.unit.offered()),
            stock: RwSignal::new(show_quantity(product.stock_quantity)),
            minimum: RwSignal::new(show_quantity(product.minimum_stock)),
        }
    }

    /// What the form holds; a blank quantity is 0, one that does not read as a quantity an
    /// error on its field saying `invalid_quantity`.
    fn read(&self, invalid_price: &str, invalid_quantity: &str) -> Result<ProductValues, ApiError> {
        let quantity = |field: &str, typed: String| {
            if typed.trim().is_empty() {
                return Ok(0.0);
            }
            parse_quantity(&typed).ok_or_else(|| input_error(field, invalid_quantity))
        };
        Ok(ProductValues {
            item: self.item.read(invalid_price)?,
            unit: self.unit.get_untracked().unwrap_or(Unit::Un),
            stock: quantity("stockQuantity", self.stock.get_untracked())?,
            minimum: quantity("minimumStock", self.minimum.get_untracked())?,
        })
    }
}

/// The `ProductInput` of the operation module `$module` with `$values` (a [`ProductValues`]).
macro_rules! product_input {
    ($module:ident, $values:expr) => {{
        let values: ProductValues = $values;
        $module::ProductInput {
            reference: values.item.reference,
            name: values.item.name,
            unit: values.unit,
            price_cents: values.item.price_cents,
            stock_quantity: values.stock,
            minimum_stock: values.minimum,
            warranty_days: values.item.warranty_days,
            warranty_km: values.item.warranty_km,
        }
    }};
}

/// `/painel/catalogo/produtos/novo`: adds a product and shows it in the list.
#[component]
pub fn NewProductPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ItemPage
            back_href=PRODUCTS_PATH
            back_label=move || t!(i18n, catalog_form.back_to_products)
            title=move || t!(i18n, catalog_form.new_product)
        >
            <ProductForm id=None draft=ProductDraft::empty() />
        </ItemPage>
    }
}

/// `/painel/catalogo/produtos/:id`: changes a product's data, or deactivates it.
#[component]
pub fn EditProductPage() -> impl IntoView {
    let i18n = use_i18n();
    let loaded = route_item(|id| async move {
        request::<Product>(product::Variables { id }).await.map(|data| data.product)
    });
    view! {
        <ItemPage
            back_href=PRODUCTS_PATH
            back_label=move || t!(i18n, catalog_form.back_to_products)
            title=move || t!(i18n, catalog_form.edit_product)
        >
            <LoadedItem loaded form=|product| view! { <EditProduct product /> }.into_any() />
        </ItemPage>
    }
}

/// The form of a loaded product and its deactivation.
#[component]
fn EditProduct(product: product::ProductProduct) -> impl IntoView {
    let id = product.id.clone();
    let deactivate = move || {
        let id = id.clone();
        async move { request::<DeactivateProduct>(deactivate_product::Variables { id }).await.map(drop) }
    };
    view! {
        <ProductForm id=Some(product.id.clone()) draft=ProductDraft::of(&product) />
        <Deactivation name=product.name active=product.active deactivate list_href=PRODUCTS_PATH />
    }
}

/// The product form; `id` is the product being edited (`None` adds one).
#[component]
fn ProductForm(id: Option<String>, draft: ProductDraft) -> impl IntoView {
    let i18n = use_i18n();
    let save = use_item_save(PRODUCTS_PATH, move || {
        let values = draft.read(
            t_string!(i18n, catalog_form.invalid_price),
            t_string!(i18n, catalog_form.invalid_quantity),
        )?;
        let reference = values.item.reference.clone();
        let id = id.clone();
        Ok((reference, async move {
            match id {
                Some(id) => {
                    let input = product_input!(update_product, values);
                    request::<UpdateProduct>(update_product::Variables { id, input }).await.map(drop)
                }
                None => {
                    let input = product_input!(create_product, values);
                    request::<CreateProduct>(create_product::Variables { input }).await.map(drop)
                }
            }
        }))
    });
    let pending = save.pending();
    let error = save.error();

    view! {
        <form class="form form--wide" data-test="product-form" novalidate on:submit=save.on_submit()>
            <div class="grid">
                <ItemFields draft=draft.item error>
                    <EnumSelect
                        name="unit"
                        label=move || t!(i18n, catalog_form.unit)
                        value=draft.unit
                        text=unit_name
                        error
                    />
                </ItemFields>
                <FormField
                    name="stockQuantity"
                    label=move || t!(i18n, catalog_form.stock)
                    hint=move || t!(i18n, catalog_form.quantity_hint)
                    value=draft.stock
                    error
                    inputmode="decimal"
                />
                <FormField
                    name="minimumStock"
                    label=move || t!(i18n, catalog_form.minimum_stock)
                    value=draft.minimum
                    error
                    inputmode="decimal"
                />
                <WarrantyFields draft=draft.item error />
            </div>
            <ItemFormActions
                fields=FIELDS
                error
                pending
                save_label=move || t!(i18n, catalog_form.save_product)
                cancel_href=PRODUCTS_PATH
            />
        </form>
    }
}
