#!/usr/bin/env bash
# usage: tests/conformance/run.sh path/to/storage-check [--allow-todo] [--write] [--only NAME]
# Makes the reference venv (helm-python-sdk 0.2.2, i.e. Helm v4.2.3's Go SDK, + polyaxon-deploy
# 0.6.1 + polyaxon 2.18.0, from PyPI) when it is
# missing, then runs the suite.  The venv lives in the user's cache, so fresh clones on one
# machine share it; CONFORMANCE_VENV overrides its place.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${CONFORMANCE_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/storage-check/conformance-venv}"
if [ "$#" -lt 1 ]; then
  echo "usage: $0 STORAGE_CHECK_BINARY [--allow-todo] [--write] [--only NAME]" >&2
  exit 2
fi
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
shift
if [ ! -x "$bin" ]; then
  echo "$0: $bin is not an executable (build it: cargo build -p storage-cli)" >&2
  exit 2
fi
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import polyaxon_deploy, polyaxon, helm_python' 2>/dev/null; then
  echo "making the reference venv in $venv (about a minute)" >&2
  mkdir -p "$(dirname "$venv")"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check 'polyaxon-deploy==0.6.1' 'polyaxon==2.18.0' 'helm-python-sdk==0.2.2'
fi
# marshmallow names unknown fields from a set: a fixed hash seed keeps their order, and
# so the table, the same from run to run.
export PYTHONHASHSEED=0
# The cluster snapshots the N rules are tested on are the Kubernetes Python client's own
# serialization of its models (issue 21): a committed file that differs fails here.
"$venv/bin/python" "$here/../cluster/snapshots.py" --check
# N008 against vents' own reading of a store's Secret, as env vars and as mounted files.
"$venv/bin/python" "$here/../cluster/vents_keys.py" "$bin"
# Layered values (-f ... --set ...): our merge against Helm's reading, strvals and MergeMaps.
"$venv/bin/python" "$here/layers.py" "$bin"
exec "$venv/bin/python" "$here/run.py" "$bin" "$@"
