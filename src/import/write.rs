//! Writing into the content folder: each file atomically (a new temporary
//! file beside it, then a rename), and never over an existing file unless
//! asked.

use std::fs;
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path`. Without `force` an existing file is an error
/// and is left as it was (the final link fails rather than replaces, so a
/// file that appears meanwhile is not overwritten either).
pub fn atomic(path: &Path, bytes: &[u8], force: bool) -> Result<(), String> {
    let dir = path.parent().ok_or_else(|| format!("{} has no folder", path.display()))?;
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    if !force && fs::symlink_metadata(path).is_ok() {
        return Err(format!("{} already exists; import with --force to replace it", crate::load::display_path(path)));
    }
    // A name nobody can guess, opened only if new: anyone who may write in
    // the content folder could otherwise plant a link there that leads the
    // write to a file of the importer's elsewhere. (Named like the
    // governance commands' new texts, so a killed import's is cleaned too.)
    let (mut f, tmp) = crate::output::replace::new_beside(path, "new")
        .map_err(|e| format!("cannot write in {}: {e}", dir.display()))?;
    let result = (|| {
        f.write_all(bytes).and_then(|_| f.sync_all()).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
        if force {
            fs::rename(&tmp, path).map_err(|e| format!("cannot replace {}: {e}", path.display()))
        } else {
            fs::hard_link(&tmp, path).map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => {
                    format!("{} already exists; import with --force to replace it", crate::load::display_path(path))
                }
                _ => format!("cannot write {}: {e}", path.display()),
            })
        }
    })();
    let _ = fs::remove_file(&tmp);
    result
}

#[cfg(test)]
mod tests {
    use super::atomic;

    #[test]
    #[cfg(unix)]
    fn a_link_planted_where_a_temporary_file_could_be_leads_nowhere() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "kept").unwrap();
        let documents = dir.path().join("content/documents");
        std::fs::create_dir_all(&documents).unwrap();
        // The name the temporary file once had: the input's name and the process id.
        let planted = documents.join(format!(".pol.md.import-{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        for force in [false, true] {
            atomic(&documents.join("pol.md"), b"imported", force).unwrap();
            assert_eq!(std::fs::read_to_string(&victim).unwrap(), "kept");
            assert_eq!(std::fs::read_to_string(documents.join("pol.md")).unwrap(), "imported");
        }
        let mut left: Vec<_> = std::fs::read_dir(&documents).unwrap().map(|e| e.unwrap().file_name()).collect();
        left.sort();
        assert_eq!(left, [planted.file_name().unwrap(), "pol.md".as_ref()], "no temporary file left behind");
    }
}
