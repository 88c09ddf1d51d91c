#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# remind: the one line a profile prints counts what list --mine shows
# (overdue and due today by the one clock rule); digest mails each login
# with something waiting its list through sendmail, on working days only,
# admin only, and a sendmail that fails is an error.
. "${YS_SRCDIR:-.}/tests/lib.sh"
ok demo
for u in shenhe shouli lingdao; do
	ok --as $u list --mine --json
	want=$(jq_py '"%d %d %d" % (len(d["applications"]), sum(a["overdue"] for a in d["applications"]), sum(a["days_left"] == 0 and not a["overdue"] for a in d["applications"]))')
	ok --as $u remind --json
	[ "$(jq_py '"%d %d %d" % (d["todo"], d["overdue"], d["today"])')" = "$want" ] || fail "$u: remind $(cat "$T/out") against list $want"
	ok --as $u remind
	if [ "${want%% *}" = 0 ]; then has "云审："; else has "云审：待办 ${want%% *} 件"; fi
	[ -s "$T/err" ] && fail "remind wrote to stderr: $(cat "$T/err")"
done
ok --as yunwei due --mine --within 7 --json
n=$(jq_py 'len(d["duties"])')
ok --as yunwei remind --json
[ "$(jq_py 'd["duties"]')" = "$n" ] || fail "duties: $(cat "$T/out") against due --mine --within 7: $n"

# A sendmail that files what it is given.
cat >"$T/sendmail" <<'SH'
#!/bin/sh
n=$(ls "$MAILDIR" | wc -l); echo "$*" >"$MAILDIR/args.$((n / 2 + 1))"; cat >"$MAILDIR/mail.$((n / 2 + 1))"
SH
chmod +x "$T/sendmail"
export YUNSHEN_SENDMAIL="$T/sendmail" MAILDIR="$T/mail" YS DB
mkdir "$T/mail"
refused 1 "只有管理员" --as shenhe digest
ok --as guanli digest
[ ! -s "$T/out" ] || fail "digest printed on success (cron would mail it)"
f=$(grep -l "^To: shenhe$" "$T"/mail/mail.*) || fail "no mail to shenhe"
grep -q "^-t -oi$" "$T/mail/args.1" || fail "sendmail arguments"
"$PY" - "$f" <<'PY' || fail "shenhe's mail"
import email, email.header, json, subprocess, sys, os
m = email.message_from_binary_file(open(sys.argv[1], 'rb'))
subj = str(email.header.make_header(email.header.decode_header(m['Subject'])))
line = subprocess.run([os.environ['YS'], '--db', os.environ['DB'], '--as', 'shenhe', 'remind'], capture_output=True, text=True).stdout.strip()
assert subj == line, (subj, line)
body = m.get_payload(decode=True).decode('utf-8')
mine = json.loads(subprocess.run([os.environ['YS'], '--db', os.environ['DB'], '--as', 'shenhe', 'list', '--mine', '--json'], capture_output=True, text=True).stdout)
for a in mine['applications']:
    assert '申请 %-6d' % a['id'] in body, a['id']
# the list (written out as it grows) whole, between its first and last lines
assert body.startswith(line + '（'), body[:80]
assert '\n您的角色要办的到期事项（7 天内到期和已超期）：\n' in body, body
assert body.endswith('\n\n在服务器上运行 yunshen 打开待办。\n'), body[-80:]
for l in open(sys.argv[1], 'rb').read().split(b'\n\n')[0].split(b'\n'):
    assert len(l) <= 78, l
PY
# Each login with something waiting, once; none for one with nothing.
n=$(ls "$T"/mail/mail.* | wc -l)
[ "$(grep -h "^To: " "$T"/mail/mail.* | sort -u | wc -l)" = "$n" ] || fail "a login mailed twice"
for u in $(grep -h "^To: " "$T"/mail/mail.* | cut -c5-); do
	ok --as "$u" remind
	grep -q "没有待办" "$T/out" && fail "$u mailed with nothing waiting"
done
# 2026-11-21 is a Saturday: nothing, unless --force.
rm -f "$T"/mail/*
YUNSHEN_NOW=2026-11-21T08:00 ys --as guanli digest || fail "digest on a Saturday"
[ -z "$(ls "$T/mail")" ] || fail "mailed on a Saturday"
YUNSHEN_NOW=2026-11-21T08:00 ys --as guanli digest --force --json || fail "digest --force"
[ "$(jq_py 'd["sent"]')" = "$(ls "$T"/mail/mail.* | wc -l)" ] && [ "$(jq_py 'd["sent"]')" -gt 0 ] || fail "--force sent $(cat "$T/out")"
# A sendmail that fails.
printf '#!/bin/sh\ncat >/dev/null; exit 75\n' >"$T/sendmail"
refused 1 "发往" --as guanli digest
echo "remind and digest ok"
