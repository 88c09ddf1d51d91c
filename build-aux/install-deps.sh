#!/bin/sh
# Installs what yunshen needs to build, run and test on Debian 12, and the
# zh_CN.GBK locale the GBK terminal tests use. Installs only what is missing.
set -e
PKGS="build-essential autoconf automake pkg-config gettext libncurses-dev libsqlite3-dev sqlite3
libxlsxwriter-dev libssl-dev tmux locales python3 python3-openpyxl poppler-utils libreoffice-calc-nogui
fonts-wqy-zenhei"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends $missing
fi
if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.gbk$'; then
	localedef -i zh_CN -f GBK zh_CN.GBK 2>/dev/null || echo "install-deps: zh_CN.GBK locale not created" >&2
fi
exit 0
