"""report_lib.py — shared by report_cli.sh and report_province.sh (imported by their
python3 blocks through PYTHONPATH set to the scripts' folder): every figure of the HTML
report traced to the count of its indicator in the JSON, and the HTML self-contained."""
import re

FIG = re.compile(r'<span class="fig" data-indicator="([a-z_]+)"(?: data-key="([a-z_:0-9]+)")?>(\d+)</span>')


def trace_figures(html, ind, more_than):
    """Assert that html has more than `more_than` figures and that each equals the count
    of its indicator in ind (name -> indicator), or of its row when it names a key.
    Returns the figures as (name, key, value) tuples."""
    figs = FIG.findall(html)
    assert len(figs) > more_than, len(figs)
    for name, key, val in figs:
        i = ind[name]
        want = i['count'] if not key else sum(row['count'] for row in i['rows'] if row['key'] == key)
        assert int(val) == want, (name, key, val, want)
    return figs


def assert_self_contained(html):
    """Assert that html loads nothing: no URL, link, script, import or src attribute."""
    assert not re.search(r'https?:|//|<link|<script|@import|\ssrc=', html)
