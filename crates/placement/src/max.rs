//! Maximum placement: the assignment that places the most trainees, and among
//! those the least total choice rank, by min-cost flow. Shown beside the stable
//! result on the review page, with its blocking pairs counted honestly.
//!
//! It ignores the places' rankings, so it is usually unstable. It is practical
//! for review-page sizes only; larger instances are refused (see
//! [`MAX_PLACEMENT_ENTRY_LIMIT`]) rather than left to run for minutes.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::error::{Error, ErrorKind};
use crate::instance::Instance;
use crate::outcome::{Mode, Outcome, UNPLACED};

/// The largest instance, in preference entries, that [`max_placement`] accepts:
/// 100,000 entries is 10,000 trainees with 10 choices each, solved in at most
/// about 0.6 s on the 2-core reference machine in the hardest generated shapes
/// (seats exactly equal to trainees, strong popularity skew); time grows
/// faster than linearly beyond that (see `docs/benchmarks.md`).
pub const MAX_PLACEMENT_ENTRY_LIMIT: usize = 100_000;

/// Places as many trainees as possible; among such assignments, minimises the
/// sum of choice positions (0 for a first choice). Deterministic.
///
/// Returns [`ErrorKind::TooLargeForMaxPlacement`] above
/// [`MAX_PLACEMENT_ENTRY_LIMIT`] entries.
///
/// ```
/// use gongjiang_placement::{check, max::max_placement, solve, InstanceBuilder};
///
/// // Both trainees want place 0 first; it prefers trainee 1, who also accepts place 1.
/// let mut builder = InstanceBuilder::new(2, 2);
/// builder
///     .preferences(0, &[0])
///     .preferences(1, &[0, 1])
///     .capacity(0, 1)
///     .capacity(1, 1)
///     .rank_by_order(0, &[1, 0]);
/// let instance = builder.build()?;
///
/// assert_eq!(solve(&instance).placed(), 1);
/// let max = max_placement(&instance)?;
/// assert_eq!(max.placed(), 2);
/// assert_eq!(check::blocking_pairs(&instance, &max).len(), 1);
/// # Ok::<(), gongjiang_placement::Error>(())
/// ```
pub fn max_placement(instance: &Instance) -> Result<Outcome, Error> {
    if instance.entries() > MAX_PLACEMENT_ENTRY_LIMIT {
        return Err(ErrorKind::TooLargeForMaxPlacement {
            entries: instance.entries(),
            limit: MAX_PLACEMENT_ENTRY_LIMIT,
        }
        .into());
    }
    let trainees = instance.trainees();
    let places = instance.places();
    let source = 0;
    let sink = trainees + places + 1;
    let mut graph = Graph::new(sink + 1);
    for t in 0..trainees {
        graph.add_edge(source, 1 + t, 1, 0);
    }
    // Remember the first trainee→place edge so flows can be read back as choices.
    let mut first_edge = Vec::with_capacity(trainees);
    for t in 0..trainees {
        first_edge.push(graph.to.len());
        for (choice, &place) in instance.preferences(t as u32).iter().enumerate() {
            graph.add_edge(1 + t, 1 + trainees + place as usize, 1, choice as i64);
        }
    }
    for p in 0..places {
        graph.add_edge(
            1 + trainees + p,
            sink,
            i64::from(instance.capacity(p as u32)),
            0,
        );
    }
    graph.min_cost_max_flow(source, sink);

    let choices = (0..trainees)
        .map(|t| {
            let len = instance.preferences(t as u32).len();
            (0..len)
                .find(|&c| graph.cap[first_edge[t] + 2 * c] == 0)
                .map_or(UNPLACED, |c| c as u32)
        })
        .collect();
    Ok(Outcome::from_choices(instance, Mode::MaxPlacement, choices))
}

/// A residual graph with edges stored in pairs (edge `e` and its reverse `e ^ 1`).
struct Graph {
    head: Vec<usize>,
    next: Vec<usize>,
    to: Vec<usize>,
    cap: Vec<i64>,
    cost: Vec<i64>,
}

const NONE: usize = usize::MAX;
const INFINITE: i64 = i64::MAX / 4;

