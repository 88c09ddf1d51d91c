/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
#include "config.h"
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "text.h"

/*
 * Column widths. Our own tables rather than wcwidth(): wcwidth() depends
 * on the locale (under zh_CN.GBK it returns -1 for anything GBK lacks),
 * and every screen must measure text the same way.
 *
 * The zero-width and wide tables were generated from glibc 2.36's C.UTF-8
 * wcwidth() (Unicode 15.0), which is what ncurses uses to place
 * characters on a UTF-8 terminal. The zero-width table keeps the BMP (it
 * covers Tibetan, Arabic/Uyghur and Mongolian marks) and the tags and
 * variation selectors of plane 14, not the historic scripts of plane 1.
 * The wide table adds whole CJK blocks so that ideographs newer than
 * Unicode 15 still count as 2.
 */
struct range {
	uint32_t lo, hi;
};

static const struct range zero_width[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD },
	{ 0x05BF, 0x05BF }, { 0x05C1, 0x05C2 }, { 0x05C4, 0x05C5 },
	{ 0x05C7, 0x05C7 }, { 0x0610, 0x061A }, { 0x061C, 0x061C },
	{ 0x064B, 0x065F }, { 0x0670, 0x0670 }, { 0x06D6, 0x06DC },
	{ 0x06DF, 0x06E4 }, { 0x06E7, 0x06E8 }, { 0x06EA, 0x06ED },
	{ 0x0711, 0x0711 }, { 0x0730, 0x074A }, { 0x07A6, 0x07B0 },
	{ 0x07EB, 0x07F3 }, { 0x07FD, 0x07FD }, { 0x0816, 0x0819 },
	{ 0x081B, 0x0823 }, { 0x0825, 0x0827 }, { 0x0829, 0x082D },
	{ 0x0859, 0x085B }, { 0x0898, 0x089F }, { 0x08CA, 0x08E1 },
	{ 0x08E3, 0x0902 }, { 0x093A, 0x093A }, { 0x093C, 0x093C },
	{ 0x0941, 0x0948 }, { 0x094D, 0x094D }, { 0x0951, 0x0957 },
	{ 0x0962, 0x0963 }, { 0x0981, 0x0981 }, { 0x09BC, 0x09BC },
	{ 0x09C1, 0x09C4 }, { 0x09CD, 0x09CD }, { 0x09E2, 0x09E3 },
	{ 0x09FE, 0x09FE }, { 0x0A01, 0x0A02 }, { 0x0A3C, 0x0A3C },
	{ 0x0A41, 0x0A42 }, { 0x0A47, 0x0A48 }, { 0x0A4B, 0x0A4D },
	{ 0x0A51, 0x0A51 }, { 0x0A70, 0x0A71 }, { 0x0A75, 0x0A75 },
	{ 0x0A81, 0x0A82 }, { 0x0ABC, 0x0ABC }, { 0x0AC1, 0x0AC5 },
	{ 0x0AC7, 0x0AC8 }, { 0x0ACD, 0x0ACD }, { 0x0AE2, 0x0AE3 },
	{ 0x0AFA, 0x0AFF }, { 0x0B01, 0x0B01 }, { 0x0B3C, 0x0B3C },
	{ 0x0B3F, 0x0B3F }, { 0x0B41, 0x0B44 }, { 0x0B4D, 0x0B4D },
	{ 0x0B55, 0x0B56 }, { 0x0B62, 0x0B63 }, { 0x0B82, 0x0B82 },
	{ 0x0BC0, 0x0BC0 }, { 0x0BCD, 0x0BCD }, { 0x0C00, 0x0C00 },
	{ 0x0C04, 0x0C04 }, { 0x0C3C, 0x0C3C }, { 0x0C3E, 0x0C40 },
	{ 0x0C46, 0x0C48 }, { 0x0C4A, 0x0C4D }, { 0x0C55, 0x0C56 },
	{ 0x0C62, 0x0C63 }, { 0x0C81, 0x0C81 }, { 0x0CBC, 0x0CBC },
	{ 0x0CBF, 0x0CBF }, { 0x0CC6, 0x0CC6 }, { 0x0CCC, 0x0CCD },
	{ 0x0CE2, 0x0CE3 }, { 0x0D00, 0x0D01 }, { 0x0D3B, 0x0D3C },
	{ 0x0D41, 0x0D44 }, { 0x0D4D, 0x0D4D }, { 0x0D62, 0x0D63 },
	{ 0x0D81, 0x0D81 }, { 0x0DCA, 0x0DCA }, { 0x0DD2, 0x0DD4 },
	{ 0x0DD6, 0x0DD6 }, { 0x0E31, 0x0E31 }, { 0x0E34, 0x0E3A },
	{ 0x0E47, 0x0E4E }, { 0x0EB1, 0x0EB1 }, { 0x0EB4, 0x0EBC },
	{ 0x0EC8, 0x0ECD }, { 0x0F18, 0x0F19 }, { 0x0F35, 0x0F35 },
	{ 0x0F37, 0x0F37 }, { 0x0F39, 0x0F39 }, { 0x0F71, 0x0F7E },
	{ 0x0F80, 0x0F84 }, { 0x0F86, 0x0F87 }, { 0x0F8D, 0x0F97 },
	{ 0x0F99, 0x0FBC }, { 0x0FC6, 0x0FC6 }, { 0x102D, 0x1030 },
	{ 0x1032, 0x1037 }, { 0x1039, 0x103A }, { 0x103D, 0x103E },
	{ 0x1058, 0x1059 }, { 0x105E, 0x1060 }, { 0x1071, 0x1074 },
	{ 0x1082, 0x1082 }, { 0x1085, 0x1086 }, { 0x108D, 0x108D },
	{ 0x109D, 0x109D }, { 0x1160, 0x11FF }, { 0x135D, 0x135F },
	{ 0x1712, 0x1714 }, { 0x1732, 0x1733 }, { 0x1752, 0x1753 },
	{ 0x1772, 0x1773 }, { 0x17B4, 0x17B5 }, { 0x17B7, 0x17BD },
	{ 0x17C6, 0x17C6 }, { 0x17C9, 0x17D3 }, { 0x17DD, 0x17DD },
	{ 0x180B, 0x180F }, { 0x1885, 0x1886 }, { 0x18A9, 0x18A9 },
	{ 0x1920, 0x1922 }, { 0x1927, 0x1928 }, { 0x1932, 0x1932 },
	{ 0x1939, 0x193B }, { 0x1A17, 0x1A18 }, { 0x1A1B, 0x1A1B },
	{ 0x1A56, 0x1A56 }, { 0x1A58, 0x1A5E }, { 0x1A60, 0x1A60 },
	{ 0x1A62, 0x1A62 }, { 0x1A65, 0x1A6C }, { 0x1A73, 0x1A7C },
	{ 0x1A7F, 0x1A7F }, { 0x1AB0, 0x1ACE }, { 0x1B00, 0x1B03 },
	{ 0x1B34, 0x1B34 }, { 0x1B36, 0x1B3A }, { 0x1B3C, 0x1B3C },
	{ 0x1B42, 0x1B42 }, { 0x1B6B, 0x1B73 }, { 0x1B80, 0x1B81 },
	{ 0x1BA2, 0x1BA5 }, { 0x1BA8, 0x1BA9 }, { 0x1BAB, 0x1BAD },
	{ 0x1BE6, 0x1BE6 }, { 0x1BE8, 0x1BE9 }, { 0x1BED, 0x1BED },
	{ 0x1BEF, 0x1BF1 }, { 0x1C2C, 0x1C33 }, { 0x1C36, 0x1C37 },
	{ 0x1CD0, 0x1CD2 }, { 0x1CD4, 0x1CE0 }, { 0x1CE2, 0x1CE8 },
	{ 0x1CED, 0x1CED }, { 0x1CF4, 0x1CF4 }, { 0x1CF8, 0x1CF9 },
	{ 0x1DC0, 0x1DFF }, { 0x200B, 0x200F }, { 0x202A, 0x202E },
	{ 0x2060, 0x2064 }, { 0x2066, 0x206F }, { 0x20D0, 0x20F0 },
	{ 0x2CEF, 0x2CF1 }, { 0x2D7F, 0x2D7F }, { 0x2DE0, 0x2DFF },
	{ 0x302A, 0x302D }, { 0x3099, 0x309A }, { 0xA66F, 0xA672 },
	{ 0xA674, 0xA67D }, { 0xA69E, 0xA69F }, { 0xA6F0, 0xA6F1 },
	{ 0xA802, 0xA802 }, { 0xA806, 0xA806 }, { 0xA80B, 0xA80B },
	{ 0xA825, 0xA826 }, { 0xA82C, 0xA82C }, { 0xA8C4, 0xA8C5 },
	{ 0xA8E0, 0xA8F1 }, { 0xA8FF, 0xA8FF }, { 0xA926, 0xA92D },
	{ 0xA947, 0xA951 }, { 0xA980, 0xA982 }, { 0xA9B3, 0xA9B3 },
	{ 0xA9B6, 0xA9B9 }, { 0xA9BC, 0xA9BD }, { 0xA9E5, 0xA9E5 },
	{ 0xAA29, 0xAA2E }, { 0xAA31, 0xAA32 }, { 0xAA35, 0xAA36 },
	{ 0xAA43, 0xAA43 }, { 0xAA4C, 0xAA4C }, { 0xAA7C, 0xAA7C },
	{ 0xAAB0, 0xAAB0 }, { 0xAAB2, 0xAAB4 }, { 0xAAB7, 0xAAB8 },
	{ 0xAABE, 0xAABF }, { 0xAAC1, 0xAAC1 }, { 0xAAEC, 0xAAED },
	{ 0xAAF6, 0xAAF6 }, { 0xABE5, 0xABE5 }, { 0xABE8, 0xABE8 },
	{ 0xABED, 0xABED }, { 0xD7B0, 0xD7C6 }, { 0xD7CB, 0xD7FB },
	{ 0xFB1E, 0xFB1E }, { 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F },
	{ 0xFEFF, 0xFEFF }, { 0xFFF9, 0xFFFB }, { 0xE0001, 0xE0001 },
	{ 0xE0020, 0xE007F }, { 0xE0100, 0xE01EF },
};

