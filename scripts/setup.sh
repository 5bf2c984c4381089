#!/usr/bin/env bash
# One command for a fresh Debian/Ubuntu machine: system fonts and libraries,
# a virtual environment with plangen installed, and the Laishan example built.
#   bash scripts/setup.sh            # as root or with sudo available
#   BENCH=1 bash scripts/setup.sh    # also LibreOffice and chromium, for benchmarks/ and tests
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
PACKAGES="fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming texlive-lang-chinese
  fonts-liberation fontconfig libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils"
# BENCH=1: LibreOffice (benchmarks, layout and revision checks), a headless browser
# (Debian's chromium with its driver) for the `plangen serve` test, and a second CJK
# font (WenQuanYi Micro Hei, 1.6 MB) that the layout test builds with to show that the
# PDF does not change when other fonts are present.
if [ "${BENCH:-0}" = 1 ]; then
  PACKAGES="$PACKAGES libreoffice-writer-nogui python3-uno chromium chromium-driver fonts-wqy-microhei"
fi

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "== installing system packages:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# Fandol (free 仿宋/楷体/黑体/宋体) ships inside TeX Live; let fontconfig see it, and
# let the 公文 font names a DOCX asks for reach it: LibreOffice on Linux otherwise
# shows every Chinese style in one fallback sans. Fandol is appended after the
# requested name, so a machine with the real fonts keeps using them.
# (plangen's PDF does not depend on this: print.css pins its font files.)
FANDOL=/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol
CONF=/etc/fonts/conf.d/09-plangen-fandol.conf
font_alias() {  # font_alias FACE STYLE NAME...: each NAME falls back to FACE in STYLE
  local face=$1 style=$2 weight=""; shift 2
  # LibreOffice picks a face by weight, not by style name: a bold stand-in says so
  [ "$style" = Bold ] && weight='<edit name="weight" mode="assign"><const>bold</const></edit>'
  for name in "$@"; do
    printf '  <match target="pattern"><test qual="first" name="family"><string>%s</string></test>' "$name"
    printf '<edit name="family" mode="append" binding="strong"><string>%s</string></edit>' "$face"
    printf '<edit name="style" mode="assign"><string>%s</string></edit>%s</match>\n' "$style" "$weight"
  done
}
if [ -d "$FANDOL" ]; then
  NEW=$(mktemp)
  {
    printf '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>%s</dir>\n' "$FANDOL"
    # Fandol's bold files claim regular weight: fontconfig is told they are bold when it
    # scans them, or LibreOffice sets 方正小标宋 (→ FandolSong Bold) in the regular face.
    printf '  <match target="scan"><test name="fullname" compare="contains"><string>Fandol</string></test>'
    printf '<test name="style"><string>Bold</string></test>'
    printf '<edit name="weight" mode="assign"><const>bold</const></edit></match>\n'
    font_alias FandolFang Regular 仿宋_GB2312 FangSong_GB2312 仿宋 FangSong
    font_alias FandolHei Regular 黑体 SimHei
    font_alias FandolKai Regular 楷体_GB2312 KaiTi_GB2312 楷体 KaiTi
    font_alias FandolSong Regular 宋体 SimSun
    font_alias FandolSong Bold 方正小标宋简体 方正小标宋_GBK FZXiaoBiaoSong-B05S  # a bold Song
    font_alias "AR PL UKai TW" Book 標楷體 DFKai-SB
    printf '</fontconfig>\n'
  } >"$NEW"
  if ! cmp -s "$NEW" "$CONF"; then
    echo "== registering Fandol and the 公文 font aliases with fontconfig ($CONF)"
    $SUDO install -m 644 "$NEW" "$CONF"
    $SUDO fc-cache -f >/dev/null
  fi
  rm -f "$NEW"
fi

echo "== python environment (.venv)"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/pip install -q -e '.[test]' 2>&1 | grep -v '^WARNING: Location' || true
.venv/bin/plangen --version

echo "== building the example plan"
.venv/bin/plangen build plans/laishan.yaml -o build
