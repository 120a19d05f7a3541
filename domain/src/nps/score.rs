//! The NPS arithmetic: how a score counts (promoter, passive, detractor) and the score of a
//! set of answers.

use serde::Serialize;

/// How an answer of 0 to 10 counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Band {
    /// 0 to 6.
    Detractor,
    /// 7 or 8.
    Passive,
    /// 9 or 10.
    Promoter,
}

impl Band {
    /// The band of `score` (0 to 10).
    pub fn of(score: i32) -> Band {
        match score {
            9.. => Band::Promoter,
            7 | 8 => Band::Passive,
            _ => Band::Detractor,
        }
    }
}

/// The counts of a set of answers by band.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub promoters: i64,
    pub passives: i64,
    pub detractors: i64,
}

impl Tally {
    /// Counts one answer of `score`.
    pub fn add(&mut self, score: i32) {
        match Band::of(score) {
            Band::Promoter => self.promoters += 1,
            Band::Passive => self.passives += 1,
            Band::Detractor => self.detractors += 1,
        }
    }

    /// The tally of `scores`.
    pub fn of(scores: impl IntoIterator<Item = i32>) -> Tally {
        let mut tally = Tally::default();
        scores.into_iter().for_each(|score| tally.add(score));
        tally
    }

    /// How many answers.
    pub fn responses(&self) -> i64 {
        self.promoters + self.passives + self.detractors
    }

    /// The Net Promoter Score: % promoters (9–10) − % detractors (0–6), from −100 to 100, as an
    /// integer: `round(100 × (promoters − detractors) / responses)` with a half rounded away from
    /// zero (50.5 → 51, −50.5 → −51), computed in integers so no float error moves a half.
    /// `None` with no answers.
    pub fn nps(&self) -> Option<i32> {
        let responses = self.responses();
        if responses == 0 {
            return None;
        }
        let numerator = 100 * (self.promoters - self.detractors);
        let rounded = (2 * numerator.abs() + responses) / (2 * responses);
        Some((numerator.signum() * rounded) as i32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(promoters: i64, passives: i64, detractors: i64) -> Tally {
        Tally { promoters, passives, detractors }
    }

    #[test]
    fn no_answers_have_no_score() {
        assert_eq!(Tally::default().nps(), None);
    }

    #[test]
    fn all_passives_score_zero() {
        assert_eq!(Tally::of([7, 8, 8, 7]).nps(), Some(0));
    }

    #[test]
    fn one_detractor_scores_minus_100() {
        assert_eq!(Tally::of([6]).nps(), Some(-100));
        assert_eq!(Tally::of([0]).nps(), Some(-100));
    }

    #[test]
    fn all_promoters_score_100() {
        assert_eq!(Tally::of([9, 10, 10]).nps(), Some(100));
    }

    #[test]
    fn halves_round_away_from_zero() {
        // 101 promoters, 99 passives of 200: 50.5.
        assert_eq!(tally(101, 99, 0).nps(), Some(51));
        assert_eq!(tally(0, 99, 101).nps(), Some(-51));
        // 1 of 8: 12.5.
        assert_eq!(tally(1, 7, 0).nps(), Some(13));
        assert_eq!(tally(0, 7, 1).nps(), Some(-13));
        // Below a half goes toward zero: 1 of 3 is 33.33….
        assert_eq!(tally(1, 2, 0).nps(), Some(33));
        assert_eq!(tally(0, 1, 2).nps(), Some(-67));
    }

    #[test]
    fn bands_split_at_6_and_8() {
        let bands: Vec<Band> = (0..=10).map(Band::of).collect();
        assert_eq!(bands.iter().filter(|b| **b == Band::Detractor).count(), 7);
        assert_eq!(bands[7], Band::Passive);
        assert_eq!(bands[8], Band::Passive);
        assert_eq!(bands[9], Band::Promoter);
    }
}
