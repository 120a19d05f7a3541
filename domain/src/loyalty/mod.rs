//! Loyalty: the workshop's programs (POINTS: points per whole real of each finished order, a
//! reward at N points; VISITS: every N-th finished order is free), each customer's progress
//! derived from their finished orders and the rewards applied (never stored), the rewards staff
//! apply to open orders as a discount, and the "your next revision is free" e-mail.

pub mod events;
mod hooks;
mod input;
mod models;
mod program;
mod progress;
mod reward;

pub(crate) use hooks::{on_cancel, on_finish};
pub use input::{DESCRIPTION_MAX, NAME_MAX, ProgramInput};
pub use models::{LoyaltyProgram, LoyaltyReward, ProgramKind, ProgramStatus};
pub use program::{OPEN_PROGRAMS_MAX, ProgramChange};
pub use progress::{CustomerLoyalty, Pause, ProgramProgress};
