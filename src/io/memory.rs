//! Running out of memory or threads is an error a user can act on, not a crash: the allocator
//! of the binary ([`Checked`]) turns a failed allocation into a message and exit code 1 (Rust's
//! default aborts with a backtrace and 134), and [`on_exhaustion_exit_cleanly`] does the same
//! for a thread that cannot be started (a panic deep in a thread pool otherwise, exit 101).
//! Either way the temporaries of outputs being written are removed.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;

/// The system allocator, with an allocation that fails reported and the process ended.
pub struct Checked;

unsafe impl GlobalAlloc for Checked {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if p.is_null() {
            out_of_memory(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if p.is_null() {
            out_of_memory(layout.size());
        }
        p
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if p.is_null() {
            out_of_memory(new_size);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// `n` in decimal into `buf`, without allocating: the digits' slice.
fn digits(mut n: usize, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[i..];
        }
    }
}

/// The message of memory exhausted, written without allocating, and exit 1.
fn out_of_memory(size: usize) -> ! {
    let mut buf = [0u8; 20];
    let mut err = std::io::stderr();
    let _ = err.write_all(b"prepost: error: out of memory: an allocation of ");
    let _ = err.write_all(digits(size, &mut buf));
    let _ = err.write_all(
        b" bytes failed (a memory limit such as ulimit -v, or too little memory for this input); nothing was written\n",
    );
    super::cleanup::try_remove_pending();
    std::process::exit(crate::error::EXIT_DATA)
}

/// A thread that cannot be started (a thread pool's panic under a limit on memory or on
/// processes) ends the process with a message and exit 1; any other panic keeps Rust's own
/// report (a bug: exit 101).
pub fn on_exhaustion_exit_cleanly() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        let exhausted = [
            "failed to spawn thread",
            "ThreadPoolBuildError",
            "Resource temporarily unavailable",
            "Cannot allocate memory",
        ]
        .iter()
        .any(|m| message.contains(m));
        if exhausted {
            eprintln!(
                "prepost: error: cannot start the threads this run needs ({}): a limit on memory (ulimit -v) or on processes (ulimit -u) is too low; nothing was written",
                crate::error::printable(message)
            );
            super::cleanup::remove_pending();
            std::process::exit(crate::error::EXIT_DATA);
        }
        default(info);
    }));
}

/// Rayon's global pool with the main thread as its first worker, so that a parallel loop the
/// main thread starts runs on it too instead of waiting for the pool's threads (one thread fewer
/// to start and to wake; the threads are rayon's number: `RAYON_NUM_THREADS`, else the cores).
/// A pool that cannot be built is left to rayon's default, whose failure
/// [`on_exhaustion_exit_cleanly`] reports.
pub fn thread_pool_on_main_thread() {
    let _ = rayon::ThreadPoolBuilder::new()
        .use_current_thread()
        .build_global();
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_are_written_without_allocating() {
        let mut buf = [0u8; 20];
        assert_eq!(super::digits(0, &mut buf), b"0");
        assert_eq!(super::digits(9_510_400, &mut buf), b"9510400");
        assert_eq!(
            super::digits(usize::MAX, &mut buf),
            usize::MAX.to_string().as_bytes()
        );
    }
}
