#!/usr/bin/env bash
# A three-node Apache Kafka cluster (KRaft, each node broker + controller) on 127.0.0.1 for the e2e suite.
#
#   kafka-cluster.sh start   fetch the jars (cached), format the nodes with SCRAM users, start, wait until all
#                            three brokers are registered; prints the env file the suite reads
#   kafka-cluster.sh stop    stop every node this script started (TERM, then KILL after 30 s)
#   kafka-cluster.sh run CMD…  start, run CMD, stop whatever happens (trap on exit)
#
# Clients use SASL_PLAINTEXT with SCRAM-SHA-512 (loopback only); StandardAuthorizer enforces ACLs and
# allow.everyone.if.no.acl.found is off, so a principal without an ACL is refused.
#
# Environment:
#   MESHKIT_CACHE          jar cache root (default ~/.cache/meshkit)
#   KAFKA_E2E_DIR          state: data, logs, pids, env file (default /tmp/meshkit-e2e-kafka)
#   KAFKA_E2E_PORT_BASE    first client port; nodes use BASE..BASE+2, controllers BASE+100.. (default 39092)
#   KAFKA_E2E_USERS        extra SCRAM users "name:password name:password" created at format time
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pom="$here/../kafka/pom.xml"
kafka_version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$pom")"
cache="${MESHKIT_CACHE:-$HOME/.cache/meshkit}"
libs="$cache/kafka-$kafka_version/libs"
state="${KAFKA_E2E_DIR:-/tmp/meshkit-e2e-kafka}"
port_base="${KAFKA_E2E_PORT_BASE:-39092}"
admin_user=admin
admin_password="${KAFKA_E2E_ADMIN_PASSWORD:-admin-e2e-secret}"
nodes=(1 2 3)

log() { echo "[kafka-cluster] $*" >&2; }
# shellcheck source=processGroups.sh
source "$(dirname "${BASH_SOURCE[0]}")/processGroups.sh"

fetch_jars() {
  if [[ -f "$libs/.complete" ]]; then return; fi
  log "resolving Apache Kafka $kafka_version jars from Maven Central into $libs"
  rm -rf "$libs" && mkdir -p "$libs"
  mvn -B -q -f "$pom" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$libs"
  touch "$libs/.complete"
}

client_port() { echo $((port_base + $1 - 1)); }
controller_port() { echo $((port_base + 100 + $1 - 1)); }

bootstrap() {
  local out=() n
  for n in "${nodes[@]}"; do out+=("127.0.0.1:$(client_port "$n")"); done
  (IFS=,; echo "${out[*]}")
}

voters() {
  local out=() n
  for n in "${nodes[@]}"; do out+=("$n@127.0.0.1:$(controller_port "$n")"); done
  (IFS=,; echo "${out[*]}")
}

kafka_java() {
  java -Xms128m -Xmx512m -Dlog4j.configuration="file:$state/log4j.properties" -cp "$libs/*" "$@"
}

write_config() {
  local n=$1 dir="$state/node-$n"
  mkdir -p "$dir"
  cat > "$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=$n
controller.quorum.voters=$(voters)
listeners=CLIENT://127.0.0.1:$(client_port "$n"),CONTROLLER://127.0.0.1:$(controller_port "$n")
advertised.listeners=CLIENT://127.0.0.1:$(client_port "$n")
listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=CLIENT
controller.listener.names=CONTROLLER
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.client.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$admin_user" password="$admin_password";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
# The controller listener is plaintext on loopback; its peers arrive as ANONYMOUS and need cluster rights.
super.users=User:$admin_user;User:ANONYMOUS
log.dirs=$dir/data
num.partitions=1
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
EOF
}

write_client_config() {
  cat > "$state/admin.properties" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$admin_user" password="$admin_password";
EOF
  cat > "$state/log4j.properties" <<EOF
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
}

