"""Reference verdicts: what Helm, Polyaxon (and, emulated, the chart templates and Kubernetes)
do with a values file.

Run inside the conformance venv (helm-python-sdk 0.2.2 + polyaxon-deploy 0.6.1 + polyaxon 2.18.0).  Every level returns
either None (accepted) or a short error text (refused).  See README.md for which function each
level calls.
"""

import collections
import collections.abc
import json
import os
import re
import sys

# polyaxon-schemas 0.6.1 and rhea 0.5 (2020) import ABCs from `collections`, removed in Python 3.10.
for _n in ("Mapping", "MutableMapping", "Sequence", "Iterable", "Callable", "Set"):
    if not hasattr(collections, _n):
        setattr(collections, _n, getattr(collections.abc, _n))

import yaml  # noqa: E402  (PyYAML: YAML 1.1, like Helm's go-yaml)

LEVELS = {
    "v0": ["helm", "yaml", "deploy", "chart", "job", "run", "cluster"],
    "v1": ["helm", "yaml", "deploy", "agent", "run", "k8s", "cluster"],
}

# The top-level keys whose reading is compared with ours (run.py's `helm` column).
STORAGE_KEYS = ("persistence", "artifactsStore", "connections", "mountConnections")

# The cluster snapshots a case can name (`# conformance: cluster=NAME` on its first line):
# made by the Kubernetes Python client (tests/cluster/snapshots.py).
SNAPSHOTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                         "core", "src", "rules", "cluster", "snapshots")

CHARTS = {  # chart directories holding each generation's real values.yaml
    "v0": os.path.join(os.path.dirname(os.path.abspath(__file__)), "charts", "polyaxon-0.6.1"),
    "v1": os.path.join(os.path.dirname(os.path.abspath(__file__)), "charts", "polyaxon-2.x"),
}

DNS1123_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
DNS1123_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
CONFIG_KEY = re.compile(r"^[-._a-zA-Z0-9]+$")
ENV_NAME = re.compile(r"^[-._a-zA-Z][-._a-zA-Z0-9]*$")


