//! Cloud store kinds, bucket URLs and the providers' naming rules.

use serde::Serialize;

/// The three cloud stores of the v0 chart (`store:`), known in v1+ as `s3`, `gcs`, `wasb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum StoreKind {
    /// Amazon S3 and S3-compatible servers (Minio).
    S3,
    /// Google Cloud Storage.
    Gcs,
    /// Azure Blob storage.
    Azure,
}

impl StoreKind {
    /// Every store.
    pub const ALL: [StoreKind; 3] = [StoreKind::S3, StoreKind::Gcs, StoreKind::Azure];

    /// The v0 spelling (`store: azure`).
    pub fn v0_name(self) -> &'static str {
        match self {
            StoreKind::S3 => "s3",
            StoreKind::Gcs => "gcs",
            StoreKind::Azure => "azure",
        }
    }

    /// The URL scheme of its buckets (`s3`, `gs`, `wasbs`).
    pub fn scheme(self) -> &'static str {
        match self {
            StoreKind::S3 => "s3",
            StoreKind::Gcs => "gs",
            StoreKind::Azure => "wasbs",
        }
    }

    /// Its name for people.
    pub fn label(self) -> &'static str {
        match self {
            StoreKind::S3 => "Amazon S3",
            StoreKind::Gcs => "Google Cloud Storage",
            StoreKind::Azure => "Azure Blob",
        }
    }

    /// The store spelled `name` in a v0 entry, exactly.
    pub fn from_v0(name: &str) -> Option<StoreKind> {
        StoreKind::ALL.into_iter().find(|k| k.v0_name() == name)
    }

    fn from_scheme(scheme: &str) -> Option<StoreKind> {
        match scheme {
            "s3" | "s3a" | "s3n" => Some(StoreKind::S3),
            "gs" | "gcs" => Some(StoreKind::Gcs),
            "wasbs" | "wasb" | "abfs" | "abfss" | "az" => Some(StoreKind::Azure),
            _ => None,
        }
    }

    /// Its name with its article, for prose: "an Amazon S3", "a Google Cloud Storage".
    pub fn with_article(self) -> &'static str {
        match self {
            StoreKind::S3 => "an Amazon S3",
            StoreKind::Gcs => "a Google Cloud Storage",
            StoreKind::Azure => "an Azure Blob",
        }
    }

    /// What people write for a store that is meant but misspelled: `google` → gcs.
    pub fn from_alias(name: &str) -> Option<StoreKind> {
        match name.to_ascii_lowercase().as_str() {
            "s3" | "aws" | "amazon" | "minio" | "s3a" | "aws-s3" | "aws_s3" => Some(StoreKind::S3),
            "gcs" | "gs" | "google" | "gcp" | "gcloud" | "google-cloud-storage" => {
                Some(StoreKind::Gcs)
            }
            "azure" | "wasb" | "wasbs" | "blob" | "abs" | "az" | "azure-blob" => {
                Some(StoreKind::Azure)
            }
            _ => None,
        }
    }
}

/// What is wrong with a bucket URL for a given store (C003 / A005).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BucketProblem {
    /// No `scheme://`. `fixed` is the URL the user most likely meant, `None` when there is
    /// no such guess (Azure: the account cannot be guessed; a node path like `/mnt/out`;
    /// another cloud's address). `certain` says whether `fixed` only adds the scheme to a
    /// bare bucket name that already follows the store's naming rules: that is the only
    /// rewrite a safe fix may make; anything else is a guess the user confirms.
    MissingScheme {
        /// The URL meant, if there is a guess.
        fixed: Option<String>,
        /// Whether `fixed` is certainly what was meant.
        certain: bool,
    },
    /// The scheme belongs to another store (or to none).
    WrongScheme {
        /// The scheme written.
        found: String,
        /// The store that scheme is for, if any.
        belongs_to: Option<StoreKind>,
    },
    /// `scheme://` with nothing after it.
    NoBucketName,
    /// An Azure URL not of the form `wasbs://CONTAINER@ACCOUNT.blob.core.windows.net/`.
    AzureShape,
    /// A provider's web address or endpoint host (`https://b.s3.amazonaws.com/x`,
    /// `b.s3.amazonaws.com`, `https://storage.googleapis.com/b`): not a bucket URL, though
    /// it names one.
    ProviderUrl {
        /// Whose address it is.
        store: StoreKind,
        /// The bucket URL it names (`s3://b/x`).
        meant: String,
    },
}

