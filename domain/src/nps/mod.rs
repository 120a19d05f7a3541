//! NPS (pesquisa de satisfação): when a service order is finished its customer gets a survey (in
//! the portal, and by e-mail with a link that works without sign-in); they answer 0–10 with an
//! optional comment, once per order. NPS = % promoters (9–10) − % detractors (0–6), rounded to an
//! integer with halves away from zero ([`Tally::nps`]). A detractor's answer alerts the admins;
//! a promoter is invited to review the workshop at the link the ADMIN sets.

mod answer;
pub mod events;
mod models;
mod report;
mod score;
mod settings;
mod survey;

pub use answer::{Answer, Answered, COMMENT_MAX};
pub use models::NpsResponse;
pub use report::{MechanicScore, MonthScore, NpsReport, RECENT_DETRACTORS, REPORT_MAX_DAYS, pending_surveys};
pub use score::{Band, Tally};
pub use settings::{REVIEW_URL_MAX, review_url, update_review_url};
pub use survey::{SURVEY_LIFETIME, SurveyView, answer_by_token, survey};

pub(crate) use answer::answer_as_by_link;
pub(crate) use survey::send_survey;
