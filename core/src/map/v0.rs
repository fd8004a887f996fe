//! The storage map of chart 0.6.1 (`persistence`): the chart's deployments (api,
//! scheduler) and the pods the server builds (jobs, notebooks). The templates and the
//! code behind each row are named in the parent module's doc.

use super::*;

impl Builder<'_> {
    pub(super) fn v0(&mut self, storage: &Storage) {
        let doc = self.doc;
        // `persistence` written but not a mapping (null included: Helm then drops the
        // chart's whole default): the templates cannot render it (S001), so no rows.
        let persistence = match storage.persistence {
            None => None,
            Some(p) if doc.is_mapping(p.value) => Some(p.value),
            Some(_) => return,
        };
        for role in Role::V0_SECTIONS {
            let written = persistence.and_then(|p| doc.get(p, role.key()));
            if role.is_map() {
                // `{{- if .Values.persistence.outputs }}`: absent, null and `{}` are false,
                // and `defaultPersistence` applies (_volumes.tpl, _pvc_def.tpl).
                let empty = written.is_none_or(|p| {
                    doc.is_null(p.value)
                        || (doc.is_mapping(p.value) && doc.pairs(p.value).is_empty())
                });
                if empty {
                    self.v0_default(role);
                    continue;
                }
                let entries: Vec<&Entry> = storage.entries_of(role).collect();
                // stores/validators.py: no outputs named → the first key of the JSON the
                // chart wrote with `toJson`, which sorts keys byte by byte.
                let first = (role == Role::Outputs && entries.len() > 1)
                    .then(|| entries.iter().map(|e| e.name.as_str()).min())
                    .flatten();
                for entry in entries {
                    self.v0_entry(entry, first);
                }
            } else {
                match written {
                    // values.yaml's default, untouched.
                    None => self.v0_default(role),
                    // A mapping merges with the default; null removes it (nothing mounted);
                    // anything else cannot render (no entry was read).
                    Some(_) => {
                        if let Some(entry) = storage.entries_of(role).next() {
                            self.v0_entry(entry, None);
                        }
                    }
                }
            }
        }
    }

    /// The rows of a 0.6.1 section the file leaves to the chart.
    pub(super) fn v0_default(&mut self, role: Role) {
        let Some((mount, host)) = role.empty_default() else {
            return;
        };
        let at = |pods| Draft {
            role,
            entry: role.key(),
            path: None,
            pods,
        };
        match role {
            Role::Outputs => {
                self.default_host_path(&at(V0_PLATFORM), mount, host, Vec::new());
                self.default_host_path(&at(V0_JOBS), mount, host, Vec::new());
            }
            Role::Data => self.default_host_path(&at(V0_JOBS), mount, host, Vec::new()),
            Role::Logs => self.default_host_path(&at(V0_PLATFORM), mount, host, Vec::new()),
            Role::Repos => {
                self.default_host_path(&at(V0_API), mount, host, Vec::new());
                let notes = vec![Note::NotebookHostPath];
                self.default_host_path(&at(V0_NOTEBOOKS), mount, mount, notes);
            }
            _ => self.default_host_path(&at(V0_API), mount, host, Vec::new()),
        }
    }

    /// A field of a 0.6.1 entry as the templates see it: logs/repos/upload merged with the
    /// chart's values (a key not written keeps the default; written empty or null, none).
    pub(super) fn v0_value(&self, entry: &Entry, field: Field) -> Option<String> {
        if entry.field(field).is_some() {
            return entry.text(self.doc, field).map(str::to_string);
        }
        let (mount, host) = entry.role.chart_default()?;
        match field {
            Field::MountPath => Some(mount.to_string()),
            Field::HostPath => Some(host.to_string()),
            _ => None,
        }
    }

    pub(super) fn read_only(&self, entry: &Entry) -> bool {
        entry
            .field(Field::ReadOnly)
            .and_then(|f| self.doc.scalar(f.pair.value))
            .and_then(|s| s.as_bool())
            .unwrap_or(false)
    }

    pub(super) fn v0_entry(&mut self, entry: &Entry, first: Option<&str>) {
        let mount = self.v0_value(entry, Field::MountPath);
        let host = self.v0_value(entry, Field::HostPath);
        let claim = self.v0_value(entry, Field::Claim);
        let store = self.v0_value(entry, Field::Store);
        let read_only = self.read_only(entry);
        let bucket = store.as_ref().map(|_| self.v0_bucket(entry));
        let at = |pods| Draft {
            role: entry.role,
            entry: &entry.name,
            path: Some(&entry.path),
            pods,
        };

        // Platform pods (_volumes.tpl; which ones: api-/scheduler-deployment.yaml).
        let platform = match entry.role {
            Role::Outputs | Role::Logs => Some(V0_PLATFORM),
            Role::Repos | Role::Upload => Some(V0_API),
            _ => None,
        };
        if let Some(pods) = platform {
            let mut notes = Vec::new();
            // Only outputs and logs check `store`: repos and upload mount a volume anyway.
            let store_checked = matches!(entry.role, Role::Outputs | Role::Logs);
            let (source, mount_path) = match &bucket {
                Some(bucket) if store_checked => (bucket.clone(), None),
                _ => {
                    if bucket.is_some() {
                        notes.push(Note::StoreIgnored);
                    }
                    if mount.is_none() {
                        notes.push(Note::EmptyMountPath);
                    }
                    let source = match (&claim, &host) {
                        (Some(claim), _) => Source::Claim {
                            claim: Some(claim.clone()),
                        },
                        (None, Some(host)) => Source::HostPath {
                            path: Some(host.clone()),
                        },
                        (None, None) => {
                            notes.push(Note::HostPathIsMountPath);
                            Source::HostPath {
                                path: mount.clone(),
                            }
                        }
                    };
                    (source, mount.clone())
                }
            };
            if read_only && mount_path.is_some() {
                notes.push(Note::ReadOnlyIgnored);
            }
            self.push(&at(pods), source, mount_path, false, notes);
        }

        // Job pods (polypod/templates/volumes.py, stores.py): outputs and data only.
        if matches!(entry.role, Role::Outputs | Role::Data) {
            let mut notes = Vec::new();
            // A store entry's volume: `get_volume_from_definition` would still add one (an
            // emptyDir) when a `mountPath` is written too (K004 says to remove it); the map
            // shows the bucket.
            let (source, mount_path, read_only) = match (bucket, &mount) {
                (Some(bucket), _) => (bucket, None, false),
                (None, None) => {
                    notes.push(Note::NoMountPath);
                    (Source::NotMounted, None, false)
                }
                (None, Some(mount)) => {
                    let source = match (&claim, host) {
                        (Some(claim), _) => Source::Claim {
                            claim: Some(claim.clone()),
                        },
                        (None, Some(host)) => Source::HostPath { path: Some(host) },
                        (None, None) => Source::EmptyDir,
                    };
                    (source, Some(mount.clone()), read_only)
                }
            };
            match first {
                Some(name) if name == entry.name => notes.push(Note::FirstByName),
                Some(_) => notes.push(Note::WhenNamed),
                None => {}
            }
            self.push(&at(V0_JOBS), source, mount_path, read_only, notes);
        }

        // Notebooks with their code mounted (polypod/notebook.py): repos only.
        if entry.role == Role::Repos {
            let mut notes = vec![Note::NotebookHostPath];
            if mount.is_none() {
                notes.push(Note::EmptyMountPath);
            }
            let source = match claim {
                Some(claim) => Source::Claim { claim: Some(claim) },
                None => Source::HostPath {
                    path: mount.clone(),
                },
            };
            self.push(&at(V0_NOTEBOOKS), source, mount, false, notes);
        }
    }

    /// A 0.6.1 entry with a `store` as a bucket (whatever else it has: the templates look at
    /// `store` first), or unknown when the store is not a cloud one.
    pub(super) fn v0_bucket(&self, entry: &Entry) -> Source {
        let store = self.v0_value(entry, Field::Store);
        let Some(store) = store.as_deref().and_then(StoreKind::from_v0) else {
            return Source::Unknown;
        };
        let name = self.v0_value(entry, Field::Secret);
        let key = self.v0_value(entry, Field::SecretKey);
        Source::Bucket {
            store,
            bucket: self.v0_value(entry, Field::Bucket),
            secret: (name.is_some() || key.is_some()).then_some(SecretRef {
                name,
                key,
                mount_path: None,
            }),
        }
    }
}
