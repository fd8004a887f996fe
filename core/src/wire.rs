//! An [`Analysis`] as bytes, so that it can cross from a Web Worker to the page.
//!
//! The page checks large files in a worker running the same wasm, and a worker can only
//! post bytes and plain JS values back. The format is written by hand rather than by
//! serde: `Deserialize` for these types plus a format crate cost the page's bundle more
//! than this module, and the two ends are always the same build, so the format needs no
//! version. What the types borrow from the program (`&'static str`, `&'static [Pod]`) is
//! written as an index (a finding's rule, a Secret's optional key, a row's pods) or not at
//! all when it follows from the rest (a card field's key and default), so that a decoded
//! analysis equals the original (the tests check it on every fixture).
//!
//! [`decode`] never panics: bytes that are not an encoding give `None`, and the page then
//! checks on its own thread. Reading does not stop at the first bad byte: it marks the
//! input bad and goes on with empty values to the end (no partly built value to drop on
//! every early return), which keeps this code small in the page's bundle.

use crate::chart::{By, ChartBasis};
use crate::check::{Analysis, Report};
use crate::cluster::{AccessMode, Claim, Cluster, Node, Secret, StorageClass, Taint, Volume};
use crate::finding::{Detail, Finding, MigrationDetail, Severity};
use crate::fix::{Applicability, Edit, Fix};
use crate::form::{Card, CardField};
use crate::map::{self, Note, Pod, Row, SecretRef, Source, StorageMap};
use crate::options::Chart;
use crate::rules;
use crate::secrets::{self, SecretHelp};
use crate::source::Span;
use crate::storage::{Field, Kind, Role};
use crate::text::bucket::StoreKind;
use crate::yaml::YamlPath;

/// The bytes of `analysis`, for [`decode`].
pub fn encode(analysis: &Analysis) -> Vec<u8> {
    let mut out = Vec::new();
    analysis.put(&mut out);
    out
}

/// The analysis [`encode`] wrote into `bytes`; `None` for anything else (nothing left
/// over, no panic).
pub fn decode(bytes: &[u8]) -> Option<Analysis> {
    read(bytes)
}

/// The bytes of a cluster snapshot's facts, for the worker that checks against it (the
/// page sends them with each request; they hold no Secret value, as the facts do not).
pub fn encode_cluster(cluster: &Cluster) -> Vec<u8> {
    let mut out = Vec::new();
    cluster.put(&mut out);
    out
}

/// The cluster [`encode_cluster`] wrote; `None` for anything else.
pub fn decode_cluster(bytes: &[u8]) -> Option<Cluster> {
    read(bytes)
}

/// A `T` that takes all of `bytes`, read without a bad byte.
fn read<T: Wire>(bytes: &[u8]) -> Option<T> {
    let mut input = Input { bytes, bad: false };
    let value = T::take(&mut input);
    (!input.bad && input.bytes.is_empty()).then_some(value)
}

/// What is left to read, and whether a byte so far was not an encoding.
struct Input<'a> {
    bytes: &'a [u8],
    bad: bool,
}

impl<'a> Input<'a> {
    /// Marks the input bad and gives `value` to go on with.
    fn bad<T>(&mut self, value: T) -> T {
        self.bad = true;
        value
    }

    fn byte(&mut self) -> u8 {
        match self.bytes.split_first() {
            Some((&first, rest)) => {
                self.bytes = rest;
                first
            }
            None => self.bad(0),
        }
    }

    fn slice(&mut self, len: usize) -> &'a [u8] {
        if len > self.bytes.len() {
            return self.bad(&[]);
        }
        let (head, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        head
    }

    /// A number of items to read. Each item takes at least a byte, so a count beyond
    /// what is left is not an encoding.
    fn count(&mut self) -> usize {
        let count = usize::take(self);
        if count > self.bytes.len() {
            return self.bad(0);
        }
        count
    }

