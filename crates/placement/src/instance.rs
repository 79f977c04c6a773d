//! The validated input: trainees' preference lists, places' capacities and rankings.
//!
//! An [`Instance`] is built once, by [`InstanceBuilder`] (the platform), by
//! [`crate::file::read_instance`] (the `hr1` file format) or by
//! [`crate::generate`], and cannot be invalid afterwards. It stores the lists
//! flat (offsets + entries), so a million trainees cost a few flat arrays.

use crate::error::{Error, ErrorKind};
use crate::lottery::Lottery;

/// A trainee, numbered `0..instance.trainees()`. The platform maps its own ids to these.
pub type TraineeId = u32;
/// A place (an enterprise's placement post), numbered `0..instance.places()`.
pub type PlaceId = u32;

/// The largest count of trainees, places or entries an instance may hold.
const MAX_COUNT: usize = (u32::MAX - 1) as usize;

/// A validated matching problem.
///
/// Invariants, checked on construction:
/// - every trainee's list names existing places, each at most once, most preferred first;
/// - every place ranks exactly the trainees who listed it, each once, best first;
/// - counts fit in `u32`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    /// `trainee_offsets[t]..trainee_offsets[t + 1]` indexes trainee `t`'s entries.
    pub(crate) trainee_offsets: Vec<u32>,
    /// The place of each entry, most preferred first within a trainee.
    pub(crate) trainee_prefs: Vec<u32>,
    /// For each entry, the trainee's position in that place's ranking (0 = best).
    pub(crate) trainee_ranks: Vec<u32>,
    /// `place_offsets[p]..place_offsets[p + 1]` indexes place `p`'s ranking.
    pub(crate) place_offsets: Vec<u32>,
    /// The trainees each place ranks, best first.
    pub(crate) place_lists: Vec<u32>,
    pub(crate) capacities: Vec<u32>,
    /// Present when at least one place was ranked by score.
    scores: Option<Scores>,
    lottery: Option<Lottery>,
}

/// Scores given by the caller, kept so that cutoffs can be shown as scores.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Scores {
    by_score: Vec<bool>,
    /// Aligned with `place_lists`; meaningful only where `by_score[place]`.
    values: Vec<i64>,
}

impl Instance {
    /// Assembles an instance whose parts the caller has already validated with a [`Validator`].
    pub(crate) fn from_validated(
        trainee_offsets: Vec<u32>,
        trainee_prefs: Vec<u32>,
        trainee_ranks: Vec<u32>,
        place_offsets: Vec<u32>,
        place_lists: Vec<u32>,
        capacities: Vec<u32>,
    ) -> Self {
        Self {
            trainee_offsets,
            trainee_prefs,
            trainee_ranks,
            place_offsets,
            place_lists,
            capacities,
            scores: None,
            lottery: None,
        }
    }

    /// The number of trainees.
    pub fn trainees(&self) -> usize {
        self.trainee_offsets.len() - 1
    }

    /// The number of places.
    pub fn places(&self) -> usize {
        self.capacities.len()
    }

    /// The total length of all preference lists (`E` in the file header).
    pub fn entries(&self) -> usize {
        self.trainee_prefs.len()
    }

    /// The seats of `place`. Panics if out of range.
    pub fn capacity(&self, place: PlaceId) -> u32 {
        self.capacities[place as usize]
    }

    /// The places `trainee` listed, most preferred first. Panics if out of range.
    pub fn preferences(&self, trainee: TraineeId) -> &[PlaceId] {
        &self.trainee_prefs[self.entry_range(trainee)]
    }

    /// The trainees `place` ranks (exactly those who listed it), best first. Panics if out of range.
    pub fn ranking(&self, place: PlaceId) -> &[TraineeId] {
        let p = place as usize;
        &self.place_lists[self.place_offsets[p] as usize..self.place_offsets[p + 1] as usize]
    }

    /// `trainee`'s position in `place`'s ranking (0 = best), or `None` if they did not list it.
    pub fn rank_at(&self, place: PlaceId, trainee: TraineeId) -> Option<u32> {
        self.choice_of(trainee, place).map(|choice| {
            self.trainee_ranks[self.trainee_offsets[trainee as usize] as usize + choice]
        })
    }

    /// Where `place` stands in `trainee`'s list (0 = first choice), or `None` if not listed.
    pub fn choice_of(&self, trainee: TraineeId, place: PlaceId) -> Option<usize> {
        self.preferences(trainee).iter().position(|&p| p == place)
    }

