#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
"""charset_all.py CHARSET [CHUNK]: every character of a terminal charset,
in that charset, CHUNK characters (default 2000) to a line.

GBK: every two-byte code glibc's iconv (what the terminal and yunshen use)
decodes to one character. GB18030: it maps all of Unicode, so every
assigned code point that is not a control or format character, surrogate
or unassigned (those a terminal would not show as a character), and the
private-use areas GBK's user-defined codes map to, as far as iconv
writes and reads them back."""
import subprocess, sys, unicodedata


def gbk():
    cands = [bytes([a, b]) for a in range(0x81, 0xff) for b in list(range(0x40, 0x7f)) + list(range(0x80, 0xff))]
    out = subprocess.run(['iconv', '-c', '-f', 'GBK', '-t', 'UTF-8'], input=b'\n'.join(cands) + b'\n',
                         capture_output=True, check=True).stdout.decode('utf-8').split('\n')
    return [o for o in out[:len(cands)] if len(o) == 1 and ord(o) > 0x7f]


def gb18030():
    cands = [chr(cp) for cp in range(0xa0, 0x110000)
             if unicodedata.category(chr(cp))[0] != 'C' or (unicodedata.category(chr(cp)) == 'Co' and cp < 0x10000)]
    # Less the few private-use points GB18030-2005 gave real characters
    # instead: what iconv writes and reads back, one per line.
    text = ('\n'.join(cands) + '\n').encode('utf-8')
    out = subprocess.run(['iconv', '-c', '-f', 'UTF-8', '-t', 'GB18030'], input=text, capture_output=True).stdout
    back = subprocess.run(['iconv', '-f', 'GB18030', '-t', 'UTF-8'], input=out, capture_output=True,
                          check=True).stdout.decode('utf-8').split('\n')
    return [c for c, b in zip(cands, back) if c == b]


charset = sys.argv[1].upper()
chars = {'GBK': gbk, 'GB18030': gb18030}[charset]()
if len(chars) < 21000:
    sys.exit('charset_all.py: only %d characters of %s' % (len(chars), charset))
n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
text = '\n'.join(''.join(chars[i:i + n]) for i in range(0, len(chars), n)) + '\n'
out = subprocess.run(['iconv', '-f', 'UTF-8', '-t', charset], input=text.encode('utf-8'), capture_output=True)
if out.returncode:
    sys.exit('charset_all.py: iconv cannot write all of it in %s: %s' % (charset, out.stderr.decode()))
sys.stdout.buffer.write(out.stdout)
