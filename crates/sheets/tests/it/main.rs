//! The sheets crate's integration tests, in one binary: round trips through
//! the template and the exports, cell rules, refused files (formats, zip
//! bombs, columns), the problem report, and inputs that must never panic.

mod cells;
mod files;
mod never_panics;
mod report;
mod round_trip;
mod speed;
mod support;
