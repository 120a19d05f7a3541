//! Loyalty: the ADMIN's programs page (`/painel/fidelidade`: `programs`, with the form of
//! `form`), the rewards of an order on its page (`order`), a customer's standing on their 360
//! page (`customer`), and the progress row all of them and the portal show (`standing`).

mod customer;
mod form;
mod order;
mod programs;
mod standing;

pub use customer::CustomerLoyaltyCard;
pub use order::OrderRewards;
pub use programs::LoyaltyProgramsPage;
pub use standing::{Standing, StandingRow};
