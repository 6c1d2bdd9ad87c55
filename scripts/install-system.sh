#!/usr/bin/env bash
# Install the Debian packages protocolgen needs: `runtime` for building documents,
# `test` for the output checkers as well. Installs only what is missing; needs root or sudo.
set -euo pipefail

runtime=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 python3-venv)
# libreoffice-writer-nogui: the test that converts the Word file to PDF (about half a minute).
test=(poppler-utils qpdf chromium default-jre-headless nodejs npm libreoffice-writer-nogui)

wanted=("${runtime[@]}")
[ "${1:-runtime}" = "test" ] && wanted+=("${test[@]}")

missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# node, npm and java may come from outside Debian (the image ships them); accept those too.
keep=()
for pkg in "${missing[@]}"; do
  case "$pkg" in
    nodejs) command -v node >/dev/null || keep+=("$pkg") ;;
    npm) command -v npm >/dev/null || keep+=("$pkg") ;;
    default-jre-headless) command -v java >/dev/null || keep+=("$pkg") ;;
    python3-venv) python3 -c "import venv, ensurepip" 2>/dev/null || keep+=("$pkg") ;;
    *) keep+=("$pkg") ;;
  esac
done
[ ${#keep[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "installeren: ${keep[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${keep[@]}" >/dev/null
