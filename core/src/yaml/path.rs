//! YAML paths as findings and fixes name nodes: `persistence.outputs.out.mountPath`,
//! `connections.2.schema.bucket`. Built segment by segment, never by string formatting.

use std::fmt;

use serde::Serialize;

/// A dot-joined path from the document root (the root itself is the empty path).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(transparent)]
pub struct YamlPath(String);

impl YamlPath {
    /// The document root.
    pub fn root() -> Self {
        YamlPath(String::new())
    }

    /// The path of `key` under this one.
    pub fn child(&self, key: &str) -> Self {
        if self.0.is_empty() {
            YamlPath(key.to_string())
        } else {
            let mut path = String::with_capacity(self.0.len() + 1 + key.len());
            path.push_str(&self.0);
            path.push('.');
            path.push_str(key);
            YamlPath(path)
        }
    }

    /// The path of `keys` under this one, one after the other.
    pub fn descend(&self, keys: &[&str]) -> Self {
        keys.iter().fold(self.clone(), |path, key| path.child(key))
    }

    /// The path of the list item at `index` under this one.
    pub fn item(&self, index: usize) -> Self {
        self.child(&index.to_string())
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `path` is this path or below it (`a.b` is under `a`, `ab` is not).
    pub fn covers(&self, path: &str) -> bool {
        covers(&self.0, path)
    }
}

/// Whether the path `owner` is `path` or above it (the root is above every path).
pub fn covers(owner: &str, path: &str) -> bool {
    owner.is_empty()
        || path
            .strip_prefix(owner)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

impl fmt::Display for YamlPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A path written out in full (`"persistence.outputs"`), as fixes and tests name them.
impl From<&str> for YamlPath {
    fn from(path: &str) -> Self {
        YamlPath(path.to_string())
    }
}

impl From<&YamlPath> for YamlPath {
    fn from(path: &YamlPath) -> Self {
        path.clone()
    }
}

impl From<YamlPath> for String {
    fn from(path: YamlPath) -> String {
        path.0
    }
}

impl PartialEq<&str> for YamlPath {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_by_segment() {
        let root = YamlPath::root();
        assert_eq!(root.child("a").child("b").as_str(), "a.b");
        assert_eq!(root.child("connections").item(2).as_str(), "connections.2");
        assert_eq!(
            root.descend(&["schema", "bucket"]).as_str(),
            "schema.bucket"
        );
        assert!(root.child("a").covers("a.b"));
        assert!(root.child("a").covers("a"));
        assert!(!root.child("a").covers("ab"));
        assert!(root.covers("anything"));
    }
}
