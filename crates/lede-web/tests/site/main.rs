//! The reader site through the real router, on SQLite and PostgreSQL: one test binary.

mod access;
mod admin;
mod comments;
mod discovery;
mod newsroom;
mod pages;
mod support;
