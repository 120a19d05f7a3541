//! GraphiQL is served by the binary alone: its page loads only files of this server, each with its
//! content type, under the app's policy, which names no other origin.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::helpers::TestApp;

fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).unwrap()
}

/// The values of the `src` and `href` attributes in `html`.
fn references(html: &str) -> Vec<&str> {
    ["src=\"", "href=\""]
        .into_iter()
        .flat_map(|attribute| html.split(attribute).skip(1).filter_map(|rest| rest.split('"').next()))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn graphiql_loads_only_files_the_server_serves() {
    let app = TestApp::spawn().await;
    let page = app.send(get("/graphql")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
    let html = page.body.as_str().unwrap();
    assert_eq!(html.matches("<script").count(), html.matches("<script src=").count(), "no inline script");

    let references = references(html);
    for bundle in
        ["graphiql.min.js", "graphiql.min.css", "react.production.min.js", "react-dom.production.min.js"]
    {
        assert!(references.iter().any(|r| r.ends_with(&format!("/{bundle}"))), "{bundle}: {references:?}");
    }
    for reference in references {
        assert!(reference.starts_with("/graphiql/"), "{reference} is not a file of this server");
        let asset = app.send(get(reference)).await;
        assert_eq!(asset.status, StatusCode::OK, "{reference}");
        let expected = if reference.ends_with(".css") { "text/css" } else { "text/javascript" };
        assert_eq!(asset.headers[header::CONTENT_TYPE], expected, "{reference}");
        assert!(asset.body.as_str().is_some_and(|body| body.len() > 100), "{reference} is empty");
    }
    // Only the page's files are embedded, not the rest of node_modules.
    let other = app.send(get("/graphiql/node_modules/graphql/package.json")).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);

    let policy = page.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    for directive in policy.split(';') {
        let mut sources = directive.split_whitespace();
        let name = sources.next().unwrap_or_default();
        for source in sources {
            assert!(source.starts_with('\'') || source == "data:", "{name} allows {source}: {policy}");
        }
        if name == "script-src" {
            assert!(directive.contains("'self'") && !directive.contains("'unsafe-inline'"), "{policy}");
        }
    }
}
