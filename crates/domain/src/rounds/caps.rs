//! The interns caps (INT-08) that cut a place's seats in a round.

use super::RoundRules;
use serde::{Deserialize, Serialize};

/// Why a place has fewer seats in the round than its headcount (INT-08).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum CapNote {
    /// The host has not recorded its in-service staff, so no intern can be placed there.
    HostStaffMissing,
    /// The host's cap (a percentage of its staff, less interns it already has) cut the seats.
    HostCap {
        /// Interns the host may still take, over all its places in the round.
        room: i64,
    },
    /// The post's cap (a percentage of the post's staff, less interns already on it) cut the seats.
    PostCap {
        /// Interns the post may still take.
        room: i64,
    },
    /// The post's in-service staff is not recorded; its own cap was not checked.
    PostStaffMissing,
}

/// One internship place of a host, for [`apply_caps`].
#[derive(Debug, Clone, Copy)]
pub struct CapInput {
    /// Seats the demand asks for.
    pub headcount: i64,
    /// In-service staff on the post, if recorded.
    pub post_staff: Option<i64>,
    /// Interns already on the post (placed earlier, period overlapping).
    pub post_current: i64,
}

/// The seats each internship place of one host may fill without breaking
/// INT-08, with the reasons for any cut. The post cap applies first; then, if
/// the host's cap is still exceeded, seats are taken one at a time from the
/// place that has the most (the first such place on a tie).
pub fn apply_caps(
    rules: &RoundRules,
    host_staff: Option<i64>,
    host_current: i64,
    places: &[CapInput],
) -> Vec<(i64, Vec<CapNote>)> {
    let mut out: Vec<(i64, Vec<CapNote>)> = places
        .iter()
        .map(|p| {
            let mut notes = Vec::new();
            let mut seats = p.headcount.max(0);
            match p.post_staff {
                Some(staff) => {
                    let room = (staff * i64::from(rules.post_intern_percent) / 100
                        - p.post_current)
                        .max(0);
                    if room < seats {
                        seats = room;
                        notes.push(CapNote::PostCap { room });
                    }
                }
                None => notes.push(CapNote::PostStaffMissing),
            }
            (seats, notes)
        })
        .collect();
    let Some(staff) = host_staff else {
        for (seats, notes) in &mut out {
            *seats = 0;
            notes.push(CapNote::HostStaffMissing);
        }
        return out;
    };
    let room = (staff * i64::from(rules.host_intern_percent) / 100 - host_current).max(0);
    let mut total: i64 = out.iter().map(|(s, _)| *s).sum();
    let mut cut = vec![false; out.len()];
    while total > room {
        let Some((index, _)) = out
            .iter()
            .enumerate()
            .rev()
            .max_by_key(|(_, (s, _))| *s)
            .filter(|(_, (s, _))| *s > 0)
        else {
            break;
        };
        out[index].0 -= 1;
        cut[index] = true;
        total -= 1;
    }
    for (i, (_, notes)) in out.iter_mut().enumerate() {
        if cut[i] {
            notes.push(CapNote::HostCap { room });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_cut_seats_by_post_first_then_by_host_from_the_largest_place() {
        let rules = RoundRules::default();
        // Host of 100 staff with 2 interns already: room for 8. Posts want 6 and 5.
        let places = [
            CapInput {
                headcount: 6,
                post_staff: Some(50),
                post_current: 0,
            },
            CapInput {
                headcount: 5,
                post_staff: Some(20),
                post_current: 1,
            },
        ];
        let out = apply_caps(&rules, Some(100), 2, &places);
        // Post 2: 20% of 20 = 4, less 1 = 3 seats. Then 6 + 3 = 9 > 8: one seat off the first.
        assert_eq!(out[1].0, 3);
        assert_eq!(out[1].1, vec![CapNote::PostCap { room: 3 }]);
        assert_eq!(out[0].0, 5);
        assert_eq!(out[0].1, vec![CapNote::HostCap { room: 8 }]);
        let unknown = apply_caps(&rules, None, 0, &places);
        assert!(
            unknown
                .iter()
                .all(|(s, n)| *s == 0 && n.contains(&CapNote::HostStaffMissing))
        );
    }
}
