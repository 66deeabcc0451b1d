#!/usr/bin/env bash
# Provides the Kubernetes half of the e2e suite, cached by version under ${MESHKIT_CACHE:-~/.cache/meshkit}.
# Idempotent: a second run only checks the cache.
#
#   provide-kubernetes.sh control-plane   kube-apiserver and kube-controller-manager, built with Go from
#                                         k8s.io/kubernetes (a wrapper module maps go.mod's ./staging replaces to
#                                         the published k8s.io/* modules), and etcd (Debian's etcd-server,
#                                         installed with apt-get when missing); prints the bin directory
#   provide-kubernetes.sh provider        pulumi-resource-kubernetes, built with Go from
#                                         github.com/pulumi/pulumi-kubernetes/provider/v4 and installed into
#                                         PULUMI_HOME with `pulumi plugin install resource kubernetes <v> --file`
#                                         at the version of the project's @pulumi/kubernetes (needs `pulumi` on PATH)
#   provide-kubernetes.sh all             both; prints the control plane's bin directory
#
# Environment: MESHKIT_CACHE, PULUMI_HOME (run.sh sets it), KUBE_E2E_VERSION (default 1.37.2),
# KUBE_E2E_PROVIDER_MODULE_VERSION (the provider module's version, default the pseudo-version below).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cache="${MESHKIT_CACHE:-$HOME/.cache/meshkit}"
log() { echo "[provide-kubernetes] $*" >&2; }
die() { log "$*"; exit 1; }

kube_version="${KUBE_E2E_VERSION:-1.37.2}"
# The newest commit of pulumi-kubernetes' provider module that the Go proxy serves (tagged versions such as
# provider/v4@v4.34.2 are refused with 403); it builds against pulumi pkg/sdk v3.215.0 and sdk/v4 v4.24.0.
provider_module_version="${KUBE_E2E_PROVIDER_MODULE_VERSION:-v4.0.0-20260115033456-f47bc2d6f199}"
provider_pulumi_version=v3.215.0
provider_sdk_version=v4.24.0
go_env=(env GOFLAGS=-mod=mod GOTOOLCHAIN="${GOTOOLCHAIN:-local}")

# `go mod download` of one module; on refusal, one clear line with the command and the proxy's answer.
fetch_module() {
  local mod=$1 out
  if ! out="$(cd "$2" && "${go_env[@]}" go mod download -json "$mod" 2>&1)" || grep -q '"Error"' <<< "$out"; then
    die "blocked: \`go mod download $mod\` failed: $(sed -n 's/.*"Error": "\(.*\)".*/\1/p' <<< "$out" | head -1 | sed 's/\\n\\t/ /g')"
  fi
  sed -n 's/.*"Dir": "\(.*\)".*/\1/p' <<< "$out"
}

control_plane() {
  local dir="$cache/kubernetes-v$kube_version" work src minor
  local bin="$dir/bin"
  if [[ ! -x "$bin/kube-apiserver" || ! -x "$bin/kube-controller-manager" ]]; then
    command -v go > /dev/null || die "go is not on PATH: cannot build kube-apiserver"
    work="$dir/wrapper"
    mkdir -p "$work" "$bin"
    src="$(fetch_module "k8s.io/kubernetes@v$kube_version" "$work")"
    minor="${kube_version#*.}"; minor="${minor%%.*}"
    # k8s.io/kubernetes replaces each k8s.io/* staging module with ./staging/src/…; outside its repository
    # those are the published modules at v0.<minor>.<patch>.
    {
      echo "module meshkit.local/e2e/kubernetes"
      echo
      echo "go $(sed -n 's/^go //p' "$src/go.mod")"
      echo
      echo "require k8s.io/kubernetes v$kube_version"
      echo
      echo "replace ("
      sed -n "s#^\s*\(k8s.io/[^ ]*\) => ./staging/.*#\t\1 => \1 v0.${kube_version#*.}#p" "$src/go.mod"
      echo ")"
    } > "$work/go.mod"
    cat > "$work/tools.go" <<'EOF'
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
)
EOF
    log "building kube-apiserver and kube-controller-manager v$kube_version with $(go version | cut -d' ' -f3) (cold: about 10 min on 2 cores, more under load)"
    local start=$SECONDS ld="" pkg
    # What Kubernetes' own build stamps (hack/lib/version.sh), so that clients see v$kube_version.
    for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
      ld+=" -X $pkg.gitVersion=v$kube_version -X $pkg.gitMajor=${kube_version%%.*} -X $pkg.gitMinor=$minor"
      ld+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
    done
    if ! (cd "$work" && "${go_env[@]}" go mod tidy >&2 \
      && "${go_env[@]}" go build -ldflags "-s -w$ld" -o "$bin/.tmp/" \
        k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager >&2); then
      die "blocked: building k8s.io/kubernetes/cmd/kube-apiserver@v$kube_version failed in $work (see the Go output above)"
    fi
    mv "$bin/.tmp/kube-apiserver" "$bin/.tmp/kube-controller-manager" "$bin/" && rmdir "$bin/.tmp"
    log "built kube-apiserver and kube-controller-manager v$kube_version in $((SECONDS - start)) s"
  fi
  provide_etcd "$bin"
  echo "$bin"
}

