//! Oficina's integration tests: one binary, one module per feature. Runs on SQLite by default and
//! on Postgres when `TEST_DATABASE_URL` is set; the Redis tests need `TEST_REDIS_URL`; the browser
//! tests (ignored by default) need the built SPA and chromium (`cargo xtask test` runs them).

mod helpers;

mod access_log;
mod api_tokens;
mod browser;
mod browser_agenda;
mod browser_api_tokens;
mod browser_booking;
mod browser_chat;
mod browser_lgpd;
mod browser_mfa;
mod browser_google;
mod browser_nps;
mod browser_partners;
mod browser_portal;
mod browser_privacy;
mod chat;
mod chat_access;
mod chat_text;
mod cli;
mod cluster;
mod crm;
mod csrf;
mod demo;
mod erasure;
mod google_sign_in;
mod graphiql;
mod graphql_over_http;
mod http;
mod identity;
mod lgpd_consents;
mod lgpd_export;
mod live;
mod mfa;
mod migrations;
mod no_cpf_in_logs;
mod nps;
mod outbox;
mod partners;
mod partners_access;
mod portal;
mod portal_access;
mod query_limits;
mod rate_limits;
mod responses;
mod scheduling;
mod scheduling_access;
mod schema;
mod service;
mod service_order_access;
mod service_orders;
mod status_links;
mod websocket;