/// The parts of a bucket URL that fits its store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket<'a> {
    /// The S3/GCS bucket, or the Azure container.
    pub name: &'a str,
    /// The Azure storage account.
    pub account: Option<&'a str>,
}

/// The bucket URL a provider's web address or endpoint host names, if it is one.
pub fn provider_url(url: &str) -> Option<(StoreKind, String)> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let path = path.trim_end_matches('/');
    let join = |scheme: &str, bucket: &str, path: &str| {
        (!bucket.is_empty()).then(|| {
            if path.is_empty() {
                format!("{scheme}://{bucket}")
            } else {
                format!("{scheme}://{bucket}/{path}")
            }
        })
    };
    let first = |path: &str| -> (String, String) {
        let (bucket, rest) = path.split_once('/').unwrap_or((path, ""));
        (bucket.to_string(), rest.to_string())
    };
    if let Some(front) = host.strip_suffix(".amazonaws.com") {
        // Virtual-hosted (`b.s3.amazonaws.com`, `b.s3.eu-west-1.amazonaws.com`,
        // `b.s3-eu-west-1...`) or path-style (`s3.amazonaws.com/b`).
        let meant = if front == "s3" || front.starts_with("s3.") || front.starts_with("s3-") {
            let (bucket, rest) = first(path);
            join("s3", &bucket, &rest)
        } else {
            let bucket = front.find(".s3").map(|i| &front[..i])?;
            join("s3", bucket, path)
        };
        return meant.map(|m| (StoreKind::S3, m));
    }
    if matches!(host, "storage.googleapis.com" | "storage.cloud.google.com") {
        let (bucket, rest) = first(path);
        return join("gs", &bucket, &rest).map(|m| (StoreKind::Gcs, m));
    }
    if let Some(bucket) = host.strip_suffix(".storage.googleapis.com") {
        return join("gs", bucket, path).map(|m| (StoreKind::Gcs, m));
    }
    if let Some(account) = host.strip_suffix(".blob.core.windows.net") {
        let (container, rest) = first(path);
        let meant = (!account.is_empty() && !container.is_empty())
            .then(|| format!("wasbs://{container}@{account}.blob.core.windows.net/{rest}"));
        return meant.map(|m| (StoreKind::Azure, m));
    }
    None
}

/// Checks `url` against `store`'s URL form.
pub fn parse(store: StoreKind, url: &str) -> Result<Bucket<'_>, BucketProblem> {
    if !url.contains('@') {
        if let Some((store, meant)) = provider_url(url) {
            return Err(BucketProblem::ProviderUrl { store, meant });
        }
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(missing_scheme(store, url));
    };
    if scheme != store.scheme() {
        return Err(BucketProblem::WrongScheme {
            found: scheme.to_string(),
            belongs_to: StoreKind::from_scheme(scheme),
        });
    }
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() {
        return Err(BucketProblem::NoBucketName);
    }
    if store != StoreKind::Azure {
        return Ok(Bucket {
            name: host,
            account: None,
        });
    }
    let Some((container, account_host)) = host.split_once('@') else {
        return Err(BucketProblem::AzureShape);
    };
    let Some(account) = account_host.strip_suffix(".blob.core.windows.net") else {
        return Err(BucketProblem::AzureShape);
    };
    if container.is_empty() || account.is_empty() {
        return Err(BucketProblem::AzureShape);
    }
    Ok(Bucket {
        name: container,
        account: Some(account),
    })
}

