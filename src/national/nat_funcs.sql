-- nat_funcs.sql — the law core's date functions ported to PostgreSQL for the national
-- models, with the same names, arguments and NULL rules as the SQLite functions of
-- src/store/sqlfuncs.c (dates are text 'YYYY-MM-DD'). `zhijian national check-functions`
-- compares them with the program's own on random inputs. Replaced on every init.
CREATE OR REPLACE FUNCTION nat.zj_date(d text) RETURNS date
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    IF d IS NULL OR d !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ].*)?$' THEN RETURN NULL; END IF;
    RETURN to_date(substr(d, 1, 10), 'YYYY-MM-DD')
        + CASE WHEN to_char(to_date(substr(d, 1, 10), 'YYYY-MM-DD'), 'YYYY-MM-DD') = substr(d, 1, 10)
               THEN 0 END;
EXCEPTION WHEN others THEN RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION nat.zj_text(d date) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN d BETWEEN date '0001-01-01' AND date '9999-12-31'
                THEN to_char(d, 'YYYY-MM-DD') END $$;

-- law.md §1: the same day number n months later, clamped to the month's last day
CREATE OR REPLACE FUNCTION nat.zj_add_months(d text, n bigint) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN n BETWEEN -120000 AND 120000
                 AND extract(year FROM nat.zj_date(d)) * 12 + extract(month FROM nat.zj_date(d)) - 1 + n
                     BETWEEN 12 AND 9999 * 12 + 11
           THEN nat.zj_text((nat.zj_date(d) + make_interval(months => n::int))::date) END $$;

CREATE OR REPLACE FUNCTION nat.zj_add_days(d text, n bigint) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN n BETWEEN -3650000 AND 3650000 THEN nat.zj_text(nat.zj_date(d) + n::int) END $$;

CREATE OR REPLACE FUNCTION nat.zj_days(a text, b text) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (nat.zj_date(b) - nat.zj_date(a))::bigint $$;

-- 周岁: N years old from the day after the N-th birthday
CREATE OR REPLACE FUNCTION nat.zj_age(birth text, d text) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT greatest(0, y - CASE WHEN y > 0 AND nat.zj_date(d) <= nat.zj_date(nat.zj_add_months(birth, 12 * y))
                                THEN 1 ELSE 0 END)
    FROM (SELECT (extract(year FROM nat.zj_date(d)) - extract(year FROM nat.zj_date(birth)))::bigint AS y) s
    WHERE nat.zj_date(birth) IS NOT NULL AND nat.zj_date(d) IS NOT NULL $$;

CREATE OR REPLACE FUNCTION nat.zj_under_age(birth text, d text, n bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN n BETWEEN 0 AND 200 AND nat.zj_date(birth) IS NOT NULL AND nat.zj_date(d) IS NOT NULL
           THEN (nat.zj_date(d) <= nat.zj_date(nat.zj_add_months(birth, 12 * n)))::int END $$;

-- PR-01: add_months(parole, m) - 1, else add_months(term_end + 1, m) - 1
CREATE OR REPLACE FUNCTION nat.zj_dpr_end(term_end text, m bigint, parole text DEFAULT NULL) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN m IS NULL OR m < 0 OR m > 12000 THEN NULL
                WHEN parole IS NOT NULL THEN nat.zj_add_days(nat.zj_add_months(parole, m), -1)
                ELSE nat.zj_add_days(nat.zj_add_months(nat.zj_add_days(term_end, 1), m), -1) END $$;

-- 1 if the ';'-separated charges have category cat (law.md §8; 'negligent' only when
-- every charge is), 0 if not, NULL for an unknown category
CREATE OR REPLACE FUNCTION nat.zj_charge_has(charges text, cat text) RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    WITH items AS (
        SELECT coalesce(string_to_array(k.categories, ','), '{}') AS cats
        FROM regexp_split_to_table(charges, ';') AS c(name)
        LEFT JOIN nat.charges k ON k.name = btrim(c.name, E' \t')
        WHERE btrim(c.name, E' \t') <> '')
    SELECT CASE WHEN charges IS NULL OR cat IS NULL
                  OR NOT EXISTS (SELECT 1 FROM nat.charge_categories WHERE id = cat) THEN NULL
                WHEN cat = 'negligent' THEN (count(*) > 0 AND bool_and(cat = ANY (cats)))::int
                ELSE coalesce(bool_or(cat = ANY (cats)), false)::int END
    FROM items $$;