impl Graph {
    fn new(nodes: usize) -> Self {
        Self {
            head: vec![NONE; nodes],
            next: Vec::new(),
            to: Vec::new(),
            cap: Vec::new(),
            cost: Vec::new(),
        }
    }

    fn add_edge(&mut self, from: usize, to: usize, cap: i64, cost: i64) {
        for (a, b, c, w) in [(from, to, cap, cost), (to, from, 0, -cost)] {
            self.next.push(self.head[a]);
            self.head[a] = self.to.len();
            self.to.push(b);
            self.cap.push(c);
            self.cost.push(w);
        }
    }

    /// Primal–dual: Dijkstra on reduced costs sets the potentials, then a
    /// blocking flow (Dinic) saturates every shortest augmenting path at once.
    fn min_cost_max_flow(&mut self, source: usize, sink: usize) {
        let n = self.head.len();
        let mut potential = vec![0i64; n];
        let mut dist = vec![INFINITE; n];
        let mut level = vec![0u32; n];
        let mut current = vec![NONE; n];
        loop {
            self.dijkstra(source, &potential, &mut dist);
            if dist[sink] >= INFINITE {
                return;
            }
            for v in 0..n {
                if dist[v] < INFINITE {
                    potential[v] += dist[v];
                }
            }
            while self.levels(source, sink, &potential, &mut level) {
                current.copy_from_slice(&self.head);
                while self.augment(source, sink, &potential, &level, &mut current) {}
            }
        }
    }

    fn reduced(&self, e: usize, from: usize, potential: &[i64]) -> i64 {
        self.cost[e] + potential[from] - potential[self.to[e]]
    }

    fn dijkstra(&self, source: usize, potential: &[i64], dist: &mut [i64]) {
        dist.fill(INFINITE);
        dist[source] = 0;
        let mut heap = BinaryHeap::new();
        heap.push(Reverse((0i64, source)));
        while let Some(Reverse((d, u))) = heap.pop() {
            if d > dist[u] {
                continue;
            }
            let mut e = self.head[u];
            while e != NONE {
                if self.cap[e] > 0 {
                    let v = self.to[e];
                    let candidate = d + self.reduced(e, u, potential);
                    if candidate < dist[v] {
                        dist[v] = candidate;
                        heap.push(Reverse((candidate, v)));
                    }
                }
                e = self.next[e];
            }
        }
    }

    /// BFS levels over admissible edges (residual, zero reduced cost); true if the sink is reached.
    fn levels(&self, source: usize, sink: usize, potential: &[i64], level: &mut [u32]) -> bool {
        level.fill(u32::MAX);
        level[source] = 0;
        let mut queue = std::collections::VecDeque::from([source]);
        while let Some(u) = queue.pop_front() {
            let mut e = self.head[u];
            while e != NONE {
                let v = self.to[e];
                if self.cap[e] > 0 && level[v] == u32::MAX && self.reduced(e, u, potential) == 0 {
                    level[v] = level[u] + 1;
                    queue.push_back(v);
                }
                e = self.next[e];
            }
        }
        level[sink] != u32::MAX
    }

    /// Finds one augmenting path in the level graph (iteratively, so long
    /// paths cannot overflow the stack) and pushes its bottleneck. False when none is left.
    fn augment(
        &mut self,
        source: usize,
        sink: usize,
        potential: &[i64],
        level: &[u32],
        current: &mut [usize],
    ) -> bool {
        let mut path: Vec<usize> = Vec::new();
        let mut u = source;
        loop {
            if u == sink {
                let push = path.iter().map(|&e| self.cap[e]).min().unwrap_or(0);
                for &e in &path {
                    self.cap[e] -= push;
                    self.cap[e ^ 1] += push;
                }
                return true;
            }
            let mut advanced = false;
            while current[u] != NONE {
                let e = current[u];
                let v = self.to[e];
                if self.cap[e] > 0 && level[v] == level[u] + 1 && self.reduced(e, u, potential) == 0
                {
                    path.push(e);
                    u = v;
                    advanced = true;
                    break;
                }
                current[u] = self.next[e];
            }
            if advanced {
                continue;
            }
            // Dead end: retreat, and skip the edge that led here.
            let Some(e) = path.pop() else { return false };
            u = self.to[e ^ 1];
            current[u] = self.next[current[u]];
        }
    }
}
