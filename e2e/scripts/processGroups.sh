# Sourced by kafka-cluster.sh and kube-control-plane.sh, which start each process with setsid so that it
# leads a process group of its own, and list the leaders' pids first on each line of a pids file.

# stop_process_groups FILE GRACE [reverse]: TERM to every listed group (in the file's order, or the
# reverse), then KILL to any group whose leader is still alive GRACE seconds later.
stop_process_groups() {
  local file=$1 grace=$2 order=cat pid rest deadline
  [[ "${3:-}" == reverse ]] && order=tac
  "$order" "$file" | while read -r pid rest; do kill -TERM -- "-$pid" 2> /dev/null || true; done
  deadline=$((SECONDS + grace))
  "$order" "$file" | while read -r pid rest; do
    while kill -0 "$pid" 2> /dev/null && (( SECONDS < deadline )); do sleep 0.5; done
    kill -KILL -- "-$pid" 2> /dev/null || true
  done
}