    /// The score the caller gave the trainee at position `rank` of `place`'s
    /// ranking, if that place was ranked by score.
    pub fn score(&self, place: PlaceId, rank: u32) -> Option<i64> {
        let scores = self.scores.as_ref()?;
        if !scores.by_score[place as usize] {
            return None;
        }
        let index = self.place_offsets[place as usize] as usize + rank as usize;
        scores.values.get(index).copied()
    }

    /// The tie-break lottery, if the instance was built with one (the builder always
    /// draws one; instance files carry explicit orders and have none).
    pub fn lottery(&self) -> Option<&Lottery> {
        self.lottery.as_ref()
    }

    pub(crate) fn entry_range(&self, trainee: TraineeId) -> std::ops::Range<usize> {
        let t = trainee as usize;
        self.trainee_offsets[t] as usize..self.trainee_offsets[t + 1] as usize
    }
}

/// Builds an [`Instance`] for the platform, ranking places by explicit order,
/// by scores with the lottery breaking ties, or by the lottery alone.
///
/// Defaults: every place has capacity 0 until [`capacity`](Self::capacity) is
/// called, a place with no ranking ranks its applicants by lottery number, and
/// the lottery seed is 0. Faults are reported by [`build`](Self::build).
///
/// ```
/// use gongjiang_placement::InstanceBuilder;
///
/// let mut builder = InstanceBuilder::new(3, 2);
/// builder
///     .preferences(0, &[0, 1])
///     .preferences(1, &[0])
///     .preferences(2, &[1, 0])
///     .capacity(0, 1)
///     .capacity(1, 2)
///     // Place 0 ranks by skill score; higher is better.
///     .rank_by_score(0, &[(0, 82), (1, 90), (2, 82)])
///     // Place 1 gives an explicit order.
///     .rank_by_order(1, &[2, 0])
///     .lottery_seed(20240901);
/// let instance = builder.build()?;
/// assert_eq!(instance.ranking(0)[0], 1);
/// assert_eq!(instance.score(0, 0), Some(90));
/// # Ok::<(), gongjiang_placement::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct InstanceBuilder {
    preferences: Vec<Vec<PlaceId>>,
    capacities: Vec<u32>,
    rankings: Vec<Option<Ranking>>,
    seed: u64,
    first_error: Option<ErrorKind>,
}

#[derive(Debug, Clone)]
enum Ranking {
    Order(Vec<TraineeId>),
    Scores(Vec<(TraineeId, i64)>),
}

impl InstanceBuilder {
    /// A builder for `trainees` trainees and `places` places, with empty lists.
    pub fn new(trainees: usize, places: usize) -> Self {
        Self {
            preferences: vec![Vec::new(); trainees],
            capacities: vec![0; places],
            rankings: vec![None; places],
            seed: 0,
            first_error: None,
        }
    }

    /// Sets `trainee`'s list, most preferred first, replacing any earlier one.
    pub fn preferences(&mut self, trainee: TraineeId, places: &[PlaceId]) -> &mut Self {
        match self.preferences.get_mut(trainee as usize) {
            Some(list) => *list = places.to_vec(),
            None => self.note(ErrorKind::TraineeOutOfRange {
                trainee: u64::from(trainee),
                trainees: self.preferences.len(),
            }),
        }
        self
    }

    /// Sets the number of seats of `place`.
    pub fn capacity(&mut self, place: PlaceId, seats: u32) -> &mut Self {
        match self.capacities.get_mut(place as usize) {
            Some(capacity) => *capacity = seats,
            None => self.note(self.place_out_of_range(place)),
        }
        self
    }

    /// Ranks `place`'s applicants in this order, best first. It must name each
    /// trainee who listed the place exactly once.
    pub fn rank_by_order(&mut self, place: PlaceId, order: &[TraineeId]) -> &mut Self {
        self.set_ranking(place, Ranking::Order(order.to_vec()))
    }

    /// Ranks `place`'s applicants by score, higher first; equal scores are
    /// ordered by lottery number, lower first. It must score each trainee who
    /// listed the place exactly once.
    pub fn rank_by_score(&mut self, place: PlaceId, scores: &[(TraineeId, i64)]) -> &mut Self {
        self.set_ranking(place, Ranking::Scores(scores.to_vec()))
    }

    /// The seed of the tie-break lottery; record it with the round so the result can be redrawn.
    pub fn lottery_seed(&mut self, seed: u64) -> &mut Self {
        self.seed = seed;
        self
    }

