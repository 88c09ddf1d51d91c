# tui_lib.sh - driving the real program in tmux: a private server, a pane
# of fixed size, keys in with send-keys, the screen out with capture-pane,
# waiting for text (with a time limit) instead of sleeping blindly.
# Sourced by tests/tui_*.sh.

: "${YS_BUILDDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${YS_SRCDIR:=$YS_BUILDDIR}"
: "${YUNSHEN_DATADIR:=$YS_SRCDIR/data}"
export YUNSHEN_DATADIR
YS=$YS_BUILDDIR/src/yunshen
export YUNSHEN_NOW=${YUNSHEN_NOW:-2026-11-20T10:00}

command -v tmux >/dev/null 2>&1 || { echo "SKIP: tmux not installed"; exit 77; }

T_SOCK=yunshen$$
T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/ystui.XXXXXX")
DB=$T_DIR/t.db
T_LOCALE=${T_LOCALE:-C.UTF-8}
T_FAILED=0

tm() { tmux -L "$T_SOCK" -f /dev/null "$@"; }

cleanup() {
	tm kill-server 2>/dev/null
	if [ "$T_FAILED" = 0 ] && [ -z "$T_KEEP" ]; then rm -rf "$T_DIR"; else echo "kept $T_DIR"; fi
}
trap cleanup EXIT

fail() {
	T_FAILED=1
	echo "FAIL: $*"
	echo "---- screen ----"
	tm capture-pane -p -t ys 2>/dev/null
	echo "----------------"
	exit 1
}

# start [WIDTH HEIGHT] -- yunshen args...: runs the program in a new pane.
start() {
	local w=80 h=24
	if [ "$1" != "--" ]; then w=$1 h=$2; shift 2; fi
	shift
	local cmd="cd '$T_DIR' && exec env LC_ALL=$T_LOCALE TERM=xterm-256color YUNSHEN_NOW=$YUNSHEN_NOW YUNSHEN_DATADIR='$YUNSHEN_DATADIR' ${T_ENV:-} '$YS' $*"
	tm kill-session -t ys 2>/dev/null
	tm new-session -d -s ys -x "$w" -y "$h" "$cmd; echo '[exit '\$?']'; sleep 30" ||
		fail "tmux new-session"
	tm set-option -t ys remain-on-exit on >/dev/null 2>&1
}

screen() { tm capture-pane -p -t ys; }

# wait_for TEXT [SECONDS]: until TEXT (a fixed string) is on the screen.
wait_for() {
	local limit=$(( ${2:-10} * 10 )) i=0
	while [ $i -lt $limit ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "timed out waiting for: $1"
}

# wait_gone TEXT [SECONDS]: until TEXT is no longer on the screen.
wait_gone() {
	local limit=$(( ${2:-10} * 10 )) i=0
	while [ $i -lt $limit ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "timed out waiting for this to go: $1"
}

# keys KEY...: tmux key names (Enter, Tab, F2, Escape, C-s, ...).
keys() { tm send-keys -t ys "$@"; }
# type TEXT: literal text, Chinese included.
type_text() { tm send-keys -t ys -l -- "$1"; }

# The CLI on the test database.
ys() { "$YS" --db "$DB" "$@"; }

# json_get JSON PATH: one value out of JSON (SQLite's json_extract).
json_get() {
	printf '%s' "$1" >"$T_DIR/json"
	sqlite3 :memory: "SELECT json_extract(CAST(readfile('$T_DIR/json') AS TEXT), '$2');"
}

command -v sqlite3 >/dev/null 2>&1 || { echo "SKIP: sqlite3 not installed"; exit 77; }

demo_db() { LC_ALL=C.UTF-8 ys demo >/dev/null || fail "demo database"; }
