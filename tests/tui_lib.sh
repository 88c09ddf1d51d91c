# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# tui_lib.sh - driving the real program in tmux: a private server, a pane
# of fixed size, keys in with send-keys, the screen out with capture-pane,
# waiting for text (with a time limit) instead of sleeping blindly.
# Sourced by tests/tui_*.sh.

: "${YS_BUILDDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${YS_SRCDIR:=$YS_BUILDDIR}"
: "${YUNSHEN_DATADIR:=$YS_SRCDIR/data}"
export YUNSHEN_DATADIR
: "${YUNSHEN_CONFDIR:=/nonexistent/yunshen}"
export YUNSHEN_CONFDIR
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
	local rc=$?
	tm kill-server 2>/dev/null
	# A sanitizer build (CFLAGS=-fsanitize=...) logs what it found here.
	if ls "$T_DIR"/san.* >/dev/null 2>&1; then
		cat "$T_DIR"/san.*
		echo "FAIL: sanitizer reports"
		T_FAILED=1
		rc=1
	fi
	if [ "$T_FAILED" = 0 ] && [ -z "$T_KEEP" ]; then rm -rf "$T_DIR"; else echo "kept $T_DIR"; fi
	exit $rc
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
	local cmd="cd '$T_DIR' && exec env LC_ALL=$T_LOCALE TERM=${T_TERM:-tmux-256color} YUNSHEN_NOW=$YUNSHEN_NOW YUNSHEN_DATADIR='$YUNSHEN_DATADIR' YUNSHEN_CONFDIR='$YUNSHEN_CONFDIR' ASAN_OPTIONS='log_path=$T_DIR/san.asan:${ASAN_OPTIONS:-}' UBSAN_OPTIONS='print_stacktrace=1:log_path=$T_DIR/san.ubsan:${UBSAN_OPTIONS:-}' ${T_ENV:-} '$YS' $*"
	tm kill-session -t ys 2>/dev/null
	# Killing the last session makes the server exit, asynchronously: a
	# new session may reach the dying server, so try again briefly.
	local tries=0
	until tm new-session -d -s ys -x "$w" -y "$h" "$cmd; echo '[exit '\$?']'; sleep 30" 2>/dev/null; do
		tries=$((tries + 1))
		[ $tries -lt 30 ] || fail "tmux new-session"
		sleep 0.1
	done
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
# The test's own look into the database waits while the program writes.
sqlite3() { command sqlite3 -cmd ".timeout 10000" "$@"; }

# pick_template ID: on the new-form list (each template's application form,
# in id order), moves to template ID's line and takes it, however many
# templates are present.
pick_template() {
	local n i
	n=$(ys templates | awk '{print $1}' | grep -nx "$1" | cut -d: -f1)
	[ -n "$n" ] || fail "no template $1"
	for ((i = 1; i < n; i++)); do keys Down; done
	keys Enter
}
demo_db() { LC_ALL=C.UTF-8 ys demo >/dev/null || fail "demo database"; }

# fill_paper TEMPLATE PAPER [KIND]: a clerk copies a paper form (import
# JSON) into the form screen, top to bottom (keys from tui_paper.py).
fill_paper() {
	command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not installed"; exit 77; }
	python3 "$YS_SRCDIR/tests/tui_paper.py" "$1" "$2" ${3:-} >"$T_DIR/keys" || fail "reading $2"
	local line
	while IFS= read -r line; do
		case $line in
		"keys "*) keys ${line#keys } ;;
		"type "*) type_text "${line#type }" ;;
		"paste "*) printf '%b' "${line#paste }" | tm load-buffer -b p - && tm paste-buffer -p -b p -t ys ;;
		esac
	done <"$T_DIR/keys"
}

# same_form ID1 ID2: the two applications hold the same form data.
same_form() {
	local a b
	a=$(ys show "$1" --json) || fail "show $1"
	b=$(ys show "$2" --json) || fail "show $2"
	a=$(json_get "$a" '$.fields')$(json_get "$a" '$.tables')
	b=$(json_get "$b" '$.fields')$(json_get "$b" '$.tables')
	[ "$a" = "$b" ] || { echo "entered: $a"; echo "paper:   $b"; fail "form $1 differs from paper $2"; }
}

# select_row TEXT: moves the queue's selection to the row showing TEXT.
select_row() {
	wait_for "$1"
	local n i
	n=$(screen | grep -nF -- "$1" | head -1 | cut -d: -f1)
	for i in $(seq 4 "$n"); do keys Down; done
}

# sign_as LOGIN TEXT CHOICE_NO OPINION: LOGIN finds TEXT in 我的待办 and
# signs it with choice number CHOICE_NO; it must leave the queue.
# answer_record [UNTIL]: the step's record, each item asked in turn
# (materials brought: 是, the first choice; a date: today), until the
# confirmation (or until the text UNTIL is asked).
answer_record() {
	local i j before until="${1:-确认以}"
	for i in $(seq 1 100); do
		screen | grep -qF "$until" && return 0
		# a pick list (Enter选定) or a line (Enter确定) of the record: take
		# it, then wait for the next question before looking again
		if screen | tail -n 1 | grep -qE "Enter(选定|确定)"; then
			before=$(screen)
			keys Enter
			for j in $(seq 1 200); do [ "$(screen)" != "$before" ] && break; sleep 0.05; done
		else
			sleep 0.05
		fi
	done
	fail "the record was not finished"
}

sign_as() {
	start -- --db "$DB" --as "$1"
	select_row "$2"
	keys a
	wait_for "此前意见"
	[ -n "$4" ] && type_text "$4"
	keys Tab "$3"
	answer_record
	keys y
	wait_for "已签署"
	wait_gone "$2"
	keys q
}

# last_id: the newest application.
last_id() { json_get "$(ys list --json)" '$.applications' | grep -o '"id":[0-9]*' | cut -d: -f2 | sort -n | tail -1; }

# expect_screen NAME: the screen is the one kept in tests/screens/NAME.txt
# (the query time on the queue's bottom line is masked). With
# YS_UPDATE_SCREENS=1 the file is written instead: look at it before
# committing it.
expect_screen() {
	local want="$YS_SRCDIR/tests/screens/$1.txt" got="$T_DIR/screen-$1.txt"
	sleep 0.3
	screen | sed -e 's/（上次查询 [0-9.]* 毫秒）/（上次查询 … 毫秒）/' >"$got"
	if [ -n "${YS_UPDATE_SCREENS:-}" ]; then
		mkdir -p "$(dirname "$want")" && cp "$got" "$want"
		return 0
	fi
	[ -f "$want" ] || fail "no expected screen $want"
	diff -u "$want" "$got" >"$T_DIR/diff-$1" || { cat "$T_DIR/diff-$1"; fail "screen $1 differs from tests/screens/$1.txt"; }
}
