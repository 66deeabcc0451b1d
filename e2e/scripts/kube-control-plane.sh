#!/usr/bin/env bash
# A local Kubernetes control plane on 127.0.0.1 for the e2e suite: etcd, kube-apiserver and
# kube-controller-manager (no scheduler, no kubelet: pods are admitted and stay Pending).
#
#   kube-control-plane.sh start      provide the binaries (provide-kubernetes.sh, cached), make a CA and certificates
#                                    with openssl, start etcd, the API server and the controller manager, wait until
#                                    /readyz answers ok and the controllers run; prints the env file the suite reads
#   kube-control-plane.sh stop       stop every process this script started (TERM, then KILL after 20 s)
#   kube-control-plane.sh run CMD…   start, run CMD, stop whatever happens (trap on exit and signals)
#
# The API server: client-certificate authentication only (no anonymous requests, no tokens but service
# accounts'), authorization Node,RBAC, admission NamespaceLifecycle, LimitRanger, ServiceAccount, PodSecurity,
# ResourceQuota (and the API server's other defaults), --allow-privileged=true so that Pod Security itself,
# not the API server's privileged switch, is what refuses a privileged pod. The controller manager runs the
# namespace, service-account, token, resource-quota and cluster-role-aggregation controllers, each under its
# own service account.
#
# Environment:
#   MESHKIT_CACHE          binary cache root (default ~/.cache/meshkit)
#   KUBE_E2E_DIR           state: certificates, kubeconfigs, etcd data, logs, pids, env file (default /tmp/meshkit-e2e-kube)
#   KUBE_E2E_PORT_BASE     etcd client BASE, etcd peer BASE+1, API server BASE+64, controller manager BASE+65
#                          (default 39379; the Kafka cluster uses 39092-39094 and 39192-39194)
#   KUBE_E2E_USERS         client identities "name[:group[,group…]] …", each given a certificate and a kubeconfig
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="${KUBE_E2E_DIR:-/tmp/meshkit-e2e-kube}"
port_base="${KUBE_E2E_PORT_BASE:-39379}"
etcd_port=$port_base
etcd_peer_port=$((port_base + 1))
api_port=$((port_base + 64))
kcm_port=$((port_base + 65))
server="https://127.0.0.1:$api_port"

log() { echo "[kube-control-plane] $*" >&2; }
# shellcheck source=processGroups.sh
source "$(dirname "${BASH_SOURCE[0]}")/processGroups.sh"

# --- certificates -------------------------------------------------------------------------------------

# A client or server certificate signed by the e2e CA. $1 file stem, $2 subject, $3 extensions.
sign() {
  local stem=$1 subject=$2 ext=$3
  openssl req -new -newkey rsa:2048 -nodes -keyout "$state/pki/$stem.key" -subj "$subject" -out "$state/pki/$stem.csr" 2> /dev/null
  printf '%s\n' "$ext" > "$state/pki/$stem.ext"
  openssl x509 -req -in "$state/pki/$stem.csr" -CA "$state/pki/ca.crt" -CAkey "$state/pki/ca.key" -CAcreateserial \
    -days 2 -sha256 -extfile "$state/pki/$stem.ext" -out "$state/pki/$stem.crt" 2> /dev/null
  rm -f "$state/pki/$stem.csr" "$state/pki/$stem.ext"
}

client_subject() {
  local name=$1 groups=$2 subject="/CN=$1" g
  IFS=, read -ra gs <<< "$groups"
  for g in "${gs[@]}"; do [[ -n "$g" ]] && subject+="/O=$g"; done
  echo "$subject"
}

client_ext="basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth"

make_pki() {
  mkdir -p "$state/pki"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$state/pki/ca.key" -out "$state/pki/ca.crt" -days 2 \
    -subj "/CN=meshkit-e2e-ca" -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2> /dev/null
  sign apiserver "/CN=kube-apiserver" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc"
  # Service-account token signing key.
  openssl genrsa -out "$state/pki/sa.key" 2048 2> /dev/null
  openssl rsa -in "$state/pki/sa.key" -pubout -out "$state/pki/sa.pub" 2> /dev/null
  sign admin "/CN=meshkit-e2e-admin/O=system:masters" "$client_ext"
  sign controller-manager "/CN=system:kube-controller-manager" "$client_ext"
  local user
  for user in ${KUBE_E2E_USERS:-}; do
    local name="${user%%:*}" groups=""
    [[ "$user" == *:* ]] && groups="${user#*:}"
    sign "user-$name" "$(client_subject "$name" "$groups")" "$client_ext"
  done
}

# A kubeconfig with everything embedded, so that it can travel as one (secret) string.
kubeconfig() {
  local stem=$1 user=$2
  cat > "$state/$stem.kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: meshkit-e2e
  cluster:
    server: $server
    certificate-authority-data: $(base64 -w0 < "$state/pki/ca.crt")
users:
- name: $user
  user:
    client-certificate-data: $(base64 -w0 < "$state/pki/$stem.crt")
    client-key-data: $(base64 -w0 < "$state/pki/$stem.key")
contexts:
- name: $user@meshkit-e2e
  context:
    cluster: meshkit-e2e
    user: $user
current-context: $user@meshkit-e2e
EOF
  chmod 600 "$state/$stem.kubeconfig"
}

# --- processes ----------------------------------------------------------------------------------------

# setsid: each process gets its own process group, so stop ends it and nothing else.
launch() {
  local name=$1; shift
  setsid "$@" > "$state/$name.log" 2>&1 < /dev/null &
  echo "$! $name" >> "$state/pids"
}

