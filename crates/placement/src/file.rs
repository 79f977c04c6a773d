//! The `hr1` instance file format and the assignment file format, read and
//! written fast (whole buffer in memory, bytes parsed by hand).
//!
//! Instance: plain text, whitespace-separated integers. The first line is
//! `hr1 R H E` (trainees, places, total preference entries); then one line per
//! trainee, `k h_1 … h_k` (places, most preferred first); then one line per
//! place, `c m r_1 … r_m` (capacity, then the trainees it ranks, best first;
//! exactly those who listed it). Blank lines are skipped. Assignment: one line
//! per trainee holding a place id, or `-1` for unplaced. Every fault is an
//! [`Error`] naming the 1-based line; nothing here panics on bad input.

use std::io::{self, Write};

use crate::error::{Error, ErrorKind};
use crate::instance::{Instance, PlaceId, Validator, check_trainee_list};

/// The largest count an instance may hold (ids fit in `u32` with room for a sentinel).
const MAX_COUNT: u64 = (u32::MAX - 1) as u64;

/// Reads and validates an `hr1` instance.
///
/// ```
/// use gongjiang_placement::file::read_instance;
///
/// let text = b"hr1 2 1 2\n1 0\n1 0\n1 2 1 0\n";
/// let instance = read_instance(text)?;
/// assert_eq!(instance.ranking(0), &[1, 0]);
///
/// let error = read_instance(b"hr1 1 1 1\n1 3\n1 1 0\n").unwrap_err();
/// assert_eq!(error.line(), Some(2));
/// # Ok::<(), gongjiang_placement::Error>(())
/// ```
pub fn read_instance(bytes: &[u8]) -> Result<Instance, Error> {
    let mut cursor = Cursor::new(bytes);
    if !cursor.next_record() || cursor.token() != Some(b"hr1".as_slice()) {
        return Err(Error::at_line(cursor.line, ErrorKind::BadHeader));
    }
    let header_line = cursor.line;
    let mut header = [0u64; 3];
    for value in &mut header {
        *value = cursor
            .number()?
            .ok_or(Error::at_line(header_line, ErrorKind::BadHeader))?;
        if *value > MAX_COUNT {
            return Err(Error::at_line(header_line, ErrorKind::NumberTooLarge));
        }
    }
    if cursor.token().is_some() {
        return Err(Error::at_line(header_line, ErrorKind::BadHeader));
    }
    let [trainees, places, entries] = header.map(|v| v as usize);

    // Reserve no more than the file could hold, whatever the header claims.
    let reserve = entries.min(bytes.len() / 2);
    let mut trainee_offsets = Vec::with_capacity(trainees.min(bytes.len() / 2) + 1);
    let mut trainee_prefs: Vec<u32> = Vec::with_capacity(reserve);
    let mut seen = vec![u32::MAX; places];
    let mut counts = vec![0u32; places + 1];
    trainee_offsets.push(0u32);
    for trainee in 0..trainees {
        if !cursor.next_record() {
            return Err(Error::at_line(
                cursor.line,
                ErrorKind::MissingLines {
                    section: "trainee",
                    expected: trainees,
                    found: trainee,
                },
            ));
        }
        let line = cursor.line;
        let start = trainee_prefs.len();
        let declared = cursor.count()?;
        for found in 0..declared {
            let place = cursor.number()?.ok_or(Error::at_line(
                line,
                ErrorKind::WrongEntryCount { declared, found },
            ))?;
            if place >= places as u64 {
                return Err(Error::at_line(
                    line,
                    ErrorKind::PlaceOutOfRange { place, places },
                ));
            }
            trainee_prefs.push(place as u32);
        }
        cursor.end_of_line(declared)?;
        if trainee_prefs.len() as u64 > MAX_COUNT {
            return Err(Error::at_line(line, ErrorKind::InstanceTooLarge));
        }
        let list = &trainee_prefs[start..];
        check_trainee_list(trainee as u32, list, &mut seen)
            .map_err(|kind| Error::at_line(line, kind))?;
        for &place in list {
            counts[place as usize + 1] += 1;
        }
        trainee_offsets.push(trainee_prefs.len() as u32);
    }
    if trainee_prefs.len() != entries {
        return Err(Error::at_line(
            header_line,
            ErrorKind::TotalEntriesMismatch {
                declared: entries,
                found: trainee_prefs.len(),
            },
        ));
    }
    drop(seen);

    let mut validator = Validator::index(trainees, counts, &trainee_offsets, &trainee_prefs);
    let mut capacities = Vec::with_capacity(places);
    let mut place_offsets = Vec::with_capacity(places + 1);
    let mut place_lists: Vec<u32> = Vec::with_capacity(entries);
    place_offsets.push(0u32);
    for place in 0..places {
        if !cursor.next_record() {
            return Err(Error::at_line(
                cursor.line,
                ErrorKind::MissingLines {
                    section: "place",
                    expected: places,
                    found: place,
                },
            ));
        }
        let line = cursor.line;
        let capacity = cursor.signed()?;
        if capacity < 0 {
            return Err(Error::at_line(
                line,
                ErrorKind::NegativeCapacity {
                    place: place as u32,
                    capacity,
                },
            ));
        }
        if capacity as u64 > MAX_COUNT {
            return Err(Error::at_line(line, ErrorKind::NumberTooLarge));
        }
        let declared = cursor.number()?.ok_or(Error::at_line(
            line,
            ErrorKind::WrongEntryCount {
                declared: 0,
                found: 0,
            },
        ))?;
        let declared = usize::try_from(declared)
            .map_err(|_| Error::at_line(line, ErrorKind::NumberTooLarge))?;
        let start = place_lists.len();
        for found in 0..declared {
            let trainee = cursor.number()?.ok_or(Error::at_line(
                line,
                ErrorKind::WrongEntryCount { declared, found },
            ))?;
            if trainee >= trainees as u64 {
                return Err(Error::at_line(
                    line,
                    ErrorKind::TraineeOutOfRange { trainee, trainees },
                ));
            }
            place_lists.push(trainee as u32);
            if place_lists.len() > entries {
                break; // the ranking check below names the trainee who did not apply
            }
        }
        validator
            .check_place(place as u32, &place_lists[start..])
            .map_err(|kind| Error::at_line(line, kind))?;
        cursor.end_of_line(declared)?;
        capacities.push(capacity as u32);
        place_offsets.push(place_lists.len() as u32);
    }
    if cursor.next_record() {
        return Err(Error::at_line(cursor.line, ErrorKind::TrailingGarbage));
    }
    let trainee_ranks = validator.finish();
    Ok(Instance::from_validated(
        trainee_offsets,
        trainee_prefs,
        trainee_ranks,
        place_offsets,
        place_lists,
        capacities,
    ))
}

