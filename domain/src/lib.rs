#![doc = include_str!("../README.md")]

pub mod audit;
pub mod chat;
pub mod crm;
pub mod db;
pub mod demo;
pub mod error;
pub mod identity;
pub mod loyalty;
pub mod message;
pub mod notifications;
pub mod nps;
pub mod partners;
pub mod portal;
pub mod privacy;
pub mod scheduling;
pub mod schema;
pub mod search;
pub mod service;
mod text_enum;
pub mod types;

pub use db::{Conn, Db, DbError, PooledConn};
pub use error::{DomainError, FieldError};
pub use message::{Language, Message};
