//! A progress line on standard error for long runs, shown only when standard error is a
//! terminal (never in pipes, logs or tests).

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Shows "<message> 3.2 s" after a second, updated four times a second, until dropped.
pub struct Progress {
    done: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Progress {
    pub fn start(message: String) -> Progress {
        let done = Arc::new(AtomicBool::new(false));
        let handle = std::io::stderr().is_terminal().then(|| {
            let done = Arc::clone(&done);
            std::thread::spawn(move || {
                let start = Instant::now();
                let mut shown = false;
                while !done.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(250));
                    let t = start.elapsed().as_secs_f64();
                    if t >= 1.0 && !done.load(Ordering::Relaxed) {
                        eprint!("\r{message} {t:.1} s");
                        let _ = std::io::stderr().flush();
                        shown = true;
                    }
                }
                if shown {
                    eprint!("\r\x1b[2K");
                    let _ = std::io::stderr().flush();
                }
            })
        });
        Progress { done, handle }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}