    /// The `&'static str` of `table` at the index written.
    fn known(&mut self, table: &[&'static str]) -> &'static str {
        let index = usize::take(self);
        match table.get(index) {
            Some(known) => known,
            None => self.bad(""),
        }
    }
}

/// Writes `value` as its index in `table` (past the end when it is not there, which
/// [`Input::known`] refuses).
fn put_known(value: &str, table: &[&'static str], out: &mut Vec<u8>) {
    let index = table.iter().position(|known| *known == value);
    index.unwrap_or(table.len()).put(out);
}

/// A value written to and read from bytes.
trait Wire: Sized {
    fn put(&self, out: &mut Vec<u8>);
    fn take(input: &mut Input<'_>) -> Self;
}

/// LEB128: seven bits a byte, low first; most numbers here (offsets, lengths) are small.
impl Wire for usize {
    fn put(&self, out: &mut Vec<u8>) {
        let mut n = *self;
        while n >= 0x80 {
            out.push((n as u8) | 0x80);
            n >>= 7;
        }
        out.push(n as u8);
    }

    fn take(input: &mut Input<'_>) -> Self {
        let mut n: usize = 0;
        let mut shift = 0;
        loop {
            let byte = input.byte();
            let bits = usize::from(byte & 0x7f);
            if shift >= usize::BITS || (bits << shift) >> shift != bits {
                return input.bad(0); // more bits than a usize holds
            }
            n |= bits << shift;
            if byte & 0x80 == 0 {
                // A last byte of 0 after others is a longer spelling of a shorter number:
                // not what `put` writes.
                return if byte == 0 && shift > 0 {
                    input.bad(0)
                } else {
                    n
                };
            }
            shift += 7;
        }
    }
}

impl Wire for bool {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }

    fn take(input: &mut Input<'_>) -> Self {
        match input.byte() {
            0 => false,
            1 => true,
            _ => input.bad(false),
        }
    }
}

/// Its length, then its UTF-8 bytes.
fn put_str(text: &str, out: &mut Vec<u8>) {
    text.len().put(out);
    out.extend_from_slice(text.as_bytes());
}

impl Wire for String {
    fn put(&self, out: &mut Vec<u8>) {
        put_str(self, out);
    }

    fn take(input: &mut Input<'_>) -> Self {
        let len = usize::take(input);
        match std::str::from_utf8(input.slice(len)) {
            Ok(text) => text.to_string(),
            Err(_) => input.bad(String::new()),
        }
    }
}

impl<T: Wire> Wire for Option<T> {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(value) => {
                out.push(1);
                value.put(out);
            }
        }
    }

    fn take(input: &mut Input<'_>) -> Self {
        match input.byte() {
            0 => None,
            1 => Some(T::take(input)),
            _ => input.bad(None),
        }
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        for item in self {
            item.put(out);
        }
    }

    fn take(input: &mut Input<'_>) -> Self {
        let len = input.count();
        // No reservation: the items grow with what is really read, not with a length
        // that bytes from elsewhere could claim.
        let mut items = Vec::new();
        while items.len() < len && !input.bad {
            items.push(T::take(input));
        }
        items
    }
}

impl Wire for YamlPath {
    fn put(&self, out: &mut Vec<u8>) {
        put_str(self.as_str(), out);
    }

