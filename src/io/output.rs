//! Writing results: to stdout, or atomically to files (a temporary file in the same directory,
//! renamed over the target when complete), never over an input.

use super::cleanup;
use crate::error::DataError;
use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where an output goes.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    Stdout,
    /// A file, written atomically.
    File(&'a Path),
}

/// Writes an output produced by `f` (through a buffer): to standard output (a closed pipe, as
/// with `| head`, is not an error), or atomically to a file: a temporary file in the same
/// directory, renamed over the target when complete, so that a reader sees the old file or
/// the whole new one, and a failure leaves no partial file behind.
pub fn write_to(
    target: Target,
    f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    match target {
        Target::Stdout => {
            let mut out = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
            let written = f(&mut out).and_then(|_| out.flush());
            match written {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                r => r.context("cannot write to standard output"),
            }
        }
        Target::File(path) => write_file(path, f),
    }
}

/// Writes the files `names` into `dir` (made if needed), file `k` by `write(k, …)`, all or
/// nothing: checks first that none of them is an input, takes the directory's lock (a second
/// prepost writing into it at the same time is refused, not mixed in), writes every file into
/// a fresh temporary directory inside `dir`, and only when all are written renames them into
/// place. A failure (a disk full, a file that cannot be replaced) leaves `dir` as it was.
pub fn write_out_dir(
    dir: &Path,
    names: &[&str],
    inputs: &[PathBuf],
    mut write: impl FnMut(usize, &mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    check_distinct(dir, names)?;
    for name in names {
        ensure_not_an_input(&dir.join(name), inputs)?;
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| anyhow::anyhow!("cannot create the directory {}: {e}", dir.display()))?;
    let lock_path = dir.join(".prepost.lock");
    let lock = std::fs::File::create(&lock_path).map_err(|e| {
        anyhow::anyhow!(
            "cannot write into {} ({e}): check that the directory can be written",
            dir.display()
        )
    })?;
    if let Err(std::fs::TryLockError::WouldBlock) = lock.try_lock() {
        anyhow::bail!(
            "another prepost is writing into {} right now; wait for it to finish, or choose another --out-dir",
            dir.display()
        );
    }
    let result = write_all_then_rename(dir, names, &mut write);
    let _ = std::fs::remove_file(&lock_path);
    drop(lock);
    result?;
    eprintln!("prepost: wrote {} files to {}", names.len(), dir.display());
    Ok(())
}

/// Refuses, before anything is written, two outputs of one name: names made from the data
/// (a figure per scale or case) can meet once the characters a file name cannot hold are
/// replaced ("a b" and "a_b"), or differ only in case, which Windows and macOS do not tell
/// apart.
fn check_distinct(dir: &Path, names: &[&str]) -> Result<(), DataError> {
    let mut seen: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
    for name in names {
        if let Some(first) = seen.insert(name.to_lowercase(), name) {
            let how = if first == *name {
                String::new()
            } else {
                format!(" ({first} and {name} differ only in upper and lower case)")
            };
            return Err(DataError::new(format!(
                "two outputs would both be written as {}{how}: the names of two scales, cases or scores become the same file name",
                dir.join(name).display()
            ))
            .hint("rename one of them (in the data, the --pair/--series names or the spec's score names) so that they differ in letters or digits"));
        }
    }
    Ok(())
}

/// Every file into a staging directory inside `dir`, then renamed into place.
fn write_all_then_rename(
    dir: &Path,
    names: &[&str],
    write: &mut impl FnMut(usize, &mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    // what is there must be replaceable: refuse before anything changes
    for name in names {
        let target = dir.join(name);
        if std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
            anyhow::bail!(
                "cannot write {}: it is a directory; nothing was written",
                target.display()
            );
        }
    }
    let staging = tempfile::Builder::new()
        .prefix(".prepost-out-")
        .tempdir_in(dir)
        .map_err(|e| {
            anyhow::anyhow!(
                "cannot write into {} ({}): check that the directory can be written",
                dir.display(),
                std::io::Error::from(e.kind())
            )
        })?;
    let _pending = cleanup::track(staging.path());
    let failed = |name: &str| {
        format!(
            "cannot write {}; nothing was written",
            dir.join(name).display()
        )
    };
    for (k, name) in names.iter().enumerate() {
        let path = staging.path().join(name);
        let file = std::fs::File::create(&path).with_context(|| failed(name))?;
        let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
        write(k, &mut out)
            .and_then(|_| out.flush())
            .with_context(|| failed(name))?;
        // a file replaced keeps its permissions, as a single output does
        if let Ok(m) = std::fs::metadata(dir.join(name)) {
            let _ = std::fs::set_permissions(&path, m.permissions());
        }
    }
    for name in names {
        std::fs::rename(staging.path().join(name), dir.join(name))
            .with_context(|| format!("cannot write {}", dir.join(name).display()))?;
    }
    Ok(())
}

/// Writes one output file, by what is at `path` now: a regular file (or nothing) is replaced
/// atomically; a symbolic link is followed and its target replaced atomically (the link
/// stays); a named pipe, a terminal or another device (`/dev/null`) is written through, as
/// `>` writes to it, and the standard output named by a path (`-o /dev/stdout`) is the
/// standard output. A directory, a socket or anything else is refused.
fn write_file(
    path: &Path,
    f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    if names_stdout(path) {
        return write_to(Target::Stdout, f);
    }
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return write_atomic_file(path, f);
    };
    let kind = meta.file_type();
    if kind.is_symlink() {
        let target = match std::fs::canonicalize(path) {
            Ok(t) => t,
            // a link to a file not made yet: the path it names (beside the link if relative)
            Err(_) => {
                let link = std::fs::read_link(path)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                match path.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                }
            }
        };
        if std::fs::symlink_metadata(&target).is_ok_and(|m| m.file_type().is_symlink()) {
            anyhow::bail!(
                "cannot write {}: it is a symbolic link that does not lead to a file",
                path.display()
            );
        }
        return write_file(&target, f);
    }
    if kind.is_file() {
        return write_atomic_file(path, f);
    }
    if kind.is_dir() {
        anyhow::bail!(
            "cannot write {}: it is a directory (give a file name)",
            path.display()
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() || kind.is_char_device() || kind.is_block_device() {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
            return match f(&mut out).and_then(|_| out.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                r => r.with_context(|| format!("cannot write {}", path.display())),
            };
        }
    }
    anyhow::bail!(
        "cannot write {}: it is neither a file, a pipe nor a device",
        path.display()
    )
}