static const struct range wide[] = {
	{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A },
	{ 0x23E9, 0x23EC }, { 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 },
	{ 0x25FD, 0x25FE }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267F, 0x267F }, { 0x2693, 0x2693 }, { 0x26A1, 0x26A1 },
	{ 0x26AA, 0x26AB }, { 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 },
	{ 0x26CE, 0x26CE }, { 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA },
	{ 0x26F2, 0x26F3 }, { 0x26F5, 0x26F5 }, { 0x26FA, 0x26FA },
	{ 0x26FD, 0x26FD }, { 0x2705, 0x2705 }, { 0x270A, 0x270B },
	{ 0x2728, 0x2728 }, { 0x274C, 0x274C }, { 0x274E, 0x274E },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27B0, 0x27B0 }, { 0x27BF, 0x27BF }, { 0x2B1B, 0x2B1C },
	{ 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 }, { 0x2E80, 0x2E99 },
	{ 0x2E9B, 0x2EF3 }, { 0x2F00, 0x2FD5 }, { 0x2FF0, 0x2FFB },
	{ 0x3000, 0x3029 }, { 0x302E, 0x303E }, { 0x3041, 0x3096 },
	{ 0x309B, 0x30FF }, { 0x3105, 0x312F }, { 0x3131, 0x318E },
	{ 0x3190, 0x31E3 }, { 0x31F0, 0x321E }, { 0x3220, 0xA48C },
	{ 0xA490, 0xA4C6 }, { 0xA960, 0xA97C }, { 0xAC00, 0xD7A3 },
	{ 0xF900, 0xFAFF }, { 0xFE10, 0xFE19 }, { 0xFE30, 0xFE52 },
	{ 0xFE54, 0xFE66 }, { 0xFE68, 0xFE6B }, { 0xFF01, 0xFF60 },
	{ 0xFFE0, 0xFFE6 }, { 0x16FE0, 0x16FE3 }, { 0x16FF0, 0x16FF1 },
	{ 0x17000, 0x187F7 }, { 0x18800, 0x18CD5 }, { 0x18D00, 0x18D08 },
	{ 0x1AFF0, 0x1AFF3 }, { 0x1AFF5, 0x1AFFB }, { 0x1AFFD, 0x1AFFE },
	{ 0x1B000, 0x1B122 }, { 0x1B150, 0x1B152 }, { 0x1B164, 0x1B167 },
	{ 0x1B170, 0x1B2FB }, { 0x1F004, 0x1F004 }, { 0x1F0CF, 0x1F0CF },
	{ 0x1F18E, 0x1F18E }, { 0x1F191, 0x1F19A }, { 0x1F200, 0x1F202 },
	{ 0x1F210, 0x1F23B }, { 0x1F240, 0x1F248 }, { 0x1F250, 0x1F251 },
	{ 0x1F260, 0x1F265 }, { 0x1F300, 0x1F320 }, { 0x1F32D, 0x1F335 },
	{ 0x1F337, 0x1F37C }, { 0x1F37E, 0x1F393 }, { 0x1F3A0, 0x1F3CA },
	{ 0x1F3CF, 0x1F3D3 }, { 0x1F3E0, 0x1F3F0 }, { 0x1F3F4, 0x1F3F4 },
	{ 0x1F3F8, 0x1F43E }, { 0x1F440, 0x1F440 }, { 0x1F442, 0x1F4FC },
	{ 0x1F4FF, 0x1F53D }, { 0x1F54B, 0x1F54E }, { 0x1F550, 0x1F567 },
	{ 0x1F57A, 0x1F57A }, { 0x1F595, 0x1F596 }, { 0x1F5A4, 0x1F5A4 },
	{ 0x1F5FB, 0x1F64F }, { 0x1F680, 0x1F6C5 }, { 0x1F6CC, 0x1F6CC },
	{ 0x1F6D0, 0x1F6D2 }, { 0x1F6D5, 0x1F6D7 }, { 0x1F6DD, 0x1F6DF },
	{ 0x1F6EB, 0x1F6EC }, { 0x1F6F4, 0x1F6FC }, { 0x1F7E0, 0x1F7EB },
	{ 0x1F7F0, 0x1F7F0 }, { 0x1F90C, 0x1F93A }, { 0x1F93C, 0x1F945 },
	{ 0x1F947, 0x1F9FF }, { 0x1FA70, 0x1FA74 }, { 0x1FA78, 0x1FA7C },
	{ 0x1FA80, 0x1FA86 }, { 0x1FA90, 0x1FAAC }, { 0x1FAB0, 0x1FABA },
	{ 0x1FAC0, 0x1FAC5 }, { 0x1FAD0, 0x1FAD9 }, { 0x1FAE0, 0x1FAE7 },
	{ 0x1FAF0, 0x1FAF6 }, { 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
};

