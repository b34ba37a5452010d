//! Writing into the content folder: each file atomically (a temporary file
//! beside it, then a rename), and never over an existing file unless asked.

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
    // A new file of its own: never one a link planted under its name leads to.
    let (mut f, tmp) = crate::output::replace::new_beside(path, "new")
        .map_err(|e| format!("cannot write beside {}: {e}", path.display()))?;
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
