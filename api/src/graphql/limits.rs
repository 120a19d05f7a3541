//! What one GraphQL request may ask for, checked on the parsed and validated document before
//! anything runs: depth, cost (lists cost their page size), aliases, directives and root mutation
//! fields; and the largest body the POST handler reads.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextValidation,
};
use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, OperationType, Selection, SelectionSet,
};
use async_graphql::{ServerError, ServerResult, ValidationResult, Variables};
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use oficina_domain::Message;

use crate::error::ApiError;
use crate::graphql::http;

/// The deepest selection allowed (`customer { vehicles { customer { … } } }` counts each level;
/// introspection's `ofType`, one object per level, does not).
pub const MAX_DEPTH: usize = 12;
/// The largest cost of an operation: each field costs 1, a list of pages costs its page size
/// times what each item selects.
pub const MAX_COMPLEXITY: usize = 5_000;
/// The most aliases in a document.
pub const MAX_ALIASES: usize = 30;
/// The most directives in a document.
pub const MAX_DIRECTIVES: usize = 20;
/// The most fields at the root of a mutation: each is a command of its own.
pub const MAX_ROOT_MUTATIONS: usize = 5;
/// The longest customer search, in characters.
pub const MAX_SEARCH_CHARS: usize = 100;
/// The most words of a customer search (each word narrows the search with a condition of its own).
pub const MAX_SEARCH_WORDS: usize = 8;
/// The largest request body the GraphQL POST handler reads.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The schema extension that refuses an over-limit document before it runs.
pub struct DocumentLimits;

impl ExtensionFactory for DocumentLimits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(DocumentLimits)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for DocumentLimits {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await.map_err(unparsable)?;
        check_document(&document)?;
        Ok(document)
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        let result = next.run(ctx).await?;
        if result.complexity > MAX_COMPLEXITY {
            return Err(vec![refused(Message::owned(
                format!(
                    "A consulta pede dados demais de uma vez (custo {}, máximo {MAX_COMPLEXITY}); peça páginas menores.",
                    result.complexity
                ),
                format!(
                    "The query asks for too much at once (cost {}, at most {MAX_COMPLEXITY}); ask for smaller pages.",
                    result.complexity
                ),
            ))]);
        }
        Ok(result)
    }
}

/// A free-text argument of at most `max` characters, or BAD_USER_INPUT on `field`.
pub fn text(field: &str, value: Option<&str>, max: usize) -> Result<(), ApiError> {
    match value {
        Some(value) if value.chars().count() > max => Err(ApiError::bad_input(field, Message::too_long(max))),
        _ => Ok(()),
    }
}

/// A customer search within [`MAX_SEARCH_CHARS`] and [`MAX_SEARCH_WORDS`], or BAD_USER_INPUT on
/// `search`.
pub fn search(value: Option<&str>) -> Result<(), ApiError> {
    text("search", value, MAX_SEARCH_CHARS)?;
    if value.is_some_and(|v| v.split_whitespace().count() > MAX_SEARCH_WORDS) {
        return Err(ApiError::bad_input(
            "search",
            Message::owned(
                format!("Busque com no máximo {MAX_SEARCH_WORDS} palavras."),
                format!("Search with at most {MAX_SEARCH_WORDS} words."),
            ),
        ));
    }
    Ok(())
}

/// A document that does not parse, in a few words: the parser's message repeats the whole line
/// (a megabyte when the query is one line), and its nesting guards (async-graphql's 32 levels,
/// pest's stack limit) are the depth limit to the client.
fn unparsable(error: ServerError) -> ServerError {
    let lowercase = error.message.to_lowercase();
    if lowercase.contains("recursion") || lowercase.contains("stack limit") {
        return refused(too_deep());
    }
    let reason = error.message.lines().rev().find_map(|line| line.trim().strip_prefix("= ")).unwrap_or("");
    let reason: String = reason.chars().take(200).collect();
    let mut short = refused(Message::owned(
        format!("Erro de sintaxe na consulta: {reason}"),
        format!("Syntax error in the query: {reason}"),
    ));
    short.locations = error.locations;
    short
}

/// The query nests more than [`MAX_DEPTH`] levels.
fn too_deep() -> Message {
    Message::owned(
        format!("A consulta passa de {MAX_DEPTH} níveis de profundidade."),
        format!("The query is deeper than {MAX_DEPTH} levels."),
    )
}

/// BAD_USER_INPUT on `query` with `message`.
fn refused(message: Message) -> ServerError {
    async_graphql::Error::from(ApiError::bad_input("query", message)).into_server_error(Default::default())
}

