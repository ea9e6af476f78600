//! `lede`: one binary for the whole platform. `lede serve` runs the site; other subcommands
//! work on the same site from the command line.

mod api_keys;
mod backup;
mod cli;
mod config;
mod demo;
mod listen;
mod media;
mod newsletters;
mod serve;
mod transfer;

use clap::Parser;
use std::process::ExitCode;

/// A render makes and frees many small strings and maps (glibc's allocator was a fifth of a
/// render's CPU by the profile in docs/PERFORMANCE.md); mimalloc keeps per-thread free lists.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let filter = tracing_subscriber::EnvFilter::try_from_env("LEDE_LOG").unwrap_or_else(|_| {
        // html5ever (under the HTML sanitiser) warns about markup it repairs, such as text
        // inside tables in imported posts: noise, not the operator's problem.
        tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=warn,html5ever=error")
    });
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match cli.log_format {
        cli::LogFormat::Text => logs.init(),
        cli::LogFormat::Json => logs.json().init(),
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("lede: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(cli::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One clear line: the error and its causes, joined.
            eprintln!("lede: {error:#}");
            ExitCode::FAILURE
        }
    }
}
