#ifndef STAGEMATCH_EMBEDDED_H
#define STAGEMATCH_EMBEDDED_H
#include <stddef.h>

/* A file compiled into the binary by tools/embed.c. `data` is NUL-terminated. */
struct embedded_file {
	const char *name;
	const unsigned char *data;
	size_t len;
	const char *hash; /* 16 hex digits of a content hash */
};

/* Terminated by an entry whose name is NULL. */
extern const struct embedded_file embedded_files[];

#endif
