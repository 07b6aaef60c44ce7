//! Timings the benchmark script reads (User Timing API: `performance.measure`), so speed
//! is measured in the real app, not guessed.

/// Marks the start of `name`.
pub fn start(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(&format!("{name}:start"));
    }
}

/// Records `name` from its start mark until now.
pub fn end(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark(name, &format!("{name}:start"));
    }
}

/// Times `f` as `name`.
pub fn time<T>(name: &str, f: impl FnOnce() -> T) -> T {
    start(name);
    let out = f();
    end(name);
    out
}
