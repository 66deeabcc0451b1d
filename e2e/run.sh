#!/usr/bin/env bash
# `npm run test:e2e`: the real-engine acceptance suite. Provides the Pulumi CLI and plugins (cached), starts a
# three-broker Kafka cluster on 127.0.0.1, runs e2e/*.test.ts, and stops the cluster whatever happens.
# Needs: node_modules (npm ci), Go, Java 17 and Maven, and the package registries; nothing installed by hand.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export MESHKIT_CACHE="${MESHKIT_CACHE:-$HOME/.cache/meshkit}"
# A PULUMI_HOME of the suite's own: plugins installed here never touch the user's ~/.pulumi.
export PULUMI_HOME="${MESHKIT_E2E_PULUMI_HOME:-$MESHKIT_CACHE/pulumi-home}"
export PULUMI_SKIP_UPDATE_CHECK=true

start=$SECONDS
bin="$(bash e2e/scripts/provide-pulumi.sh)"
export PATH="$bin:$PATH"
echo "[e2e] pulumi $(pulumi version) ready in $((SECONDS - start)) s" >&2

# The principals the fixture's domains use (see components/kafkaAcls.ts), plus one that is granted nothing.
export KAFKA_E2E_USERS="checkout-producer:checkout-producer-secret checkout-consumer:checkout-consumer-secret payments-consumer:payments-consumer-secret intruder:intruder-secret"

bash e2e/scripts/kafka-cluster.sh run npx vitest run --config e2e/vitest.config.mts "$@"
echo "[e2e] finished in $((SECONDS - start)) s" >&2
