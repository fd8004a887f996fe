//! The storage map of today's chart (`artifactsStore`, `connections`): the api and
//! streams deployments and the runs the agent builds. The templates and the code behind
//! each row are named in the parent module's doc.

use super::*;

impl Builder<'_> {
    pub(super) fn v1(&mut self, storage: &Storage) {
        let doc = self.doc;
        // `{{- if .Values.artifactsStore }}`: absent, null and `{}` take the default store
        // (_stores.tpl, agent-cm.yaml); a list or a scalar cannot render (A001): no rows.
        match (storage.artifacts_store, storage.store()) {
            (None, _) => self.v1_default(),
            (Some(p), _) if doc.is_null(p.value) => self.v1_default(),
            (Some(_), Some(store)) if doc.pairs(store.node).is_empty() => self.v1_default(),
            (Some(_), Some(store)) => self.v1_entry(store, true),
            (Some(_), None) => {}
        }
        // _connections.tpl: api/streams mount a connection named in `mountConnections`.
        let mounted = storage::v1::mounted_connections(doc);
        for entry in storage.entries_of(Role::Connection) {
            // Other kinds (git, registry, databases...) are not storage.
            if entry.kind == KindState::Other {
                continue;
            }
            let platform = !entry.is_alias(doc) && mounted.contains(&entry.name.as_str());
            self.v1_entry(entry, platform);
        }
    }

    /// `defaultArtifactsStore` (values.yaml): api/streams and the runs.
    pub(super) fn v1_default(&mut self) {
        let Some((mount, host)) = Role::ArtifactsStore.empty_default() else {
            return;
        };
        let at = |pods| Draft {
            role: Role::ArtifactsStore,
            entry: DEFAULT_STORE_NAME,
            path: None,
            pods,
        };
        self.default_host_path(&at(V1_PLATFORM), mount, host, Vec::new());
        self.default_host_path(&at(V1_RUNS), mount, host, vec![Note::SyncedBySidecar]);
    }

    pub(super) fn v1_entry(&mut self, entry: &Entry, platform: bool) {
        let doc = self.doc;
        let text = |field| entry.text(doc, field).map(str::to_string);
        let mount = text(Field::MountPath);
        let read_only = self.read_only(entry);
        let (source, volume) = match entry.kind.known() {
            Some(Kind::HostPath) => (
                Source::HostPath {
                    path: text(Field::HostPath),
                },
                true,
            ),
            Some(Kind::Claim) => (
                Source::Claim {
                    claim: text(Field::Claim),
                },
                true,
            ),
            Some(Kind::Bucket(store)) => {
                let secret = entry.secret_mount(doc).map(|(_, mount)| SecretRef {
                    name: text(Field::Secret),
                    key: None,
                    mount_path: mount.map(str::to_string),
                });
                let bucket = text(Field::Bucket);
                (
                    Source::Bucket {
                        store,
                        bucket,
                        secret,
                    },
                    false,
                )
            }
            None => (Source::Unknown, false),
        };
        let mount_path = if volume { mount } else { None };
        let missing = volume && mount_path.is_none();
        let at = |pods| Draft {
            role: entry.role,
            entry: &entry.name,
            path: Some(&entry.path),
            pods,
        };
        if platform {
            let mut notes = Vec::new();
            if missing {
                notes.push(Note::EmptyMountPath);
            }
            if volume && read_only {
                notes.push(Note::ReadOnlyIgnored);
            }
            self.push(
                &at(V1_PLATFORM),
                source.clone(),
                mount_path.clone(),
                false,
                notes,
            );
        }
        let mut notes = Vec::new();
        if missing {
            notes.push(Note::EmptyMountPath);
        }
        notes.push(match entry.role {
            Role::ArtifactsStore => Note::SyncedBySidecar,
            _ => Note::WhenRequested,
        });
        self.push(&at(V1_RUNS), source, mount_path, volume && read_only, notes);
    }
}
