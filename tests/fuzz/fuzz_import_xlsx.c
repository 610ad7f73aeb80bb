/* libFuzzer: the xlsx reader of an uploaded pupil list (src/import/xlsx_read.c). */
#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_import(xlsx_table_read, data, size);
}
