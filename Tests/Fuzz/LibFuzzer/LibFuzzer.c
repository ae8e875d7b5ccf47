// Empty: this module only declares libFuzzer's interface (include/LibFuzzer.h).
#include "LibFuzzer.h"
