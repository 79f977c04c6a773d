//! Figures that many requests read and that are costly to count over a
//! province (the funnel of the whole alliance): each is kept per key with
//! the audit sequence and the time it was counted, so a page reads it
//! instead of counting the world again.
//!
//! Every change writes an audit entry, so the audit log's latest sequence
//! number says whether anything changed since a figure was counted (one
//! primary-key lookup). Unchanged: the kept figure is exact. Changed, and
//! `Settings::aggregate_fresh_seconds` is 0: counted again now (the default;
//! tests see every change at once). Changed, and a window is set (`serve`
//! sets 5 s): the kept figure is served while it is younger than the
//! window; after that it is still served, marked with its time, while one
//! recount per key runs in the background, so a change shows within a few
//! seconds and no request waits for a count of the whole alliance. The
//! figures live in this instance's memory: several instances each keep
//! their own, and none holds state another needs. Keys are bounded by what
//! they name (a scope and a grouping, a year, the one roster), never by
//! free text, so the map does not grow with requests. A kind made with
//! [`Kept::exact`] ignores the window: it is read again at once after any
//! change (the roster: cheap to read, and a new member must show at once).

use crate::App;
use crate::error::Result;
use gongjiang_domain::Timestamp;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

/// A figure as counted, with when.
#[derive(Debug)]
pub struct Counted<V> {
    /// The figure.
    pub value: Arc<V>,
    /// When it was counted (the page shows it).
    pub counted_at: Timestamp,
}

struct Slot<V> {
    value: Arc<V>,
    counted_at: Timestamp,
    seq: i64,
    recounting: bool,
}

/// Figures of one kind, by key.
pub struct Kept<V> {
    slots: Arc<Mutex<HashMap<String, Slot<V>>>>,
    /// Recounted at once after any change, whatever the window (for what is
    /// cheap to read again and must not lag: the roster).
    exact: bool,
}

impl<V> Default for Kept<V> {
    /// Figures that follow `Settings::aggregate_fresh_seconds`.
    fn default() -> Self {
        Kept {
            slots: Arc::new(Mutex::new(HashMap::new())),
            exact: false,
        }
    }
}

impl<V> Kept<V> {
    /// Drops the figures whose key `keep` refuses (figures that name a day
    /// drop the days gone by, so the map stays as small as its groupings).
    pub fn retain(&self, keep: impl Fn(&str) -> bool) {
        let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        slots.retain(|k, _| keep(k));
    }

    /// Figures read again at once after any change (never served late).
    pub fn exact() -> Self {
        Kept {
            exact: true,
            ..Kept::default()
        }
    }
}

impl<V> Clone for Kept<V> {
    fn clone(&self) -> Self {
        Kept {
            slots: self.slots.clone(),
            exact: self.exact,
        }
    }
}

enum Plan<V> {
    Serve(Arc<V>, Timestamp),
    ServeAndRecount(Arc<V>, Timestamp),
    CountNow,
}

impl<V: Send + Sync + 'static> Kept<V> {
    /// The figure under `key`, counted by `count` when there is none or it
    /// is out of date (see the module's rules).
    pub async fn get<F, Fut>(&self, app: &App, key: &str, count: F) -> Result<Counted<V>>
    where
        F: Fn(App) -> Fut + Send + 'static,
        Fut: Future<Output = Result<V>> + Send + 'static,
    {
        let seq = {
            let mut conn = app.db.read().await?;
            gongjiang_store::audit::latest_seq(&mut conn).await?
        };
        let window = if self.exact {
            0
        } else {
            app.settings.aggregate_fresh_seconds.max(0) * 1000
        };
        let now = app.now();
        let plan = {
            let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
            match slots.get_mut(key) {
                Some(s) if s.seq == seq => Plan::Serve(s.value.clone(), s.counted_at),
                Some(_) if window == 0 => Plan::CountNow,
                Some(s) if now.0 - s.counted_at.0 < window || s.recounting => {
                    Plan::Serve(s.value.clone(), s.counted_at)
                }
                Some(s) => {
                    s.recounting = true;
                    Plan::ServeAndRecount(s.value.clone(), s.counted_at)
                }
                None => Plan::CountNow,
            }
        };
        match plan {
            Plan::Serve(value, counted_at) => Ok(Counted { value, counted_at }),
            Plan::ServeAndRecount(value, counted_at) => {
                let (slots, key, app2) = (self.slots.clone(), key.to_string(), app.clone());
                tokio::spawn(async move {
                    let outcome = count(app2.clone()).await;
                    let mut slots = slots.lock().unwrap_or_else(|p| p.into_inner());
                    match outcome {
                        Ok(v) => {
                            slots.insert(
                                key,
                                Slot {
                                    value: Arc::new(v),
                                    counted_at: app2.now(),
                                    seq,
                                    recounting: false,
                                },
                            );
                        }
                        Err(e) => {
                            tracing::warn!(error = %e, key, "recounting an aggregate failed");
                            if let Some(s) = slots.get_mut(&key) {
                                s.recounting = false;
                            }
                        }
                    }
                });
                Ok(Counted { value, counted_at })
            }
            Plan::CountNow => {
                let value = Arc::new(count(app.clone()).await?);
                let counted_at = app.now();
                let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
                slots.insert(
                    key.to_string(),
                    Slot {
                        value: value.clone(),
                        counted_at,
                        seq,
                        recounting: false,
                    },
                );
                Ok(Counted { value, counted_at })
            }
        }
    }
}
