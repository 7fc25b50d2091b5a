# Sourced by the bench scripts. stop_pid PID SECONDS: TERM, wait up to SECONDS, then KILL; by id only.
stop_pid() {
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for (( i = 0; i < $2 * 10; i++ )); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
