//! Putting a finished output folder in place without ever losing a user's files.
//!
//! The rules (issue 18, docs/decisions.md "Output safety"):
//! - arqam writes only into a folder it owns: a path that does not exist yet, an empty
//!   folder, or a folder that carries arqam's marker ([`MARKER`], or the `datapackage.json`
//!   an older arqam wrote) and holds nothing but arqam's own files. A folder of arqam's file
//!   names without a marker needs `--force`; a folder with any other file, a regular file
//!   and a symbolic link are refused, whatever the flags.
//! - One run at a time per output: a lock file beside the output (`.NAME.lock`, an advisory
//!   `flock` that the kernel drops when the process dies, so a killed run never leaves a
//!   stale lock).
//! - The new tables are written into a temporary sibling with a random name, fsynced, and
//!   exchanged with the old folder in one `renameat2(RENAME_EXCHANGE)`: the output path
//!   names a complete dataset at every instant. Where the file system cannot exchange, the
//!   old folder is moved aside first and put back by the next run if it was killed between
//!   the two renames.

use std::fs::File;
use std::path::{Path, PathBuf};

use crate::write::{io, ExportError};

/// The file that says "arqam wrote this folder".
pub const MARKER: &str = ".arqam-output";

/// Why an output path is not arqam's to write.
#[derive(Debug, thiserror::Error)]
pub enum PlaceError {
    #[error("{path}: exists and is not a folder; arqam writes its tables into a folder of its own (choose another --out)")]
    NotAFolder { path: PathBuf },
    #[error("{path}: is a symbolic link; give the folder itself as --out")]
    Symlink { path: PathBuf },
    #[error("{path}: holds files arqam did not write ({files}); arqam never deletes them: move them away or choose another --out")]
    Foreign { path: PathBuf, files: String },
    #[error("{path}: holds arqam's file names but no marker ({MARKER}) that arqam wrote it; rerun with --force to replace it, or choose another --out")]
    Unmarked { path: PathBuf },
    #[error("{path}: another arqam run is writing this output; wait for it to finish")]
    Locked { path: PathBuf },
    #[error(transparent)]
    Export(#[from] ExportError),
}

/// Whether `name` is one of the files arqam writes into an output folder.
pub fn is_arqam_file(name: &str, tables: &[&str]) -> bool {
    const EXTRA: &[&str] = &[MARKER, "datapackage.json", "README.md", "disputes.svg", "figures.hxl.csv"];
    EXTRA.contains(&name) || tables.iter().any(|t| name.strip_prefix(t).is_some_and(|rest| rest == ".csv" || rest == ".parquet"))
}

/// Whether a `datapackage.json` is the one an arqam run wrote (folders of arqam versions
/// that had no marker file).
fn arqam_datapackage(dir: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(dir.join("datapackage.json")) else { return false };
    serde_json::from_str::<serde_json::Value>(&text).is_ok_and(|j| j.get("name").and_then(|n| n.as_str()) == Some("arqam-figures") && j.get("arqam").is_some())
}

/// Checks that arqam may replace `out` (see the module docs). `Ok` for a path that does not
/// exist yet.
pub fn check_owned(out: &Path, force: bool, tables: &[&str]) -> Result<(), PlaceError> {
    let meta = match std::fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io(out)(e).into()),
    };
    if meta.file_type().is_symlink() {
        return Err(PlaceError::Symlink { path: out.to_path_buf() });
    }
    if !meta.is_dir() {
        return Err(PlaceError::NotAFolder { path: out.to_path_buf() });
    }
    let mut foreign = Vec::new();
    let mut any = false;
    for entry in std::fs::read_dir(out).map_err(io(out))? {
        let entry = entry.map_err(io(out))?;
        any = true;
        let name = entry.file_name();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        match name.to_str() {
            Some(n) if is_file && is_arqam_file(n, tables) => {}
            _ => foreign.push(name.to_string_lossy().into_owned()),
        }
    }
    if !any {
        return Ok(());
    }
    if !foreign.is_empty() {
        foreign.sort();
        let shown: Vec<String> = foreign.iter().take(5).map(|f| format!("{f:?}")).collect();
        let more = if foreign.len() > 5 { format!(" and {} more", foreign.len() - 5) } else { String::new() };
        return Err(PlaceError::Foreign { path: out.to_path_buf(), files: format!("{}{more}", shown.join(", ")) });
    }
    if force || out.join(MARKER).is_file() || arqam_datapackage(out) {
        return Ok(());
    }
    Err(PlaceError::Unmarked { path: out.to_path_buf() })
}

