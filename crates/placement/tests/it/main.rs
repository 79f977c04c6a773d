//! The placement engine's one integration-test binary: properties against
//! brute force, the file format's refusals, explanations and maximum placement.

mod brute;
mod explanations;
mod file_format;
mod max_placement;
mod properties;
mod solving;
