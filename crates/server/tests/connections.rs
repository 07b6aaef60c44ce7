//! The server's bounds: no more connections open at once than configured (the next waits
//! until one closes), and a request that does not finish in time (here a body that never
//! arrives) is answered 503 instead of holding its connection.

mod support;

use onewindow_server::limits::RateLimits;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn start(
    dir: &std::path::Path,
    limits: RateLimits,
) -> (String, tokio::sync::oneshot::Sender<()>) {
    let (base, _, stop) = support::serve_with(dir, limits, support::test_keys()).await;
    (base.trim_start_matches("http://").to_string(), stop)
}

/// Sends a request for the service's health and reads the status line, if any arrives
/// within `wait`.
async fn status_within(addr: &str, request: &str, wait: Duration) -> Option<String> {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(request.as_bytes()).await.unwrap();
    let mut buf = vec![0u8; 64];
    match tokio::time::timeout(wait, s.read(&mut buf)).await {
        Ok(Ok(n)) if n > 0 => Some(
            String::from_utf8_lossy(&buf[..n])
                .lines()
                .next()
                .unwrap_or_default()
                .to_string(),
        ),
        _ => None,
    }
}

const GET: &str = "GET /api/catalog/index HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

#[tokio::test]
async fn connections_beyond_the_bound_wait_until_one_closes() {
    let dir = tempfile::tempdir().unwrap();
    let (addr, stop) = start(
        dir.path(),
        RateLimits {
            connections: 2,
            ..RateLimits::none()
        },
    )
    .await;
    assert!(status_within(&addr, GET, Duration::from_secs(5))
        .await
        .unwrap()
        .starts_with("HTTP/1.1 200"));
    // Two idle connections take both places: a third request gets no answer…
    let idle_a = TcpStream::connect(&addr).await.unwrap();
    let idle_b = TcpStream::connect(&addr).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let addr2 = addr.clone();
    let waiting =
        tokio::spawn(async move { status_within(&addr2, GET, Duration::from_secs(10)).await });
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert!(
        !waiting.is_finished(),
        "answered although both places were taken"
    );
    // …until one of them closes.
    drop(idle_a);
    let status = waiting
        .await
        .unwrap()
        .expect("answered once a place was free");
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    drop(idle_b);
    let _ = stop.send(());
}

#[tokio::test]
async fn a_request_whose_body_never_arrives_is_cut_off() {
    let dir = tempfile::tempdir().unwrap();
    let (addr, stop) = start(
        dir.path(),
        RateLimits {
            request_timeout_secs: 1,
            ..RateLimits::none()
        },
    )
    .await;
    let slow = "POST /api/complaints HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"item\":";
    let status = status_within(&addr, slow, Duration::from_secs(10))
        .await
        .expect("an answer, not a connection held open");
    assert!(status.starts_with("HTTP/1.1 503"), "{status}");
    let _ = stop.send(());
}
