//! `gongjiang match`: solve an `hr1` instance file, or check an assignment
//! file for stability. A module cannot be called `match`, hence `solve.rs`.
//!
//! Exit codes: solving, 0 on success and 1 on any error; `--check`, 0 stable,
//! 2 unstable (the blocking pairs are printed), 1 invalid input.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gongjiang_placement::check::{self, Blocking, BlockingPair};
use gongjiang_placement::{Instance, Outcome, file, max, solve};

/// Solve a placement instance file, or check an assignment against one.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The instance file, in the `hr1` format (see docs/placement.md).
    #[arg(long, value_name = "FILE")]
    pub instance: PathBuf,
    /// Where to write the assignment: one line per trainee, a place id or -1.
    #[arg(long, value_name = "FILE", required_unless_present = "check")]
    pub out: Option<PathBuf>,
    /// `stable`: the trainee-optimal stable matching. `max`: the most trainees
    /// placed at the least total choice rank (usually unstable; small rounds only).
    #[arg(long, value_enum, default_value_t = Mode::Stable)]
    pub mode: Mode,
    /// Check the assignment given by --assignment instead of solving; exit 0
    /// if stable, 2 if not (blocking pairs printed), 1 if invalid.
    #[arg(long, requires = "assignment", conflicts_with = "out")]
    pub check: bool,
    /// The assignment file to check (same format as --out writes).
    #[arg(long, value_name = "FILE", requires = "check")]
    pub assignment: Option<PathBuf>,
}

/// Which assignment `gongjiang match` computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Mode {
    /// Deferred acceptance, trainees proposing: stable and trainee-optimal.
    Stable,
    /// Maximum placement by min-cost flow, for comparison.
    Max,
}

/// Exit code when `--check` finds blocking pairs.
const UNSTABLE: u8 = 2;

