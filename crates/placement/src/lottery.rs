//! The tie-break lottery: one number per trainee, drawn from a recorded seed.
//!
//! The same seed always draws the same numbers, so anyone holding the seed can
//! redraw them and confirm a result. The generator borrows the same small PRNG.

/// Lottery numbers for every trainee, a shuffle of `0..trainees` drawn from `seed`.
///
/// A lower number wins a tie. Each trainee has one number used at every place
/// (single tie-breaking), so no trainee is lucky at one place and unlucky at
/// another, and the draw cannot be redone place by place.
///
/// ```
/// use gongjiang_placement::Lottery;
///
/// let a = Lottery::draw(2024, 5);
/// let b = Lottery::draw(2024, 5);
/// assert_eq!(a, b);
/// let mut numbers = a.numbers().to_vec();
/// numbers.sort();
/// assert_eq!(numbers, vec![0, 1, 2, 3, 4]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lottery {
    seed: u64,
    numbers: Vec<u32>,
}

impl Lottery {
    /// Draws numbers for `trainees` trainees from `seed` by a Fisher–Yates
    /// shuffle driven by SplitMix64.
    pub fn draw(seed: u64, trainees: usize) -> Self {
        let mut rng = SplitMix64::new(seed);
        let mut order: Vec<u32> = (0..trainees as u32).collect();
        for i in (1..order.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            order.swap(i, j);
        }
        let mut numbers = vec![0u32; trainees];
        for (position, &trainee) in order.iter().enumerate() {
            numbers[trainee as usize] = position as u32;
        }
        Self { seed, numbers }
    }

    /// The seed the numbers were drawn from.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The lottery number of `trainee`; lower wins ties. Panics if out of range.
    pub fn number(&self, trainee: u32) -> u32 {
        self.numbers[trainee as usize]
    }

    /// Every trainee's number, indexed by trainee id.
    pub fn numbers(&self) -> &[u32] {
        &self.numbers
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast, and good enough for
/// shuffles and test data. Not for secrets.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`), by multiply-shift; the bias is below 2^-32 for `n < 2^32`.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A float in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn different_seeds_draw_different_numbers() {
        let a = Lottery::draw(1, 50);
        let b = Lottery::draw(2, 50);
        assert_ne!(a.numbers(), b.numbers());
    }

    #[test]
    fn below_stays_in_range() {
        let mut rng = SplitMix64::new(7);
        for n in 1..100 {
            assert!(rng.below(n) < n);
        }
    }
}
