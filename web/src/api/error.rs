use std::fmt;

/// What went wrong with a request, chosen by the GraphQL error's `extensions.code`.
///
/// Only [`ApiError::BadUserInput`] carries the server's message (a sentence for a person, in the
/// language the request asked for); every other variant is shown with a translated message chosen by the variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// `BAD_USER_INPUT`: `field` is the input field at fault (`input.cnpj` becomes `cnpj`,
    /// `input.phones.1.number` becomes `phones.1.number`).
    BadUserInput {
        /// The input field at fault, when the server names one.
        field: Option<String>,
        /// The server's sentence explaining what is wrong.
        message: String,
    },
    /// `UNAUTHENTICATED`: nobody is signed in, or the credentials are wrong.
    Unauthenticated,
    /// `FORBIDDEN`: the signed-in role may not do this.
    Forbidden,
    /// `NOT_FOUND`.
    NotFound,
    /// `CONFLICT`: something with the same unique data already exists, or the state changed
    /// under the request (a slot just taken).
    Conflict {
        /// The input field that clashes, when the server names one.
        field: Option<String>,
        /// The server's sentence, for a page that shows it rather than the general one.
        message: String,
    },
    /// `RATE_LIMITED`: too many attempts (or the server is busy); wait a while.
    RateLimited,
    /// `MFA_REQUIRED`: the password was right and the user has MFA on; send a code with this
    /// challenge (`completeMfaSignIn`).
    MfaRequired {
        /// The short-lived challenge from `extensions.challenge`.
        challenge: String,
    },
    /// `MFA_ENROLMENT_REQUIRED`: the workshop requires MFA and this person has not turned it on.
    MfaEnrolmentRequired,
    /// `INTERNAL`, an unknown code, or an answer the app cannot read.
    Internal,
    /// The server could not be reached.
    Network,
}

impl ApiError {
    /// Reads one GraphQL error of the server's response.
    pub(super) fn from_graphql(error: &graphql_client::Error) -> Self {
        let extension = |key: &str| {
            error
                .extensions
                .as_ref()
                .and_then(|extensions| extensions.get(key))
                .and_then(serde_json::Value::as_str)
        };
        let field = extension("field").map(input_name);
        match extension("code") {
            Some("BAD_USER_INPUT") => Self::BadUserInput { field, message: error.message.clone() },
            Some("UNAUTHENTICATED") => Self::Unauthenticated,
            Some("FORBIDDEN") => Self::Forbidden,
            Some("NOT_FOUND") => Self::NotFound,
            Some("CONFLICT") => Self::Conflict { field, message: error.message.clone() },
            Some("RATE_LIMITED") => Self::RateLimited,
            Some("MFA_REQUIRED") => {
                Self::MfaRequired { challenge: extension("challenge").unwrap_or_default().to_owned() }
            }
            Some("MFA_ENROLMENT_REQUIRED") => Self::MfaEnrolmentRequired,
            _ => Self::Internal,
        }
    }

    /// Whether this is BAD_USER_INPUT on the field `name`, e.g. a link's `token` that is used,
    /// expired or unknown.
    pub fn is_bad_input_on(&self, name: &str) -> bool {
        matches!(self, Self::BadUserInput { field: Some(field), .. } if field == name)
    }

    /// The form field this error belongs next to, if any (the input's `name`).
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::BadUserInput { field, .. } | Self::Conflict { field, .. } => field.as_deref(),
            _ => None,
        }
    }
}

/// The form field name in a GraphQL input path: the path without the argument that holds the
/// input, a list's place written with a dot (`input.cnpj` → `cnpj`, `input.phones.1.number` and
/// `input.phones[1].number` → `phones.1.number`).
fn input_name(path: &str) -> String {
    path.strip_prefix("input.").unwrap_or(path).replace('[', ".").replace(']', "")
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BadUserInput { message, .. } => write!(f, "BAD_USER_INPUT: {message}"),
            Self::Unauthenticated => f.write_str("UNAUTHENTICATED"),
            Self::Forbidden => f.write_str("FORBIDDEN"),
            Self::NotFound => f.write_str("NOT_FOUND"),
            Self::Conflict { .. } => f.write_str("CONFLICT"),
            Self::RateLimited => f.write_str("RATE_LIMITED"),
            Self::MfaRequired { .. } => f.write_str("MFA_REQUIRED"),
            Self::MfaEnrolmentRequired => f.write_str("MFA_ENROLMENT_REQUIRED"),
            Self::Internal => f.write_str("INTERNAL"),
            Self::Network => f.write_str("network failure"),
        }
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::input_name;

    #[test]
    fn a_field_is_its_input_path_without_the_argument() {
        assert_eq!(input_name("input.cnpj"), "cnpj");
        assert_eq!(input_name("input.phones.1.number"), "phones.1.number");
        assert_eq!(input_name("input.addresses.0.cep"), "addresses.0.cep");
        assert_eq!(input_name("plate"), "plate");
        assert_eq!(input_name("input.openingHours[2].closes"), "openingHours.2.closes");
        assert_eq!(input_name("input.closedDates[0]"), "closedDates.0");
    }
}
