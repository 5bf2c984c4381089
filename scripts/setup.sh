#!/usr/bin/env bash
# One command for a fresh Debian/Ubuntu machine: system fonts and libraries,
# a virtual environment with plangen installed, and the Laishan example built.
#   bash scripts/setup.sh            # as root or with sudo available
#   BENCH=1 bash scripts/setup.sh    # also LibreOffice, for benchmarks/
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
PACKAGES="fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming texlive-lang-chinese
  fontconfig libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils"
if [ "${BENCH:-0}" = 1 ]; then PACKAGES="$PACKAGES libreoffice-writer-nogui"; fi

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "== installing system packages:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# Fandol (free 仿宋/楷体/黑体/宋体) ships inside TeX Live; let fontconfig see it.
FANDOL=/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol
CONF=/etc/fonts/conf.d/09-plangen-fandol.conf
if [ -d "$FANDOL" ] && [ ! -f "$CONF" ]; then
  printf '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>%s</dir></fontconfig>\n' \
    "$FANDOL" | $SUDO tee "$CONF" >/dev/null
  $SUDO fc-cache -f >/dev/null
fi

echo "== python environment (.venv)"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/pip install -q -e '.[test]' 2>&1 | grep -v '^WARNING: Location' || true
.venv/bin/plangen --version

echo "== building the example plan"
.venv/bin/plangen build plans/laishan.yaml -o build