/* East Asian Ambiguous: 1 column on UTF-8 terminals, 2 on zh_CN.GBK ones
 * (there every double-byte GBK character is drawn 2 columns wide). The
 * Unicode list for Latin-1, Greek, Cyrillic and maths, plus whole blocks
 * of punctuation, letterlike symbols, arrows, enclosed numbers, box
 * drawing, shapes and miscellaneous symbols (☐ ☑ are not Ambiguous in
 * Unicode, but CJK terminals draw them wide). Wide and zero-width entries
 * are looked up first, so the blocks may overlap them. U+FFFD is left
 * out: an invalid byte stays one column, and a GBK terminal shows it as
 * '?' anyway. */
static const struct range ambiguous[] = {
	{ 0x00A1, 0x00A1 }, { 0x00A4, 0x00A4 }, { 0x00A7, 0x00A8 },
	{ 0x00AA, 0x00AA }, { 0x00AD, 0x00AE }, { 0x00B0, 0x00B4 },
	{ 0x00B6, 0x00BA }, { 0x00BC, 0x00BF }, { 0x00C6, 0x00C6 },
	{ 0x00D0, 0x00D0 }, { 0x00D7, 0x00D8 }, { 0x00DE, 0x00E1 },
	{ 0x00E6, 0x00E6 }, { 0x00E8, 0x00EA }, { 0x00EC, 0x00ED },
	{ 0x00F0, 0x00F0 }, { 0x00F2, 0x00F3 }, { 0x00F7, 0x00FA },
	{ 0x00FC, 0x00FC }, { 0x00FE, 0x00FE }, { 0x0101, 0x0101 },
	{ 0x0111, 0x0111 }, { 0x0113, 0x0113 }, { 0x011B, 0x011B },
	{ 0x0126, 0x0127 }, { 0x012B, 0x012B }, { 0x0131, 0x0133 },
	{ 0x0138, 0x0138 }, { 0x013F, 0x0142 }, { 0x0144, 0x0144 },
	{ 0x0148, 0x014B }, { 0x014D, 0x014D }, { 0x0152, 0x0153 },
	{ 0x0166, 0x0167 }, { 0x016B, 0x016B }, { 0x01CE, 0x01CE },
	{ 0x01D0, 0x01D0 }, { 0x01D2, 0x01D2 }, { 0x01D4, 0x01D4 },
	{ 0x01D6, 0x01D6 }, { 0x01D8, 0x01D8 }, { 0x01DA, 0x01DA },
	{ 0x01DC, 0x01DC }, { 0x0251, 0x0251 }, { 0x0261, 0x0261 },
	{ 0x02C4, 0x02C4 }, { 0x02C7, 0x02C7 }, { 0x02C9, 0x02CB },
	{ 0x02CD, 0x02CD }, { 0x02D0, 0x02D0 }, { 0x02D8, 0x02DB },
	{ 0x02DD, 0x02DD }, { 0x02DF, 0x02DF }, { 0x0391, 0x03A1 },
	{ 0x03A3, 0x03A9 }, { 0x03B1, 0x03C1 }, { 0x03C3, 0x03C9 },
	{ 0x0401, 0x0401 }, { 0x0410, 0x044F }, { 0x0451, 0x0451 },
	{ 0x2010, 0x2027 }, { 0x2030, 0x203B }, { 0x203E, 0x203E },
	{ 0x2074, 0x2074 }, { 0x207F, 0x207F }, { 0x2081, 0x2084 },
	{ 0x20AC, 0x20AC }, { 0x2100, 0x2199 }, { 0x21B8, 0x21B9 },
	{ 0x21D2, 0x21D2 }, { 0x21D4, 0x21D4 }, { 0x21E7, 0x21E7 },
	{ 0x2200, 0x2200 }, { 0x2202, 0x2203 }, { 0x2207, 0x2208 },
	{ 0x220B, 0x220B }, { 0x220F, 0x220F }, { 0x2211, 0x2211 },
	{ 0x2215, 0x2215 }, { 0x221A, 0x221A }, { 0x221D, 0x2220 },
	{ 0x2223, 0x2223 }, { 0x2225, 0x2225 }, { 0x2227, 0x222C },
	{ 0x222E, 0x222E }, { 0x2234, 0x2237 }, { 0x223C, 0x223D },
	{ 0x2248, 0x2248 }, { 0x224C, 0x224C }, { 0x2252, 0x2252 },
	{ 0x2260, 0x2261 }, { 0x2264, 0x2267 }, { 0x226A, 0x226B },
	{ 0x226E, 0x226F }, { 0x2282, 0x2283 }, { 0x2286, 0x2287 },
	{ 0x2295, 0x2295 }, { 0x2299, 0x2299 }, { 0x22A5, 0x22A5 },
	{ 0x22BF, 0x22BF }, { 0x2312, 0x2312 }, { 0x2460, 0x24FF },
	{ 0x2500, 0x257F }, { 0x2580, 0x258F }, { 0x2592, 0x2595 },
	{ 0x25A0, 0x25FF }, { 0x2600, 0x26FF }, { 0x273D, 0x273D },
	{ 0x2776, 0x277F }, { 0x2B56, 0x2B59 }, { 0xE000, 0xF8FF },
	{ 0x1F100, 0x1F10A }, { 0x1F110, 0x1F12D }, { 0x1F130, 0x1F169 },
	{ 0x1F170, 0x1F18D }, { 0x1F18F, 0x1F190 }, { 0x1F19B, 0x1F1AC },
	{ 0xF0000, 0xFFFFD }, { 0x100000, 0x10FFFD },
};

