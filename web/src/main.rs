#![doc = include_str!("../README.md")]

mod api;
mod app;
mod components;
mod format;
mod i18n;
mod pages;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
