//! The reader site through the real router, on SQLite and PostgreSQL: one test binary.

mod admin;
mod cache;
mod comments;
mod discovery;
mod pages;
mod support;
