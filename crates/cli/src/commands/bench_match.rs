//! `gongjiang bench match`: generate a random placement round of a given size,
//! write it as an `hr1` file, then time loading, solving and writing the
//! assignment separately, as the end-to-end `gongjiang match` would.
//!
//! Prints a readable summary and one machine-readable JSON line (`bench-match {...}`).

use std::fs;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use gongjiang_placement::{file, generate, solve};

/// Time the placement engine end to end on a generated instance.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Number of trainees; places are trainees / 10, seats about 1.1 per
    /// trainee, and each trainee lists 10 places with a popularity skew.
    #[arg(long)]
    pub trainees: usize,
    /// Seed of the generator: the same seed gives the same instance.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Keep the instance and assignment files in this directory (default: a
    /// temporary directory, removed afterwards).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Runs `gongjiang bench match`.
pub fn run(args: Args) -> ExitCode {
    let (dir, temporary) = match &args.dir {
        Some(dir) => (dir.clone(), false),
        None => (
            std::env::temp_dir().join(format!("gongjiang-bench-match-{}", std::process::id())),
            true,
        ),
    };
    let result = fs::create_dir_all(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))
        .and_then(|()| bench(&args, &dir));
    if temporary {
        // Best effort: a leftover temp directory is harmless.
        let _ = fs::remove_dir_all(&dir);
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn bench(args: &Args, dir: &Path) -> Result<(), String> {
    let instance_path = dir.join(format!("instance-{}-{}.hr1", args.trainees, args.seed));
    let assignment_path = dir.join(format!("assignment-{}-{}.txt", args.trainees, args.seed));

    let started = Instant::now();
    let generated = generate::random_instance(args.trainees, args.seed);
    let generate_time = started.elapsed();
    let started = Instant::now();
    {
        let file = fs::File::create(&instance_path).map_err(failed(&instance_path))?;
        file::write_instance(&generated, &mut BufWriter::new(file))
            .map_err(failed(&instance_path))?;
    }
    let write_instance_time = started.elapsed();
    let (places, entries) = (generated.places(), generated.entries());
    drop(generated);
    let file_bytes = fs::metadata(&instance_path)
        .map_err(failed(&instance_path))?
        .len();

    // The measured part: what `gongjiang match --instance … --out …` does.
    let started = Instant::now();
    let bytes = fs::read(&instance_path).map_err(failed(&instance_path))?;
    let instance =
        file::read_instance(&bytes).map_err(|e| format!("{}: {e}", instance_path.display()))?;
    drop(bytes);
    let load_time = started.elapsed();

    let started = Instant::now();
    let outcome = solve(&instance);
    let solve_time = started.elapsed();

    let started = Instant::now();
    {
        let mut file = fs::File::create(&assignment_path).map_err(failed(&assignment_path))?;
        file::write_assignment(outcome.assignments(), &mut file)
            .map_err(failed(&assignment_path))?;
    }
    let write_time = started.elapsed();
    let total = load_time + solve_time + write_time;
    let peak = peak_rss_mib();

    println!(
        "gongjiang bench match: {} trainees, {places} places, {entries} preference entries (seed {})",
        args.trainees, args.seed
    );
    println!(
        "  generate         {:>10}   (not counted)",
        ms(generate_time)
    );
    println!(
        "  write instance   {:>10}   (not counted; {:.1} MiB)",
        ms(write_instance_time),
        file_bytes as f64 / 1048576.0
    );
    println!(
        "  load             {:>10}   read + parse + validate",
        ms(load_time)
    );
    println!(
        "  solve            {:>10}   deferred acceptance",
        ms(solve_time)
    );
    println!(
        "  write            {:>10}   assignment file",
        ms(write_time)
    );
    println!(
        "  end to end       {:>10}   load + solve + write",
        ms(total)
    );
    println!(
        "  placed           {} of {}",
        outcome.placed(),
        args.trainees
    );
    if let Some(peak) = peak {
        println!("  peak memory      {peak} MiB (whole process, generation included)");
    }
    if args.dir.is_some() {
        println!(
            "  files            {} and {}",
            instance_path.display(),
            assignment_path.display()
        );
    }
    println!(
        "bench-match {{\"trainees\":{},\"places\":{places},\"entries\":{entries},\"seed\":{},\"load_ms\":{:.3},\"solve_ms\":{:.3},\"write_ms\":{:.3},\"total_ms\":{:.3},\"placed\":{},\"peak_rss_mib\":{}}}",
        args.trainees,
        args.seed,
        millis(load_time),
        millis(solve_time),
        millis(write_time),
        millis(total),
        outcome.placed(),
        peak.map_or("null".to_string(), |p| p.to_string()),
    );
    Ok(())
}

/// Turns an I/O error on `path` into a message naming the file.
fn failed(path: &Path) -> impl Fn(io::Error) -> String + '_ {
    move |e| format!("{}: {e}", path.display())
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", millis(d))
}

/// The process's peak resident memory from /proc (Linux); `None` elsewhere.
fn peak_rss_mib() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_benchmark_succeeds_and_keeps_its_files_in_the_given_directory() {
        let dir =
            std::env::temp_dir().join(format!("gongjiang-bench-match-test-{}", std::process::id()));

        let code = run(Args {
            trainees: 500,
            seed: 3,
            dir: Some(dir.clone()),
        });

        assert_eq!(code, ExitCode::SUCCESS);
        let instance = fs::read(dir.join("instance-500-3.hr1")).unwrap();
        assert!(instance.starts_with(b"hr1 500 50 5000\n"));
        let assignment = fs::read_to_string(dir.join("assignment-500-3.txt")).unwrap();
        assert_eq!(assignment.lines().count(), 500);
        fs::remove_dir_all(dir).unwrap();
    }
}
