#include "fold.h"

#include <stdbool.h>
#include <string.h>

/* U+00C0..U+00FF: the plain letter; 'A' stands for "ae", 'T' for "th", 'S' for "ss",
 * '_' for a character kept as it is (× and ÷). */
static const char latin1[] = "aaaaaaAceeeeiiiidnooooo_ouuuuyTS"
                             "aaaaaaAceeeeiiiidnooooo_ouuuuyTy";
_Static_assert(sizeof latin1 == 65, "one entry for each of U+00C0..U+00FF");

/* U+0100..U+017F: 'J' stands for "ij", 'O' for "oe". */
static const char latin_extended_a[] = "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii"
                                       "JJ" "jj" "kkk" "llllllllll" "nnnnnnnnn" "oooooo" "OO" "rrrrrr"
                                       "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s";
_Static_assert(sizeof latin_extended_a == 129, "one entry for each of U+0100..U+017F");

static const char *expand(char c)
{
	switch (c) {
	case 'A': return "ae";
	case 'T': return "th";
	case 'S': return "ss";
	case 'J': return "ij";
	case 'O': return "oe";
	default: return NULL;
	}
}

/* Characters a name search looks through: ASCII space, apostrophe, backtick, hyphen. */
static bool dropped_ascii(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\'' || c == '`' || c == '-';
}

/* The same beyond ASCII, as the UTF-8 bytes at p (n of them): no-break space, acute
 * accent, U+2010..U+2015 (hyphens and dashes), U+2018 and U+2019 (quotes). */
static bool dropped_utf8(const unsigned char *p, size_t n)
{
	if (n == 2 && p[0] == 0xC2)
		return p[1] == 0xA0 || p[1] == 0xB4;
	return n == 3 && p[0] == 0xE2 && p[1] == 0x80 && ((p[2] >= 0x90 && p[2] <= 0x95) || p[2] == 0x98 || p[2] == 0x99);
}

/* The length of the UTF-8 character starting with byte c (1 for a stray byte). */
static size_t char_length(const unsigned char *p)
{
	size_t n = 1;
	if (p[0] >= 0xC0)
		while (n < 4 && (p[n] & 0xC0) == 0x80)
			n++;
	return n;
}

size_t text_fold(const char *s, char *out, size_t size)
{
	size_t len = 0;
	if (!size)
		return 0;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		size_t n = char_length(p);
		char plain = 0;
		if (n == 1) {
			if (dropped_ascii(*p)) {
				p++;
				continue;
			}
			plain = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
		} else if (n == 2) {
			unsigned code = ((unsigned)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
			if (code >= 0xC0 && code <= 0xFF && latin1[code - 0xC0] != '_')
				plain = latin1[code - 0xC0];
			else if (code >= 0x100 && code <= 0x17F)
				plain = latin_extended_a[code - 0x100];
		}
		if (dropped_utf8(p, n)) {
			p += n;
			continue;
		}
		const char *piece = plain ? expand(plain) : NULL;
		size_t piece_len = piece ? 2 : plain ? 1 : n;
		if (len + piece_len >= size)
			break;
		if (piece)
			memcpy(out + len, piece, 2);
		else if (plain)
			out[len] = plain;
		else
			memcpy(out + len, p, n);
		len += piece_len;
		p += n;
	}
	out[len] = 0;
	return len;
}