static int ambiguous_wide;

void text_set_ambiguous_wide(int wide)
{
	ambiguous_wide = wide != 0;
}

static int in_table(uint32_t cp, const struct range *t, size_t n)
{
	size_t lo = 0, hi = n;

	if (n == 0 || cp < t[0].lo || cp > t[n - 1].hi)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp > t[mid].hi)
			lo = mid + 1;
		else if (cp < t[mid].lo)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

#define IN(cp, t) in_table((cp), (t), sizeof (t) / sizeof (t)[0])

int text_cp_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (cp < 0x300)
		return ambiguous_wide && IN(cp, ambiguous) ? 2 : 1;
	if (IN(cp, zero_width))
		return 0;
	if (IN(cp, wide))
		return 2;
	if (ambiguous_wide && IN(cp, ambiguous))
		return 2;
	return 1;
}

size_t text_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c, min;
	size_t len;

	if (n == 0) {
		if (cp)
			*cp = 0;
		return 0;
	}
	if (p[0] < 0x80) {
		if (cp)
			*cp = p[0];
		return 1;
	}
	/* 0xC0/0xC1 can only start overlong forms; 0xF5-0xFF exceed U+10FFFF. */
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		len = 2, c = p[0] & 0x1F, min = 0x80;
	} else if ((p[0] & 0xF0) == 0xE0) {
		len = 3, c = p[0] & 0x0F, min = 0x800;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		len = 4, c = p[0] & 0x07, min = 0x10000;
	} else {
		goto bad;
	}
	if (n < len)
		goto bad;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			goto bad;
		c = c << 6 | (p[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	if (cp)
		*cp = c;
	return len;
bad:
	if (cp)
		*cp = 0xFFFD;
	return 1;
}

/* An invalid byte decodes as U+FFFD with length 1; a real U+FFFD takes 3. */
static int decode_ok(const char *s, size_t n, size_t *len)
{
	uint32_t cp;
	*len = text_decode(s, n, &cp);
	return !(*len == 1 && (unsigned char)s[0] >= 0x80);
}

size_t text_utf8_bad(const char *s, size_t n)
{
	size_t i = 0, len;

	while (i < n) {
		if (!decode_ok(s + i, n - i, &len))
			return i;
		i += len;
	}
	return n;
}

int text_halfwidth_of(uint32_t cp, int punct)
{
	if (cp == 0x3000)
		return ' ';
	if (cp >= 0xFF01 && cp <= 0xFF5E) {
		uint32_t a = cp - 0xFEE0;
		if ((a >= '0' && a <= '9') || (a >= 'A' && a <= 'Z') || (a >= 'a' && a <= 'z') || punct)
			return (int)a;
	} else if (cp == 0x3002 && punct) {
		return '.';
	}
	return -1;
}

char *text_halfwidth(const char *s, int punct)
{
	/* Only three-byte sequences led by E3 (U+3000, U+3002) or EF (U+FF01 to
	 * U+FF5E) change, always to one byte; the rest is copied as it stands,
	 * bad bytes too (every application's fields pass here when it is read). */
	size_t n = strlen(s);
	char *d = xmalloc(n + 1), *o = d;
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end) {
		int ascii = -1;
		uint32_t cp;
		if ((p[0] == 0xE3 || p[0] == 0xEF) && text_decode((const char *)p, (size_t)(end - p), &cp) == 3)
			ascii = text_halfwidth_of(cp, punct);
		if (ascii >= 0) {
			*o++ = (char)ascii;
			p += 3;
		} else {
			*o++ = (char)*p++;
		}
	}
	*o = '\0';
	return d;
}