/// The folder an output path lives in, and the output's own name.
pub fn parent_and_name(out: &Path) -> (PathBuf, String) {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    (parent, name)
}

/// The held lock of one output path; released when dropped (or when the process dies).
#[derive(Debug)]
pub struct OutputLock {
    _file: File,
}

/// Takes the lock of `out` without waiting: a second run on the same output is told so.
pub fn lock(out: &Path) -> Result<OutputLock, PlaceError> {
    let (parent, name) = parent_and_name(out);
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let path = parent.join(format!(".{name}.lock"));
    let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(io(&path))?;
    match file.try_lock() {
        Ok(()) => Ok(OutputLock { _file: file }),
        Err(std::fs::TryLockError::WouldBlock) => Err(PlaceError::Locked { path: out.to_path_buf() }),
        Err(std::fs::TryLockError::Error(e)) => Err(io(&path)(e).into()),
    }
}

/// Cleans up after a run that was killed (call it holding the lock, so no live run owns
/// what it finds): the old output moved aside by a non-atomic swap is put back if the
/// output path is empty, else removed; half-written temporary folders are removed.
pub fn recover(out: &Path, tables: &[&str]) -> Result<(), ExportError> {
    let (parent, name) = parent_and_name(out);
    let Ok(entries) = std::fs::read_dir(&parent) else { return Ok(()) };
    let mut leftovers: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    leftovers.sort();
    for p in leftovers {
        let file = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if file.starts_with(&format!(".{name}.old-")) {
            if std::fs::symlink_metadata(out).is_err() {
                std::fs::rename(&p, out).map_err(io(&p))?;
            } else {
                remove_arqam_folder(&p, tables)?;
            }
        } else if file.starts_with(&format!(".{name}.tmp-")) {
            remove_arqam_folder(&p, tables)?;
        }
    }
    Ok(())
}

/// Removes a folder arqam made, file by file: only arqam's own files (and the disputes'
/// scratch file) are deleted, so a folder that somehow holds anything else is left.
pub fn remove_arqam_folder(dir: &Path, tables: &[&str]) -> Result<(), ExportError> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(()) };
    for e in entries.flatten() {
        let name = e.file_name();
        let ours = name.to_str().is_some_and(|n| is_arqam_file(n, tables) || n == crate::stream::ID_LOG);
        if ours && e.file_type().is_ok_and(|t| t.is_file()) {
            std::fs::remove_file(e.path()).map_err(io(&e.path()))?;
        }
    }
    match std::fs::remove_dir(dir) {
        Ok(()) => Ok(()),
        // Something not ours is left inside: keep it rather than delete it.
        Err(_) if dir.exists() => Ok(()),
        Err(e) => Err(io(dir)(e)),
    }
}

/// A fresh temporary folder beside the output, named `.NAME.tmp-<pid>-<random>`: unique
/// across processes and containers that share the folder.
pub fn temp_folder(out: &Path) -> Result<PathBuf, ExportError> {
    let (parent, name) = parent_and_name(out);
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let dir = tempfile::Builder::new().prefix(&format!(".{name}.tmp-{}-", std::process::id())).tempdir_in(&parent).map_err(io(&parent))?;
    Ok(dir.keep())
}

/// Flushes every file of `dir` and the folder itself to disk, so that after the swap a
/// power loss cannot leave empty tables under the output's name.
pub fn sync_folder(dir: &Path) -> Result<(), ExportError> {
    for e in std::fs::read_dir(dir).map_err(io(dir))?.flatten() {
        if e.file_type().is_ok_and(|t| t.is_file()) {
            File::open(e.path()).and_then(|f| f.sync_all()).map_err(io(&e.path()))?;
        }
    }
    sync_dir(dir)
}

fn sync_dir(dir: &Path) -> Result<(), ExportError> {
    // Folders cannot be opened for fsync on every platform; where they can, do it.
    match File::open(dir).and_then(|f| f.sync_all()) {
        Ok(()) => Ok(()),
        Err(e) if cfg!(unix) => Err(io(dir)(e)),
        Err(_) => Ok(()),
    }
}

