//! The content API through the real router, on SQLite and PostgreSQL: one test binary.

mod articles;
mod catalog;
mod conformance;
mod ninjs;
mod openapi;
mod partners;
mod schemas;
mod support;
