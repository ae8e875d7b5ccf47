// The part of libFuzzer's interface the fuzz target calls, declared for Swift. The definition is
// in libFuzzer itself (linked by -sanitize=fuzzer); only fuzzing builds call it.
#ifndef KUBESIM_LIBFUZZER_H
#define KUBESIM_LIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer as its own main() would, with `callback` as the fuzz target.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
