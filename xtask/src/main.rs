//! Project tasks: `cargo xtask run | test | dist | schema`.
//!
//! Each task first installs what a fresh machine lacks (the wasm32 target, trunk, wasm-bindgen-cli
//! at the version in Cargo.lock, GraphiQL's npm packages at the versions in its package-lock.json,
//! and for the browser tests Debian's chromium and chromium-driver), and never downloads anything
//! but packages from the registries.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

/// The trunk release that runs on this toolchain (0.22 needs a newer rustc).
const TRUNK_VERSION: &str = "0.21.14";

/// Where GraphiQL's npm packages go; the server embeds their browser bundles.
const GRAPHIQL_DIR: &str = "api/graphiql";

fn main() -> Result<()> {
    let task = std::env::args().nth(1).unwrap_or_default();
    let root = workspace_root();
    std::env::set_current_dir(&root)?;
    match task.as_str() {
        "run" => run(),
        "test" => test(),
        "dist" => dist(),
        "schema" => schema(),
        _ => {
            eprintln!(
                "usage: cargo xtask <task>\n\n  run     build the web app and start Oficina on the embedded default (http://127.0.0.1:8080)\n  test    every check: fmt, clippy, web build, tests on SQLite (and Postgres/Redis with TEST_DATABASE_URL/TEST_REDIS_URL), browser tests\n  dist    target/release/oficina with the web app embedded\n  schema  rewrite schema.graphql from the server's schema"
            );
            std::process::exit(2)
        }
    }
}

/// Builds the SPA and starts the server on the embedded defaults, with the demo workshop.
fn run() -> Result<()> {
    install_web_tools()?;
    npm_ci(Path::new(GRAPHIQL_DIR))?;
    build_spa()?;
    cargo(&["run", "--package", "oficina_api", "--bin", "oficina"], &[("OFICINA_DEMO", "1")])
}

/// The cargo arguments of every test run. The SQLite, PostgreSQL and browser runs select the same
/// packages, so cargo resolves the same features and all three share one build.
const TEST: [&str; 4] = ["test", "--workspace", "--exclude", "oficina_web"];

/// The GraphQL-over-HTTP audits (npm's graphql-http), which an integration test runs against a
/// live server.
const AUDITS: &str = "tests/graphql-http";

/// Every check that CI runs, with how long each step took.
fn test() -> Result<()> {
    let mut timings = Timings::default();
    timings.step("install tools", || {
        install_web_tools()?;
        npm_ci(Path::new(GRAPHIQL_DIR))?;
        npm_ci(Path::new(AUDITS))?;
        install_browser()
    })?;
    timings.step("fmt", || cargo(&["fmt", "--all", "--check"], &[]))?;
    timings.step("clippy (server)", || {
        cargo(
            &["clippy", "--workspace", "--exclude", "oficina_web", "--all-targets", "--", "-D", "warnings"],
            &[],
        )
    })?;
    timings.step("clippy (web app)", || {
        cargo(
            &[
                "clippy",
                "--package",
                "oficina_web",
                "--target",
                "wasm32-unknown-unknown",
                "--",
                "-D",
                "warnings",
            ],
            &[],
        )
    })?;
    timings.step("web app build", build_spa)?;
    let postgres = std::env::var("TEST_DATABASE_URL").ok();
    // SQLite: the unit tests of every crate and the integration tests.
    timings.step("tests on SQLite", || cargo_without(&TEST, "TEST_DATABASE_URL"))?;
    match postgres {
        Some(url) => timings.step("tests on PostgreSQL", || {
            cargo(&[&TEST[..], &["--test", "oficina"]].concat(), &[("TEST_DATABASE_URL", &url)])
        })?,
        None if std::env::var("CI").is_ok() => bail!("CI must set TEST_DATABASE_URL (PostgreSQL)"),
        None => println!("== skipped the PostgreSQL run: TEST_DATABASE_URL is not set"),
    }
    // The tests that need the built web app: headless chromium, the embedded SPA.
    timings.step("browser tests", || {
        let ignored = ["--test", "oficina", "--", "--ignored", "--test-threads=1"];
        cargo_without(&[&TEST[..], &ignored].concat(), "TEST_DATABASE_URL")
    })
}

