//! Writing results: to stdout, or atomically to files (a temporary file in the same directory,
//! renamed over the target when complete), never over an input.

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

/// Writes the files `names` into `dir` (made if needed), file `k` by `write(k, …)`, each
/// atomically; checks first that none of them is an input, so that nothing is written then.
pub fn write_out_dir(
    dir: &Path,
    names: &[&str],
    inputs: &[PathBuf],
    mut write: impl FnMut(usize, &mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    for name in names {
        ensure_not_an_input(&dir.join(name), inputs)?;
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| anyhow::anyhow!("cannot create the directory {}: {e}", dir.display()))?;
    for (k, name) in names.iter().enumerate() {
        write_to(Target::File(&dir.join(name)), |w| write(k, w))?;
    }
    eprintln!("prepost: wrote {} files to {}", names.len(), dir.display());
    Ok(())
}

fn write_file(
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
