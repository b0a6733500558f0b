//! The binaries are linked position-dependent on Linux (`-no-pie`): a position-independent
//! executable of prepost's size carries ~72,000 relocations that the loader applies at every
//! start, touching ~600 pages (1.8 ms of a 3.6 ms `prepost --version`; a small study is a few
//! milliseconds in all). The code is compiled as usual; only the link differs (so no
//! dependency is rebuilt). docs/performance.md has the measurement, docs/security.md the
//! trade-off (the executable's own image is not randomized; libraries, stack and heap are).
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
