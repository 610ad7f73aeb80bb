#include "mime.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "clock.h"

#define LINE_MAX_HEADER 78 /* RFC 5322 "SHOULD" */
#define LINE_MAX_ENCODED 76 /* RFC 2047: a line holding an encoded word */
#define QP_LINE 76         /* RFC 2045: at most 76 characters, "=" of a soft break included */
#define WORD_BYTES 45      /* 60 base64 characters: an encoded word stays within 75 */

/* Length of the UTF-8 sequence at p, or 1 for ASCII and malformed bytes. */
static size_t utf8_unit(const unsigned char *p)
{
	size_t n = *p >= 0xF0 && *p <= 0xF4 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC2 && *p < 0xE0 ? 2 : 1;
	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

static bool line_ends_at(const unsigned char *p)
{
	return *p == 0 || *p == '\n' || (*p == '\r' && p[1] == '\n');
}

void mime_qp_encode(struct buf *out, const char *text)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)text;
	size_t col = 0;
	while (*p) {
		if (*p == '\r' && p[1] == '\n')
			p++;
		if (*p == '\n') {
			buf_puts(out, "\r\n");
			col = 0;
			p++;
			continue;
		}
		size_t n = utf8_unit(p);
		char enc[12];
		size_t len = 0;
		for (size_t i = 0; i < n; i++) {
			unsigned char c = p[i];
			bool blank = c == ' ' || c == '\t';
			if ((c >= 33 && c <= 126 && c != '=') || (blank && !line_ends_at(p + n))) {
				enc[len++] = (char)c;
			} else {
				enc[len++] = '=';
				enc[len++] = hex[c >> 4];
				enc[len++] = hex[c & 15];
			}
		}
		/* The last unit of a line may take the 76th column; others leave room for "=". */
		size_t room = line_ends_at(p + n) ? QP_LINE : QP_LINE - 1;
		if (col + len > room) {
			buf_puts(out, "=\r\n");
			col = 0;
		}
		buf_append(out, enc, len);
		col += len;
		p += n;
	}
}

static bool plain_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7E)
			return false;
	return true;
}

/* s with control characters (CR, LF, ...) replaced by spaces, into b. */
static const char *no_controls(struct buf *b, const char *s)
{
	buf_reset(b);
	for (; *s; s++)
		buf_putc(b, (unsigned char)*s < 0x20 || *s == 0x7F ? ' ' : *s);
	return b->data ? b->data : "";
}

/* Appends value as encoded words starting at column col; returns the column after. */
static size_t encoded_words(struct buf *out, const char *value, size_t col)
{
	const unsigned char *p = (const unsigned char *)value;
	bool first = true;
	while (*p || first) {
		/* Bytes that fit: the word's 12 characters of framing plus 4 per 3 bytes. */
		size_t width = (first ? col : 1) + 12;
		size_t fit = width < LINE_MAX_ENCODED ? (LINE_MAX_ENCODED - width) / 4 * 3 : 3;
		if (fit > WORD_BYTES)
			fit = WORD_BYTES;
		size_t take = 0;
		while (p[take]) {
			size_t n = utf8_unit(p + take);
			if (take + n > fit && take > 0)
				break;
			take += n;
		}
		if (!first) {
			buf_puts(out, "\r\n ");
			col = 1;
		}
		char b64[sodium_base64_ENCODED_LEN(WORD_BYTES + 4, sodium_base64_VARIANT_ORIGINAL)];
		sodium_bin2base64(b64, sizeof b64, p, take, sodium_base64_VARIANT_ORIGINAL);
		buf_printf(out, "=?UTF-8?B?%s?=", b64);
		col += 12 + strlen(b64);
		p += take;
		first = false;
	}
	return col;
}

/* Appends ASCII text folded at spaces; returns the column after. */
static size_t folded(struct buf *out, const char *value, size_t col)
{
	const char *p = value;
	while (*p) {
		size_t word = strcspn(p + 1, " ") + 1; /* a leading space belongs to its word */
		if (col + word > LINE_MAX_HEADER && col > 1 && *p == ' ') {
			buf_puts(out, "\r\n");
			col = 0;
		}
		buf_append(out, p, word);
		col += word;
		p += word;
	}
	return col;
}

void mime_header(struct buf *out, const char *name, const char *value)
{
	struct buf clean = {0};
	const char *v = no_controls(&clean, value ? value : "");
	buf_printf(out, "%s: ", name);
	size_t col = strlen(name) + 2;
	if (plain_ascii(v))
		folded(out, v, col);
	else
		encoded_words(out, v, col);
	buf_puts(out, "\r\n");
	buf_free(&clean);
}

static void trim(const char **s, size_t *len)
{
	while (*len && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*len)--;
	}
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

