#!/usr/bin/env bash
# `npm run test:e2e`: the real-engine acceptance suite. Provides the Pulumi CLI, the plugins and the Kubernetes
# control-plane binaries (cached), starts a three-broker Kafka cluster and a Kubernetes control plane on
# 127.0.0.1, runs e2e/*.test.ts, and stops both whatever happens.
# Needs: node_modules (npm ci), Go, Java 17 and Maven, openssl and curl, the package registries (and root or
# sudo for apt-get when etcd is missing); nothing installed by hand.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export MESHKIT_CACHE="${MESHKIT_CACHE:-$HOME/.cache/meshkit}"
# A PULUMI_HOME of the suite's own: plugins installed here never touch the user's ~/.pulumi.
export PULUMI_HOME="${MESHKIT_E2E_PULUMI_HOME:-$MESHKIT_CACHE/pulumi-home}"
export PULUMI_SKIP_UPDATE_CHECK=true

start=$SECONDS
# The control plane's binaries build while the Pulumi CLI and the Kubernetes provider do (cold: Go builds
# of several minutes each; cached: a second).
mkdir -p "$MESHKIT_CACHE"
control_plane_log="$MESHKIT_CACHE/provide-control-plane.log"
# setsid: its own process group, so that an early exit stops its Go build too.
setsid bash e2e/scripts/provide-kubernetes.sh control-plane > /dev/null 2> "$control_plane_log" &
control_plane_pid=$!
trap 'kill -TERM -- "-$control_plane_pid" 2> /dev/null || true' EXIT

bin="$(bash e2e/scripts/provide-pulumi.sh)"
export PATH="$bin:$PATH"
echo "[e2e] pulumi $(pulumi version) ready in $((SECONDS - start)) s" >&2
bash e2e/scripts/provide-kubernetes.sh provider
echo "[e2e] Kubernetes provider ready at $((SECONDS - start)) s" >&2
if ! wait "$control_plane_pid"; then
  cat "$control_plane_log" >&2
  echo "[e2e] the Kubernetes control plane's binaries could not be provided (above)" >&2
  exit 1
fi
trap - EXIT
grep '^\[provide-kubernetes\]' "$control_plane_log" >&2 || true
echo "[e2e] kube-apiserver, kube-controller-manager and etcd ready at $((SECONDS - start)) s" >&2

# The principals the fixture's domains use (see components/kafkaAcls.ts), plus one that is granted nothing.
export KAFKA_E2E_USERS="checkout-producer:checkout-producer-secret checkout-consumer:checkout-consumer-secret payments-consumer:payments-consumer-secret intruder:intruder-secret"
# Client identities of the control plane: a member of the ledger domain's team group, and a stranger.
export KUBE_E2E_USERS="ledger-dev:ledger-engineers stranger"

bash e2e/scripts/kafka-cluster.sh run \
  bash e2e/scripts/kube-control-plane.sh run \
  npx vitest run --config e2e/vitest.config.mts "$@"
echo "[e2e] finished in $((SECONDS - start)) s" >&2
