//! Starting the real server on 127.0.0.1 with a temporary SQLite file, for the tests.
#![allow(dead_code)]

use onewindow_server::{serve, ServeConfig};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub struct Running {
    pub base: String,
    pub dir: TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

pub fn repo_catalog() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog")
}

/// A fake build of the app: an index.html and one content-hashed bundle file.
fn fake_dist(dir: &Path) -> PathBuf {
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!DOCTYPE html><title>一窗通</title><script type=module>import init from '/app.js';</script>",
    )
    .unwrap();
    std::fs::write(dist.join("onewindow-app-0123456789abcdef.js"), "export {}").unwrap();
    dist
}

pub async fn start_with(dir: TempDir, catalog: PathBuf) -> anyhow::Result<Running> {
    let config = ServeConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        db: dir.path().join("data").join("test.sqlite3"),
        catalog,
        dist: fake_dist(dir.path()),
    };
    let (addr_tx, addr_rx) = tokio::sync::oneshot::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(serve(
        config,
        move |addr| {
            let _ = addr_tx.send(addr);
        },
        async move {
            let _ = stop_rx.await;
        },
    ));
    match addr_rx.await {
        Ok(addr) => Ok(Running {
            base: format!("http://{addr}"),
            dir,
            stop: Some(stop_tx),
            task,
        }),
        Err(_) => Err(task.await.unwrap().unwrap_err()),
    }
}

pub async fn start() -> Running {
    start_with(tempfile::tempdir().unwrap(), repo_catalog())
        .await
        .unwrap()
}

impl Running {
    pub async fn stop(mut self) -> TempDir {
        let _ = self.stop.take().unwrap().send(());
        self.task.await.unwrap().unwrap();
        self.dir
    }
}