    /// Validates everything and returns the instance, or the first fault found.
    pub fn build(&self) -> Result<Instance, Error> {
        if let Some(kind) = &self.first_error {
            return Err(Error::new(kind.clone()));
        }
        let trainees = self.preferences.len();
        let places = self.capacities.len();
        let total: usize = self.preferences.iter().map(Vec::len).sum();
        if trainees > MAX_COUNT || places > MAX_COUNT || total > MAX_COUNT {
            return Err(ErrorKind::InstanceTooLarge.into());
        }
        let mut trainee_offsets = Vec::with_capacity(trainees + 1);
        let mut trainee_prefs = Vec::with_capacity(total);
        trainee_offsets.push(0);
        for list in &self.preferences {
            trainee_prefs.extend_from_slice(list);
            trainee_offsets.push(trainee_prefs.len() as u32);
        }
        let lottery = Lottery::draw(self.seed, trainees);
        let mut validator = Validator::new(trainees, places, &trainee_offsets, &trainee_prefs)?;
        let mut place_offsets = Vec::with_capacity(places + 1);
        let mut place_lists = Vec::with_capacity(total);
        let mut values: Vec<i64> = Vec::new();
        place_offsets.push(0);
        for (place, ranking) in self.rankings.iter().enumerate() {
            let start = place_lists.len();
            match ranking {
                Some(Ranking::Order(order)) => place_lists.extend_from_slice(order),
                Some(Ranking::Scores(scored)) => {
                    if let Some(&(trainee, _)) =
                        scored.iter().find(|(t, _)| *t as usize >= trainees)
                    {
                        return Err(ErrorKind::TraineeOutOfRange {
                            trainee: u64::from(trainee),
                            trainees,
                        }
                        .into());
                    }
                    let mut sorted = scored.clone();
                    sorted.sort_by_key(|&(t, score)| (std::cmp::Reverse(score), lottery.number(t)));
                    values.resize(start, 0);
                    values.extend(sorted.iter().map(|&(_, score)| score));
                    place_lists.extend(sorted.iter().map(|&(t, _)| t));
                }
                None => {
                    place_lists.extend(validator.applicants_of(place as u32));
                    place_lists[start..].sort_by_key(|&t| lottery.number(t));
                }
            }
            validator.check_place(place as u32, &place_lists[start..])?;
            place_offsets.push(place_lists.len() as u32);
        }
        let trainee_ranks = validator.finish();
        let by_score: Vec<bool> = self
            .rankings
            .iter()
            .map(|r| matches!(r, Some(Ranking::Scores(_))))
            .collect();
        let scores = by_score.iter().any(|&b| b).then(|| {
            values.resize(place_lists.len(), 0);
            Scores { by_score, values }
        });
        Ok(Instance {
            trainee_offsets,
            trainee_prefs,
            trainee_ranks,
            place_offsets,
            place_lists,
            capacities: self.capacities.clone(),
            scores,
            lottery: Some(lottery),
        })
    }

    fn set_ranking(&mut self, place: PlaceId, ranking: Ranking) -> &mut Self {
        match self.rankings.get_mut(place as usize) {
            Some(slot) => *slot = Some(ranking),
            None => self.note(self.place_out_of_range(place)),
        }
        self
    }

    fn place_out_of_range(&self, place: PlaceId) -> ErrorKind {
        ErrorKind::PlaceOutOfRange {
            place: u64::from(place),
            places: self.capacities.len(),
        }
    }

    fn note(&mut self, kind: ErrorKind) {
        self.first_error.get_or_insert(kind);
    }
}

