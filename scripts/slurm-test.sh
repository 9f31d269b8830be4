#!/usr/bin/env bash
# Integration test of `cogov sweep --emit slurm` against a real single-node
# Slurm (see shared/slurm/single-node.md). It installs slurmctld, slurmd,
# slurm-client and munge from Debian's packages if they are absent, starts
# munged, slurmctld and slurmd on this host, submits a small sweep with the
# emitted submit.sh, and checks that the merged runs.csv and yearly.csv are
# byte-identical to the single-process sweep's. A second sweep submits all
# tasks but one: its merge must refuse and name that task, and rerunning it
# as told must complete the sweep. Then a tiny ABC-SMC calibration (2
# generations) runs through `cogov calibrate --method abc-smc --emit
# slurm`, each round of proposals a job array whose collect job submits
# the next: its posterior.csv, generations.csv, posterior_summary.csv and
# abc-state.json must be byte-identical to the in-process run's. Every daemon this script started is
# stopped by PID when it exits, also on failure; none is stopped by name.
#
# Under CI=true a Slurm that cannot be installed or started is a failure;
# elsewhere a machine without apt is a skip. Run as root from anywhere:
#   bash scripts/slurm-test.sh
# The last line is "slurm: N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
t0=$(date +%s)
W=$(mktemp -d /tmp/cogov-slurm.XXXXXX)
conf=/etc/slurm/slurm.conf
marker="# written by cogov scripts/slurm-test.sh"
pidfiles=() # of the daemons this script started, in start order
outcome=fail
why=""

log() { echo "slurm-test: $*"; }

# alive PID: the process runs (a zombie, which this sandbox's PID 1 may
# leave unreaped for a while, does not count).
alive() {
  local s
  s=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ $s != Z* ]]
}

