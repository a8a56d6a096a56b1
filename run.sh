#!/usr/bin/env bash
# Runs the whole suite locally (tye.yaml): PostgreSQL, Redis, Dapr sidecars, services, gateway,
# demo bank. Ctrl-C stops everything. Extra arguments go to the runner (e.g. --no-build).
set -euo pipefail
cd "$(dirname "$0")"
source tools/install-deps.sh
g2b_install_deps curl jq openssl

CONFIGURATION=${CONFIGURATION:-Release}
dotnet tool restore >/dev/null
dotnet build tools/G2B.Runner/G2B.Runner.csproj -c "$CONFIGURATION" -nologo -v quiet -clp:ErrorsOnly
# exec: Ctrl-C and SIGTERM reach the runner itself, which stops its children.
exec dotnet "tools/G2B.Runner/bin/$CONFIGURATION/net10.0/G2B.Runner.dll" up -c "$CONFIGURATION" "$@"
