#!/usr/bin/python3
# gbk_all.py [CHARS]: writes every two-byte character of GBK, as glibc's
# iconv (the terminal's converter) defines it, in GBK; with CHARS, in
# chunks of at most CHARS characters, one chunk per line. Codes are tried
# one per line: a line is a character when it decodes to exactly one
# non-ASCII character (iconv -c drops what is not).
import subprocess, sys
cands = [bytes([a, b]) for a in range(0x81, 0xff) for b in list(range(0x40, 0x7f)) + list(range(0x80, 0xff))]
out = subprocess.run(['iconv', '-c', '-f', 'GBK', '-t', 'UTF-8'], input=b'\n'.join(cands) + b'\n',
                     capture_output=True, check=True).stdout.decode('utf-8').split('\n')
chars = [c for c, o in zip(cands, out) if len(o) == 1 and ord(o) > 0x7f]
if len(chars) < 21000:
    sys.exit('gbk_all.py: only %d GBK characters from iconv' % len(chars))
n = int(sys.argv[1]) if len(sys.argv) > 1 else len(chars)
sys.stdout.buffer.write(b''.join(b''.join(chars[i:i + n]) + b'\n' for i in range(0, len(chars), n)))
