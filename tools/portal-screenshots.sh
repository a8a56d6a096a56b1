#!/usr/bin/env bash
# Takes the portal's screenshots in docs/portal/ (desktop 1280 px and phone 360 px) by running its browser
# tests against the whole suite with G2B_PORTAL_SCREENSHOTS set. Needs the solution built (Release) and
# Debian's chromium (tools/install-deps.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
export G2B_PORTAL_SCREENSHOTS="$PWD/docs/portal"
dotnet test tests/Portal.Tests -c "${CONFIGURATION:-Release}" --no-build --filter "FullyQualifiedName~Portal.Tests.Browser"
ls -1 "$G2B_PORTAL_SCREENSHOTS"
