//! The server's HTTP API, as the browser calls it.

use gloo_net::http::Request;

/// Fetches the catalogue's JSON text. The browser's HTTP cache revalidates it with the
/// server's entity tag, so an unchanged catalogue costs a 304.
pub async fn fetch_catalog() -> Result<String, String> {
    let response = Request::get("/api/catalog")
        .send()
        .await
        .map_err(|e| format!("网络错误：{e}"))?;
    if !response.ok() {
        return Err(format!(
            "服务器返回 {} {}",
            response.status(),
            response.status_text()
        ));
    }
    response
        .text()
        .await
        .map_err(|e| format!("读取响应失败：{e}"))
}
