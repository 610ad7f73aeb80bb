/* libFuzzer: the .xls reader of an uploaded pupil list (src/import/xls_read.c), run as the server
 * runs it: in a child process (src/import/isolate.c), because libfreexl itself reads out of
 * bounds on some hostile files. Whatever the bytes, the answer is a message or a sound table. */
#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *isolated(struct arena *a, const char *data, size_t len, struct import_table *t)
{
	return import_read_isolated(xls_table_read, a, data, len, t, XLS_UNREADABLE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_import(isolated, data, size);
}