    fn take(input: &mut Input<'_>) -> Self {
        YamlPath::from(String::take(input).as_str())
    }
}

/// Enums without data, written as their index in the list. The `const` is a match
/// that stops the build when a variant is missing from the list.
macro_rules! unit_enums {
    ($($ty:ty => [$first:path $(, $variant:path)* $(,)?];)+) => {$(
        impl Wire for $ty {
            fn put(&self, out: &mut Vec<u8>) {
                const ALL: &[$ty] = &[$first $(, $variant)*];
                let index = ALL.iter().position(|v| v == self).unwrap_or(ALL.len());
                out.push(index as u8);
            }

            fn take(input: &mut Input<'_>) -> Self {
                const ALL: &[$ty] = &[$first $(, $variant)*];
                match ALL.get(usize::from(input.byte())) {
                    Some(value) => *value,
                    None => input.bad($first),
                }
            }
        }

        const _: fn($ty) = |value| match value {
            $first $(| $variant)* => (),
        };
    )+};
}

unit_enums! {
    Severity => [Severity::Error, Severity::Warning, Severity::Info];
    Applicability => [Applicability::Safe, Applicability::Suggested];
    Chart => [Chart::V0, Chart::V1];
    By => [By::Option, By::Directive, By::Keys, By::Nothing];
    Role => [Role::Outputs, Role::Data, Role::Logs, Role::Repos, Role::Upload, Role::ArtifactsStore, Role::Connection];
    Field => [Field::MountPath, Field::HostPath, Field::Claim, Field::ReadOnly, Field::Store, Field::Bucket, Field::Secret, Field::SecretKey];
    StoreKind => [StoreKind::S3, StoreKind::Gcs, StoreKind::Azure];
    Pod => [Pod::Api, Pod::Scheduler, Pod::Jobs, Pod::Notebooks, Pod::Streams, Pod::Runs];
    AccessMode => [AccessMode::ReadWriteOnce, AccessMode::ReadOnlyMany, AccessMode::ReadWriteMany, AccessMode::ReadWriteOncePod];
    Note => [
        Note::NodeLocal, Note::ReadWriteMany, Note::LostWithPod, Note::NoMountPath,
        Note::EmptyMountPath, Note::HostPathIsMountPath, Note::NotebookHostPath,
        Note::ReadOnlyIgnored, Note::SecretAsEnv, Note::SecretEnvFrom, Note::SecretMounted,
        Note::GcsKeyNotRead,
        Note::FirstByName, Note::WhenNamed, Note::WhenRequested, Note::SyncedBySidecar,
        Note::StoreIgnored, Note::UnknownKind,
    ];
}

/// Structs written field by field, in the order listed. The pattern names every field,
/// so a field added to the type stops the build until it is listed here too.
macro_rules! structs {
    ($($ty:ident { $($field:ident),+ $(,)? })+) => {$(
        impl Wire for $ty {
            fn put(&self, out: &mut Vec<u8>) {
                let $ty { $($field),+ } = self;
                $($field.put(out);)+
            }

            fn take(input: &mut Input<'_>) -> Self {
                $ty { $($field: Wire::take(input)),+ }
            }
        }
    )+};
}

structs! {
    Analysis { report, cards, map }
    Report { findings, chart, basis, nodes }
    ChartBasis { by, evidence, against }
    Span { start, end }
    Fix { applicability, title, edits, touches }
    Edit { start, end, replacement }
    MigrationDetail { block, secret_commands, skipped, dropped, notes, losses, carried }
    StorageMap { chart, rows }
    SecretRef { name, key, mount_path }
    Cluster { namespace, nodes, classes, volumes, claims, secrets, values_dropped }
    Node { name, ready, cordoned, taints }
    Taint { key, value, effect }
    StorageClass { name, provisioner, wait_for_consumer, default }
    Volume { name, node_local, access_modes }
    Claim { name, phase, access_modes, class, volume }
    Secret { name, keys }
}

/// A kind as its place in `Kind::ALL` (the `const` stops the build when a kind is added
/// that the list lacks: the match has no arm for it).
const _: fn(Kind) = |kind| match kind {
    Kind::HostPath | Kind::Claim => (),
    Kind::Bucket(StoreKind::S3 | StoreKind::Gcs | StoreKind::Azure) => (),
};

impl Wire for Kind {
    fn put(&self, out: &mut Vec<u8>) {
        let index = Kind::ALL
            .iter()
            .position(|k| k == self)
            .unwrap_or(Kind::ALL.len());
        out.push(index as u8);
    }

    fn take(input: &mut Input<'_>) -> Self {
        match Kind::ALL.get(usize::from(input.byte())) {
            Some(kind) => *kind,
            None => input.bad(Kind::HostPath),
        }
    }
}

/// A finding's rule, written as its place in the catalogue: the code and the why both
/// come from it, and a flag for the one finding with a why of its own (C011 on v1+).
impl Wire for Finding {
    fn put(&self, out: &mut Vec<u8>) {
        let Finding {
            code,
            severity,
            message,
            path,
            span,
            why,
            detail,
            fix,
        } = self;
        let rule = rules::all().position(|r| r.code == *code);
        rule.unwrap_or_else(|| rules::all().count()).put(out);
        (*why == rules::cloud::C011_V1_WHY).put(out);
        severity.put(out);
        message.put(out);
        path.put(out);
        span.put(out);
        detail.put(out);
        fix.put(out);
    }

    fn take(input: &mut Input<'_>) -> Self {
        let (code, why) = match rules::all().nth(usize::take(input)) {
            Some(rule) => (rule.code, rule.why),
            None => input.bad(("", "")),
        };
        let why = if bool::take(input) {
            rules::cloud::C011_V1_WHY
        } else {
            why
        };
        Finding {
            code,
            severity: Wire::take(input),
            message: Wire::take(input),
            path: Wire::take(input),
            span: Wire::take(input),
            why,
            detail: Wire::take(input),
            fix: Wire::take(input),
        }
    }
}

impl Wire for Detail {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            Detail::Secret(help) => {
                out.push(0);
                help.put(out);
            }
            Detail::Migration(migration) => {
                out.push(1);
                migration.put(out);
            }
        }
    }

    fn take(input: &mut Input<'_>) -> Self {
        match input.byte() {
            0 => Detail::Secret(Wire::take(input)),
            1 => Detail::Migration(Wire::take(input)),
            _ => input.bad(Detail::Migration(MigrationDetail {
                block: String::new(),
                secret_commands: Vec::new(),
                skipped: Vec::new(),
                dropped: Vec::new(),
                notes: Vec::new(),
                losses: Vec::new(),
                carried: Vec::new(),
            })),
        }
    }
}

