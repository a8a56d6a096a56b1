#!/usr/bin/env bash
# The whole benchmark of docs/benchmarks.md ("Whole journeys") in one command: builds Release, starts
# the suite on free ports with the gateway's rate limit off, waits until it is healthy, warms up, runs
# the journeys at each concurrency (with the gateway's overhead), then a bank's peak, and writes
# .local/bench/<UTC date>.md with the per-process tables; stops the suite whatever happens. After the
# warm-up, the suite at rest: REST_SECONDS with no traffic, CPU per process per second and the tables
# the databases were asked about (what the timers and polls cost).
# Knobs (environment): CONCURRENCY=1,8,32 JOURNEYS=50,300,600 WARMUP=100 PROBES=2000 INVOICES=1000 BANK_CALLERS=32
# RATE=0 (journeys started per second in every run, CONCURRENCY then caps how many at once; 0: closed load)
# REST_SECONDS=120 (0 skips the rest measurement) REST_SETTLE=15 (seconds between the warm-up and the rest)
# PG_STATEMENTS=0 (1: PostgreSQL runs with pg_stat_statements; the report gets, per journey of the Journeys section, each
# database's statements (calls, execution and planning time), its commits, and the WAL's flushes)
set -euo pipefail
cd "$(dirname "$0")/.."

CONCURRENCY=${CONCURRENCY:-1,8,32}
RATE=${RATE:-0}
JOURNEYS=${JOURNEYS:-50,300,600}
WARMUP=${WARMUP:-100}
PROBES=${PROBES:-2000}
INVOICES=${INVOICES:-1000}
BANK_CALLERS=${BANK_CALLERS:-32}
# The first start of a checkout builds, then publishes two Native AOT binaries (sidecar, gateway): on a loaded
# 2-core machine that took longer than 15 minutes (docs/benchmarks.md, "Issue 16, session 8").
STARTUP_SECONDS=${STARTUP_SECONDS:-1800}
REST_SECONDS=${REST_SECONDS:-120}
REST_SETTLE=${REST_SETTLE:-15}
PG_STATEMENTS=${PG_STATEMENTS:-0}

stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
mkdir -p .local/bench
report=.local/bench/$stamp.md
suite_log=.local/bench/$stamp.suite.log
suite_file=.local/suite.json
tool=tools/G2B.LoadTest/bin/Release/net10.0/G2B.LoadTest.dll

echo "Building the load tool (Release)..."
dotnet build tools/G2B.LoadTest/G2B.LoadTest.csproj -c Release -nologo -v quiet -clp:ErrorsOnly

# A suite file left by a run that was killed would point at dead pids.
rm -f "$suite_file"
if [[ $PG_STATEMENTS == 1 ]]; then
  # Read by tools/G2B.LocalInfra when the runner starts the cluster: for this run only.
  export G2B_POSTGRES_SETTINGS="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on -c pg_stat_statements.max=1000"
fi
echo "Starting the suite (./run.sh --free-ports builds it in Release; log: $suite_log)..."
# PublishTimings: each publish carries when its save committed and when it was claimed, for the hop's steps.
Gateway__RateLimit__Enabled=false Eventing__Outbox__PublishTimings=true setsid ./run.sh --free-ports >"$suite_log" 2>&1 &
launcher=$!
runner=

stop_suite() {
  # run.sh execs the runner, so its pid is the launcher's; the suite file names it too.
  local pid=${runner:-$launcher}
  if kill -0 "$pid" 2>/dev/null; then
    echo "Stopping the suite (runner pid $pid)..."
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  fi
}
trap stop_suite EXIT

# The runner writes the suite file once every process is healthy.
for _ in $(seq 1 "$STARTUP_SECONDS"); do
  [[ -f $suite_file ]] && break
  if ! kill -0 "$launcher" 2>/dev/null; then
    echo "The suite did not start; the end of its log:" >&2
    tail -n 30 "$suite_log" >&2
    exit 1
  fi
  sleep 1
done
[[ -f $suite_file ]] || { echo "The suite was not healthy within $STARTUP_SECONDS s." >&2; exit 1; }
runner=$(jq -r .runnerPid "$suite_file")
gateway=$(jq -r '.processes[] | select(.name=="gateway") | .url' "$suite_file")
echo "The suite is healthy (runner pid $runner, $gateway)."

load() { dotnet "$tool" --suite "$suite_file" "$@"; }

# Markdown: the tool's tables and headings as they are, its other lines as an indented block.
as_markdown() { awk '/^(\||#)/ || /^$/ { print; next } { print "    " $0 }'; }

{
  echo "# Benchmark $stamp"
  echo
  echo "Commit $(git rev-parse --short HEAD) ($(git rev-parse --abbrev-ref HEAD)), $(nproc) cores, .NET $(dotnet --version)," \
    "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg). Release, \`Gateway__RateLimit__Enabled=false ./run.sh --free-ports\`;" \
    "method: docs/benchmarks.md (Whole journeys, How)."
  echo
} >"$report"

status=0
echo "Warming up: $WARMUP journeys at concurrency 4 (not reported)..."
# --no-suite: nothing measured, so the gateway's URL is given (the suite runs on free ports).
load --concurrency 4 --journeys "$WARMUP" --warmup 3 --probes 0 --no-suite --gateway "$gateway" >".local/bench/$stamp.warmup.txt" 2>&1 \
  || { status=1; echo "The warm-up had failures (.local/bench/$stamp.warmup.txt): the figures below may include the JIT." >&2; }

