//! WordPress exports: any bytes either read as an export or give a typed error naming a
//! line of the file; an export that reads maps to a batch the newsroom's rules accept, so one
//! odd item never stops a whole import.
#![no_main]

use lede_import::{map, wxr};
use libfuzzer_sys::fuzz_target;
use time::macros::datetime;

fuzz_target!(|data: &[u8]| {
    // `read_export` refuses bytes that are not UTF-8 before the reader sees them.
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lines = text.split('\n').count();
    let export = match wxr::parse(text, |_| {}) {
        Ok(export) => export,
        Err(problem) => {
            assert!(
                (1..=lines).contains(&problem.line),
                "line {} of a {lines}-line file: {problem}",
                problem.line
            );
            assert!(!problem.message.is_empty());
            return;
        }
    };
    assert!(["1.0", "1.1", "1.2"].contains(&export.version.as_str()), "{:?}", export.version);
    let plan = map::plan(&export, None, datetime!(2026-12-01 12:00 UTC));
    if let Err(refused) = plan.batch.check(b"fuzz secret") {
        // Two items under one id is a file that contradicts itself, refused on purpose.
        assert!(
            refused.message.id() == "import-duplicate",
            "an export that reads was mapped to a batch the rules refuse: {refused}\ninput: {text:?}"
        );
    }
});