impl Wire for SecretHelp {
    fn put(&self, out: &mut Vec<u8>) {
        let SecretHelp {
            command,
            file_name,
            template,
            optional_keys,
        } = self;
        command.put(out);
        file_name.put(out);
        template.put(out);
        optional_keys.len().put(out);
        for key in optional_keys {
            put_known(key, &secrets::OPTIONAL_KEYS, out);
        }
    }

    fn take(input: &mut Input<'_>) -> Self {
        SecretHelp {
            command: Wire::take(input),
            file_name: Wire::take(input),
            template: Wire::take(input),
            optional_keys: {
                let count = input.count();
                let mut keys = Vec::new();
                while keys.len() < count && !input.bad {
                    keys.push(input.known(&secrets::OPTIONAL_KEYS));
                }
                keys
            },
        }
    }
}

/// A card's fields are written without their key and default, which follow from the
/// card's chart and role ([`CardField::new`]).
impl Wire for Card {
    fn put(&self, out: &mut Vec<u8>) {
        let Card {
            chart,
            role,
            name,
            path,
            kind,
            fields,
            span,
            removable,
        } = self;
        chart.put(out);
        role.put(out);
        name.put(out);
        path.put(out);
        kind.put(out);
        fields.len().put(out);
        for CardField {
            field,
            key: _,
            value,
            span,
            default: _,
        } in fields
        {
            field.put(out);
            value.put(out);
            span.put(out);
        }
        span.put(out);
        removable.put(out);
    }

    fn take(input: &mut Input<'_>) -> Self {
        let chart = Chart::take(input);
        let role = Role::take(input);
        let name = Wire::take(input);
        let path = Wire::take(input);
        let kind = Wire::take(input);
        let count = input.count();
        let mut fields = Vec::new();
        while fields.len() < count && !input.bad {
            let field = Field::take(input);
            let value = Wire::take(input);
            fields.push(CardField::new(field, chart, role, value, Wire::take(input)));
        }
        Card {
            chart,
            role,
            name,
            path,
            kind,
            fields,
            span: Wire::take(input),
            removable: Wire::take(input),
        }
    }
}

impl Wire for Row {
    fn put(&self, out: &mut Vec<u8>) {
        let Row {
            role,
            entry,
            path,
            default,
            pods,
            source,
            mount_path,
            read_only,
            notes,
            cluster,
        } = self;
        role.put(out);
        entry.put(out);
        path.put(out);
        default.put(out);
        let group = map::POD_GROUPS
            .iter()
            .position(|g| g == pods)
            .unwrap_or(map::POD_GROUPS.len());
        group.put(out);
        source.put(out);
        mount_path.put(out);
        read_only.put(out);
        notes.put(out);
        cluster.put(out);
    }

    fn take(input: &mut Input<'_>) -> Self {
        Row {
            role: Wire::take(input),
            entry: Wire::take(input),
            path: Wire::take(input),
            default: Wire::take(input),
            pods: {
                let group = usize::take(input);
                match map::POD_GROUPS.get(group) {
                    Some(pods) => pods,
                    None => input.bad(&[]),
                }
            },
            source: Wire::take(input),
            mount_path: Wire::take(input),
            read_only: Wire::take(input),
            notes: Wire::take(input),
            cluster: Wire::take(input),
        }
    }
}

impl Wire for Source {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            Source::HostPath { path } => {
                out.push(0);
                path.put(out);
            }
            Source::Claim { claim } => {
                out.push(1);
                claim.put(out);
            }
            Source::Bucket {
                store,
                bucket,
                secret,
            } => {
                out.push(2);
                store.put(out);
                bucket.put(out);
                secret.put(out);
            }
            Source::EmptyDir => out.push(3),
            Source::NotMounted => out.push(4),
            Source::Unknown => out.push(5),
        }
    }

    fn take(input: &mut Input<'_>) -> Self {
        match input.byte() {
            0 => Source::HostPath {
                path: Wire::take(input),
            },
            1 => Source::Claim {
                claim: Wire::take(input),
            },
            2 => Source::Bucket {
                store: Wire::take(input),
                bucket: Wire::take(input),
                secret: Wire::take(input),
            },
            3 => Source::EmptyDir,
            4 => Source::NotMounted,
            5 => Source::Unknown,
            _ => input.bad(Source::Unknown),
        }
    }
}