# One section of the report: a heading, then the tool's output (also shown while it runs).
section() {
  local title=$1; shift
  local raw=.local/bench/$stamp.$(echo "$title" | tr ' A-Z' '-a-z').txt
  load "$@" 2>&1 | tee "$raw" || status=1
  { echo "## $title"; as_markdown <"$raw"; echo; } >>"$report"
}

if (( REST_SECONDS > 0 )); then
  echo "At rest: $REST_SETTLE s to settle after the warm-up, then $REST_SECONDS s with no traffic..."
  sleep "$REST_SETTLE"
  echo "Load average before the rest: $(cut -d' ' -f1-3 /proc/loadavg)." >>"$report"
  section "At rest" --mode rest --rest-seconds "$REST_SECONDS" --probes 0
fi

pg_port=$(jq -r '.processes[] | select(.kind=="postgres") | .port' "$suite_file")
pg() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -X -q "$@"; }
if [[ $PG_STATEMENTS == 1 ]]; then
  pg -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" \
     -c "SELECT pg_stat_statements_reset(), pg_stat_reset_shared('wal')" >/dev/null
  pg -At -c "SELECT datname, xact_commit FROM pg_stat_database WHERE datname IS NOT NULL" >".local/bench/$stamp.commits-before.txt"
fi

echo "Journeys: concurrency $CONCURRENCY, journeys $JOURNEYS, then the gateway's overhead ($PROBES probes)..."
section "Journeys" --concurrency "$CONCURRENCY" --journeys "$JOURNEYS" --warmup 0 --probes "$PROBES" --rate "$RATE"

if [[ $PG_STATEMENTS == 1 ]]; then
  # Per journey of the section above: every concurrency's journeys together.
  total=$(( $(echo "$JOURNEYS" | tr ',' '+') ))
  {
    echo "## PostgreSQL per journey ($total journeys; pg_stat_statements)"
    echo
    echo "WAL per journey (flushes are the fsyncs of commits and of WAL writes):"
    echo
    pg -c "SELECT round(wal_records::numeric / $total, 1) AS records, round(wal_bytes / $total) AS bytes,
                  round(wal_write::numeric / $total, 2) AS writes, round(wal_sync::numeric / $total, 2) AS flushes,
                  round(wal_sync_time::numeric / $total, 3) AS flush_ms FROM pg_stat_wal" --pset=format=aligned | sed "s/^/    /"
    echo
    echo "Commits per journey, by database:"
    echo
    pg -c "CREATE TEMP TABLE before (datname text, xact_commit bigint)" \
       -c "\\copy before FROM '.local/bench/$stamp.commits-before.txt' WITH (DELIMITER '|')" \
       -c "SELECT d.datname AS database, round((d.xact_commit - b.xact_commit)::numeric / $total, 2) AS commits
           FROM pg_stat_database d JOIN before b USING (datname) WHERE d.xact_commit > b.xact_commit ORDER BY 2 DESC" --pset=format=aligned | sed "s/^/    /"
    echo
    echo "Statements by total time (execution + planning) per journey, the top 40:"
    echo
    pg -c "SELECT d.datname AS database, round(s.calls::numeric / $total, 2) AS calls,
                  round((s.total_exec_time / $total)::numeric, 3) AS exec_ms, round((s.total_plan_time / $total)::numeric, 3) AS plan_ms,
                  round(s.plans::numeric / $total, 2) AS plans, round(s.rows::numeric / $total, 1) AS rows,
                  left(regexp_replace(s.query, '\s+', ' ', 'g'), 160) AS query
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
           ORDER BY s.total_exec_time + s.total_plan_time DESC LIMIT 40" --pset=format=aligned | sed "s/^/    /"
    echo
    echo "Statements by calls per journey (every one called at least once in two journeys; what a round trip saved shows here):"
    echo
    pg -c "SELECT d.datname AS database, round(s.calls::numeric / $total, 2) AS calls,
                  left(regexp_replace(s.query, '\s+', ' ', 'g'), 120) AS query
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
           WHERE s.calls * 2 >= $total
           ORDER BY 1, 2 DESC, 3" --pset=format=aligned | sed "s/^/    /"
    echo
    echo "Totals per journey, by database:"
    echo
    pg -c "SELECT d.datname AS database, round(sum(s.calls)::numeric / $total, 1) AS calls,
                  round((sum(s.total_exec_time) / $total)::numeric, 2) AS exec_ms, round((sum(s.total_plan_time) / $total)::numeric, 2) AS plan_ms,
                  round(sum(s.plans)::numeric / $total, 1) AS plans
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid GROUP BY 1 ORDER BY 3 DESC" --pset=format=aligned | sed "s/^/    /"
    echo
  } >>"$report" 2>&1 || echo "The statements could not be read (see $report)." >&2
fi

echo "Bank peak: $INVOICES invoices, $BANK_CALLERS callers..."
section "Bank peak" --mode bank --concurrency "$BANK_CALLERS" --journeys "$INVOICES" --warmup 0 --probes 0
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)." >>"$report"

echo "Report: $report"
exit $status
