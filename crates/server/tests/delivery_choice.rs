//! The delivery chosen when a case is received is on the case from the start.

mod support;

use onewindow_core::catalog::DeliveryMethod;
use onewindow_core::submission::DeliveryChoice;
use support::{catalog, desk_case, post, start};

#[tokio::test]
async fn the_delivery_chosen_at_the_window_is_recorded_with_the_case() {
    let server = start().await;
    let mut case = desk_case(&catalog(&server.base).await);
    case.delivery = Some(DeliveryChoice {
        method: DeliveryMethod::Window,
        address: None,
    });
    let (status, body) = post(
        &server.base,
        &server.cookie,
        Some("dc-1"),
        &serde_json::to_string(&case).unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    // The acceptance notice still belongs to the acceptance.
    assert_eq!(body["cases"][0]["notices"][0]["kind"], "acceptance");
    server.stop().await;
}