/// Runs `gongjiang match`.
pub fn run(args: Args) -> ExitCode {
    match execute(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn execute(args: &Args) -> Result<ExitCode, String> {
    let instance = load_instance(&args.instance)?;
    if args.check {
        let path = args
            .assignment
            .as_deref()
            .ok_or("--check needs --assignment FILE")?;
        return check_file(&instance, path);
    }
    let out = args.out.as_deref().ok_or("--out FILE is required")?;
    let outcome = match args.mode {
        Mode::Stable => solve(&instance),
        Mode::Max => max::max_placement(&instance).map_err(|e| e.to_string())?,
    };
    write_outcome(&outcome, out)?;

    println!(
        "placed {} of {} trainees ({} places, total choice rank {}); wrote {}",
        outcome.placed(),
        instance.trainees(),
        instance.places(),
        outcome.total_choice_rank(),
        out.display()
    );
    if args.mode == Mode::Max {
        // Shown honestly: maximum placement ignores the places' rankings.
        let pairs = check::blocking_pairs(&instance, &outcome).len();
        println!("blocking pairs: {pairs} (the stable mode has none)");
    }
    Ok(ExitCode::SUCCESS)
}

fn load_instance(path: &Path) -> Result<Instance, String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    file::read_instance(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn write_outcome(outcome: &Outcome, path: &Path) -> Result<(), String> {
    let failed = |e: io::Error| format!("{}: {e}", path.display());
    let mut out = fs::File::create(path).map_err(failed)?;
    file::write_assignment(outcome.assignments(), &mut out).map_err(failed)
}

fn check_file(instance: &Instance, path: &Path) -> Result<ExitCode, String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let assignment =
        file::read_assignment(&bytes, instance).map_err(|e| format!("{}: {e}", path.display()))?;
    let outcome = Outcome::from_assignment(instance, &assignment)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let pairs = check::blocking_pairs(instance, &outcome);
    print_pairs(&pairs).map_err(|e| format!("stdout: {e}"))?;
    if pairs.is_empty() {
        println!(
            "stable: no blocking pairs ({} of {} trainees placed)",
            outcome.placed(),
            instance.trainees()
        );
        Ok(ExitCode::SUCCESS)
    } else {
        println!("unstable: {} blocking pairs", pairs.len());
        Ok(ExitCode::from(UNSTABLE))
    }
}

fn print_pairs(pairs: &[BlockingPair]) -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    for pair in pairs {
        match pair.kind {
            Blocking::FreeSeat => writeln!(
                out,
                "blocking: trainee {} prefers place {}, which has a free seat",
                pair.trainee, pair.place
            )?,
            Blocking::Displaces { instead } => writeln!(
                out,
                "blocking: trainee {} prefers place {}, which ranks them above trainee {} whom it holds",
                pair.trainee, pair.place, instead
            )?,
            _ => writeln!(
                out,
                "blocking: trainee {} and place {}",
                pair.trainee, pair.place
            )?,
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Trainees 0 and 1 both want place 0 (one seat), which prefers trainee 1.
    const INSTANCE: &str = "hr1 2 1 2\n1 0\n1 0\n1 2 1 0\n";

    /// A fresh directory for one test, under the system temp directory.
    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("gongjiang-match-{}-{name}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn args(instance: PathBuf) -> Args {
        Args {
            instance,
            out: None,
            mode: Mode::Stable,
            check: false,
            assignment: None,
        }
    }

    fn check(dir: &Path, assignment: &str) -> ExitCode {
        fs::write(dir.join("assignment.txt"), assignment).unwrap();
        run(Args {
            check: true,
            assignment: Some(dir.join("assignment.txt")),
            ..args(dir.join("instance.hr1"))
        })
    }

    #[test]
    fn solving_writes_one_line_per_trainee_and_succeeds() {
        let dir = scratch("solve");
        fs::write(dir.join("instance.hr1"), INSTANCE).unwrap();

        let code = run(Args {
            out: Some(dir.join("out.txt")),
            ..args(dir.join("instance.hr1"))
        });

        assert_eq!(code, ExitCode::SUCCESS);
        assert_eq!(fs::read_to_string(dir.join("out.txt")).unwrap(), "-1\n0\n");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn checking_exits_0_when_stable_2_when_unstable_and_1_when_invalid() {
        let dir = scratch("check");
        fs::write(dir.join("instance.hr1"), INSTANCE).unwrap();

        let stable = check(&dir, "-1\n0\n");
        let unstable = check(&dir, "0\n-1\n");
        let over_capacity = check(&dir, "0\n0\n");
        let too_short = check(&dir, "0\n");

        assert_eq!(stable, ExitCode::SUCCESS);
        assert_eq!(unstable, ExitCode::from(UNSTABLE));
        assert_eq!(over_capacity, ExitCode::FAILURE);
        assert_eq!(too_short, ExitCode::FAILURE);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_malformed_instance_fails_without_writing_an_assignment() {
        let dir = scratch("malformed");
        fs::write(dir.join("instance.hr1"), "hr1 2 1 2\n1 0\n1 0\n-1 2 1 0\n").unwrap();

        let code = run(Args {
            out: Some(dir.join("out.txt")),
            ..args(dir.join("instance.hr1"))
        });

        assert_eq!(code, ExitCode::FAILURE);
        assert!(!dir.join("out.txt").exists());
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn maximum_placement_mode_places_more_than_the_stable_mode_when_it_can() {
        let dir = scratch("max");
        // Trainee 1 would also take place 1; place 0 prefers trainee 1.
        fs::write(
            dir.join("instance.hr1"),
            "hr1 2 2 3\n1 0\n2 0 1\n1 2 1 0\n1 1 1\n",
        )
        .unwrap();

        let code = run(Args {
            out: Some(dir.join("out.txt")),
            mode: Mode::Max,
            ..args(dir.join("instance.hr1"))
        });

        assert_eq!(code, ExitCode::SUCCESS);
        assert_eq!(fs::read_to_string(dir.join("out.txt")).unwrap(), "0\n1\n");
        fs::remove_dir_all(dir).unwrap();
    }
}
