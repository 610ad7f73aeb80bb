/* libFuzzer: the csv reader of an uploaded pupil list (src/import/csv_read.c). */
#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_import(csv_table_read, data, size);
}