int text_is_utf8(const char *s, size_t n)
{
	return text_utf8_bad(s, n) == n;
}

int text_width(const char *s)
{
	int w = 0;
	size_t n = s ? strlen(s) : 0, i = 0;
	uint32_t cp;

	while (i < n) {
		i += text_decode(s + i, n - i, &cp);
		w += text_cp_width(cp);
	}
	return w;
}

size_t text_cut(const char *s, int cols, int *used)
{
	int w = 0;
	size_t n = s ? strlen(s) : 0, i = 0;

	/* Trailing zero-width characters still fit, so a combining accent
	 * stays with its letter. */
	while (i < n) {
		uint32_t cp;
		size_t len = text_decode(s + i, n - i, &cp);
		int cw = text_cp_width(cp);
		if (w + cw > cols)
			break;
		w += cw;
		i += len;
	}
	if (used)
		*used = w;
	return i;
}

size_t text_chars(const char *s)
{
	size_t n = s ? strlen(s) : 0, i = 0, count = 0;

	while (i < n) {
		i += text_decode(s + i, n - i, NULL);
		count++;
	}
	return count;
}

/*
 * iconv.
 */

/* Compares charset names the way iconv does: case and '-'/'_' ignored,
 * "//TRANSLIT"-style suffixes dropped. */
