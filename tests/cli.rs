//! The `oficina` command line, run as a process: `--help` and `--version` answer and exit,
//! `schema` prints the SDL, `migrate` migrates and exits, and a wrong setting is one line on
//! stderr and status 2, without a backtrace; `serve` knows a client by its socket's address.

use std::fs::File;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::helpers::{CNPJ_A, PASSWORD, over_socket, wait_for};

/// What a finished run left.
struct Run {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `oficina args` in an empty folder with only `env` set (no `.env`, no inherited
/// settings). A run that does not end within 60 s is killed and fails the test: a command that
/// should exit started the server instead.
fn oficina(args: &[&str], env: &[(&str, &str)]) -> Run {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (stdout, stderr) = (dir.path().join("stdout"), dir.path().join("stderr"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_oficina-cli"))
        .args(args)
        .current_dir(dir.path())
        .env_clear()
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(File::create(&stdout).expect("stdout file"))
        .stderr(File::create(&stderr).expect("stderr file"))
        .spawn()
        .expect("oficina starts");
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().expect("oficina's status") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("`oficina {}` did not exit", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let read = |path| std::fs::read_to_string(path).expect("output file");
    Run { status: status.code(), stdout: read(&stdout), stderr: read(&stderr) }
}

#[test]
fn help_and_version_answer_and_exit() {
    let help = oficina(&["--help"], &[]);
    assert_eq!(help.status, Some(0), "{}", help.stderr);
    for command in ["serve", "schema", "migrate"] {
        assert!(help.stdout.contains(command), "{command} in {}", help.stdout);
    }
    let version = oficina(&["--version"], &[]);
    assert_eq!(version.status, Some(0), "{}", version.stderr);
    assert!(version.stdout.starts_with("oficina 0."), "{}", version.stdout);
}

#[test]
fn schema_prints_the_sdl() {
    let schema = oficina(&["schema"], &[]);
    assert_eq!(schema.status, Some(0), "{}", schema.stderr);
    assert_eq!(schema.stdout, oficina_api::graphql::sdl());
}

#[test]
fn a_wrong_setting_is_one_line_and_status_2() {
    for args in [&[][..], &["serve"], &["migrate"]] {
        let run = oficina(args, &[("OFICINA_ADDR", "nonsense"), ("RUST_BACKTRACE", "1")]);
        assert_eq!(run.status, Some(2), "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("OFICINA_ADDR"), "{}", run.stderr);
        assert!(!run.stderr.to_lowercase().contains("backtrace"), "{}", run.stderr);
    }
}

#[test]
fn migrate_migrates_and_exits() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("oficina.db");
    let url = format!("sqlite://{}", file.display());
    for _ in 0..2 {
        let run = oficina(&["migrate"], &[("DATABASE_URL", &url), ("RUST_LOG", "warn")]);
        assert_eq!(run.status, Some(0), "{}", run.stderr);
    }
    let size = std::fs::metadata(&file).expect("the database file").len();
    assert!(size > 0, "the migrated database has tables");
}

/// A running `oficina serve`, killed when dropped.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn serve_knows_a_client_by_its_socket_or_its_trusted_proxy() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let stdout = dir.path().join("stdout");
    let _server = Server(
        Command::new(env!("CARGO_BIN_EXE_oficina-cli"))
            .arg("serve")
            .current_dir(dir.path())
            .env_clear()
            .envs([("OFICINA_ADDR", "127.0.0.1:0"), ("OFICINA_TRUSTED_PROXIES", "127.0.0.1")])
            .stdin(Stdio::null())
            .stdout(File::create(&stdout).expect("stdout file"))
            .stderr(Stdio::null())
            .spawn()
            .expect("oficina starts"),
    );
    let addr = wait_for(
        async || {
            let text = std::fs::read_to_string(&stdout).ok()?;
            text.lines().find_map(|line| line.strip_prefix("Oficina em http://")?.parse().ok())
        },
        "the server's address on stdout",
    )
    .await;
    let input = json!({ "input": { "workshopName": "Oficina", "cnpj": CNPJ_A, "adminName": "José",
        "email": "ze@example.com", "password": PASSWORD }});
    over_socket(addr, None, "RegisterWorkshop", input).await.data();
    // This test's socket is the trusted proxy: the forwarded address is the client, so the
    // guesser's five failures lock out only the guesser.
    let sign_in = |forwarded, password| {
        over_socket(
            addr,
            Some(forwarded),
            "SignIn",
            json!({ "email": "ze@example.com", "password": password }),
        )
    };
    for _ in 0..5 {
        sign_in("203.0.113.1", "errada-errada").await.assert_error("UNAUTHENTICATED", None);
    }
    sign_in("203.0.113.1", PASSWORD).await.assert_error("RATE_LIMITED", None);
    assert!(sign_in("203.0.113.2", PASSWORD).await.data()["signIn"]["token"].is_string());
}