# stop stops the daemons this script started, last started first.
stop() {
  local i f p ts=$SECONDS
  for ((i = ${#pidfiles[@]} - 1; i >= 0; i--)); do
    f=${pidfiles[i]}
    p=$(cat "$f" 2>/dev/null) || continue
    [ -n "$p" ] && alive "$p" || continue
    kill "$p" 2>/dev/null || true
    for _ in $(seq 100); do alive "$p" || break; sleep 0.1; done
    alive "$p" && kill -9 "$p" 2>/dev/null || true
    log "stopped ${f##*/} $p after $((SECONDS - ts)) s"
  done
  pidfiles=()
  if [ -f "$conf.cogov-backup" ]; then
    mv -f "$conf.cogov-backup" "$conf"
  elif [ -f "$conf" ] && head -1 "$conf" | grep -qF "$marker"; then
    rm -f "$conf"
  fi
}

finish() {
  local rc=$?
  trap - EXIT
  stop
  log "took $(($(date +%s) - t0)) s"
  case $outcome in
    pass)
      rm -rf "$W"
      echo "slurm: 1 passed, 0 failed"
      exit 0 ;;
    skip)
      rm -rf "$W"
      log "skipped: $why"
      echo "slurm: 0 passed, 0 failed, 1 skipped"
      exit 0 ;;
  esac
  log "FAILED${why:+: $why} (exit $rc); work dir kept: $W"
  for f in "$W"/log/*.log "$W"/sweep*/logs/* "$W"/abc*/logs/*; do
    [ -f "$f" ] && { echo "--- $f"; tail -n 20 "$f"; }
  done
  echo "slurm: 0 passed, 1 failed"
  exit 1
}
trap finish EXIT
trap 'why="interrupted"; exit 1' INT TERM HUP

# fail_or_skip: a missing Slurm is a failure under CI, a skip elsewhere.
fail_or_skip() {
  why=$1
  if [ "${CI:-}" != true ]; then outcome=skip; fi
  exit 1
}

fail() { why=$1; exit 1; }

# wait_for CMD...: polls CMD every 0.2 s, for at most $tries tries.
wait_for() {
  local i
  for ((i = 0; i < tries; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  return 1
}

# --- install
[ "$(id -u)" = 0 ] || fail_or_skip "needs root to install and start Slurm"
if ! [ -x /usr/sbin/slurmctld ] || ! [ -x /usr/sbin/slurmd ] || ! command -v sbatch >/dev/null || ! [ -x /usr/sbin/munged ]; then
  command -v apt-get >/dev/null || fail_or_skip "Slurm is not installed and apt-get is unavailable"
  log "installing slurmctld slurmd slurm-client munge from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  ta=$(date +%s)
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge; } \
    >"$W/apt.log" 2>&1 || { tail -n 20 "$W/apt.log"; fail_or_skip "apt-get could not install Slurm"; }
  log "apt took $(($(date +%s) - ta)) s"
fi

# --- munge: reuse a working one, else start ours
mkdir -p "$W/state" "$W/spool" "$W/log"
if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  log "munged is already running: using it"
else
  [ -s /etc/munge/munge.key ] || /usr/sbin/mungekey --create --keyfile=/etc/munge/munge.key
  chown munge:munge /etc/munge/munge.key
  chmod 400 /etc/munge/munge.key
  mkdir -p /run/munge
  chown munge:munge /run/munge
  chmod 755 /run/munge
  rm -f /run/munge/munged.pid
  pidfiles+=(/run/munge/munged.pid)
  runuser -u munge -- /usr/sbin/munged --pid-file=/run/munge/munged.pid || fail_or_skip "munged did not start"
  tries=50 wait_for test -s /run/munge/munged.pid || fail_or_skip "munged wrote no PID file"
  tries=50 wait_for bash -c 'munge -n | unmunge' || fail_or_skip "munge does not answer"
fi

# --- slurmctld and slurmd on this host
if [ -f "$conf" ] && scontrol ping 2>/dev/null | grep -q UP; then
  fail "a Slurm controller is already running here; stop it first (this script starts its own)"
fi
H=$(hostname -s)
if [ -f "$conf" ] && ! head -1 "$conf" | grep -qF "$marker"; then
  mv -f "$conf" "$conf.cogov-backup"
fi
mkdir -p /etc/slurm
cat >"$conf" <<EOF
$marker, removed when it ends
ClusterName=ci
SlurmctldHost=$H
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SchedulerParameters=sched_min_interval=0,batch_sched_delay=0
ReturnToService=2
StateSaveLocation=$W/state
SlurmdSpoolDir=$W/spool
SlurmctldPidFile=$W/slurmctld.pid
SlurmdPidFile=$W/slurmd.pid
SlurmctldLogFile=$W/log/slurmctld.log
SlurmdLogFile=$W/log/slurmd.log
NodeName=$H NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=$H Default=YES MaxTime=INFINITE State=UP
EOF
pidfiles+=("$W/slurmctld.pid")
/usr/sbin/slurmctld -i || fail_or_skip "slurmctld did not start"
tries=100 wait_for test -s "$W/slurmctld.pid" || fail_or_skip "slurmctld wrote no PID file"
pidfiles+=("$W/slurmd.pid")
/usr/sbin/slurmd || fail_or_skip "slurmd did not start"
tries=100 wait_for test -s "$W/slurmd.pid" || fail_or_skip "slurmd wrote no PID file"
node_idle() { [ "$(sinfo -h -N -o %t)" = idle ]; }
tries=300 wait_for node_idle || fail_or_skip "the node did not become idle"
log "Slurm is up ($(sinfo -V)), node $H idle after $(($(date +%s) - t0)) s"

# --- the sweep: emitted, submitted, merged, compared
go build -o "$W/bin/cogov" ./cmd/cogov
cogov=$W/bin/cogov
cat >"$W/slurm-ci.toml" <<'EOF'
name = "slurm-ci"
scenario = "baseline"
years = 3
replications = 2
seed = 11
metrics = ["dependence_index", "show_effort_share"]

[[factor]]
path = "supervision.audit_probability"
min = 0.0
max = 1.0
levels = 3
EOF
"$cogov" sweep "$W/slurm-ci.toml" --out "$W/single" --no-plots -q

# settle waits until no job is left in the queue (at most 5 minutes).
settle() { tries=1500 wait_for bash -c '[ -z "$(squeue -h)" ]' || fail "jobs still queued after 5 minutes: $(squeue)"; }

# emit DIR: writes the scripts into DIR and checks the one command printed,
# as the shell reads it.
emit() {
  local printed words
  printed=$("$cogov" sweep "$W/slurm-ci.toml" --emit slurm --shards 4 --cpus-per-task 1 --time 00:05:00 --out "$1" -q)
  eval "words=($printed)"
  [ "${#words[@]}" = 2 ] && [ "${words[0]}" = bash ] && [ "${words[1]}" = "$1/submit.sh" ] ||
    fail "--emit slurm printed $printed"
}

same() {
  local f
  for f in runs.csv yearly.csv; do cmp "$W/single/$f" "$1/$f" || fail "$1/$f differs from the single-process sweep's"; done
}

# A path with a space, a quote, a dollar and a percent sign checks the
# scripts' quoting, and the escaping of % in #SBATCH --output.
D="$W/sweep one's \$HOME %x"
emit "$D"
submitted=$(bash "$D/submit.sh")
echo "$submitted"
read -r jid mid < <(sed -n 's/^submitted job array \([0-9]*\) .* merge job \([0-9]*\),.*/\1 \2/p' <<<"$submitted")
[ -n "$mid" ] || fail "submit.sh said: $submitted"
settle
[ -f "$D/manifest.json" ] || fail "the merge job did not merge: $(cat "$D"/logs/merge-*.out 2>/dev/null)"
same "$D"
for f in "sweep-${jid}_1" "sweep-${jid}_4" "merge-$mid"; do
  [ -s "$D/logs/$f.out" ] || fail "no log $D/logs/$f.out: $(ls "$D/logs")"
done
log "job array of 4 tasks and its merge: identical to the single-process sweep"

# Partial failure: task 3 is never run, so the merge refuses and names it;
# rerunning it as told completes the sweep.
D="$W/sweep two"
emit "$D"
bash "$D/submit.sh" 1,2,4
settle
[ ! -f "$D/manifest.json" ] || fail "the merge merged a sweep without shard 3"
grep -qF "shard 3/4: not among the directories given" "$D"/logs/merge-*.out || fail "the merge did not name shard 3"
rerun=$(grep -F "sbatch --array=3 " "$D"/logs/merge-*.out) || fail "the merge did not print the sbatch line for task 3"
log "merge refused without shard 3 and said:$rerun"
bash "$D/submit.sh" 3
settle
same "$D"
log "rerunning task 3 then merging: identical to the single-process sweep"

# --- an ABC-SMC calibration: each round of proposals a job array, whose
# collect job submits the next round; compared with the in-process run
cat >"$W/abc-ci.toml" <<'EOF'
name = "abc-ci"
scenario = "baseline"
set = ["years=3"]
targets = ["T2 community social work 2017", "T3 professional"]
seed = 7

[abc]
particles = 8
generations = 2
reps = 1
min_acceptance = 0.05

[[parameter]]
path = "government.weight_ties"
min = 0.0
max = 0.5

[[parameter]]
path = "agency_types[2].discount"
min = 0.0
max = 0.15
EOF
"$cogov" calibrate "$W/abc-ci.toml" --method abc-smc -q --out "$W/abc-single" >/dev/null
A="$W/abc run's \$dir %x"
printed=$("$cogov" calibrate "$W/abc-ci.toml" --method abc-smc --emit slurm --shards 3 --cpus-per-task 1 --time 00:05:00 --out "$A" -q)
eval "words=($printed)"
[ "${#words[@]}" = 2 ] && [ "${words[0]}" = bash ] && [ "${words[1]}" = "$A/submit.sh" ] ||
  fail "calibrate --emit slurm printed $printed"
ta=$(date +%s)
bash "$A/submit.sh"
settle
grep -qh "^stopped by generations after 2 generations" "$A"/logs/collect-*.out ||
  fail "no collect job said the calibration stopped: $(tail -n 5 "$A"/logs/collect-*.out 2>/dev/null)"
for f in posterior.csv generations.csv posterior_summary.csv abc-state.json; do
  cmp "$W/abc-single/$f" "$A/$f" || fail "$A/$f differs from the in-process calibration's"
done
[ -f "$A/abc_marginals.png" ] || fail "the finish step drew no figures"
arrays=$(find "$A/logs" -name 'simulate-*_1.out' | wc -l)
log "ABC-SMC calibration: $arrays job arrays of 3 tasks and their collect jobs in $(($(date +%s) - ta)) s: identical to the in-process run"
again=$(bash "$A/submit.sh")
again=${again%%$'\n'*}
[[ $again == "stopped by generations"* ]] || fail "submit.sh after the end said: $again"
[ -z "$(squeue -h)" ] || fail "submit.sh after the end submitted jobs: $(squeue)"
log "submit.sh after the end submits nothing and says: $again"
outcome=pass
