//! Divan benchmarks of the solver on generated instances of the benchmark
//! shape (10 choices each, one place per ten trainees, 110% seats).
//!
//! Run: `cargo bench -p gongjiang-placement`. Figures are in `docs/benchmarks.md`.

use divan::Bencher;
use gongjiang_placement::{generate, solve};

fn main() {
    divan::main();
}

#[divan::bench(args = [10_000, 100_000], sample_count = 20)]
fn stable(bencher: Bencher, trainees: usize) {
    let instance = generate::random_instance(trainees, 1);
    bencher
        .counter(divan::counter::ItemsCount::new(instance.entries()))
        .bench(|| solve(divan::black_box(&instance)));
}

#[divan::bench(args = [1_000, 5_000], sample_count = 5)]
fn max_placement(bencher: Bencher, trainees: usize) {
    let instance = generate::random_instance(trainees, 1);
    bencher.bench(|| gongjiang_placement::max::max_placement(divan::black_box(&instance)));
}