/// Atomically exchanges two paths (Linux `renameat2` with `RENAME_EXCHANGE`); `Ok(false)`
/// where the system or file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS || e == rustix::io::Errno::OPNOTSUPP => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Puts the finished folder `tmp` in the place of `out` and removes the old output.
pub fn swap_into_place(tmp: &Path, out: &Path, tables: &[&str]) -> Result<(), ExportError> {
    sync_folder(tmp)?;
    let (parent, name) = parent_and_name(out);
    let exists = std::fs::symlink_metadata(out).is_ok();
    if exists && exchange(tmp, out).map_err(io(out))? {
        // `tmp` now names the old output.
        sync_dir(&parent)?;
        return remove_arqam_folder(tmp, tables);
    }
    if exists {
        // No atomic exchange here: the old output moves aside first; a run killed before
        // the next rename gets it back from `recover`.
        let old = parent.join(format!(".{name}.old-{}", tmp.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()));
        std::fs::rename(out, &old).map_err(io(out))?;
        std::fs::rename(tmp, out).map_err(io(out))?;
        sync_dir(&parent)?;
        return remove_arqam_folder(&old, tables);
    }
    std::fs::rename(tmp, out).map_err(io(out))?;
    sync_dir(&parent)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLES: &[&str] = &["figures", "documents"];

    #[test]
    fn arqam_file_names() {
        assert!(is_arqam_file("figures.csv", TABLES));
        assert!(is_arqam_file("documents.parquet", TABLES));
        assert!(is_arqam_file("datapackage.json", TABLES));
        assert!(!is_arqam_file("figures.csv.bak", TABLES));
        assert!(!is_arqam_file("thesis.docx", TABLES));
    }

    #[test]
    fn ownership() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("out");
        assert!(check_owned(&out, false, TABLES).is_ok(), "a new path");
        std::fs::create_dir(&out).unwrap();
        assert!(check_owned(&out, false, TABLES).is_ok(), "an empty folder");
        std::fs::write(out.join("figures.csv"), "x").unwrap();
        assert!(matches!(check_owned(&out, false, TABLES), Err(PlaceError::Unmarked { .. })));
        assert!(check_owned(&out, true, TABLES).is_ok(), "--force on arqam's names only");
        std::fs::write(out.join(MARKER), "").unwrap();
        assert!(check_owned(&out, false, TABLES).is_ok(), "marked");
        std::fs::write(out.join("notes.ipynb"), "{}").unwrap();
        assert!(matches!(check_owned(&out, true, TABLES), Err(PlaceError::Foreign { .. })), "a user's file, even with --force");
        let file = d.path().join("file.txt");
        std::fs::write(&file, "x").unwrap();
        assert!(matches!(check_owned(&file, true, TABLES), Err(PlaceError::NotAFolder { .. })));
    }

    #[test]
    fn the_swap_replaces_the_old_output_and_leaves_nothing_behind() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("out");
        for round in 0..3 {
            let tmp = temp_folder(&out).unwrap();
            std::fs::write(tmp.join("figures.csv"), format!("{round}")).unwrap();
            swap_into_place(&tmp, &out, TABLES).unwrap();
            assert_eq!(std::fs::read_to_string(out.join("figures.csv")).unwrap(), format!("{round}"));
            let names: Vec<_> = std::fs::read_dir(d.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
            assert_eq!(names, ["out"], "round {round}");
        }
    }

    #[test]
    fn a_second_lock_on_the_same_output_is_refused() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("out");
        let held = lock(&out).unwrap();
        assert!(matches!(lock(&out), Err(PlaceError::Locked { .. })));
        drop(held);
        assert!(lock(&out).is_ok());
    }

    #[test]
    fn recovery_puts_back_an_output_moved_aside() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("out");
        let old = d.path().join(".out.old-x");
        std::fs::create_dir(&old).unwrap();
        std::fs::write(old.join("figures.csv"), "old").unwrap();
        let tmp = d.path().join(".out.tmp-1-abc");
        std::fs::create_dir(&tmp).unwrap();
        std::fs::write(tmp.join("figures.csv"), "half").unwrap();
        recover(&out, TABLES).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("figures.csv")).unwrap(), "old");
        assert!(!tmp.exists());
    }
}
