#ifndef STAGEMATCH_MIME_H
#define STAGEMATCH_MIME_H
#include <stddef.h>

#include "buf.h"

/*
 * Internet message format for outgoing mail (RFC 5322, MIME): one text/plain part in
 * UTF-8, quoted-printable, CRLF line ends, header values RFC 2047-encoded when they
 * are not plain ASCII. Pure functions: no clock, no randomness, no I/O.
 */
struct mime_mail {
	const char *from;        /* "Name <addr>" or "addr" */
	const char *reply_to;    /* NULL or "": no Reply-To */
	const char *to;          /* "addr" */
	const char *subject;     /* UTF-8 */
	const char *body_text;   /* UTF-8, lines end in \n or \r\n */
	long long date;          /* Unix seconds; shown in Brussels time */
	const char *message_id;  /* "<...@...>" */
};

/* Appends the whole message: headers, blank line, body. */
void mime_format(struct buf *out, const struct mime_mail *m);

/* Appends text quoted-printable encoded: lines of at most 76 characters, CRLF, a
 * multi-byte character never split over two lines. */
void mime_qp_encode(struct buf *out, const char *text);

/* Appends "Name: value\r\n", folded; value as RFC 2047 encoded words (UTF-8, base64)
 * when it holds anything but printable ASCII. Control characters become spaces, so a
 * value can never start another header. */
void mime_header(struct buf *out, const char *name, const char *value);

/* Appends an address header ("From", "To", "Reply-To") for "Name <addr>" or "addr":
 * the display name quoted or encoded as needed, the address as is. */
void mime_address_header(struct buf *out, const char *name, const char *mailbox);

/* The bare address of "Name <addr>" or "addr", trimmed, into out. Returns out, or NULL
 * when it does not fit. */
char *mime_bare_address(const char *mailbox, char *out, size_t size);

/* RFC 5322 date in Brussels time: "Thu, 05 Mar 2026 14:03:00 +0100". out: 32 bytes. */
void mime_date(long long t, char out[32]);

/* "<stagematch.ID.CREATED@domain-of-from>": stable for one outbox row, so a retried
 * message keeps its Message-ID. out: 300 bytes. */
void mime_message_id(long long id, long long created, const char *from, char out[300]);

#endif
