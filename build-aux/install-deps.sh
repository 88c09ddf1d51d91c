#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# Installs what yunshen needs on Debian 12, only what is missing:
#   sh build-aux/install-deps.sh          to build and run it
#   sh build-aux/install-deps.sh --tests  to run the whole test suite too
# (tmux for the screen tests, openpyxl and LibreOffice to open and render
# the exports, clang for the fuzz targets, man-db to render the manuals,
# debhelper and lintian for the package, the zh_CN locales).
set -e
PKGS="build-essential autoconf automake pkg-config gettext libncurses-dev libsqlite3-dev
libxlsxwriter-dev libssl-dev libzip-dev libexpat1-dev"
if [ "${1:-}" = --tests ]; then
	PKGS="$PKGS sqlite3 tmux locales python3 python3-openpyxl poppler-utils libreoffice-calc-nogui
fonts-wqy-zenhei clang man-db debhelper po-debconf lintian"
fi
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends $missing
fi
for cs in GBK GB18030 UTF-8; do
	if [ "${1:-}" = --tests ] && ! locale -a 2>/dev/null | grep -qix "zh_CN\.$(echo $cs | tr -d -)"; then
		localedef -i zh_CN -f $cs zh_CN.$cs 2>/dev/null || echo "install-deps: zh_CN.$cs locale not created" >&2
	fi
done
exit 0
