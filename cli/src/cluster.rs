//! `--cluster FILE`: the kubectl snapshot the values are checked against (core's
//! `cluster::read`). Unreadable or unrelated input is unusable input (exit 2), never a
//! silent "no cluster".

use std::path::Path;

use storage_core::cluster::{self, Cluster};

use crate::input;

/// Reads the snapshot and says on stderr what it read (stdout stays the findings' format).
pub fn load(path: &Path) -> Result<Cluster, String> {
    let file = input::read(path).map_err(|bad| format!("--cluster {bad}"))?;
    let cluster =
        cluster::read(&file.text).map_err(|e| format!("--cluster {}: {e}", file.display))?;
    // The tolerations are the values' (each file's); the summary counts without them.
    eprintln!("{}: {}", file.display, cluster.summary());
    Ok(cluster)
}
