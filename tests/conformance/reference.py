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
    "v0": ["helm", "yaml", "deploy", "chart", "job", "run"],
    "v1": ["helm", "yaml", "deploy", "agent", "run", "k8s"],
}

# The top-level keys whose reading is compared with ours (run.py's `helm` column).
STORAGE_KEYS = ("persistence", "artifactsStore", "connections", "mountConnections")

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


def verdicts(chart, path):
    """({level: None | error text}, Helm's reading or None).  The deploy check reads the file
    with PyYAML itself; everything after Helm (chart, job, agent, run, k8s) gets the values as
    Helm read and merged them, and is not reached when Helm refuses the file."""
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
    else:
        out["agent"] = level_agent(values)
        out["run"] = level_run(values) if out["agent"] is None else "-"
        out["k8s"] = level_k8s_v1(values) if out["run"] is None else "-"
    return out, read


if __name__ == "__main__":
    # usage: reference.py CHART FILE...  -> one JSON line per file
    os.environ.setdefault("POLYAXON_NO_OP", "true")
    chart = sys.argv[1]
    for p in sys.argv[2:]:
        print(json.dumps({"file": p, "levels": verdicts(chart, p)[0]}))
