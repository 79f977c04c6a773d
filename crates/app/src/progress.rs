//! How far long work has got: a stage and a count of units done out of a
//! total, shared between the work and whoever watches it (a job's page, the
//! CLI's progress bar). Updating it is a few atomic stores, cheap enough to
//! call once per row.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// A handle on the progress of one piece of work; clones share it.
#[derive(Clone, Default, Debug)]
pub struct Progress(Arc<Inner>);

#[derive(Default, Debug)]
struct Inner {
    stage: Mutex<&'static str>,
    done: AtomicU64,
    total: AtomicU64,
}

/// The progress at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Snapshot {
    /// The stage's key (`read`, `validate`, `check`, `store`, `solve`…).
    pub stage: &'static str,
    /// Units done in the stage.
    pub done: u64,
    /// Units in the stage (0 when not known yet).
    pub total: u64,
}

impl Snapshot {
    /// Whole percent done in the stage (0 when the total is unknown).
    pub fn percent(&self) -> u64 {
        (self.done.min(self.total) * 100)
            .checked_div(self.total)
            .unwrap_or(0)
    }
}

impl Progress {
    /// Fresh progress: no stage, nothing done.
    pub fn new() -> Progress {
        Progress::default()
    }

    /// Starts a stage of `total` units, with none done.
    pub fn stage(&self, stage: &'static str, total: u64) {
        if let Ok(mut s) = self.0.stage.lock() {
            *s = stage;
        }
        self.0.done.store(0, Ordering::Relaxed);
        self.0.total.store(total, Ordering::Relaxed);
    }

    /// Counts `units` more done.
    pub fn advance(&self, units: u64) {
        self.0.done.fetch_add(units, Ordering::Relaxed);
    }

    /// Where the work is now.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            stage: self.0.stage.lock().map(|s| *s).unwrap_or(""),
            done: self.0.done.load(Ordering::Relaxed),
            total: self.0.total.load(Ordering::Relaxed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_one_count_and_a_new_stage_starts_from_zero() {
        let p = Progress::new();
        let watcher = p.clone();
        p.stage("validate", 200);
        p.advance(50);
        p.advance(50);
        assert_eq!(
            watcher.snapshot(),
            Snapshot {
                stage: "validate",
                done: 100,
                total: 200
            }
        );
        assert_eq!(watcher.snapshot().percent(), 50);
        p.stage("store", 10);
        assert_eq!(watcher.snapshot().done, 0);
        assert_eq!(watcher.snapshot().stage, "store");
    }

    #[test]
    fn percent_is_zero_without_a_total_and_never_above_a_hundred() {
        let p = Progress::new();
        p.advance(5);
        assert_eq!(p.snapshot().percent(), 0);
        p.stage("store", 4);
        p.advance(9);
        assert_eq!(p.snapshot().percent(), 100);
    }
}