/// Whether `path` names this process's standard output: the same terminal or pipe, or, by
/// `/dev/stdout`, `/dev/fd/1` or `/proc/…`, the same file.
#[cfg(unix)]
fn names_stdout(path: &Path) -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    let Ok(at_path) = std::fs::metadata(path) else {
        return false;
    };
    let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() else {
        return false;
    };
    let Ok(stdout) = std::fs::File::from(fd).metadata() else {
        return false;
    };
    // (a regular file that is also the redirected standard output, named by its own path, is
    // replaced like any file)
    let by_fd = ["/dev/std", "/dev/fd", "/proc/"]
        .iter()
        .any(|p| path.to_string_lossy().starts_with(p));
    at_path.dev() == stdout.dev() && at_path.ino() == stdout.ino() && (by_fd || !at_path.is_file())
}

#[cfg(not(unix))]
fn names_stdout(_path: &Path) -> bool {
    false
}

/// A regular file (or a new one) written atomically: a temporary file in the same directory,
/// renamed over the target when complete.
fn write_atomic_file(
    path: &Path,
    f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".prepost-").suffix(".tmp");
    // Temporary files are private (0600); the output gets the permissions of the file it
    // replaces, or those of a newly created file (0666 less the umask), as `>` would give.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = std::fs::metadata(path)
            .map(|m| m.permissions())
            .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o666));
        builder.permissions(permissions);
    }
    if !dir.is_dir() {
        anyhow::bail!(
            "cannot write {}: the directory {} does not exist (create it first, or choose another path)",
            path.display(),
            dir.display()
        );
    }
    // the temporary file's name would only confuse: say what failed, for the output's path
    let tmp = builder.tempfile_in(&dir).map_err(|e| {
        anyhow::anyhow!(
            "cannot write {} ({}): check that the directory {} can be written",
            path.display(),
            std::io::Error::from(e.kind()),
            dir.display()
        )
    })?;
    let _pending = cleanup::track(tmp.path());
    let mut out = std::io::BufWriter::with_capacity(1 << 20, tmp);
    f(&mut out)
        .and_then(|_| out.flush())
        .with_context(|| format!("cannot write {}", path.display()))?;
    let tmp = out
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(|| format!("cannot write {}", path.display()))?;
    // (not forced to disk: the system writes it back, as it does for a shell's `>` or
    // `sed -i`; a forced write of a 600 MB JSON costs seconds)
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Writes `contents` to `path` atomically (see [`write_to`]).
pub fn write_atomic(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
    write_to(Target::File(path), |w| w.write_all(contents))
}

