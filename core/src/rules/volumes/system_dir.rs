//! V009: a `mountPath` over a system directory of the container.

use crate::finding::Severity;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::storage::Field;

use super::path_values;

/// `mountPath` over a system directory.
pub const V009: Rule = Rule {
    code: "V009",
    severity: Severity::Warning,
    charts: Charts::Both,
    summary: "`mountPath` over a system directory",
    why: "Mounting a volume over /etc, /usr, /bin, /lib, /proc, /sys, /dev, /var/run or /tmp itself hides what the container image keeps there: tools, libraries or sockets disappear and pods fail in odd ways.",
    fix: FixKind::None,
};

pub const EXAMPLES: &[Example] = &[Example {
    code: "V009",
    bad: "persistence:\n  outputs:\n    out:\n      mountPath: /etc/outputs\n      existingClaim: outputs-pvc\n",
    fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
    cluster: None,
    note: None,
}];

const SYSTEM_DIRS: [&str; 11] = [
    "/etc", "/usr", "/bin", "/sbin", "/lib", "/lib64", "/proc", "/sys", "/dev", "/var/run", "/run",
];


pub(super) fn check(ctx: &mut Context<'_>) {
    for v in path_values(ctx, Field::MountPath) {
        if let Some(dir) = system_dir(v.value) {
            let (key, value) = (v.key(Field::MountPath), v.value);
            ctx.report(
                &V009,
                v.span,
                v.path,
                format!("`{key}: {value}` mounts over the system directory `{dir}`"),
            );
        }
    }
}

fn system_dir(mount: &str) -> Option<&'static str> {
    let mount = mount.trim_end_matches('/');
    if mount == "/tmp" {
        return Some("/tmp");
    }
    SYSTEM_DIRS
        .into_iter()
        .find(|d| mount == *d || mount.starts_with(&format!("{d}/")))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn v009_system_dir() {
        gets_and_not(
            "V009",
            "persistence:\n  outputs:\n    out:\n      mountPath: /etc/outputs\n      existingClaim: pvc\n",
            CLAIM,
        );
    }
}
