#!/bin/sh
# One-shot, once the Temporal server answers: registers the namespace the app uses, unless it
# exists. Its retention is how long Web UI shows a closed workflow's history.
set -eu
namespace="${TEMPORAL_NAMESPACE:-default}"
retention="${TEMPORAL_NAMESPACE_RETENTION:-7d}"
if temporal operator namespace describe --namespace "$namespace" >/dev/null 2>&1; then
  echo "Namespace ${namespace} exists"
else
  temporal operator namespace create --namespace "$namespace" --retention "$retention"
  echo "Namespace ${namespace} created with a retention of ${retention}"
fi