/// Checks trainees' lists, then each place's ranking against the applicants,
/// in time linear in the number of entries, and fills in `trainee_ranks`.
///
/// Fields that are read together are stored together (pairs rather than
/// parallel arrays), which halves the cache misses at a million trainees.
pub(crate) struct Validator {
    trainees: usize,
    /// Applicants of each place in trainee order: `applicant_offsets[p]..[p + 1]`.
    applicant_offsets: Vec<u32>,
    applicants: Vec<Applicant>,
    /// Per trainee, scratch for the place being checked.
    marks: Vec<Mark>,
    trainee_ranks: Vec<u32>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Applicant {
    trainee: u32,
    /// Index of the trainee's entry naming this place.
    entry: u32,
}

#[derive(Debug, Clone, Copy, Default)]
struct Mark {
    /// `p + 1` while the trainee is an applicant of place `p` being checked.
    place_plus_one: u32,
    /// The trainee's entry naming that place, or [`SEEN`] once ranked.
    entry: u32,
}

/// Marks an applicant already ranked (entries are below `u32::MAX`).
const SEEN: u32 = u32::MAX;

impl Validator {
    /// Checks every trainee's list (ids in range, no duplicates) and indexes applicants by place.
    pub(crate) fn new(
        trainees: usize,
        places: usize,
        trainee_offsets: &[u32],
        trainee_prefs: &[u32],
    ) -> Result<Self, Error> {
        if trainees > MAX_COUNT || places > MAX_COUNT || trainee_prefs.len() > MAX_COUNT {
            return Err(ErrorKind::InstanceTooLarge.into());
        }
        let mut seen = vec![u32::MAX; places];
        let mut counts = vec![0u32; places + 1];
        for trainee in 0..trainees {
            let list = &trainee_prefs
                [trainee_offsets[trainee] as usize..trainee_offsets[trainee + 1] as usize];
            check_trainee_list(trainee as u32, list, &mut seen)?;
            for &place in list {
                counts[place as usize + 1] += 1;
            }
        }
        Ok(Self::index(
            trainees,
            counts,
            trainee_offsets,
            trainee_prefs,
        ))
    }

    /// Indexes applicants by place, once every trainee list is known to be valid;
    /// `counts[p + 1]` holds the number of applicants of place `p`.
    pub(crate) fn index(
        trainees: usize,
        mut counts: Vec<u32>,
        trainee_offsets: &[u32],
        trainee_prefs: &[u32],
    ) -> Self {
        for p in 1..counts.len() {
            counts[p] += counts[p - 1];
        }
        let applicant_offsets = counts.clone();
        let mut cursor = counts;
        let mut applicants = vec![Applicant::default(); trainee_prefs.len()];
        for trainee in 0..trainees {
            for entry in trainee_offsets[trainee]..trainee_offsets[trainee + 1] {
                let place = trainee_prefs[entry as usize] as usize;
                applicants[cursor[place] as usize] = Applicant {
                    trainee: trainee as u32,
                    entry,
                };
                cursor[place] += 1;
            }
        }
        Self {
            trainees,
            applicant_offsets,
            applicants,
            marks: vec![Mark::default(); trainees],
            trainee_ranks: vec![0; trainee_prefs.len()],
        }
    }

    /// The trainees who listed `place`, in trainee order.
    pub(crate) fn applicants_of(&self, place: PlaceId) -> impl Iterator<Item = TraineeId> + '_ {
        let p = place as usize;
        self.applicants[self.applicant_offsets[p] as usize..self.applicant_offsets[p + 1] as usize]
            .iter()
            .map(|a| a.trainee)
    }

    /// Checks that `list` ranks exactly the applicants of `place`, each once.
    pub(crate) fn check_place(
        &mut self,
        place: PlaceId,
        list: &[TraineeId],
    ) -> Result<(), ErrorKind> {
        let p = place as usize;
        let range = self.applicant_offsets[p] as usize..self.applicant_offsets[p + 1] as usize;
        let stamp = place + 1;
        for applicant in &self.applicants[range.clone()] {
            self.marks[applicant.trainee as usize] = Mark {
                place_plus_one: stamp,
                entry: applicant.entry,
            };
        }
        for (rank, &trainee) in list.iter().enumerate() {
            let mark =
                self.marks
                    .get_mut(trainee as usize)
                    .ok_or(ErrorKind::TraineeOutOfRange {
                        trainee: u64::from(trainee),
                        trainees: self.trainees,
                    })?;
            if mark.place_plus_one != stamp {
                return Err(ErrorKind::NotAnApplicant { place, trainee });
            }
            if mark.entry == SEEN {
                return Err(ErrorKind::DuplicateTrainee { place, trainee });
            }
            self.trainee_ranks[mark.entry as usize] = rank as u32;
            mark.entry = SEEN;
        }
        if list.len() != range.len() {
            let missing = self.applicants[range]
                .iter()
                .find(|a| self.marks[a.trainee as usize].entry != SEEN)
                .map(|a| a.trainee)
                .unwrap_or_default();
            return Err(ErrorKind::ApplicantNotRanked {
                place,
                trainee: missing,
            });
        }
        Ok(())
    }

    /// The rank of each entry's trainee at the entry's place.
    pub(crate) fn finish(self) -> Vec<u32> {
        self.trainee_ranks
    }
}