static int charset_is(const char *name, const char *want)
{
	for (;;) {
		while (*name == '-' || *name == '_')
			name++;
		if (*name == '/')
			break;
		if (!*name || !*want)
			break;
		char a = *name, b = *want;
		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (a != b)
			return 0;
		name++, want++;
	}
	return (!*name || *name == '/') && !*want;
}

static int charset_is_gb(const char *name)
{
	return charset_is(name, "gbk") || charset_is(name, "cp936") ||
	       charset_is(name, "gb18030") || charset_is(name, "gb2312") ||
	       charset_is(name, "euccn");
}

/* Length of the character at s in charset `from`, for skipping one that
 * cannot be converted. */
static size_t char_len(const char *from, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;

	if (charset_is(from, "utf8"))
		return text_decode(s, n, NULL);
	if (charset_is_gb(from) && p[0] >= 0x81 && p[0] <= 0xFE && n >= 2) {
		/* GB18030 four-byte form: lead, digit, lead, digit. */
		if (p[1] >= 0x30 && p[1] <= 0x39)
			return n >= 4 ? 4 : n;
		return 2;
	}
	return 1;
}

enum conv_status { CONV_OK, CONV_OPEN, CONV_ILSEQ, CONV_TAIL, CONV_OTHER };

/* The one iconv loop. On failure returns NULL with *bad at the offset of
 * the character that failed. */
static char *convert(const char *from, const char *to, const char *in,
		     size_t n, int lossy, size_t *outn, enum conv_status *st,
		     size_t *bad)
{
	iconv_t cd = iconv_open(to, from);
	ICONV_CONST char *ip = (ICONV_CONST char *)in;
	size_t ileft = n, cap = n + n / 2 + 16, len = 0;
	int flushing = 0;
	char *out;

	*bad = 0;
	if (cd == (iconv_t)-1) {
		*st = CONV_OPEN;
		return NULL;
	}
	out = xmalloc(cap);
	for (;;) {
		char *op = out + len;
		size_t oleft = cap - len - 1; /* room for the NUL */
		size_t r;

		/* A NULL input flushes the shift state of stateful targets. */
		if (flushing)
			r = iconv(cd, NULL, NULL, &op, &oleft);
		else
			r = iconv(cd, &ip, &ileft, &op, &oleft);
		len = (size_t)(op - out);
		if (r != (size_t)-1) {
			if (flushing)
				break;
			flushing = 1;
			continue;
		}
		if (errno == E2BIG) {
			cap *= 2;
			out = xrealloc(out, cap);
			continue;
		}
		*bad = (size_t)((const char *)ip - in);
		if (errno == EILSEQ && lossy && !flushing) {
			/* '?' as one byte: our targets are all ASCII-compatible. */
			if (len + 2 > cap) {
				cap *= 2;
				out = xrealloc(out, cap);
			}
			out[len++] = '?';
			size_t skip = char_len(from, ip, ileft);
			ip += skip;
			ileft -= skip;
			continue;
		}
		*st = errno == EILSEQ ? CONV_ILSEQ :
		      errno == EINVAL ? CONV_TAIL : CONV_OTHER;
		iconv_close(cd);
		free(out);
		return NULL;
	}
	iconv_close(cd);
	out[len] = '\0';
	if (outn)
		*outn = len;
	*st = CONV_OK;
	return out;
}