/// How long each step of a task took, printed when the task ends (also when a step failed).
#[derive(Default)]
struct Timings(Vec<(&'static str, std::time::Duration)>);

impl Timings {
    fn step<T>(&mut self, label: &'static str, f: impl FnOnce() -> Result<T>) -> Result<T> {
        let started = std::time::Instant::now();
        let result = f();
        self.0.push((label, started.elapsed()));
        result
    }
}

impl Drop for Timings {
    fn drop(&mut self) {
        println!("== time per step");
        let mut total = 0;
        for (label, took) in &self.0 {
            total += took.as_secs();
            println!("   {label:<22} {:>3}m{:02}s", took.as_secs() / 60, took.as_secs() % 60);
        }
        println!("   {:<22} {:>3}m{:02}s", "total", total / 60, total % 60);
    }
}

/// Builds `target/release/oficina` with the SPA embedded.
fn dist() -> Result<()> {
    install_web_tools()?;
    npm_ci(Path::new(GRAPHIQL_DIR))?;
    build_spa()?;
    cargo(&["build", "--release", "--package", "oficina_api", "--bin", "oficina"], &[])?;
    println!("built target/release/oficina (the web app and GraphiQL are inside)");
    Ok(())
}

/// Rewrites schema.graphql from the server's schema.
fn schema() -> Result<()> {
    let output = Command::new(cargo_bin())
        .args(["run", "--quiet", "--package", "oficina_api", "--bin", "oficina", "--", "schema"])
        .output()?;
    if !output.status.success() {
        bail!("oficina schema failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    std::fs::write("schema.graphql", output.stdout)?;
    println!("wrote schema.graphql");
    Ok(())
}

/// `trunk build` into dist/, offline (Trunk.toml says so), with the tools on PATH.
fn build_spa() -> Result<()> {
    cargo(&["fetch", "--locked", "--target", "wasm32-unknown-unknown"], &[])?;
    let status = Command::new("trunk")
        .args(["build", "--release", "--locked", "--skip-version-check"])
        .status()
        .context("trunk is not on PATH")?;
    if !status.success() {
        bail!("trunk build failed");
    }
    Ok(())
}

/// The wasm32 target, trunk and wasm-bindgen-cli at the version Cargo.lock pins.
fn install_web_tools() -> Result<()> {
    let targets = capture("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !targets.lines().any(|t| t.trim() == "wasm32-unknown-unknown") {
        step("rustup", &["target", "add", "wasm32-unknown-unknown"])?;
    }
    if !has_version("trunk", &format!("trunk {TRUNK_VERSION}")) {
        println!("== installing trunk {TRUNK_VERSION} (about 12 minutes the first time)");
        cargo(&["install", "--locked", &format!("trunk@{TRUNK_VERSION}")], &[])?;
    }
    let wasm_bindgen = locked_version("wasm-bindgen")?;
    if !has_version("wasm-bindgen", &format!("wasm-bindgen {wasm_bindgen}")) {
        println!("== installing wasm-bindgen-cli {wasm_bindgen}");
        // Not --locked: its own lockfile pins a crate the registry no longer has.
        cargo(&["install", "wasm-bindgen-cli", "--version", &wasm_bindgen, "--force"], &[])?;
    }
    Ok(())
}

/// `npm ci` in `dir`, installing the packages its package-lock.json pins, when its node_modules
/// is missing or older than the lockfile (npm writes node_modules/.package-lock.json last).
fn npm_ci(dir: &Path) -> Result<()> {
    let modified = |path: PathBuf| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let lock = modified(dir.join("package-lock.json"))
        .with_context(|| format!("{} has no package-lock.json", dir.display()))?;
    if modified(dir.join("node_modules/.package-lock.json")).is_some_and(|installed| installed >= lock) {
        return Ok(());
    }
    let mut command = Command::new("npm");
    command.args(["ci", "--no-audit", "--no-fund"]).current_dir(dir);
    run_command(command, &format!("npm ci --no-audit --no-fund (in {})", dir.display()))
}

/// Debian's chromium and chromium-driver, for the browser tests, and mold, the fast linker
/// `.cargo/linker` uses when it is there.
fn install_browser() -> Result<()> {
    let have_browser =
        capture("chromedriver", &["--version"]).is_some() && Path::new("/usr/bin/chromium").exists();
    if have_browser && capture("mold", &["--version"]).is_some() {
        return Ok(());
    }
    if capture("id", &["-u"]).is_some_and(|id| id.trim() == "0") {
        step("apt-get", &["update", "-q"])?;
        step("apt-get", &["install", "-y", "-q", "chromium", "chromium-driver", "mold"])?;
        Ok(())
    } else if have_browser {
        println!("== mold is not installed: linking with the default linker (sudo apt-get install mold)");
        Ok(())
    } else {
        bail!(
            "the browser tests need chromium and chromedriver: sudo apt-get install chromium chromium-driver mold"
        )
    }
}

/// The version of `package` in Cargo.lock.
fn locked_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string("Cargo.lock")?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    let start = lock.find(&needle).with_context(|| format!("{package} is not in Cargo.lock"))? + needle.len();
    let end = lock[start..].find('"').context("malformed Cargo.lock")?;
    Ok(lock[start..start + end].to_owned())
}

fn cargo(args: &[&str], env: &[(&str, &str)]) -> Result<()> {
    let mut command = Command::new(cargo_bin());
    command.args(args).envs(env.iter().copied());
    run_command(command, &format!("cargo {}", args.join(" ")))
}

fn cargo_without(args: &[&str], variable: &str) -> Result<()> {
    let mut command = Command::new(cargo_bin());
    command.args(args).env_remove(variable);
    run_command(command, &format!("cargo {}", args.join(" ")))
}

fn step(program: &str, args: &[&str]) -> Result<()> {
    let mut command = Command::new(program);
    command.args(args);
    run_command(command, &format!("{program} {}", args.join(" ")))
}

fn run_command(mut command: Command, label: &str) -> Result<()> {
    println!("== {label}");
    let status = command.status().with_context(|| format!("cannot start {label}"))?;
    if !status.success() {
        bail!("{label} failed ({status})");
    }
    Ok(())
}

/// Whether `program --version` prints exactly `expected`.
fn has_version(program: &str, expected: &str) -> bool {
    capture(program, &["--version"]).is_some_and(|v| v.trim() == expected)
}

/// The program's trimmed stdout when it ran successfully.
fn capture(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

fn cargo_bin() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}
