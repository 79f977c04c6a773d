//! What can be wrong with an instance, an instance file or an assignment, as data.
//!
//! One [`Error`] carries an [`ErrorKind`] (the fault, with the ids involved) and,
//! when it came from a file, the 1-based line it was found on. The wording here
//! is plain English for logs and the CLI; the web crate words the kinds itself.

use std::fmt;

/// A fault found while building, reading or checking; see [`ErrorKind`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    line: Option<usize>,
}

impl Error {
    /// An error with no line (from the builder or an in-memory check).
    pub fn new(kind: ErrorKind) -> Self {
        Self { kind, line: None }
    }

    /// An error found on `line` (1-based) of a file.
    pub fn at_line(line: usize, kind: ErrorKind) -> Self {
        Self {
            kind,
            line: Some(line),
        }
    }

    /// What is wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The 1-based line of the file where the fault was found, if it came from a file.
    pub fn line(&self) -> Option<usize> {
        self.line
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Self::new(kind)
    }
}

/// The kind of fault. Ids are 0-based, as in the instance and the file format.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file is empty, or its first line is not `hr1 R H E`.
    BadHeader,
    /// A token that should be a non-negative integer is not; `found` is the token (cut to 32 bytes).
    NotAnInteger {
        /// The offending token.
        found: String,
    },
    /// A number does not fit in the engine's 32-bit ids and counts.
    NumberTooLarge,
    /// A line holds a different number of entries than its count says.
    WrongEntryCount {
        /// The count the line declares.
        declared: usize,
        /// The number of entries actually on the line.
        found: usize,
    },
    /// The file ends before all `expected` lines of a section were read.
    MissingLines {
        /// `"trainee"` or `"place"`.
        section: &'static str,
        /// How many lines of that section the header announced.
        expected: usize,
        /// How many were found.
        found: usize,
    },
    /// Something other than blank lines follows the last place line.
    TrailingGarbage,
    /// The header's total `E` differs from the number of preference entries.
    TotalEntriesMismatch {
        /// `E` from the header.
        declared: usize,
        /// The sum of the trainees' list lengths.
        found: usize,
    },
    /// A place id is not below the number of places.
    PlaceOutOfRange {
        /// The id given.
        place: u64,
        /// The number of places.
        places: usize,
    },
    /// A trainee id is not below the number of trainees.
    TraineeOutOfRange {
        /// The id given.
        trainee: u64,
        /// The number of trainees.
        trainees: usize,
    },
    /// A trainee lists the same place twice.
    DuplicatePlace {
        /// The trainee whose list it is.
        trainee: u32,
        /// The repeated place.
        place: u32,
    },
    /// A place ranks the same trainee twice.
    DuplicateTrainee {
        /// The place whose ranking it is.
        place: u32,
        /// The repeated trainee.
        trainee: u32,
    },
    /// A capacity below zero.
    NegativeCapacity {
        /// The place.
        place: u32,
        /// The capacity given.
        capacity: i64,
    },
    /// A place ranks a trainee who did not list it.
    NotAnApplicant {
        /// The place.
        place: u32,
        /// The trainee it ranks without having been chosen by them.
        trainee: u32,
    },
    /// A place leaves out a trainee who listed it (a place must rank every applicant).
    ApplicantNotRanked {
        /// The place.
        place: u32,
        /// The applicant missing from its ranking.
        trainee: u32,
    },
    /// More trainees, places or entries than 32-bit ids can number.
    InstanceTooLarge,
    /// An assignment has a different number of trainees than the instance.
    AssignmentLength {
        /// Trainees in the instance.
        expected: usize,
        /// Entries in the assignment.
        found: usize,
    },
    /// A trainee is assigned a place that is not on their list.
    NotOnList {
        /// The trainee.
        trainee: u32,
        /// The place they were given.
        place: u32,
    },
    /// More trainees are assigned to a place than it has seats.
    OverCapacity {
        /// The place.
        place: u32,
        /// Its capacity.
        capacity: u32,
        /// How many were assigned to it.
        assigned: usize,
    },
    /// Maximum placement was asked for an instance beyond its documented size limit.
    TooLargeForMaxPlacement {
        /// Preference entries in the instance.
        entries: usize,
        /// The limit, [`crate::max::MAX_PLACEMENT_ENTRY_LIMIT`].
        limit: usize,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        fmt::Display::fmt(&self.kind, f)
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BadHeader => write!(f, "the first line must be `hr1 R H E`"),
            Self::NotAnInteger { found } => write!(f, "`{found}` is not a non-negative integer"),
            Self::NumberTooLarge => write!(f, "number too large (the limit is 4294967294)"),
            Self::WrongEntryCount { declared, found } => {
                write!(f, "the line says {declared} entries but holds {found}")
            }
            Self::MissingLines {
                section,
                expected,
                found,
            } => write!(
                f,
                "the file ends after {found} of the {expected} {section} lines"
            ),
            Self::TrailingGarbage => write!(f, "unexpected content after the last place line"),
            Self::TotalEntriesMismatch { declared, found } => write!(
                f,
                "the header says {declared} preference entries but the trainees list {found}"
            ),
            Self::PlaceOutOfRange { place, places } => {
                write!(
                    f,
                    "place {place} does not exist (there are {places} places)"
                )
            }
            Self::TraineeOutOfRange { trainee, trainees } => write!(
                f,
                "trainee {trainee} does not exist (there are {trainees} trainees)"
            ),
            Self::DuplicatePlace { trainee, place } => {
                write!(f, "trainee {trainee} lists place {place} twice")
            }
            Self::DuplicateTrainee { place, trainee } => {
                write!(f, "place {place} ranks trainee {trainee} twice")
            }
            Self::NegativeCapacity { place, capacity } => {
                write!(f, "place {place} has negative capacity {capacity}")
            }
            Self::NotAnApplicant { place, trainee } => write!(
                f,
                "place {place} ranks trainee {trainee}, who did not list it"
            ),
            Self::ApplicantNotRanked { place, trainee } => write!(
                f,
                "place {place} does not rank trainee {trainee}, who listed it"
            ),
            Self::InstanceTooLarge => write!(f, "instance too large for 32-bit ids"),
            Self::AssignmentLength { expected, found } => write!(
                f,
                "the assignment has {found} trainees but the instance has {expected}"
            ),
            Self::NotOnList { trainee, place } => write!(
                f,
                "trainee {trainee} is assigned place {place}, which is not on their list"
            ),
            Self::OverCapacity {
                place,
                capacity,
                assigned,
            } => write!(
                f,
                "place {place} is assigned {assigned} trainees but has {capacity} seats"
            ),
            Self::TooLargeForMaxPlacement { entries, limit } => write!(
                f,
                "maximum placement handles at most {limit} preference entries; this instance has {entries}"
            ),
        }
    }
}

impl std::error::Error for Error {}