char *text_iconv(const char *from, const char *to, const char *in, size_t n,
		 int lossy, size_t *outn, ys_err *err)
{
	enum conv_status st;
	size_t bad, len;
	char *out = convert(from, to, in, n, lossy, outn, &st, &bad);

	switch (st) {
	case CONV_OK:
		return out;
	case CONV_OPEN:
		err_set(err, "不支持从 %s 到 %s 的编码转换", from, to);
		break;
	case CONV_ILSEQ:
		/* Valid UTF-8 that failed: the target lacks the character. */
		if (charset_is(from, "utf8") && decode_ok(in + bad, n - bad, &len))
			err_set(err, "第 %zu 字节处的字符“%.*s”无法转换为 %s",
				bad + 1, (int)len, in + bad, to);
		else
			err_set(err, "第 %zu 字节处无法从 %s 转换", bad + 1, from);
		break;
	case CONV_TAIL:
		err_set(err, "文件末尾的字符不完整");
		break;
	case CONV_OTHER:
		err_set(err, "第 %zu 字节处从 %s 到 %s 的编码转换失败",
			bad + 1, from, to);
		break;
	}
	return NULL;
}

/*
 * Detecting a file's encoding.
 */


/* Decodes GBK/GB18030 text. GB18030 first (it has the four-byte forms),
 * then CP936, because glibc's GB18030 decoder rejects the single byte
 * 0x80 that Windows writes for €. On failure *bad is the furthest offset
 * either decoder reached. */
static char *decode_gb(const char *buf, size_t n, size_t *outn, size_t *bad)
{
	static const char *const names[] = { "GB18030", "CP936" };
	enum conv_status st;
	size_t at;

	*bad = 0;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char *s = convert(names[i], "UTF-8", buf, n, 0, outn, &st, &at);
		if (s)
			return s;
		if (at > *bad)
			*bad = at;
	}
	return NULL;
}

/* The whole decision, shared by text_detect and text_to_utf8. */
static char *detect(const char *buf, size_t n, size_t *outn,
		    enum text_enc *enc, enum text_fail *why, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)buf;
	const char *nul;
	size_t at, gb_at;
	char *s;

	*enc = ENC_UNKNOWN;
	*bad = 0;
	/* Excel's "Unicode text" is UTF-16 with a BOM, and full of NULs. */
	if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) ||
		       (p[0] == 0xFE && p[1] == 0xFF))) {
		*why = TF_UTF16;
		return NULL;
	}
	nul = n ? memchr(buf, '\0', n) : NULL;
	if (nul) {
		*why = TF_NUL;
		*bad = (size_t)(nul - buf);
		return NULL;
	}
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		/* A BOM says UTF-8: do not second-guess it as GBK. */
		at = text_utf8_bad(buf + 3, n - 3);
		if (at < n - 3) {
			*why = TF_BOM;
			*bad = at + 3;
			return NULL;
		}
		buf += 3, n -= 3;
	} else if ((at = text_utf8_bad(buf, n)) < n) {
		s = decode_gb(buf, n, outn, &gb_at);
		if (!s) {
			*why = TF_NEITHER;
			*bad = gb_at > at ? gb_at : at;
			return NULL;
		}
		*enc = ENC_GB18030;
		*why = TF_NONE;
		return s;
	}
	s = xmalloc(n + 1);
	if (n)
		memcpy(s, buf, n);
	s[n] = '\0';
	if (outn)
		*outn = n;
	*enc = ENC_UTF8;
	*why = TF_NONE;
	return s;
}

enum text_enc text_detect(const char *buf, size_t n)
{
	enum text_enc enc;
	enum text_fail why;
	size_t bad;

	free(detect(buf, n, NULL, &enc, &why, &bad));
	return enc;
}

int text_fail_say(enum text_fail why, size_t bad, ys_err *err)
{
	switch (why) {
	case TF_NONE:
		return 0;
	case TF_UTF16:
		return err_set(err, "文件是 UTF-16 编码（Excel 的“Unicode 文本”），"
			       "请在 Excel 中另存为“CSV UTF-8（逗号分隔）”");
	case TF_NUL:
		return err_set(err, "文件含有 NUL 字节，不是文本文件（第 %zu 字节）", bad + 1);
	case TF_BOM:
		return err_set(err, "文件以 UTF-8 标记开头，但第 %zu 字节不是有效的 UTF-8", bad + 1);
	case TF_NEITHER:
		break;
	}
	return err_set(err, "文件既不是 UTF-8 也不是 GBK/GB18030 编码（第 %zu 字节）", bad + 1);
}

char *text_to_utf8(const char *buf, size_t n, size_t *outn, ys_err *err)
{
	enum text_enc enc;
	enum text_fail why;
	size_t bad;
	char *s = detect(buf, n, outn, &enc, &why, &bad);
	text_fail_say(why, bad, err);
	return s;
}

