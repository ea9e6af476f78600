//! The reader site through the real router, on SQLite and PostgreSQL: one test binary.

mod comments;
mod pages;
mod support;