/// Checks one trainee's list: places in range and no place twice. `seen` is
/// scratch of one slot per place, stamped with the trainee id.
pub(crate) fn check_trainee_list(
    trainee: TraineeId,
    list: &[PlaceId],
    seen: &mut [u32],
) -> Result<(), ErrorKind> {
    let places = seen.len();
    for &place in list {
        let slot = seen
            .get_mut(place as usize)
            .ok_or(ErrorKind::PlaceOutOfRange {
                place: u64::from(place),
                places,
            })?;
        if *slot == trainee {
            return Err(ErrorKind::DuplicatePlace { trainee, place });
        }
        *slot = trainee;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_by_two() -> InstanceBuilder {
        let mut builder = InstanceBuilder::new(2, 2);
        builder
            .preferences(0, &[0, 1])
            .preferences(1, &[1])
            .capacity(0, 1)
            .capacity(1, 1);
        builder
    }

    #[test]
    fn unranked_places_rank_their_applicants_by_lottery() {
        let mut builder = InstanceBuilder::new(4, 1);
        for t in 0..4 {
            builder.preferences(t, &[0]);
        }
        builder.lottery_seed(99);

        let instance = builder.build().unwrap();

        let lottery = instance.lottery().unwrap();
        let numbers: Vec<u32> = instance
            .ranking(0)
            .iter()
            .map(|&t| lottery.number(t))
            .collect();
        assert_eq!(numbers, vec![0, 1, 2, 3]);
    }

    #[test]
    fn equal_scores_are_ordered_by_lottery_number() {
        let mut builder = InstanceBuilder::new(3, 1);
        builder
            .preferences(0, &[0])
            .preferences(1, &[0])
            .preferences(2, &[0]);
        builder
            .rank_by_score(0, &[(0, 70), (1, 70), (2, 95)])
            .lottery_seed(5);

        let instance = builder.build().unwrap();

        let lottery = instance.lottery().unwrap();
        let ranking = instance.ranking(0);
        assert_eq!(ranking[0], 2);
        assert!(lottery.number(ranking[1]) < lottery.number(ranking[2]));
        assert_eq!(instance.score(0, 1), Some(70));
    }

    #[test]
    fn a_ranking_that_leaves_out_an_applicant_is_refused() {
        let mut builder = InstanceBuilder::new(2, 1);
        builder
            .preferences(0, &[0])
            .preferences(1, &[0])
            .rank_by_order(0, &[1]);

        let error = builder.build().unwrap_err();

        assert_eq!(
            error.kind(),
            &ErrorKind::ApplicantNotRanked {
                place: 0,
                trainee: 0
            }
        );
    }

    #[test]
    fn a_ranking_of_a_non_applicant_is_refused() {
        let mut builder = two_by_two();
        builder.rank_by_order(0, &[0, 1]);

        let error = builder.build().unwrap_err();

        assert_eq!(
            error.kind(),
            &ErrorKind::NotAnApplicant {
                place: 0,
                trainee: 1
            }
        );
    }

    #[test]
    fn a_ranking_of_a_non_applicant_is_refused_even_when_listed_first() {
        let mut builder = InstanceBuilder::new(2, 1);
        builder.preferences(0, &[0]).rank_by_order(0, &[1, 0]);

        let error = builder.build().unwrap_err();

        assert_eq!(
            error.kind(),
            &ErrorKind::NotAnApplicant {
                place: 0,
                trainee: 1
            }
        );
    }

    #[test]
    fn a_duplicate_place_in_a_list_is_refused() {
        let mut builder = two_by_two();
        builder.preferences(0, &[0, 0]);

        let error = builder.build().unwrap_err();

        assert_eq!(
            error.kind(),
            &ErrorKind::DuplicatePlace {
                trainee: 0,
                place: 0
            }
        );
    }

    #[test]
    fn an_out_of_range_place_is_refused_at_build() {
        let mut builder = two_by_two();
        builder.capacity(7, 1);

        let error = builder.build().unwrap_err();

        assert_eq!(
            error.kind(),
            &ErrorKind::PlaceOutOfRange {
                place: 7,
                places: 2
            }
        );
    }

    #[test]
    fn rank_at_reports_positions_in_the_place_ranking() {
        let mut builder = two_by_two();
        builder.rank_by_order(1, &[1, 0]);

        let instance = builder.build().unwrap();

        assert_eq!(instance.rank_at(1, 1), Some(0));
        assert_eq!(instance.rank_at(1, 0), Some(1));
        assert_eq!(instance.rank_at(0, 1), None);
        assert_eq!(instance.choice_of(0, 1), Some(1));
    }
}