/// What to make of a URL written without `scheme://`.
fn missing_scheme(store: StoreKind, url: &str) -> BucketProblem {
    let none = BucketProblem::MissingScheme {
        fixed: None,
        certain: false,
    };
    if store == StoreKind::Azure {
        return none;
    }
    let scheme = store.scheme();
    // The scheme written with its `://` mistyped (`s3//b`, `s3:/b`, `gs:b`): the bucket
    // after it is likely meant, but the text is not what a bucket URL looks like, so the
    // user confirms.
    let typo = ["//", ":/", ":"].iter().find_map(|sep| {
        [
            scheme,
            if store == StoreKind::Gcs {
                "gcs"
            } else {
                scheme
            },
        ]
        .iter()
        .find_map(|s| url.strip_prefix(&format!("{s}{sep}")))
    });
    if let Some(rest) = typo {
        let rest = rest.trim_start_matches('/');
        if plain_path(rest) {
            return BucketProblem::MissingScheme {
                fixed: Some(format!("{scheme}://{}", rest.trim_end_matches('/'))),
                certain: false,
            };
        }
        return none;
    }
    // A bare bucket name, with or without a path under it: adding the scheme is all that
    // is meant, when the name follows the store's rules. A leading `/` is a node path
    // (`/mnt/outputs`), not a bucket; `@`, `:` or `//` belong to other addresses.
    let bare = url.trim_end_matches('/');
    if url.starts_with('/') || !plain_path(bare) {
        return none;
    }
    let name = bare.split('/').next().unwrap_or("");
    let certain = naming_problems(
        store,
        &Bucket {
            name,
            account: None,
        },
    )
    .is_empty();
    BucketProblem::MissingScheme {
        fixed: Some(format!("{scheme}://{bare}")),
        certain,
    }
}

/// Text that reads as `bucket[/path]`: not empty, no blank, `@`, `:` or empty segment.
fn plain_path(text: &str) -> bool {
    !text.is_empty()
        && !text.contains("//")
        && !text.starts_with('/')
        && !text
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '@' | ':' | '\\'))
}

/// What breaks the provider's naming rules (C004), said in a few words.
pub fn naming_problems(store: StoreKind, bucket: &Bucket<'_>) -> Vec<String> {
    let mut out = Vec::new();
    match store {
        StoreKind::S3 => {
            let n = bucket.name;
            if !(3..=63).contains(&n.len()) {
                out.push(format!(
                    "S3 bucket names are 3–63 characters (`{n}` has {})",
                    n.len()
                ));
            }
            if !n
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
            {
                out.push(format!(
                    "S3 bucket `{n}` may hold only lowercase letters, digits, `.` and `-`"
                ));
            }
            if !ends_alnum(n) {
                out.push(format!(
                    "S3 bucket `{n}` must start and end with a letter or digit"
                ));
            }
            if n.contains("..") {
                out.push(format!("S3 bucket `{n}` must not contain `..`"));
            }
            if looks_like_ip(n) {
                out.push(format!("S3 bucket `{n}` must not look like an IP address"));
            }
        }
        StoreKind::Gcs => {
            let n = bucket.name;
            let max = if n.contains('.') { 222 } else { 63 };
            if n.len() < 3 || n.len() > max || n.split('.').any(|p| p.len() > 63) {
                out.push(format!(
                    "GCS bucket names are 3–63 characters (222 with dots; `{n}` has {})",
                    n.len()
                ));
            }
            if !n.bytes().all(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
            }) {
                out.push(format!(
                    "GCS bucket `{n}` may hold only lowercase letters, digits, `-`, `_` and `.`"
                ));
            }
            if !ends_alnum(n) {
                out.push(format!(
                    "GCS bucket `{n}` must start and end with a letter or digit"
                ));
            }
        }
        StoreKind::Azure => {
            let c = bucket.name;
            if !(3..=63).contains(&c.len())
                || !c
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                || !ends_alnum(c)
                || c.contains("--")
            {
                out.push(format!(
                    "Azure container `{c}` must be 3–63 lowercase letters, digits and single `-`, starting and ending with a letter or digit"
                ));
            }
            if let Some(a) = bucket.account {
                if !(3..=24).contains(&a.len())
                    || !a
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                {
                    out.push(format!(
                        "Azure storage account `{a}` must be 3–24 lowercase letters and digits"
                    ));
                }
            }
        }
    }
    out
}

fn ends_alnum(name: &str) -> bool {
    let b = name.as_bytes();
    b.first().is_some_and(u8::is_ascii_alphanumeric)
        && b.last().is_some_and(u8::is_ascii_alphanumeric)
}