format_nodes() {
  local cluster_id scram=() user n
  cluster_id="$(kafka_java kafka.tools.StorageTool random-uuid)"
  scram+=(--add-scram "SCRAM-SHA-512=[name=$admin_user,password=$admin_password]")
  for user in ${KAFKA_E2E_USERS:-}; do
    scram+=(--add-scram "SCRAM-SHA-512=[name=${user%%:*},password=${user#*:}]")
  done
  for n in "${nodes[@]}"; do
    kafka_java kafka.tools.StorageTool format -t "$cluster_id" -c "$state/node-$n/server.properties" "${scram[@]}" \
      > "$state/node-$n/format.log"
  done
}

ready_brokers() {
  KAFKA_E2E_BOOTSTRAP="$(bootstrap)" KAFKA_E2E_USER="$admin_user" KAFKA_E2E_PASSWORD="$admin_password" \
    java -cp "$libs/*" "$here/../kafka/BrokerProbe.java" brokers 2>/dev/null || echo 0
}

start() {
  if [[ -f "$state/pids" ]]; then stop; fi
  fetch_jars
  rm -rf "$state" && mkdir -p "$state"
  write_client_config
  local n
  for n in "${nodes[@]}"; do write_config "$n"; done
  format_nodes
  for n in "${nodes[@]}"; do
    # setsid: the node gets its own process group, so stop can end it and nothing else.
    KAFKA_E2E_NODE_LOG="$state/node-$n/server.log" setsid bash -c \
      'exec java -Xms256m -Xmx768m -XX:+UseG1GC -Dlog4j.configuration="file:$0/log4j.properties" -cp "$1/*" kafka.Kafka "$0/node-$2/server.properties" > "$KAFKA_E2E_NODE_LOG" 2>&1' \
      "$state" "$libs" "$n" &
    echo $! >> "$state/pids"
  done
  write_env
  local deadline=$((SECONDS + 180)) count
  while :; do
    count="$(ready_brokers)"
    [[ "$count" == "${#nodes[@]}" ]] && break
    if (( SECONDS > deadline )); then
      log "cluster did not come up within 180 s (brokers registered: $count); node logs:"
      for n in "${nodes[@]}"; do tail -n 20 "$state/node-$n/server.log" >&2 || true; done
      stop
      exit 1
    fi
    for n in "${nodes[@]}"; do
      if ! kill -0 "$(sed -n "${n}p" "$state/pids")" 2>/dev/null; then
        log "node $n exited during start-up:"; tail -n 40 "$state/node-$n/server.log" >&2 || true
        stop
        exit 1
      fi
    done
    sleep 2
  done
  log "Kafka $kafka_version: ${#nodes[@]} brokers up at $(bootstrap)"
  echo "$state/env"
}

write_env() {
  # KEY='value' lines: sourceable by bash, and read by the suite (e2e/support/cluster.ts).
  cat > "$state/env" <<EOF
KAFKA_E2E_VERSION='$kafka_version'
KAFKA_E2E_BOOTSTRAP='$(bootstrap)'
KAFKA_E2E_ADMIN_USER='$admin_user'
KAFKA_E2E_ADMIN_PASSWORD='$admin_password'
KAFKA_E2E_MECHANISM='SCRAM-SHA-512'
KAFKA_E2E_LIBS='$libs'
KAFKA_E2E_USERS='${KAFKA_E2E_USERS:-}'
EOF
}

stop() {
  [[ -f "$state/pids" ]] || return 0
  stop_process_groups "$state/pids" 30
  rm -f "$state/pids"
  log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  run)
    shift
    trap stop EXIT
    # A signal ends the script through exit, so the EXIT trap stops the cluster then too.
    trap 'exit 130' INT
    trap 'exit 143' TERM
    start > /dev/null
    KAFKA_E2E_ENV="$state/env" "$@"
    ;;
  *) echo "usage: $0 start|stop|run CMD..." >&2; exit 2 ;;
esac