char *text_trim(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	/* Full-width spaces (U+3000) typed through an IME count as spaces too. */
	while (n >= 3 && !memcmp(s + n - 3, "\xe3\x80\x80", 3))
		n -= 3;
	while (!strncmp(s, "\xe3\x80\x80", 3) && n >= 3) {
		s += 3;
		n -= 3;
	}
	char *d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

/* Did text_decode's U+FFFD stand for bytes that are no UTF-8 (rather than
 * a U+FFFD written in the text)? */
static int invalid_at(const char *s, size_t len, uint32_t cp)
{
	return cp == 0xFFFD && !(len == 3 && !memcmp(s, "\xef\xbf\xbd", 3));
}

void buf_json_str(buf *b, const char *s)
{
	buf_add(b, "\"", 1);
	size_t n = s ? strlen(s) : 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = text_decode(s + i, n - i, &cp);
		switch (cp) {
		case '"': buf_add(b, "\\\"", 2); break;
		case '\\': buf_add(b, "\\\\", 2); break;
		case '\n': buf_add(b, "\\n", 2); break;
		case '\r': buf_add(b, "\\r", 2); break;
		case '\t': buf_add(b, "\\t", 2); break;
		default:
			/* Controls (C0, DEL, C1) escaped; invalid UTF-8 becomes
			 * U+FFFD, so the document is always valid JSON. */
			if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029)
				buf_printf(b, "\\u%04x", (unsigned)cp);
			else if (invalid_at(s + i, len, cp))
				buf_puts(b, "\\ufffd");
			else
				buf_add(b, s + i, len);
		}
		i += len;
	}
	buf_add(b, "\"", 1);
}

static int is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

char *text_for_terminal(const char *s, size_t n, size_t *outn)
{
	buf b = { 0 };
	buf_puts(&b, "");
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = text_decode(s + i, n - i, &cp);
		if (invalid_at(s + i, len, cp) || (is_control(cp) && cp != '\n' && cp != '\t'))
			buf_add(&b, "?", 1);
		else
			buf_add(&b, s + i, len);
		i += len;
	}
	*outn = b.len;
	return buf_take(&b);
}

int text_check(const char *s, int lines, char *msg, size_t n)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = text_decode(s + i, len - i, &cp);
		if (invalid_at(s + i, k, cp)) {
			snprintf(msg, n, "含有无效的 UTF-8 字节（第 %zu 字节）", i + 1);
			return -1;
		}
		if (is_control(cp) && !(lines && (cp == '\n' || cp == '\t' || cp == '\r'))) {
			snprintf(msg, n, "含有控制字符（U+%04X%s）", (unsigned)cp,
				 cp == 0x1B ? "，终端转义序列" : "");
			return -1;
		}
		i += k;
	}
	return 0;
}

void text_fill(buf *b, const char *fmt, const char *const *keys, const char *const *vals)
{
	for (const char *p = fmt; *p;) {
		int k = -1;
		size_t len = 0;
		for (int i = 0; *p == '{' && keys[i] && k < 0; i++) {
			len = strlen(keys[i]);
			if (!strncmp(p + 1, keys[i], len) && p[len + 1] == '}')
				k = i;
		}
		if (k >= 0) {
			buf_puts(b, vals[k]);
			p += len + 2;
		} else {
			buf_add(b, p++, 1);
		}
	}
}

const char *text_cite(const char *article, char *out, size_t n)
{
	snprintf(out, n, article && *article ? "（%s）" : "%s", article ? article : "");
	return out;
}

static void put_utf8(buf *b, uint32_t cp)
{
	char u[4];
	size_t k = 0;
	if (cp < 0x80) {
		u[k++] = (char)cp;
	} else if (cp < 0x800) {
		u[k++] = (char)(0xc0 | cp >> 6);
		u[k++] = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		u[k++] = (char)(0xe0 | cp >> 12);
		u[k++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[k++] = (char)(0x80 | (cp & 0x3f));
	} else {
		u[k++] = (char)(0xf0 | cp >> 18);
		u[k++] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[k++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[k++] = (char)(0x80 | (cp & 0x3f));
	}
	buf_add(b, u, k);
}

char *text_docno_key(const char *s)
{
	static const uint32_t drop[] = { '(', ')', '[', ']', '{', '}', '<', '>', ' ', '\t', 0x3000, 0x3014, 0x3015,
					 0xff08, 0xff09, 0xff3b, 0xff3d, 0xff5b, 0xff5d, 0x3010, 0x3011, 0x3008,
					 0x3009, 0x300a, 0x300b, 0x300c, 0x300d, 0x3016, 0x3017, 0xff1c, 0xff1e };
	buf b = { 0 };
	buf_puts(&b, "");
	size_t n = s ? strlen(s) : 0;
	while (n) {
		uint32_t cp;
		size_t l = text_decode(s, n, &cp);
		int skip = 0;
		for (size_t i = 0; i < sizeof drop / sizeof drop[0] && !skip; i++)
			skip = cp == drop[i];
		/* full-width digits and letters: FF10-FF19, FF21-FF3A, FF41-FF5A */
		if ((cp >= 0xff10 && cp <= 0xff19) || (cp >= 0xff21 && cp <= 0xff3a) || (cp >= 0xff41 && cp <= 0xff5a))
			cp -= 0xfee0;
		if (!skip)
			put_utf8(&b, cp);
		s += l;
		n -= l;
	}
	return buf_take(&b);
}