fn looks_like_ip(name: &str) -> bool {
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_that_fit() {
        assert_eq!(
            parse(StoreKind::S3, "s3://outputs-bucket/a").unwrap().name,
            "outputs-bucket"
        );
        assert_eq!(parse(StoreKind::Gcs, "gs://data").unwrap().name, "data");
        let az = parse(StoreKind::Azure, "wasbs://out@acct.blob.core.windows.net/").unwrap();
        assert_eq!((az.name, az.account), ("out", Some("acct")));
    }

    #[test]
    fn urls_that_do_not() {
        assert_eq!(
            parse(StoreKind::S3, "outputs-bucket"),
            Err(BucketProblem::MissingScheme {
                fixed: Some("s3://outputs-bucket".into()),
                certain: true,
            })
        );
        assert_eq!(
            parse(StoreKind::Azure, "container"),
            Err(BucketProblem::MissingScheme {
                fixed: None,
                certain: false
            })
        );
        assert_eq!(
            parse(StoreKind::Gcs, "s3://b"),
            Err(BucketProblem::WrongScheme {
                found: "s3".into(),
                belongs_to: Some(StoreKind::S3)
            })
        );
        assert_eq!(
            parse(StoreKind::S3, "s3://"),
            Err(BucketProblem::NoBucketName)
        );
        assert_eq!(
            parse(StoreKind::Azure, "wasbs://c@acct/"),
            Err(BucketProblem::AzureShape)
        );
    }

    /// Issue 19: a safe fix must not invent meaning. Only a bare, valid bucket name gets
    /// its scheme for certain; a node path, another cloud's address or a mistyped scheme
    /// is not a bucket name to prefix.
    #[test]
    fn only_a_bare_valid_bucket_name_is_certain() {
        let missing = |store, url| match parse(store, url) {
            Err(BucketProblem::MissingScheme { fixed, certain }) => (fixed, certain),
            other => panic!("{url}: {other:?}"),
        };
        assert_eq!(
            missing(StoreKind::S3, "my-bucket/runs/"),
            (Some("s3://my-bucket/runs".into()), true)
        );
        assert_eq!(missing(StoreKind::S3, "/mnt/outputs"), (None, false));
        assert_eq!(
            missing(
                StoreKind::Gcs,
                "outputs@myaccount.blob.core.windows.net/runs"
            ),
            (None, false)
        );
        assert_eq!(
            missing(StoreKind::S3, "s3//my-bucket"),
            (Some("s3://my-bucket".into()), false)
        );
        assert_eq!(
            missing(StoreKind::Gcs, "gs:/my-bucket/x"),
            (Some("gs://my-bucket/x".into()), false)
        );
        // A name the store refuses (capitals, `_` in S3) is a guess too.
        assert_eq!(
            missing(StoreKind::S3, "My_Bucket"),
            (Some("s3://My_Bucket".into()), false)
        );
        assert_eq!(missing(StoreKind::S3, "a b"), (None, false));
    }

    #[test]
    fn naming_rules() {
        let b = |name| Bucket {
            name,
            account: None,
        };
        assert!(naming_problems(StoreKind::S3, &b("my-bucket")).is_empty());
        assert!(!naming_problems(StoreKind::S3, &b("My_Bucket")).is_empty());
        assert!(!naming_problems(StoreKind::S3, &b("192.168.1.1")).is_empty());
        assert!(naming_problems(StoreKind::Gcs, &b("my_bucket")).is_empty());
        let az = Bucket {
            name: "out",
            account: Some("Acct"),
        };
        assert_eq!(naming_problems(StoreKind::Azure, &az).len(), 1);
    }

    #[test]
    fn provider_urls_name_their_bucket() {
        let meant = provider_url;
        assert_eq!(
            meant("my-outputs.s3.amazonaws.com"),
            Some((StoreKind::S3, "s3://my-outputs".into()))
        );
        assert_eq!(
            meant("https://my-outputs.s3.eu-west-1.amazonaws.com/runs/"),
            Some((StoreKind::S3, "s3://my-outputs/runs".into()))
        );
        assert_eq!(
            meant("https://s3.amazonaws.com/b/x"),
            Some((StoreKind::S3, "s3://b/x".into()))
        );
        assert_eq!(
            meant("https://storage.googleapis.com/b/x"),
            Some((StoreKind::Gcs, "gs://b/x".into()))
        );
        assert_eq!(
            meant("https://acct.blob.core.windows.net/c/x"),
            Some((
                StoreKind::Azure,
                "wasbs://c@acct.blob.core.windows.net/x".into()
            ))
        );
        assert_eq!(meant("my-outputs"), None);
        assert_eq!(meant("s3://my-outputs"), None);
    }
}