provide_etcd() {
  local bin=$1 etcd
  etcd="$(command -v etcd || true)"
  if [[ -z "$etcd" ]]; then
    local sudo=()
    [[ "$(id -u)" == 0 ]] || { command -v sudo > /dev/null && sudo=(sudo -n); } || die "etcd is missing and this user cannot apt-get install etcd-server"
    log "installing Debian's etcd-server with apt-get"
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends etcd-server > "$cache/apt-etcd.log" 2>&1; then
      "${sudo[@]}" apt-get update -q > /dev/null 2>&1 || true
      "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends etcd-server > "$cache/apt-etcd.log" 2>&1 \
        || die "blocked: \`apt-get install etcd-server\` failed: $(tail -1 "$cache/apt-etcd.log")"
    fi
    # Debian's package starts a system etcd on 2379/2380; the suite runs its own on other ports.
    if command -v systemctl > /dev/null && systemctl is-active --quiet etcd 2>/dev/null; then "${sudo[@]}" systemctl stop etcd || true; fi
    etcd="$(command -v etcd)" || die "etcd-server installed but no etcd on PATH"
  fi
  ln -sf "$etcd" "$bin/etcd"
}

provider() {
  local version dir work src bin
  version="$(cd "$repo/e2e/fixture" && node -p "require('@pulumi/kubernetes/package.json').version" 2>/dev/null)" \
    || die "@pulumi/kubernetes is not installed (run npm ci)"
  export PULUMI_HOME="${PULUMI_HOME:-$HOME/.pulumi}"
  dir="$cache/pulumi-resource-kubernetes-$provider_module_version-as-$version"
  bin="$dir/bin/pulumi-resource-kubernetes"
  if [[ ! -x "$bin" ]]; then
    command -v go > /dev/null || die "go is not on PATH: cannot build pulumi-resource-kubernetes"
    work="$dir/wrapper"
    mkdir -p "$work" "$dir/bin"
    src="$(fetch_module "github.com/pulumi/pulumi-kubernetes/provider/v4@$provider_module_version" "$work")"
    # The module's own cmd/pulumi-resource-kubernetes, whose main embeds copies of schema.json and
    # terraform-mapping.json (its `go generate` step makes them).
    grep -v '^//go:generate' "$src/cmd/pulumi-resource-kubernetes/main.go" > "$work/main.go"
    cp "$src/cmd/pulumi-resource-kubernetes/schema.json" "$work/schema-embed.json"
    cp "$src/cmd/pulumi-resource-kubernetes/terraform-mapping.json" "$work/terraform-mapping-embed.json"
    chmod u+w "$work"/*
    # The module replaces sdk/v4 with ../sdk; its own requirement is v4.24.0. pulumi pkg/sdk stay at the
    # module's v3.215.0: newer pkg/v3/util/cmdutil no longer compiles against this commit's lang.InstallDependencies.
    cat > "$work/go.mod" <<EOF
module meshkit.local/e2e/pulumi-resource-kubernetes

go $(sed -n 's/^go //p' "$src/go.mod")

require (
	github.com/pulumi/pulumi-kubernetes/provider/v4 $provider_module_version
	github.com/pulumi/pulumi-kubernetes/sdk/v4 $provider_sdk_version
	github.com/pulumi/pulumi/pkg/v3 $provider_pulumi_version
	github.com/pulumi/pulumi/sdk/v3 $provider_pulumi_version
)
EOF
    log "building pulumi-resource-kubernetes from provider/v4@$provider_module_version, stamped $version (cold: about 10 min on 2 cores, more under load)"
    local start=$SECONDS
    if ! (cd "$work" && "${go_env[@]}" go mod tidy >&2 \
      && "${go_env[@]}" go build -ldflags "-s -w -X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$version" \
        -o "$bin.tmp" . >&2); then
      die "blocked: building github.com/pulumi/pulumi-kubernetes/provider/v4@$provider_module_version failed in $work (see the Go output above)"
    fi
    mv "$bin.tmp" "$bin"
    log "built pulumi-resource-kubernetes in $((SECONDS - start)) s"
  fi
  # The engine loads the provider from PULUMI_HOME at the version the SDK asks for; a copy built from another
  # commit is replaced.
  [[ -z "${KUBE_E2E_BUILD_ONLY:-}" ]] || return 0
  command -v pulumi > /dev/null || die "pulumi is not on PATH (run e2e/scripts/provide-pulumi.sh first)"
  local installed="$PULUMI_HOME/plugins/resource-kubernetes-v$version/pulumi-resource-kubernetes"
  if ! cmp -s "$installed" "$bin"; then
    PULUMI_SKIP_UPDATE_CHECK=true pulumi plugin install resource kubernetes "$version" --reinstall --file "$bin" >&2
  fi
}

case "${1:-all}" in
  control-plane) control_plane ;;
  provider) provider ;;
  all) provider && control_plane ;;
  *) echo "usage: $0 control-plane|provider|all" >&2; exit 2 ;;
esac
