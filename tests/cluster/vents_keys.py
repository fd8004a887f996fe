"""N008 against Polyaxon's own reading of a store's Secret (vents, as polyaxon 2.18 installs it).

For each case, a Secret with some keys is handed to vents the two ways today's chart hands
it to the pods: as env vars (`envFrom`: the keys set in the process environment) or as
files (`secret.mountPath`: one file per key in a directory, passed as vents' context path).
vents' own getters then say whether the credentials are read. The same Secret, in a snapshot
with a v1 values file naming it, goes through `storage-check --cluster`: N008 must be
reported exactly when vents reads no credentials.

    python tests/cluster/vents_keys.py target/debug/storage-check
"""

import json
import os
import subprocess
import sys
import tempfile
import types

# Polyaxon's own configuration of vents (the `POLYAXON` env prefix, its context root): what
# the pods run with. It must come before the providers, which read it on import.
import polyaxon._connections  # noqa: F401,E402
from vents.providers.aws import base as aws  # noqa: E402
from vents.providers.azure import base as azure  # noqa: E402

# vents' GCS getters import google-auth, which polyaxon does not install: empty stand-ins
# for its modules let the getters (plain `read_keys` calls with their own names) load.
for name in ["google", "google.auth", "google.oauth2", "google.oauth2.service_account"]:
    sys.modules.setdefault(name, types.ModuleType(name))
sys.modules["google.oauth2.service_account"].Credentials = object
from vents.providers.gcp import base as gcp  # noqa: E402

# Per store: each credential the store needs, as the getters vents reads it with.
NEEDS = {
    "s3": [[aws.get_aws_access_key_id], [aws.get_aws_secret_access_key]],
    "gcs": [[gcp.get_key_path, gcp.get_keyfile_dict]],
    "wasb": [[azure.get_account_key, azure.get_sas_token, azure.get_connection_string]],
}
BUCKETS = {"s3": "s3://b", "gcs": "gs://b", "wasb": "wasbs://c@account.blob.core.windows.net"}

CASES = [
    ("s3", ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"], False),
    ("s3", ["aws_access_key_id", "awssecretaccesskey"], False),
    ("s3", ["POLYAXON_AWS_ACCESS_KEY_ID", "POLYAXON_AWS_SECRET_ACCESS_KEY"], False),
    ("s3", ["POLYAXON_AWS_ACCESS_KEY_ID", "POLYAXON_AWS_SECRET_ACCESS_KEY"], True),
    ("s3", ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"], True),
    ("s3", ["AWS_ACCESS_KEY_ID"], False),
    ("s3", ["S3_SECRET_JSON"], False),
    ("s3", ["Aws_Access_Key_Id", "AWS_SECRET_ACCESS_KEY"], False),
    ("gcs", ["GC_KEYFILE_DICT"], False),
    ("gcs", ["google_application_credentials"], True),
    ("gcs", ["gc-secret.json"], False),
    ("gcs", ["key.json"], True),
    ("wasb", ["AZURE_ACCOUNT_NAME", "AZURE_ACCOUNT_KEY"], False),
    ("wasb", ["AZURE_CONNECTION_STRING"], True),
    ("wasb", ["azurestoragesastoken"], False),
    ("wasb", ["AZURE_ACCOUNT_NAME"], False),
]

# Everything a case sets in the environment is removed after it.
ALL_NAMES = {"AWS_", "GC_", "GOOGLE_", "AZURE_", "POLYAXON_AWS", "POLYAXON_GC", "POLYAXON_AZURE"}


def clean_env():
    for name in list(os.environ):
        if any(name.upper().startswith(p) for p in ALL_NAMES) or name.lower().startswith(("aws", "gc", "google", "azure")):
            del os.environ[name]


def vents_reads(store, keys, mounted):
    """Whether vents finds every credential the store needs in a Secret with `keys`."""
    clean_env()
    with tempfile.TemporaryDirectory() as mount:
        if mounted:
            for key in keys:
                with open(os.path.join(mount, key), "w") as f:
                    f.write("a-value.json")
            paths = [mount]
        else:
            for key in keys:
                os.environ[key] = "a-value.json"
            paths = None
        try:
            return all(
                any(getter(context_paths=paths) for getter in getters)
                for getters in NEEDS[store]
            )
        finally:
            clean_env()


def ours(binary, store, keys, mounted, workdir):
    snapshot = {
        "apiVersion": "v1",
        "kind": "List",
        "items": [{
            "apiVersion": "v1", "kind": "Secret", "type": "Opaque",
            "metadata": {"name": "creds", "namespace": "polyaxon"},
            "data": {key: "" for key in keys},
        }],
    }
    mount = "    mountPath: /creds\n" if mounted else ""
    values = (
        f"artifactsStore:\n  name: store\n  kind: {store}\n  schema:\n    bucket: {BUCKETS[store]}\n"
        f"  secret:\n    name: creds\n{mount}"
    )
    snap = os.path.join(workdir, "cluster.json")
    path = os.path.join(workdir, "values.yaml")
    with open(snap, "w") as f:
        json.dump(snapshot, f)
    with open(path, "w") as f:
        f.write(values)
    out = subprocess.run(
        [binary, "--cluster", snap, "--chart", "v1", "--format", "json", path],
        capture_output=True, text=True,
    )
    if out.returncode == 2:
        raise SystemExit(f"storage-check refused the case: {out.stderr}")
    findings = json.loads(out.stdout)["files"][0]["findings"]
    return not any(f["code"] == "N008" for f in findings)


def main():
    binary = sys.argv[1]
    differ = 0
    with tempfile.TemporaryDirectory() as workdir:
        for store, keys, mounted in CASES:
            theirs = vents_reads(store, keys, mounted)
            mine = ours(binary, store, keys, mounted, workdir)
            shape = "mounted" if mounted else "envFrom"
            mark = "agree" if theirs == mine else "DIFFER"
            differ += theirs != mine
            print(f"{mark:6} {store:4} {shape:7} {','.join(keys)}: vents reads={theirs} ours={mine}")
    print(f"N008 against vents: {len(CASES) - differ} agree, {differ} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