/// Writes contents in parts, one after the other (a million-row output formatted in blocks
/// need not be joined first).
pub fn write_parts<B: AsRef<[u8]>>(target: Target, parts: &[B]) -> anyhow::Result<()> {
    write_to(target, |w| {
        parts.iter().try_for_each(|p| w.write_all(p.as_ref()))
    })
}

/// Writes to stdout; a closed pipe (e.g. `| head`) is not an error.
pub fn write_stdout(contents: &[u8]) -> anyhow::Result<()> {
    write_to(Target::Stdout, |w| w.write_all(contents))
}

/// Whether two paths name the same file (resolved through symlinks where they exist).
pub fn same_file(a: &Path, b: &Path) -> bool {
    normalized(a) == normalized(b)
}

/// A path made absolute and, where it exists, resolved through symlinks, for comparing paths.
fn normalized(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    // A file that does not exist yet: resolve its directory.
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    match (abs.parent(), abs.file_name()) {
        (Some(dir), Some(name)) => dir
            .canonicalize()
            .map(|d| d.join(name))
            .unwrap_or(abs.clone()),
        _ => abs,
    }
}

/// Refuses an output path that is one of the input files.
pub fn ensure_not_an_input(output: &Path, inputs: &[PathBuf]) -> Result<(), DataError> {
    let out = normalized(output);
    for input in inputs {
        if normalized(input) == out {
            return Err(DataError::new(format!(
                "the output {} is also an input; refusing to overwrite input data",
                output.display()
            ))
            .hint("choose another output path"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_the_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.csv");
        std::fs::write(&p, "old").unwrap();
        write_atomic(&p, b"new contents").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new contents");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_gives_ordinary_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let made = dir.path().join("made.csv");
        std::fs::write(&made, "x").unwrap(); // what the umask gives a new file
        let new = dir.path().join("new.csv");
        write_atomic(&new, b"x").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&new), mode(&made), "not the temporary file's 0600");
        let kept = dir.path().join("kept.csv");
        std::fs::write(&kept, "old").unwrap();
        std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&kept, b"new").unwrap();
        assert_eq!(mode(&kept), 0o640);
    }

    #[test]
    fn output_equal_to_an_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("pre.csv");
        std::fs::write(&input, "id\n1\n").unwrap();
        let same = dir.path().join(".").join("pre.csv");
        assert!(ensure_not_an_input(&same, std::slice::from_ref(&input)).is_err());
        assert!(ensure_not_an_input(&dir.path().join("out.csv"), &[input]).is_ok());
    }
}
