//! The program form and its validation.

use super::models::ProgramKind;
use crate::error::DomainError;
use crate::message::Message;
use crate::types::Text;

/// The longest program name.
pub const NAME_MAX: usize = 80;
/// The longest description (of the program and of its reward).
pub const DESCRIPTION_MAX: usize = 500;

/// What an ADMIN types for a program. POINTS needs `points_per_real` (1..=1000) and
/// `reward_points` (1..=1,000,000); VISITS needs `visits_for_reward` (2..=100); the other kind's
/// fields must be empty.
#[derive(Debug, Clone)]
pub struct ProgramInput {
    pub name: String,
    pub description: Option<String>,
    pub kind: ProgramKind,
    pub points_per_real: Option<i64>,
    pub reward_points: Option<i64>,
    pub visits_for_reward: Option<i64>,
    pub reward_description: String,
    /// The reward's value in centavos; omitted: the labour of the order it is applied to.
    pub reward_cents: Option<i64>,
}

/// A checked program form, as stored.
#[derive(Debug, Clone)]
pub(super) struct ValidProgram {
    pub name: String,
    pub description: String,
    pub kind: ProgramKind,
    pub points_per_real: i64,
    pub reward_points: i64,
    pub visits_for_reward: i64,
    pub reward_description: String,
    pub reward_cents: Option<i64>,
}

/// `value` at `field`, required and within `range`.
fn required_in(
    field: &str,
    value: Option<i64>,
    range: std::ops::RangeInclusive<i64>,
) -> Result<i64, DomainError> {
    match value {
        Some(v) if range.contains(&v) => Ok(v),
        _ => Err(DomainError::invalid(
            field,
            Message::owned(
                format!("Informe um número inteiro de {} a {}.", range.start(), range.end()),
                format!("Enter a whole number from {} to {}.", range.start(), range.end()),
            ),
        )),
    }
}

/// BAD_USER_INPUT on `field` when the other kind's field is filled.
fn absent(field: &str, value: Option<i64>) -> Result<(), DomainError> {
    if value.is_some() {
        return Err(DomainError::invalid(
            field,
            Message::new(
                "Este campo não se aplica a este tipo de programa.",
                "This field does not apply to this kind of program.",
            ),
        ));
    }
    Ok(())
}

impl ProgramInput {
    /// Checks every field; the error names the first wrong one.
    pub(super) fn validate(self) -> Result<ValidProgram, DomainError> {
        let name = Text::required(&self.name, NAME_MAX, Message::new("Informe o nome.", "Enter the name."))
            .map_err(DomainError::invalid_at("name"))?;
        let description = Text::optional(self.description.as_deref(), DESCRIPTION_MAX)
            .map_err(DomainError::invalid_at("description"))?;
        let reward_description = Text::required(
            &self.reward_description,
            DESCRIPTION_MAX,
            Message::new("Descreva a recompensa.", "Describe the reward."),
        )
        .map_err(DomainError::invalid_at("rewardDescription"))?;
        let (points_per_real, reward_points, visits_for_reward) = match self.kind {
            ProgramKind::Points => {
                absent("visitsForReward", self.visits_for_reward)?;
                (
                    required_in("pointsPerReal", self.points_per_real, 1..=1000)?,
                    required_in("rewardPoints", self.reward_points, 1..=1_000_000)?,
                    0,
                )
            }
            ProgramKind::Visits => {
                absent("pointsPerReal", self.points_per_real)?;
                absent("rewardPoints", self.reward_points)?;
                (0, 0, required_in("visitsForReward", self.visits_for_reward, 2..=100)?)
            }
        };
        if let Some(cents) = self.reward_cents {
            required_in("rewardCents", Some(cents), 1..=100_000_000)?;
        }
        Ok(ValidProgram {
            name: name.into_string(),
            description: description.map(Text::into_string).unwrap_or_default(),
            kind: self.kind,
            points_per_real,
            reward_points,
            visits_for_reward,
            reward_description: reward_description.into_string(),
            reward_cents: self.reward_cents,
        })
    }
}
