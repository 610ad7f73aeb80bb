#ifndef STAGEMATCH_BUF_H
#define STAGEMATCH_BUF_H
#include <stdarg.h>
#include <stddef.h>

/* A growable byte buffer, always NUL-terminated once anything was appended. */
struct buf {
	char *data;
	size_t len, cap;
};

void buf_append(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_reset(struct buf *b);               /* keep memory, length 0 */
void buf_free(struct buf *b);
/*
 * printf for text whose every string argument goes through put (an escaper): literal text
 * of fmt is copied, each %s (with an optional precision, %.80s) is handed to put with its
 * maximum length ((size_t)-1 for none), numbers (%d %i %u %x with l, ll, z and widths) are
 * printed as usual. One walker for html() and the log, so neither has a raw path for strings.
 */
typedef void (*buf_string_fn)(struct buf *b, const char *s, size_t max);
void buf_vformat_with(struct buf *b, buf_string_fn put, const char *fmt, va_list ap);
/* Hands the malloc'd contents to the caller (who frees them); the buffer is empty after. */
char *buf_take(struct buf *b, size_t *len);

#endif
