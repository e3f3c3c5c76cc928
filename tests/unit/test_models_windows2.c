/* test_models_windows2.c — the second half of test_models_windows.c's boundary table and
 * the rest of its fixtures (one executable each, for the unit-test timeout). */
#define WINDOWS_PART 2
#include "test_models_windows.c"