def short(e, limit=110):
    if hasattr(e, "errors") and callable(e.errors):  # pydantic: the first error, located
        try:
            errs = e.errors()
            first = errs[0]
            loc = ".".join(str(x) for x in first.get("loc", ()))
            text = "%s%s: %s" % ("(%d errors) " % len(errs) if len(errs) > 1 else "", loc, first.get("msg"))
            return short(text, limit)
        except Exception:
            pass
    text = e if isinstance(e, str) else "%s: %s" % (type(e).__name__, e)
    text = " ".join(str(text).split())
    text = re.sub(r"0x[0-9a-f]{6,}", "0x…", text)
    text = re.sub(r"(/[^\s\"'`]*)?/cases/(v[01])/", r"cases/\2/", text)
    text = text.replace("\t", " ")
    # pydantic appends a documentation URL to each error; it only adds noise here
    text = re.sub(r"\s*For further information visit https://errors\.pydantic\.dev\S*", "", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------------
# Kubernetes API validation of the volumes and mounts the chart / Polyaxon would put in a pod.
# The rules are those of k8s.io/kubernetes pkg/apis/core/validation (ValidateVolumes,
# ValidateVolumeMounts, validateHostPathVolumeSource, validateEnv*); emulated, not called.


def k8s_pod_errors(volumes, mounts, env=()):
    """volumes: [(name, kind, source)]; mounts: [(name, mountPath)] of one container, or
    {container: [(name, mountPath)]}; env: [(name, secret, key)]."""
    seen = set()
    for name, kind, source in volumes:
        if not isinstance(name, str) or not DNS1123_LABEL.match(name) or len(name) > 63:
            return "volume name %r: must be a lowercase RFC 1123 label" % (name,)
        if name in seen:
            return "volumes[%s]: Duplicate value" % name
        seen.add(name)
        if kind == "hostPath":
            if not source:
                return "volume %s: hostPath.path: Required value" % name
            if ".." in str(source).split("/"):
                return "volume %s: hostPath.path: must not contain '..'" % name
        if kind == "pvc" and not source:
            return "volume %s: claimName: Required value" % name
        if kind == "secret" and not source:
            return "volume %s: secretName: Required value" % name
    containers = mounts if isinstance(mounts, dict) else {"main": mounts}
    for container, cmounts in containers.items():
        paths = set()
        for name, path in cmounts:
            if name not in seen:
                return "%s: volumeMount %s: not found" % (container, name)
            if path in (None, ""):
                return "%s: volumeMount %s: mountPath: Required value" % (container, name)
            if path in paths:
                return "%s: volumeMount %s: mountPath %s: must be unique" % (container, name, path)
            paths.add(path)
    for name, secret, key in env:
        if not name:
            return "env name: Required value"
        if not ENV_NAME.match(str(name)):
            return "env %r: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.'" % name
        if not secret:
            return "env %s: secretKeyRef.name: Required value" % name
        if not key or not CONFIG_KEY.match(str(key)):
            return "env %s: secretKeyRef.key %r: a valid config key" % (name, key)
    return None


# ---------------------------------------------------------------------------------------------
# Helm's own code (helm-python-sdk: Helm v4.2.3's Go SDK through ctypes): how Helm reads the
# values file (`values_from_yaml`, what `helm install -f FILE` does) and coalesces it onto the
# chart's defaults (`Chart.merge_values`: a null deletes a default key, "" replaces it).


def helm_read(path):
    """(values, None) as Helm reads the file, or (None, error text) when Helm refuses it."""
    import helm_python

    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        return helm_python.values_from_yaml(text), None
    except helm_python.HelmError as e:
        return None, short(str(e).replace("error converting YAML to JSON: ", ""))


_CHARTS = {}


def helm_merged(chart, values):
    """The values the chart's templates see: Helm's coalescing onto the real values.yaml."""
    import helm_python

    if chart not in _CHARTS:
        _CHARTS[chart] = helm_python.Chart.load(CHARTS[chart])
    # Helm logs its coalescing warnings ("skipped value for ...: Not a table") on fd 2.
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
            return _CHARTS[chart].merge_values(values)
    finally:
        os.dup2(saved, 2)
        os.close(saved)


class TemplateError(Exception):
    pass


def field(obj, key):
    """Go template `.key` on a value: nil for missing, error for non-maps (Helm fails)."""
    if obj is None:
        return None
    if not isinstance(obj, dict):
        raise TemplateError("can't evaluate field %s in type %s" % (key, type(obj).__name__))
    return obj.get(key)


def chart_v0_values(merged):
    """`.Values.persistence` of the merged values (a null `persistence` deleted it)."""
    p = merged.get("persistence")
    if p is None:
        raise TemplateError("nil pointer evaluating interface {}.logs")
    if not isinstance(p, dict):
        raise TemplateError("can't evaluate field logs in type %s" % type(p).__name__)
    return p


def named_volumes(p, key, volumes, mounts, env, job):
    """One `range $key, $val := .Values.persistence.<key>` of _volumes.tpl / _stores.tpl, or the
    `defaultPersistence` entry when the section is empty."""
    entries = p.get(key)
    if not entries:
        d = p["__default__"][key][key]
        volumes.append((key, "hostPath", d["hostPath"]))
        mounts.append((key, d["mountPath"]))
        return
    if not isinstance(entries, dict):
        raise TemplateError("range over %s: not a map" % key)
    for name in sorted(entries, key=str):  # Go templates range over sorted keys
        val = entries[name]
        if field(val, "store"):
            if key == "outputs" and env is not None:
                env.append((field(val, "secretKey"), field(val, "secret"), field(val, "secretKey")))
            continue
        claim = field(val, "existingClaim")
        if claim:
            volumes.append((str(name), "pvc", claim))
        elif job and not field(val, "hostPath"):
            volumes.append((str(name), "emptyDir", None))
        else:
            volumes.append((str(name), "hostPath", field(val, "hostPath") or field(val, "mountPath")))
        mounts.append((str(name), field(val, "mountPath")))


def chart_v0_api_pod(values):
    """The api and scheduler deployments of chart 0.6.1: volumes logs, outputs, repos, upload
    (partials/_volumes.tpl), env from outputs stores and a logs store (partials/_stores.tpl).
    No 0.6.1 deployment includes `volumes.volumes.data`: data is mounted in job pods only."""
    p = dict(chart_v0_values(values), __default__=values["defaultPersistence"])
    volumes, mounts, env = [], [], []
    for key in ("logs", "repos", "upload"):
        v = p.get(key)
        if not v or (key == "logs" and field(v, "store")):
            if key == "logs" and v and field(v, "store"):
                env.append((field(v, "secretKey"), field(v, "secret"), field(v, "secretKey")))
            continue
        claim = field(v, "existingClaim")
        if claim:
            volumes.append((key, "pvc", claim))
        else:
            volumes.append((key, "hostPath", field(v, "hostPath") or field(v, "mountPath")))
        mounts.append((key, field(v, "mountPath")))
    named_volumes(p, "outputs", volumes, mounts, env, job=False)
    return volumes, mounts, env


def job_v0_pod(values):
    """A job pod of the 0.6.1 server, from what the chart hands it: POLYAXON_PERSISTENCE_DATA and
    POLYAXON_PERSISTENCE_OUTPUTS (partials/_pvc_def.tpl: the user's map, or defaultPersistence when
    empty).  Emulated: the server is not on PyPI; an entry with neither claim nor hostPath gets an
    emptyDir (DOMAIN.md)."""
    p = dict(chart_v0_values(values), __default__=values["defaultPersistence"])
    volumes, mounts = [], []
    named_volumes(p, "data", volumes, mounts, None, job=True)
    named_volumes(p, "outputs", volumes, mounts, None, job=True)
    return volumes, mounts


def level_chart_v0(values):
    try:
        volumes, mounts, env = chart_v0_api_pod(values)
    except TemplateError as e:
        return "helm template: %s" % e
    return k8s_pod_errors(volumes, {"api": mounts}, env)


def level_job_v0(values):
    try:
        volumes, mounts = job_v0_pod(values)
    except TemplateError:
        return None  # already refused by the chart level
    err = k8s_pod_errors(volumes, {"job": mounts})
    return err and "job pod: " + err


# ---------------------------------------------------------------------------------------------
# v0: polyaxon-deploy 0.6.1


def level_deploy_v0(path):
    from polyaxon_deploy import reader  # polyaxon_deploy/reader.py: rhea.read + DeploymentConfig.from_dict

    try:
        reader.read([path])
    except Exception as e:  # what `polyaxon admin deploy -f FILE --check` (polyaxon-cli 0.6.1) reports
        return short(e)
    return None


def level_run_v0(values):
    """The 0.6 server reaches a cloud store through polystores 0.2.5, whose S3/GCS/Azure stores
    parse the bucket URL with rhea.parser.parse_s3_path / parse_gcs_path / parse_wasbs_path
    (polystores/stores/{s3,gcs,azure}_store.py).  Those parsers ship in the venv (rhea 0.5.5)."""
    from rhea import parser as rp

    parse = {"s3": rp.parse_s3_path, "gcs": rp.parse_gcs_path, "azure": rp.parse_wasbs_path}
    p = values.get("persistence") if isinstance(values, dict) else None
    if not isinstance(p, dict):
        return None
    groups = [(k, p.get(k)) for k in ("outputs", "data")]
    for group, entries in groups:
        if not isinstance(entries, dict):
            continue
        for name, e in entries.items():
            if isinstance(e, dict) and e.get("store") in parse:
                try:
                    parse[e["store"]](e.get("bucket"))
                except Exception as ex:
                    return "%s.%s: %s" % (group, name, short(ex))
    return None


# ---------------------------------------------------------------------------------------------
# v1+: polyaxon 2.18.0

def level_deploy_v1(path):
    from polyaxon._deploy import reader  # ConfigSpec.read_from + DeploymentConfig.from_dict

    try:
        reader.read([path])
    except Exception as e:
        return short(e)
    return None


def agent_config(values):
    """The agent's AgentConfig as it starts: the chart hands it artifactsStore and connections as
    JSON in POLYAXON_AGENT_ARTIFACTS_STORE / POLYAXON_AGENT_CONNECTIONS."""
    from polyaxon._schemas.agent import AgentConfig
    from polyaxon._env_vars.keys import ENV_KEYS_AGENT_ARTIFACTS_STORE, ENV_KEYS_AGENT_CONNECTIONS

    store = values.get("artifactsStore") if isinstance(values, dict) else None
    conns = values.get("connections") if isinstance(values, dict) else None
    default = values.get("defaultArtifactsStore")  # the chart's fallback, from its values.yaml
    data = {ENV_KEYS_AGENT_ARTIFACTS_STORE: json.dumps(store or default, default=str)}
    if conns:
        data[ENV_KEYS_AGENT_CONNECTIONS] = json.dumps(conns, default=str)
    return AgentConfig.from_dict(data)


def split_bucket(kind, path):
    """How the run's filesystem (s3fs / gcsfs, via fsspec `_strip_protocol` + split) names the
    bucket of a store path. Emulated: fsspec is not a dependency of polyaxon."""
    p = path
    prefixes = {"s3": ("s3://", "s3a://"), "gcs": ("gs://", "gcs://")}[kind]
    for pre in prefixes:
        if p.startswith(pre):
            p = p[len(pre):]
            break
    return p.split("/", 1)[0]


# Only what no bucket name can hold (the services' own naming rules are C004's business).
BUCKET_CHARS = re.compile(r"^[A-Za-z0-9._-]+$")


def connection_parts(c):
    """Polyaxon's own builders for one connection: (volumes, mounts).  Raises where a run fails."""
    from polyaxon._k8s.converter.base.env_vars import EnvMixin
    from polyaxon._k8s.converter.base.mounts import MountsMixin
    from polyaxon._k8s.converter.common import volumes as kv

    volumes, mounts = [], []
    if c.is_artifact:
        sp = c.store_path  # vents Connection.store_path
        if c.is_bucket and not c.is_wasb:
            kind = "s3" if c.is_s3 else "gcs"
            bucket = split_bucket(kind, sp)
            if not BUCKET_CHARS.match(bucket):
                raise ValueError("%s filesystem resolves bucket %r from %r: not a bucket name" % (kind, bucket, sp))
    v = kv.get_volume_from_connection(c)
    if v is not None:
        src = v.host_path.path if v.host_path else v.persistent_volume_claim.claim_name
        volumes.append((v.name, "hostPath" if v.host_path else "pvc", src))
        m = MountsMixin._get_mount_from_store(c)
        mounts.append((m.name, m.mount_path))
    for res, builder in ((c.secret, kv.get_volume_from_secret), (c.config_map, kv.get_volume_from_config_map)):
        if res is None or isinstance(res, str):
            continue
        v = builder(res)
        if v is not None:
            volumes.append((v.name, "secret", res.name))
            m = MountsMixin._get_mount_from_resource(res)
            mounts.append((m.name, m.mount_path))
            if res.default_mode is not None:
                try:
                    int(res.default_mode, 0) if str(res.default_mode).startswith("0o") else int(res.default_mode)
                except ValueError:
                    raise ValueError("defaultMode %r is not a number" % res.default_mode)
    if c.secret is not None and not isinstance(c.secret, str):
        EnvMixin._get_items_from_secret(c.secret)
    return volumes, mounts


def run_pods(cfg, values):
    """The pods that use the storage settings, as {pod: (volumes, {container: mounts})}:
    * `run`: a run that requests every connection.  Its sidecar (and init container) mount the
      artifacts context and the artifacts store; the main container mounts the artifacts context
      and the requested connections (polyaxon/_k8s/converter/base/{mounts,init,sidecar}.py).
    * `streams`: the chart's streams/agent deployment, which mounts the artifacts store and every
      connection named in mountConnections (chart templates partials/_stores.tpl, _connections.tpl).
    """
    from polyaxon._contexts import paths as ctx_paths
    from polyaxon._runner.converter.common import constants

    ctx_volumes = [
        (constants.VOLUME_MOUNT_ARTIFACTS, "emptyDir", None),
        (constants.VOLUME_MOUNT_CONFIGS, "emptyDir", None),
    ]
    ctx_mounts = [
        (constants.VOLUME_MOUNT_ARTIFACTS, ctx_paths.CONTEXT_MOUNT_ARTIFACTS),
        (constants.VOLUME_MOUNT_CONFIGS, ctx_paths.CONTEXT_MOUNT_CONFIGS),
    ]
    run_volumes, sidecar, main = list(ctx_volumes), list(ctx_mounts), list(ctx_mounts)
    streams_volumes, streams = [], []
    mount_names = values.get("mountConnections") if isinstance(values, dict) else None
    mount_names = set(mount_names) if isinstance(mount_names, list) else set()
    if cfg.artifacts_store:
        cfg.get_store_path("run-uuid/outputs")
        v, m = connection_parts(cfg.artifacts_store)
        run_volumes += v
        sidecar += m
        streams_volumes += v
        streams += m
    for c in cfg.connections or []:
        v, m = connection_parts(c)
        run_volumes += v
        main += m
        if c.name in mount_names:
            streams_volumes += v
            streams += m
    return {
        "run": (run_volumes, {"sidecar": sidecar, "main": main}),
        "streams": (streams_volumes, {"streams": streams}),
    }


def level_agent(values):
    try:
        agent_config(values)
    except Exception as e:
        return short(e)
    return None


def level_run(values):
    try:
        run_pods(agent_config(values), values)
    except Exception as e:
        return short(e)
    return None


def level_k8s_v1(values):
    try:
        pods = run_pods(agent_config(values), values)
    except Exception:
        return None  # already refused at run time; nothing reaches Kubernetes
    for pod, (volumes, mounts) in pods.items():
        err = k8s_pod_errors(volumes, mounts)
        if err:
            return "%s pod: %s" % (pod, err)
    return None


# ---------------------------------------------------------------------------------------------
# The cluster level: the pods the levels above build, as the cluster of a snapshot takes them.
# The snapshot is read into the official Kubernetes Python client's models (never by our
# code); what is judged is what Kubernetes refuses whatever the scheduler does: a claim or
# Secret that is not there, a claim that cannot bind now, a key the Secret lacks, a
# ReadWriteOncePod claim asked by two pods.  What depends on where pods land (ReadWriteOnce
# or a host path on several nodes, a read-only volume written to, a provisioner that cannot
# give a mode) is not judged: those rows carry a reason instead.

CASE_SNAPSHOT = re.compile(r"^#\s*conformance:\s*cluster=(\S+)")

# `kubectl get nodes,storageclasses,persistentvolumes,persistentvolumeclaims,secrets` kinds.
MODELS = {
    "Node": "V1Node",
    "StorageClass": "V1StorageClass",
    "PersistentVolume": "V1PersistentVolume",
    "PersistentVolumeClaim": "V1PersistentVolumeClaim",
    "Secret": "V1Secret",
}


def case_snapshot(path):
    """The snapshot a case names on its first line, as a path, or None (no cluster level)."""
    with open(path, encoding="utf-8", errors="replace") as f:
        m = CASE_SNAPSHOT.match(f.readline())
    if not m:
        return None
    snapshot = os.path.normpath(os.path.join(SNAPSHOTS, m.group(1)))
    if not os.path.isfile(snapshot):
        raise SystemExit("%s: no snapshot %s under %s" % (path, m.group(1), SNAPSHOTS))
    return snapshot


class _Body:
    """What `ApiClient.deserialize` reads of an API response: its JSON body."""

    def __init__(self, obj):
        self.data = json.dumps(obj)


_SNAPSHOT_CACHE = {}


def read_snapshot(path):
    """{kind: [client model]} of a snapshot, and its namespace: each item deserialized by the
    client as an API response of its kind would be.  `kubectl get ... -n NS` lists one
    namespace; it stands for Polyaxon's (the release's)."""
    if path not in _SNAPSHOT_CACHE:
        from kubernetes import client

        api = client.ApiClient()
        with open(path, encoding="utf-8") as f:
            items = json.load(f).get("items") or []
        objs = {kind: [] for kind in MODELS}
        for item in items:
            if item.get("kind") in MODELS:
                objs[item["kind"]].append(api.deserialize(_Body(item), MODELS[item["kind"]]))
        spaces = sorted({o.metadata.namespace for k in ("PersistentVolumeClaim", "Secret")
                         for o in objs[k] if o.metadata.namespace})
        _SNAPSHOT_CACHE[path] = (objs, spaces[0] if spaces else None)
    return _SNAPSHOT_CACHE[path]


def pod_claims(volumes):
    return [source for _, kind, source in volumes if kind == "pvc" and source]


def cluster_pods_v0(values):
    """{pod: (claims, [(secret, key)])}: the api and scheduler deployments (one volume list,
    chart_v0_api_pod; the env's secretKeyRefs) and a job pod (job_v0_pod)."""
    volumes, _, env = chart_v0_api_pod(values)
    job_volumes, _ = job_v0_pod(values)
    api = (pod_claims(volumes), [(secret, key) for _, secret, key in env])
    return {"api": api, "scheduler": api, "job": (pod_claims(job_volumes), [])}


def secret_refs(c):
    """[(secret, key or None)] one connection's Secret puts in a pod, by Polyaxon's own
    builders: a Secret volume (with `items`: those keys), env vars from `items`
    (secretKeyRef), or the whole Secret (envFrom)."""
    from polyaxon._k8s.converter.base.env_vars import EnvMixin
    from polyaxon._k8s.converter.common import volumes as kv

    res = c.secret
    if res is None or isinstance(res, str):
        return []
    refs = []
    v = kv.get_volume_from_secret(res)
    if v is not None:
        refs.append((v.secret.secret_name, None))
        refs += [(v.secret.secret_name, getattr(i, "key", i)) for i in v.secret.items or []]
    for e in EnvMixin._get_items_from_secret(res):
        refs.append((e.value_from.secret_key_ref.name, e.value_from.secret_key_ref.key))
    f = EnvMixin._get_env_from_secret(res)
    if f is not None:
        ref = f.secret_ref
        refs.append((ref["name"] if isinstance(ref, dict) else ref.name, None))
    return refs


def cluster_pods_v1(values):
    """{pod: (claims, [(secret, key)])}: the run and streams pods of run_pods, with the Secrets
    of the connections each mounts (the run: the store and every connection; streams: the
    store and mountConnections)."""
    cfg = agent_config(values)
    pods = run_pods(cfg, values)
    names = values.get("mountConnections") if isinstance(values, dict) else None
    names = set(names) if isinstance(names, list) else set()
    store = [cfg.artifacts_store] if cfg.artifacts_store else []
    conns = list(cfg.connections or [])
    secrets = {
        "run": [r for c in store + conns for r in secret_refs(c)],
        "streams": [r for c in store + [c for c in conns if c.name in names] for r in secret_refs(c)],
    }
    return {pod: (pod_claims(volumes), secrets[pod]) for pod, (volumes, _) in pods.items()}


def cluster_errors(pods, snapshot):
    """What Kubernetes refuses of the pods in the snapshot's namespace, or None."""
    objs, ns = read_snapshot(snapshot)
    claims = {c.metadata.name: c for c in objs["PersistentVolumeClaim"] if c.metadata.namespace == ns}
    secrets = {s.metadata.name: s for s in objs["Secret"] if s.metadata.namespace == ns}
    classes = {c.metadata.name: c for c in objs["StorageClass"]}
    for pod, (names, refs) in pods.items():
        for name in names:
            claim = claims.get(name)
            # A pod's claim is looked up in the pod's namespace; the scheduler keeps the pod
            # Pending while it is missing (concepts/storage/persistent-volumes/#claims-as-volumes:
            # "Claims must exist in the same namespace as the Pod using the claim").
            if claim is None:
                return '%s pod: persistentvolumeclaim "%s" not found' % (pod, name)
            phase = claim.status.phase if claim.status else None
            # Lost: "lost their underlying PersistentVolume ... this volume does not exist any
            # longer" (the API reference, PersistentVolumeClaimStatus.phase): nothing to mount.
            if phase == "Lost":
                return '%s pod: persistentvolumeclaim "%s" is Lost (its PersistentVolume is gone)' % (pod, name)
            # Pending: the scheduler waits for WaitForFirstConsumer claims (they bind once it
            # picks a node, concepts/storage/storage-classes/#volume-binding-mode) and refuses
            # the pod while an Immediate one is unbound (VolumeBinding plugin).
            if phase in (None, "Pending"):
                cls = classes.get(claim.spec.storage_class_name or "")
                if not (cls and cls.volume_binding_mode == "WaitForFirstConsumer"):
                    return "%s pod: pod has unbound immediate PersistentVolumeClaims (%s)" % (pod, name)
        for name, key in refs:
            secret = secrets.get(name)
            # A Secret named by envFrom, a secretKeyRef or a Secret volume (none optional here)
            # must exist in the pod's namespace: the kubelet leaves the container in
            # CreateContainerConfigError, or the volume unmounted (concepts/configuration/secret/).
            if secret is None:
                return '%s pod: secret "%s" not found' % (pod, name)
            # The key must be in the Secret's data (the API server merges stringData into it),
            # else the kubelet's `couldn't find key K in Secret ns/name` (makeEnvironmentVariables;
            # a volume item: "references non-existent secret key").
            keys = set(secret.data or {}) | set(secret.string_data or {})
            if key is not None and key not in keys:
                return "%s pod: couldn't find key %s in Secret %s/%s" % (pod, key, ns, name)
    # ReadWriteOncePod: "the volume can be mounted as read-write by a single Pod"
    # (concepts/storage/persistent-volumes/#access-modes); the scheduler's VolumeRestrictions
    # plugin keeps a second pod Pending ("node has pod using PersistentVolumeClaim with the
    # same name and ReadWriteOncePod access mode").  The chart's pods run together.
    users = {}
    for pod, (names, _) in pods.items():
        for name in set(names):
            users.setdefault(name, []).append(pod)
    for name, who in users.items():
        if "ReadWriteOncePod" in (claims[name].spec.access_modes or []) and len(who) > 1:
            return '%s pod: claim "%s" is ReadWriteOncePod, in use by the %s pod' % (who[1], name, who[0])
    return None


def level_cluster(chart, values, snapshot):
    try:
        pods = cluster_pods_v0(values) if chart == "v0" else cluster_pods_v1(values)
    except Exception:
        return "-"  # refused before it reaches the cluster
    err = cluster_errors(pods, snapshot)
    return err and short(err)


# ---------------------------------------------------------------------------------------------


def verdicts(chart, path, snapshot=None):
    """({level: None | error text}, Helm's reading or None).  The deploy check reads the file
    with PyYAML itself; everything after Helm (chart, job, agent, run, k8s, cluster) gets the
    values as Helm read and merged them, and is not reached when Helm refuses the file.  The
    cluster level is computed for a case with a snapshot only, on pods the API accepted."""
    out = {}
    read, out["helm"] = helm_read(path)
    try:
        with open(path, encoding="utf-8") as f:
            yaml.safe_load(f)
        out["yaml"] = None
    except Exception as e:
        out["yaml"] = short(e)
    if out["yaml"] is None:
        out["deploy"] = (level_deploy_v0 if chart == "v0" else level_deploy_v1)(path)
    if read is None:
        return out, read
    values = helm_merged(chart, read)
    if chart == "v0":
        out["chart"] = level_chart_v0(values)
        out["job"] = level_job_v0(values)
        out["run"] = level_run_v0(values)
        if snapshot:
            reached = out["chart"] is None and out["job"] is None
            out["cluster"] = level_cluster(chart, values, snapshot) if reached else "-"
    else:
        out["agent"] = level_agent(values)
        out["run"] = level_run(values) if out["agent"] is None else "-"
        out["k8s"] = level_k8s_v1(values) if out["run"] is None else "-"
        if snapshot:
            out["cluster"] = level_cluster(chart, values, snapshot) if out["k8s"] is None else "-"
    return out, read


if __name__ == "__main__":
    # usage: reference.py CHART FILE...  -> one JSON line per file
    os.environ.setdefault("POLYAXON_NO_OP", "true")
    chart = sys.argv[1]
    for p in sys.argv[2:]:
        print(json.dumps({"file": p, "levels": verdicts(chart, p, case_snapshot(p))[0]}))
