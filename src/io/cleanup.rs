//! Temporary files removed when the process is interrupted: an atomic write's temporary file
//! (or an `--out-dir`'s temporary directory) is registered while it exists, and SIGINT, SIGTERM
//! or SIGHUP remove every registered path before the process exits (with 128 + the signal, as
//! a shell reports it). Without this, Ctrl-C during a large `score -o` left `.prepost-*.tmp`
//! files behind.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A registered path; dropping it unregisters the path (it was renamed into place or removed).
#[derive(Debug)]
pub struct Pending(PathBuf);

/// Registers `path` for removal on a signal until the returned guard is dropped.
pub fn track(path: &Path) -> Pending {
    if let Ok(mut p) = PENDING.lock() {
        p.push(path.to_path_buf());
    }
    Pending(path.to_path_buf())
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Ok(mut p) = PENDING.lock() {
            if let Some(i) = p.iter().rposition(|x| *x == self.0) {
                p.swap_remove(i);
            }
        }
    }
}

/// Removes every registered path (files and directories).
pub fn remove_pending() {
    let paths = match PENDING.lock() {
        Ok(mut p) => std::mem::take(&mut *p),
        Err(_) => return,
    };
    remove(paths);
}

/// [`remove_pending`] when the registry may be held by this very thread (memory exhausted in
/// the middle of registering): nothing is removed rather than waiting forever.
pub fn try_remove_pending() {
    let paths = match PENDING.try_lock() {
        Ok(mut p) => std::mem::take(&mut *p),
        Err(_) => return,
    };
    remove(paths);
}

fn remove(paths: Vec<std::path::PathBuf>) {
    for p in paths {
        if p.is_dir() {
            let _ = std::fs::remove_dir_all(&p);
        } else {
            let _ = std::fs::remove_file(&p);
        }
    }
}

/// Starts the thread that waits for SIGINT, SIGTERM and SIGHUP (once, at start-up).
#[cfg(unix)]
pub fn on_signals_remove_temporaries() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGXFSZ};
    // A file-size limit (`ulimit -f`) reached: the write fails with EFBIG and is reported as
    // an error (its temporary removed) instead of the signal killing the process.
    let _ = signal_hook::flag::register(
        SIGXFSZ,
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    );
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    // (without a thread to spare, as under a tight memory limit, the signals keep their
    // default: nothing is left half-written by a rename that never happens)
    let _ = std::thread::Builder::new().spawn(move || {
        if let Some(signal) = signals.forever().next() {
            remove_pending();
            std::process::exit(128 + signal);
        }
    });
}

#[cfg(not(unix))]
pub fn on_signals_remove_temporaries() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_paths_are_removed_and_dropped_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.tmp"), dir.path().join("b.tmp"));
        std::fs::write(&a, "x").unwrap();
        std::fs::write(&b, "x").unwrap();
        let _kept_a = track(&a);
        drop(track(&b));
        remove_pending();
        assert!(!a.exists() && b.exists());
    }
}