/// Writes `instance` in the `hr1` format. Scores and the lottery are not part
/// of the format: the file keeps only the resulting orders.
pub fn write_instance(instance: &Instance, out: &mut impl Write) -> io::Result<()> {
    let mut buffer = Buffer::new(out);
    buffer.bytes(b"hr1 ")?;
    buffer.number(instance.trainees() as u64, b' ')?;
    buffer.number(instance.places() as u64, b' ')?;
    buffer.number(instance.entries() as u64, b'\n')?;
    for trainee in 0..instance.trainees() as u32 {
        buffer.list(None, instance.preferences(trainee))?;
    }
    for place in 0..instance.places() as u32 {
        buffer.list(Some(instance.capacity(place)), instance.ranking(place))?;
    }
    buffer.flush()
}

/// Reads an assignment file: one line per trainee of `instance`, a place id
/// or `-1`. Checks the count and that each place exists; whether each place is
/// on the trainee's list and within capacity is checked by
/// [`crate::Outcome::from_assignment`].
pub fn read_assignment(bytes: &[u8], instance: &Instance) -> Result<Vec<Option<PlaceId>>, Error> {
    let mut cursor = Cursor::new(bytes);
    let trainees = instance.trainees();
    let places = instance.places();
    let mut assignment = Vec::with_capacity(trainees.min(bytes.len() / 2 + 1));
    while cursor.next_record() {
        let line = cursor.line;
        if assignment.len() == trainees {
            return Err(Error::at_line(line, ErrorKind::TrailingGarbage));
        }
        let value = cursor.signed()?;
        let place = match value {
            -1 => None,
            v if v >= 0 && v < places as i64 => Some(v as u32),
            v => {
                return Err(Error::at_line(
                    line,
                    ErrorKind::PlaceOutOfRange {
                        place: v as u64,
                        places,
                    },
                ));
            }
        };
        if cursor.token().is_some() {
            return Err(Error::at_line(
                line,
                ErrorKind::WrongEntryCount {
                    declared: 1,
                    found: 2,
                },
            ));
        }
        assignment.push(place);
    }
    if assignment.len() != trainees {
        return Err(Error::at_line(
            cursor.line,
            ErrorKind::MissingLines {
                section: "assignment",
                expected: trainees,
                found: assignment.len(),
            },
        ));
    }
    Ok(assignment)
}

/// Writes one line per trainee: the place id, or `-1` if unplaced.
pub fn write_assignment(assignments: &[Option<PlaceId>], out: &mut impl Write) -> io::Result<()> {
    let mut buffer = Buffer::new(out);
    for &place in assignments {
        match place {
            Some(place) => buffer.number(u64::from(place), b'\n')?,
            None => buffer.bytes(b"-1\n")?,
        }
    }
    buffer.flush()
}

/// Walks the bytes token by token, keeping the 1-based line number.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
}

