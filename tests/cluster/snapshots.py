"""The cluster snapshots the tests read, made by the official Kubernetes Python client.

Each object is a model of `kubernetes.client` (the types `kubectl` prints), serialized by
`ApiClient().sanitize_for_serialization`, the client's own JSON encoding, into a `List` as
`kubectl get ... -o json` prints it. Not written by hand, so a field the reader expects is
one the API has, spelled as the API spells it.

    python tests/cluster/snapshots.py            # writes core/src/rules/cluster/snapshots/
    python tests/cluster/snapshots.py --check    # fails when a committed file differs

The Secret values are planted markers (base64 of PLANTED-SECRET-VALUE-...): the tests
assert that no output of the checker, in any format, and nothing the page stores, holds one.
"""

import base64
import json
import pathlib
import sys

from kubernetes import client as k

OUT = pathlib.Path(__file__).resolve().parents[2] / "core/src/rules/cluster/snapshots"
NS = "polyaxon"
PLANTED = "PLANTED-SECRET-VALUE"


def planted(name):
    return base64.b64encode(f"{PLANTED}-{name}".encode()).decode()


def node(name, ready=True, cordoned=False, taints=()):
    return k.V1Node(
        api_version="v1",
        kind="Node",
        metadata=k.V1ObjectMeta(name=name),
        spec=k.V1NodeSpec(
            unschedulable=cordoned or None,
            taints=[k.V1Taint(key=key, effect=effect) for key, effect in taints] or None,
        ),
        status=k.V1NodeStatus(
            conditions=[
                k.V1NodeCondition(type="MemoryPressure", status="False"),
                k.V1NodeCondition(type="Ready", status="True" if ready else "Unknown"),
            ]
        ),
    )


def storage_class(name, provisioner, wait=False, default=False):
    annotations = {"storageclass.kubernetes.io/is-default-class": "true"} if default else None
    return k.V1StorageClass(
        api_version="storage.k8s.io/v1",
        kind="StorageClass",
        metadata=k.V1ObjectMeta(name=name, annotations=annotations),
        provisioner=provisioner,
        volume_binding_mode="WaitForFirstConsumer" if wait else "Immediate",
    )


def volume(name, modes, local=None, nfs=None, claim=None):
    return k.V1PersistentVolume(
        api_version="v1",
        kind="PersistentVolume",
        metadata=k.V1ObjectMeta(name=name),
        spec=k.V1PersistentVolumeSpec(
            access_modes=modes,
            capacity={"storage": "100Gi"},
            local=k.V1LocalVolumeSource(path=local) if local else None,
            nfs=k.V1NFSVolumeSource(server="10.0.0.2", path=nfs) if nfs else None,
            claim_ref=k.V1ObjectReference(namespace=NS, name=claim) if claim else None,
        ),
        status=k.V1PersistentVolumeStatus(phase="Bound" if claim else "Available"),
    )


def claim(name, modes, phase, class_name=None, volume_name=None):
    return k.V1PersistentVolumeClaim(
        api_version="v1",
        kind="PersistentVolumeClaim",
        metadata=k.V1ObjectMeta(name=name, namespace=NS),
        spec=k.V1PersistentVolumeClaimSpec(
            access_modes=modes,
            storage_class_name=class_name,
            volume_name=volume_name,
            resources=k.V1VolumeResourceRequirements(requests={"storage": "100Gi"}),
        ),
        status=k.V1PersistentVolumeClaimStatus(
            phase=phase, access_modes=modes if phase == "Bound" else None
        ),
    )


def secret(name, keys):
    return k.V1Secret(
        api_version="v1",
        kind="Secret",
        metadata=k.V1ObjectMeta(name=name, namespace=NS),
        type="Opaque",
        data={key: planted(f"{name}-{key}") for key in keys},
    )


def listing(items):
    return {
        "apiVersion": "v1",
        "kind": "List",
        "items": k.ApiClient().sanitize_for_serialization(items),
        "metadata": {"resourceVersion": ""},
    }


RWO, ROX, RWX, RWOP = "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"

SNAPSHOTS = {
    # Three nodes the pods can land on, a tainted control plane, a cordoned node and one
    # that is not Ready; claims in every state the rules tell apart; two Secrets.
    "cluster.json": [
        node("control-plane", taints=[("node-role.kubernetes.io/control-plane", "NoSchedule")]),
        node("worker-1"),
        node("worker-2"),
        node("worker-3"),
        node("worker-4", cordoned=True),
        node("worker-5", ready=False),
        storage_class("gp2", "ebs.csi.aws.com", wait=True, default=True),
        storage_class("nfs", "nfs.csi.k8s.io"),
        storage_class("local", "kubernetes.io/no-provisioner", wait=True),
        volume("pv-nfs", [RWX], nfs="/exports/outputs", claim="outputs-nfs"),
        volume("pv-local", [RWO], local="/mnt/disks/ssd1", claim="data-local"),
        claim("outputs-nfs", [RWX], "Bound", "nfs", "pv-nfs"),
        claim("outputs-rwo", [RWO], "Bound", "gp2", "pvc-3f1e"),
        claim("data-ro", [ROX], "Bound", "nfs", "pvc-77a0"),
        claim("data-local", [RWO], "Bound", "local", "pv-local"),
        claim("outputs-lost", [RWX], "Lost", "nfs", "pvc-0b9c"),
        claim("outputs-pending", [RWX], "Pending", "nfs"),
        claim("outputs-ebs-rwx", [RWX], "Pending", "gp2"),
        secret("s3-secret", ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]),
        secret("s3-json", ["S3_SECRET_JSON"]),
        secret("gcs-secret", ["gc-secret.json"]),
    ],
    # One node: host paths are fine, ReadWriteOnce serves every pod; ReadWriteOncePod
    # still serves one pod only, whatever the nodes.
    "one-node.json": [
        node("minikube"),
        storage_class("standard", "k8s.io/minikube-hostpath", default=True),
        claim("outputs-rwo", [RWO], "Bound", "standard", "pvc-1a2b"),
        claim("outputs-rwop", [RWOP], "Bound", "standard", "pvc-5c6d"),
        secret("s3-secret", ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]),
    ],
}


def render(items):
    return json.dumps(listing(items), indent=4, sort_keys=True) + "\n"


def main():
    check = "--check" in sys.argv
    stale = []
    for name, items in SNAPSHOTS.items():
        path = OUT / name
        text = render(items)
        if check:
            if not path.exists() or path.read_text() != text:
                stale.append(name)
        else:
            OUT.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    if stale:
        print("stale (run tests/cluster/snapshots.py):", ", ".join(stale))
        sys.exit(1)


if __name__ == "__main__":
    main()