alive() { kill -0 "$(awk -v n="$1" '$2 == n { print $1 }' "$state/pids")" 2> /dev/null; }

admin_get() {
  curl -sS --max-time 5 --cacert "$state/pki/ca.crt" --cert "$state/pki/admin.crt" --key "$state/pki/admin.key" "$server$1" 2> /dev/null
}

wait_for() {
  local what=$1 proc=$2 timeout=$3 check=$4 deadline
  deadline=$((SECONDS + timeout))
  until eval "$check"; do
    if ! alive "$proc"; then
      log "$proc exited while waiting for $what:"; tail -n 40 "$state/$proc.log" >&2 || true
      stop; exit 1
    fi
    if (( SECONDS > deadline )); then
      log "$what not within $timeout s; $proc log:"; tail -n 40 "$state/$proc.log" >&2 || true
      stop; exit 1
    fi
    sleep 1
  done
}

start() {
  if [[ -f "$state/pids" ]]; then stop; fi
  local bin t0=$SECONDS
  bin="$(bash "$here/provide-kubernetes.sh" control-plane)"
  rm -rf "$state" && mkdir -p "$state"
  make_pki
  kubeconfig admin meshkit-e2e-admin
  kubeconfig controller-manager system:kube-controller-manager
  local user
  for user in ${KUBE_E2E_USERS:-}; do kubeconfig "user-${user%%:*}" "${user%%:*}"; done

  launch etcd "$bin/etcd" --name meshkit-e2e --data-dir "$state/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer_port" \
    --initial-cluster "meshkit-e2e=http://127.0.0.1:$etcd_peer_port" --initial-cluster-state new
  wait_for "etcd health" etcd 60 "curl -sf --max-time 2 http://127.0.0.1:$etcd_port/health > /dev/null"

  # --endpoint-reconciler-type=none: the `kubernetes` service's endpoint would be 127.0.0.1, which endpoint
  # validation refuses. No service network is used: nothing routes the service range.
  launch kube-apiserver "$bin/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$etcd_port" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
    --tls-cert-file "$state/pki/apiserver.crt" --tls-private-key-file "$state/pki/apiserver.key" \
    --client-ca-file "$state/pki/ca.crt" --anonymous-auth=false \
    --authorization-mode Node,RBAC \
    --enable-admission-plugins NamespaceLifecycle,LimitRanger,ServiceAccount,PodSecurity,ResourceQuota \
    --allow-privileged=true \
    --service-account-issuer https://kubernetes.default.svc --service-account-key-file "$state/pki/sa.pub" \
    --service-account-signing-key-file "$state/pki/sa.key" \
    --service-cluster-ip-range 10.96.0.0/24 --endpoint-reconciler-type none \
    --profiling=false --v 1
  wait_for "kube-apiserver /readyz" kube-apiserver 180 '[[ "$(admin_get /readyz)" == ok ]]'
  log "kube-apiserver $(admin_get /version | sed -n 's/.*"gitVersion": "\(.*\)".*/\1/p') ready at $server after $((SECONDS - t0)) s"

  launch kube-controller-manager "$bin/kube-controller-manager" \
    --kubeconfig "$state/controller-manager.kubeconfig" \
    --authentication-kubeconfig "$state/controller-manager.kubeconfig" \
    --authorization-kubeconfig "$state/controller-manager.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port "$kcm_port" --cert-dir "$state/controller-manager-certs" \
    --leader-elect=false --use-service-account-credentials=true \
    --service-account-private-key-file "$state/pki/sa.key" --root-ca-file "$state/pki/ca.crt" \
    --controllers namespace-controller,serviceaccount-controller,serviceaccount-token-controller,resourcequota-controller,clusterrole-aggregation-controller \
    --profiling=false --v 1
  # The controllers run: the service-account controller has given `default` its `default` account, and the
  # aggregation controller has filled the `edit` role the domains' teams are bound to.
  wait_for "kube-controller-manager's controllers" kube-controller-manager 120 \
    'admin_get /api/v1/namespaces/default/serviceaccounts/default | grep -q "\"kind\": \"ServiceAccount\"" \
      && admin_get /apis/rbac.authorization.k8s.io/v1/clusterroles/edit | grep -q "\"verbs\""'
  write_env "$bin"
  log "control plane up in $((SECONDS - t0)) s (etcd $("$bin/etcd" --version | sed -n 's/^etcd Version: //p'))"
  echo "$state/env"
}

write_env() {
  # KEY='value' lines: sourceable by bash, and read by the suite (e2e/support/kube.ts).
  cat > "$state/env" <<EOF
KUBE_E2E_SERVER='$server'
KUBE_E2E_DIR='$state'
KUBE_E2E_BIN='$1'
KUBE_E2E_USERS='${KUBE_E2E_USERS:-}'
EOF
}

stop() {
  [[ -f "$state/pids" ]] || return 0
  # Reverse order: the controller manager and the API server before etcd.
  stop_process_groups "$state/pids" 20 reverse
  rm -f "$state/pids"
  log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  run)
    shift
    trap stop EXIT
    # A signal ends the script through exit, so the EXIT trap stops the control plane then too.
    trap 'exit 130' INT
    trap 'exit 143' TERM
    start > /dev/null
    KUBE_E2E_ENV="$state/env" "$@"
    ;;
  *) echo "usage: $0 start|stop|run CMD..." >&2; exit 2 ;;
esac
