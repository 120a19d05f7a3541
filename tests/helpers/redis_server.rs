//! A Redis server of the test's own (`redis-server` as a child process, on a free port, without
//! persistence), so that a test can stop it and start it again on the same port.

use std::process::{Child, Command, Stdio};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::wait_for;

/// A running (or stopped) `redis-server`; dropping it stops it.
pub struct RedisServer {
    port: u16,
    child: Option<Child>,
}

impl RedisServer {
    /// Starts `redis-server` on a free port; `None` (the test is skipped) when it is not
    /// installed, outside CI.
    pub async fn start() -> Option<RedisServer> {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut server = RedisServer { port, child: None };
        match server.spawn() {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                assert!(std::env::var("CI").is_err(), "CI must have redis-server installed");
                eprintln!("skipped: redis-server is not installed");
                return None;
            }
            Err(err) => panic!("redis-server: {err}"),
        }
        server.wait_until_ready().await;
        Some(server)
    }

    /// `redis://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// Kills the server (as an outage would) and waits until it is gone.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().expect("kill redis-server");
            child.wait().expect("redis-server ends");
        }
    }

    /// Starts the server again on the same port, empty, and waits until it answers.
    pub async fn restart(&mut self) {
        self.stop();
        self.spawn().expect("redis-server starts again");
        self.wait_until_ready().await;
    }

    fn spawn(&mut self) -> std::io::Result<()> {
        let child = Command::new("redis-server")
            .args([
                "--port",
                &self.port.to_string(),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        self.child = Some(child);
        Ok(())
    }

    /// Waits (10 s at most) until the server answers PING.
    async fn wait_until_ready(&self) {
        let addr = format!("127.0.0.1:{}", self.port);
        wait_for(
            async || {
                let mut socket = tokio::net::TcpStream::connect(&addr).await.ok()?;
                socket.write_all(b"PING\r\n").await.ok()?;
                let mut answer = [0u8; 7];
                socket.read_exact(&mut answer).await.ok()?;
                (&answer == b"+PONG\r\n").then_some(())
            },
            "redis-server to answer PING",
        )
        .await;
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
    }
}