/// Counts aliases, directives and root mutation fields of a parsed document.
fn check_document(document: &ExecutableDocument) -> ServerResult<()> {
    let mut counts = Counts::default();
    let operations: Vec<_> = match &document.operations {
        DocumentOperations::Single(operation) => vec![operation],
        DocumentOperations::Multiple(map) => map.values().collect(),
    };
    for operation in &operations {
        counts.directives += operation.node.directives.len();
        counts.directives +=
            operation.node.variable_definitions.iter().map(|v| v.node.directives.len()).sum::<usize>();
        counts.selection_set(&operation.node.selection_set.node);
    }
    for fragment in document.fragments.values() {
        counts.directives += fragment.node.directives.len();
        counts.selection_set(&fragment.node.selection_set.node);
    }
    let mut depth = Depth { document, fragments: HashMap::new() };
    if operations.iter().any(|op| depth.of(&op.node.selection_set.node) > MAX_DEPTH) {
        return Err(refused(too_deep()));
    }
    let most_mutations = operations
        .iter()
        .filter(|op| op.node.ty == OperationType::Mutation)
        .map(|op| root_fields(document, &op.node.selection_set.node, &mut HashSet::new()))
        .max()
        .unwrap_or(0);
    if most_mutations > MAX_ROOT_MUTATIONS {
        return Err(refused(Message::owned(
            format!("Envie no máximo {MAX_ROOT_MUTATIONS} mutações por requisição."),
            format!("Send at most {MAX_ROOT_MUTATIONS} mutations per request."),
        )));
    }
    if counts.aliases > MAX_ALIASES {
        return Err(refused(Message::owned(
            format!("Use no máximo {MAX_ALIASES} apelidos (aliases) por requisição."),
            format!("Use at most {MAX_ALIASES} aliases per request."),
        )));
    }
    if counts.directives > MAX_DIRECTIVES {
        return Err(refused(Message::owned(
            format!("Use no máximo {MAX_DIRECTIVES} diretivas por requisição."),
            format!("Use at most {MAX_DIRECTIVES} directives per request."),
        )));
    }
    Ok(())
}

/// Aliases and directives written in a document.
#[derive(Default)]
struct Counts {
    aliases: usize,
    directives: usize,
}

impl Counts {
    fn selection_set(&mut self, set: &SelectionSet) {
        for selection in &set.items {
            match &selection.node {
                Selection::Field(field) => {
                    self.aliases += usize::from(field.node.alias.is_some());
                    self.directives += field.node.directives.len();
                    self.selection_set(&field.node.selection_set.node);
                }
                Selection::FragmentSpread(spread) => self.directives += spread.node.directives.len(),
                Selection::InlineFragment(inline) => {
                    self.directives += inline.node.directives.len();
                    self.selection_set(&inline.node.selection_set.node);
                }
            }
        }
    }
}

/// How deep selection sets nest fields, through fragments. An `ofType` level does not count: it is
/// one object (a wrapper of an introspected type), and the standard introspection query that
/// GraphiQL and code generators send nests it nine deep.
struct Depth<'a> {
    document: &'a ExecutableDocument,
    /// Each fragment's depth once known; `None` while it is being measured (a cycle adds nothing).
    fragments: HashMap<&'a str, Option<usize>>,
}

impl<'a> Depth<'a> {
    fn of(&mut self, set: &'a SelectionSet) -> usize {
        let mut deepest = 0;
        for selection in &set.items {
            let depth = match &selection.node {
                Selection::Field(field) => {
                    let level = usize::from(field.node.name.node.as_str() != "ofType");
                    level + self.of(&field.node.selection_set.node)
                }
                Selection::InlineFragment(inline) => self.of(&inline.node.selection_set.node),
                Selection::FragmentSpread(spread) => {
                    let name = spread.node.fragment_name.node.as_str();
                    match (self.fragments.get(name), self.document.fragments.get(name)) {
                        (Some(known), _) => known.unwrap_or(0),
                        (None, Some(fragment)) => {
                            self.fragments.insert(name, None);
                            let depth = self.of(&fragment.node.selection_set.node);
                            self.fragments.insert(name, Some(depth));
                            depth
                        }
                        (None, None) => 0,
                    }
                }
            };
            deepest = deepest.max(depth);
        }
        deepest
    }
}

/// The fields a root selection set runs, through its fragments (each fragment once, so a cycle
/// ends).
fn root_fields<'a>(
    document: &'a ExecutableDocument,
    set: &'a SelectionSet,
    seen: &mut HashSet<&'a str>,
) -> usize {
    set.items
        .iter()
        .map(|selection| match &selection.node {
            Selection::Field(_) => 1,
            Selection::InlineFragment(inline) => root_fields(document, &inline.node.selection_set.node, seen),
            Selection::FragmentSpread(spread) => {
                let name = spread.node.fragment_name.node.as_str();
                match document.fragments.get(name) {
                    Some(fragment) if seen.insert(name) => {
                        root_fields(document, &fragment.node.selection_set.node, seen)
                    }
                    _ => 0,
                }
            }
        })
        .sum()
}

/// A GraphQL POST request read with at most [`MAX_BODY_BYTES`] of body: a larger one is 413
/// before any of it is parsed. Only JSON bodies are read: any other content type (the ones a
/// cross-site form can send without a preflight among them) is 415. A body that is not a
/// GraphQL request ([`http::from_json`]) is 400.
pub struct LimitedRequest(pub async_graphql::Request);

impl<S: Send + Sync> FromRequest<S> for LimitedRequest {
    type Rejection = Response;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Response> {
        let headers = request.headers().clone();
        let content_type = headers.get(header::CONTENT_TYPE).and_then(|value| value.to_str().ok());
        if !content_type.is_some_and(is_json) {
            return Err((StatusCode::UNSUPPORTED_MEDIA_TYPE, "Envie a requisição como application/json.")
                .into_response());
        }
        let body = axum::body::to_bytes(request.into_body(), MAX_BODY_BYTES).await.map_err(|_| {
            (StatusCode::PAYLOAD_TOO_LARGE, "O corpo da requisição passa de 1 MiB.").into_response()
        })?;
        let Some(parsed) = http::from_json(&body) else {
            return Err(http::malformed(&headers).await);
        };
        Ok(Self(parsed))
    }
}

/// Whether a `Content-Type` is `application/json` or `application/graphql-response+json`, with
/// any parameters.
fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("application/json")
        || essence.eq_ignore_ascii_case("application/graphql-response+json")
}
