//! Phase timings on standard error when the environment variable `PREPOST_TRACE` is set
//! (for profiling a slow run; silent otherwise).

use std::time::Instant;

/// Whether tracing is on.
pub fn enabled() -> bool {
    std::env::var_os("PREPOST_TRACE").is_some()
}

/// Prints "prepost: trace: <what>: <seconds> s" since `start`, when tracing is on.
pub fn phase(what: &str, start: Instant) {
    if enabled() {
        eprintln!(
            "prepost: trace: {what}: {:.3} s",
            start.elapsed().as_secs_f64()
        );
    }
}

/// Prints the time from its creation to its drop (when tracing is on).
pub struct Span {
    what: &'static str,
    start: Instant,
}

impl Span {
    pub fn new(what: &'static str) -> Span {
        Span {
            what,
            start: Instant::now(),
        }
    }
}

impl Drop for Span {
    fn drop(&mut self) {
        phase(self.what, self.start);
    }
}
