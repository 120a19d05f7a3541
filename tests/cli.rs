//! The `oficina` command line, run as a process: `--help` and `--version` answer and exit,
//! `schema` prints the SDL, `migrate` migrates and exits, and a wrong setting is one line on
//! stderr and status 2, without a backtrace.

use std::fs::File;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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
