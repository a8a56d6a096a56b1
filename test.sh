#!/usr/bin/env bash
# Builds the solution once and runs every test project against real PostgreSQL and Redis (the
# tests start their own). Ends with "N passed, N failed" counted from the TRX results; exits
# non-zero on any failure, or when no test ran.
set -euo pipefail
cd "$(dirname "$0")"
source tools/install-deps.sh
g2b_install_deps

CONFIGURATION=${CONFIGURATION:-Release}
RESULTS="$PWD/TestResults"
rm -rf "$RESULTS"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet tool restore >/dev/null
dotnet build G2B.Licensing.slnx -c "$CONFIGURATION" -nologo -v quiet -clp:ErrorsOnly
# The local sidecar and the gateway as Native AOT (their project files set PublishAot), where the runner looks for
# them (the end-to-end tests, NativeSidecarTests and NativeGatewayTests run them); the same command the runner's
# build runs. 2-4 minutes of the two cores each the first time (docs/benchmarks.md).
for project in tools/G2B.DaprSidecar/G2B.DaprSidecar.csproj gateway/Gateway/Gateway.csproj; do
  native="$(dirname "$project")/bin/$CONFIGURATION/native"
  dotnet publish "$project" -c "$CONFIGURATION" --use-current-runtime -o "$native" -nologo -v quiet -clp:ErrorsOnly
  # Current now even when the publish had nothing to compile and the build rewrote the dll (the runner compares the two).
  touch "$native/$(basename "$project" .csproj)"
done

# The default console logger prints each failure with its message and stack; a hung test is
# dumped and killed rather than eating CI's time.
set +e
dotnet test G2B.Licensing.slnx -c "$CONFIGURATION" --no-build --nologo \
  --logger trx --results-directory "$RESULTS" --blame-hang-timeout 10m "$@"
status=$?
set -e

passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$RESULTS"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
  count() { local v; v=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"); echo "${v:-0}"; }
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed) + $(count error) + $(count timeout) + $(count aborted)))
  skipped=$((skipped + $(count notExecuted)))
done

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary+=", $skipped skipped"
echo "$summary"

if [ "$failed" -gt 0 ] || [ "$status" -ne 0 ]; then exit 1; fi
if [ "$passed" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
