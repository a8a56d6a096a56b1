# Sourced by run.sh and test.sh: installs, on a fresh Debian machine, what the suite needs beside
# the .NET SDK. Idempotent and quiet when everything is already there.

g2b_have_initdb() {
  command -v initdb >/dev/null 2>&1 || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}

g2b_apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "need root or sudo to apt-get install $*" >&2; return 1; }
    sudo="sudo"
  fi
  if [ -z "${G2B_APT_UPDATED:-}" ]; then
    $sudo apt-get update -qq
    G2B_APT_UPDATED=1
  fi
  echo "installing: $*"
  # No daemons from the packages: the suite runs its own PostgreSQL and Redis on other ports.
  DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

g2b_install_deps() {
  command -v dotnet >/dev/null 2>&1 || {
    echo "The .NET 10 SDK is needed (dotnet on PATH): https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
    return 1
  }
  local missing=()
  g2b_have_initdb || missing+=(postgresql postgresql-contrib)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
  # The sidecar's conformance test drives the official Dapr JavaScript SDK.
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  # Licence certificates (PDFsharp) embed DejaVu Sans: Latin with Turkmen letters, and Cyrillic.
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
  # The local sidecar is published as Native AOT (test.sh, the runner): ILCompiler links with clang (Debian's
  # `clang`, or clang-14, which the sidecar's project names when there is no `clang`) and zlib.
  { command -v clang >/dev/null 2>&1 || [ -x /usr/bin/clang-14 ]; } || missing+=(clang)
  [ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
  # The portal's browser tests drive Debian's Chromium through Playwright (no browser download).
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    g2b_apt_install "${missing[@]}"
  fi
}