/* Splits "Name <addr>" into its parts (pointers into mailbox, not terminated). */
static void split_mailbox(const char *mailbox, const char **name, size_t *name_len, const char **addr,
                          size_t *addr_len)
{
	const char *lt = strrchr(mailbox, '<');
	const char *gt = lt ? strchr(lt, '>') : NULL;
	if (lt && gt) {
		*name = mailbox;
		*name_len = (size_t)(lt - mailbox);
		*addr = lt + 1;
		*addr_len = (size_t)(gt - lt - 1);
	} else {
		*name = "";
		*name_len = 0;
		*addr = mailbox;
		*addr_len = strlen(mailbox);
	}
	trim(name, name_len);
	trim(addr, addr_len);
	if (*name_len >= 2 && (*name)[0] == '"' && (*name)[*name_len - 1] == '"') {
		(*name)++;
		*name_len -= 2;
	}
}

char *mime_bare_address(const char *mailbox, char *out, size_t size)
{
	const char *name, *addr;
	size_t name_len, addr_len;
	split_mailbox(mailbox ? mailbox : "", &name, &name_len, &addr, &addr_len);
	if (addr_len + 1 > size)
		return NULL;
	memcpy(out, addr, addr_len);
	out[addr_len] = 0;
	return out;
}

void mime_address_header(struct buf *out, const char *name, const char *mailbox)
{
	struct buf clean = {0}, display = {0};
	const char *dn, *addr;
	size_t dn_len, addr_len;
	split_mailbox(no_controls(&clean, mailbox ? mailbox : ""), &dn, &dn_len, &addr, &addr_len);
	buf_append(&display, dn, dn_len);
	buf_printf(out, "%s: ", name);
	size_t col = strlen(name) + 2;
	if (dn_len && plain_ascii(display.data)) {
		/* A quoted string: safe for any specials in the name. */
		buf_putc(out, '"');
		for (size_t i = 0; i < dn_len; i++) {
			if (dn[i] == '"' || dn[i] == '\\')
				buf_putc(out, '\\');
			buf_putc(out, dn[i]);
		}
		buf_putc(out, '"');
		col += dn_len + 2;
	}
	bool encoded = dn_len && !plain_ascii(display.data);
	if (encoded)
		col = encoded_words(out, display.data, col);
	if (dn_len) {
		if (col + addr_len + 3 > (encoded ? LINE_MAX_ENCODED : LINE_MAX_HEADER)) {
			buf_puts(out, "\r\n");
			col = 0;
		}
		buf_putc(out, ' ');
		buf_putc(out, '<');
		buf_append(out, addr, addr_len);
		buf_putc(out, '>');
	} else {
		buf_append(out, addr, addr_len);
	}
	buf_puts(out, "\r\n");
	buf_free(&clean);
	buf_free(&display);
}

void mime_date(long long t, char out[32])
{
	static const char *const days[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int offset = brussels_offset(t);
	long long local = t + offset;
	long long day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
	long long secs = local - day * 86400;
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	int weekday = (int)(((day % 7) + 7) % 7); /* 1970-01-01 was a Thursday */
	snprintf(out, 32, "%s, %02d %s %04d %02d:%02d:%02d +%02d%02d", days[weekday], d % 100, months[(m - 1) % 12],
	         y % 10000, (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60), offset / 3600 % 100,
	         offset / 60 % 60);
}

void mime_message_id(long long id, long long created, const char *from, char out[300])
{
	char addr[256];
	const char *at = mime_bare_address(from, addr, sizeof addr) ? strrchr(addr, '@') : NULL;
	const char *domain = at && at[1] ? at + 1 : "stagematch.invalid";
	snprintf(out, 300, "<stagematch.%lld.%lld@%.250s>", id, created, domain);
}

void mime_format(struct buf *out, const struct mime_mail *m)
{
	char date[32];
	mime_date(m->date, date);
	mime_header(out, "Date", date);
	mime_address_header(out, "From", m->from);
	if (m->reply_to && *m->reply_to)
		mime_address_header(out, "Reply-To", m->reply_to);
	mime_address_header(out, "To", m->to);
	mime_header(out, "Subject", m->subject);
	mime_header(out, "Message-ID", m->message_id);
	mime_header(out, "MIME-Version", "1.0");
	mime_header(out, "Content-Type", "text/plain; charset=UTF-8");
	mime_header(out, "Content-Transfer-Encoding", "quoted-printable");
	/* RFC 3834: no out-of-office replies to these. */
	mime_header(out, "Auto-Submitted", "auto-generated");
	buf_puts(out, "\r\n");
	mime_qp_encode(out, m->body_text);
	if (out->len < 2 || strcmp(out->data + out->len - 2, "\r\n") != 0)
		buf_puts(out, "\r\n");
}
