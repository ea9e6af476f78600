//! The reader site through the real router, on SQLite and PostgreSQL: one test binary.

mod access;
mod admin;
mod cache;
mod comments;
mod desk;
mod discovery;
mod forms;
mod front_page;
mod hardening;
mod images;
mod media_store;
mod names;
mod newsletters;
mod newsroom;
mod operations;
mod page_desk;
mod pages;
mod sharing;
mod support;
mod trash;
mod urdu;
mod user_files;
mod webhooks;
mod write_path;