impl<'a> Cursor<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            pos: 0,
            line: 1,
        }
    }

    /// Skips the rest of the current line and any blank lines; false at the end of input.
    fn next_record(&mut self) -> bool {
        // Only called once the current line's tokens have been consumed, so
        // everything up to the next token is whitespace.
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b'\n' => self.line += 1,
                b' ' | b'\t' | b'\r' => {}
                _ => return true,
            }
            self.pos += 1;
        }
        false
    }

    /// Moves past spaces on the current line; false at the end of the line.
    fn skip_spaces(&mut self) -> bool {
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b' ' | b'\t' | b'\r' => self.pos += 1,
                b'\n' => return false,
                _ => return true,
            }
        }
        false
    }

    /// The next token on the current line, if any.
    fn token(&mut self) -> Option<&'a [u8]> {
        if !self.skip_spaces() {
            return None;
        }
        let start = self.pos;
        while self.pos < self.bytes.len() && !self.bytes[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
        Some(&self.bytes[start..self.pos])
    }

    /// The next non-negative integer on the current line (at most `u32::MAX`), or `None` at its end.
    fn number(&mut self) -> Result<Option<u64>, Error> {
        if !self.skip_spaces() {
            return Ok(None);
        }
        let start = self.pos;
        let mut value: u64 = 0;
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b'0'..=b'9' => {
                    value = value * 10 + u64::from(b - b'0');
                    if value > u64::from(u32::MAX) {
                        return Err(Error::at_line(self.line, ErrorKind::NumberTooLarge));
                    }
                    self.pos += 1;
                }
                b' ' | b'\t' | b'\r' | b'\n' => break,
                _ => return Err(self.not_an_integer(start)),
            }
        }
        Ok(Some(value))
    }

    /// The count that opens a trainee line (there is always one: the line is not blank).
    fn count(&mut self) -> Result<usize, Error> {
        let value = self.number()?.unwrap_or(0);
        usize::try_from(value).map_err(|_| Error::at_line(self.line, ErrorKind::NumberTooLarge))
    }

    /// The next integer, which may be negative (capacities, `-1` in assignments).
    fn signed(&mut self) -> Result<i64, Error> {
        let negative = self.skip_spaces() && self.bytes[self.pos] == b'-';
        let start = self.pos;
        if negative {
            self.pos += 1;
            if !matches!(self.bytes.get(self.pos), Some(b'0'..=b'9')) {
                return Err(self.not_an_integer(start));
            }
        }
        let magnitude = self.number()?.map(|v| v as i64).unwrap_or(0);
        Ok(if negative { -magnitude } else { magnitude })
    }

    /// Fails if tokens remain on the line, counting them for the message.
    fn end_of_line(&mut self, declared: usize) -> Result<(), Error> {
        let mut extra = 0;
        while self.token().is_some() {
            extra += 1;
        }
        if extra > 0 {
            return Err(Error::at_line(
                self.line,
                ErrorKind::WrongEntryCount {
                    declared,
                    found: declared + extra,
                },
            ));
        }
        Ok(())
    }

    fn not_an_integer(&mut self, start: usize) -> Error {
        self.pos = start;
        let token = self.token().unwrap_or_default();
        let shown = &token[..token.len().min(32)];
        Error::at_line(
            self.line,
            ErrorKind::NotAnInteger {
                found: String::from_utf8_lossy(shown).into_owned(),
            },
        )
    }
}

/// Batches output so that writing a million lines is a few large writes.
struct Buffer<'w, W: Write> {
    out: &'w mut W,
    bytes: Vec<u8>,
}

impl<'w, W: Write> Buffer<'w, W> {
    const SIZE: usize = 1 << 16;

    fn new(out: &'w mut W) -> Self {
        Self {
            out,
            bytes: Vec::with_capacity(Self::SIZE + 32),
        }
    }

    fn bytes(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.bytes.extend_from_slice(bytes);
        self.spill()
    }

    fn number(&mut self, mut value: u64, then: u8) -> io::Result<()> {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (value % 10) as u8;
            value /= 10;
            if value == 0 {
                break;
            }
        }
        self.bytes.extend_from_slice(&digits[i..]);
        self.bytes.push(then);
        self.spill()
    }

    fn list(&mut self, capacity: Option<u32>, items: &[u32]) -> io::Result<()> {
        if let Some(capacity) = capacity {
            self.number(u64::from(capacity), b' ')?;
        }
        self.number(
            items.len() as u64,
            if items.is_empty() { b'\n' } else { b' ' },
        )?;
        for (i, &item) in items.iter().enumerate() {
            self.number(
                u64::from(item),
                if i + 1 == items.len() { b'\n' } else { b' ' },
            )?;
        }
        Ok(())
    }

    fn spill(&mut self) -> io::Result<()> {
        if self.bytes.len() >= Self::SIZE {
            self.out.write_all(&self.bytes)?;
            self.bytes.clear();
        }
        Ok(())
    }

    fn flush(mut self) -> io::Result<()> {
        self.out.write_all(&self.bytes)?;
        self.bytes.clear();
        self.out.flush()
    }
}
