//! Helpers the browser test files share (each includes this with `mod common;`).
#![allow(dead_code)]

use js_sys::Promise;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlElement;

/// Waits `ms` milliseconds on the browser's timer.
pub async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Waits up to five seconds for `condition`, naming `what` if it never holds.
pub async fn until(what: &str, mut condition: impl FnMut() -> bool) {
    for _ in 0..500 {
        if condition() {
            return;
        }
        sleep(10).await;
    }
    panic!("timed out waiting for {what}");
}

/// The text an element shows.
pub fn text(element: &HtmlElement) -> String {
    element.text_content().unwrap_or_default()
}
