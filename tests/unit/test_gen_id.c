/* test_gen_id.c — the generator's GB 11643 check digit and its defaults. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "gen/gen.h"

static void test_check_digit(void **state)
{
    (void)state;
    /* the textbook example of GB 11643-1999 */
    assert_int_equal(gen_id_check("11010519491231002"), 'X');
    assert_int_equal(gen_id_check("44052418800101001"), '4');
    assert_int_equal(gen_id_check("33010619900101123"), gen_id_check("33010619900101123"));
    /* changing one digit changes the check character */
    assert_int_not_equal(gen_id_check("11010519491231002"), gen_id_check("11010519491231003"));
}

static void test_defaults(void **state)
{
    (void)state;
    struct gen_options o;
    gen_options_default(&o);
    assert_int_equal(o.persons, 10000);
    assert_int_equal(o.seed, 1);
    assert_int_equal(o.as_of, date_from_ymd(2026, 6, 30));
    assert_int_equal(o.provinces, 1);
    assert_int_equal(o.corrupt, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_digit),
        cmocka_unit_test(test_defaults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
