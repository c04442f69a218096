"""The store's cleaning of raw export lines, called on a DuckDB table directly: what is left out as
blank, comment or totals line, and what stays; the date format a sample suggests; and a mid-term
without an activity section. Each count below is the lines of the table written out by hand."""

from __future__ import annotations

import datetime as dt
import functools

import duckdb
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from campaign_kit.core.errors import CampaignError
from campaign_kit.core.i18n import t
from campaign_kit.core.validation import load_campaign
from campaign_kit.data import activity
from campaign_kit.data.activity import LINE, _drop_footer_lines, _drop_unlabelled_totals, likely_date_format


def raw(rows: list[tuple], columns: int) -> duckdb.DuckDBPyConnection:
    """An in-memory table `raw` of text columns c1..cn and the line number, as the importer stages it."""
    con = duckdb.connect()
    names = [f"c{i}" for i in range(1, columns + 1)]
    con.execute(f"CREATE TABLE raw ({', '.join(f'{n} VARCHAR' for n in names)}, {LINE} INTEGER)")
    for line, row in enumerate(rows, start=2):
        con.execute(f"INSERT INTO raw VALUES ({', '.join('?' for _ in range(columns + 1))})", [*row, line])
    return con


def left(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(f"SELECT * EXCLUDE ({LINE}) FROM raw ORDER BY {LINE}").fetchall()


def test_one_column_file_blank_comment_and_totals_lines():
    con = raw([("a@x.nl",), (None,), ("# export 2026",), ("Total",), ("Totaal:",), ("b@x.nl",)], 1)
    # one blank, one comment, two totals ('Total' and 'Totaal:' with its colon); a one-column file
    # has no count-line rule (there is no second cell to be empty)
    assert _drop_footer_lines(con) == {"blank": 1, "comments": 1, "totals": 2}
    assert left(con) == [("a@x.nl",), ("b@x.nl",)]


def test_two_columns_a_totals_word_in_the_second_cell_and_a_count_line():
    con = raw(
        [
            ("E1", "2026-10-01"),
            (None, "Totaal"),  # the word stands in the second cell under an empty first
            ("Aantal inschrijvingen: 11", None),  # a count line: only the first cell, with a colon
            ("10:30", "E2"),  # a colon, but the second cell is filled: a record
            (None, None),
        ],
        2,
    )
    assert _drop_footer_lines(con) == {"blank": 1, "comments": 0, "totals": 2}
    assert left(con) == [("E1", "2026-10-01"), ("10:30", "E2")]


def test_a_count_line_needs_every_other_cell_empty():
    con = raw([("Aantal: 11", None, None), ("Aantal: 12", "x", None), ("E1", None, "2026")], 3)
    assert _drop_footer_lines(con) == {"blank": 0, "comments": 0, "totals": 1}
    assert left(con) == [("Aantal: 12", "x", None), ("E1", None, "2026")]


def test_nothing_to_leave_out_deletes_nothing():
    con = raw([("E1", "x"), ("E2", "y")], 2)
    assert _drop_footer_lines(con) == {"blank": 0, "comments": 0, "totals": 0}
    assert len(left(con)) == 2


def test_unlabelled_totals_add_to_the_totals_already_left_out():
    con = raw([("E1", "2026-10-01", "5"), (None, None, "17"), (None, None, "3")], 3)
    skipped = {"totals": 2}  # two labelled totals lines were left out before
    _drop_unlabelled_totals(con, ["c1", "c2"], skipped)
    assert skipped == {"totals": 4} and left(con) == [("E1", "2026-10-01", "5")]
    skipped = {}
    _drop_unlabelled_totals(con, ["c1", "c2"], skipped)
    assert skipped == {}  # nothing empty in both: nothing counted, not even a zero


def test_the_format_that_reads_most_of_the_sample_wins_and_the_first_on_a_tie():
    assert likely_date_format(["26-11-2026"]) == "%d-%m-%Y"  # one date read is enough
    assert likely_date_format(["not a date", ""]) is None  # nothing read: no format
    # two read as day-first with a 4-digit year (later in the list), one as the 2-digit-year form
    assert likely_date_format(["26-11-26", "27-11-2026", "28-11-2026"]) == "%d-%m-%Y"
    # a tie, one date each: the format earlier in the list wins (%d/%m/%y comes before %d/%m/%Y)
    assert [f for f in activity.DATE_FORMATS if _reads(f, "05/11/26") or _reads(f, "05/11/2026")] == [
        "%d/%m/%y",
        "%d/%m/%Y",
    ]
    assert likely_date_format(["05/11/2026", "05/11/26"]) == "%d/%m/%y"


def _reads(fmt: str, text: str) -> bool:
    try:
        dt.datetime.strptime(text, fmt)
    except ValueError:
        return False
    return True


def test_a_mid_term_without_an_activity_section_says_which_section_and_phase(campaign_copy):
    c = load_campaign(campaign_copy("leerprogramma"))
    c.activity = None
    with pytest.raises(CampaignError) as raised:
        activity._activity(c)
    problem = raised.value.problems[0]
    assert (problem.file, problem.key, problem.label) == ("campaign.yaml", "activity", "error.missing_section")
    assert problem.values["phase"] == 4 and problem.values["key"] == "activity"
    said = problem.text("en")
    assert "activity" in said and "4" in said and t("section.contents.activity", "en") in said


def _likely_by_strptime_alone(samples: list[str]) -> str | None:
    """The format that reads the most, first on a tie: strptime on every sample, no shortcut."""
    counts = [sum(_reads(fmt, text) for text in samples) for fmt in activity.DATE_FORMATS]
    return activity.DATE_FORMATS[counts.index(max(counts))] if max(counts) else None


# date-like texts: digits and the characters formats are made of, and real dates in every known format
_CHARS = st.text(alphabet="0123456789 /-.:,Tt\t", max_size=22)


def _written(moment: dt.datetime, fmt: str, pad: bool, space: bool, lower: bool) -> str:
    """A date as an export may write it: a space before, a space for a leading zero (' 5/11/2026',
    which strptime reads as the 5th), a lower-case 't'."""
    text = (" " if pad else "") + moment.strftime(fmt)
    text = text.replace("0", " ", 1) if space else text
    return text.replace("T", "t") if lower else text


_DATES = st.builds(
    _written,
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2099, 12, 31)),
    st.sampled_from(activity.DATE_FORMATS),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_CHARS, _DATES), max_size=6))
@example(["2026-11-05t14:05:09"])  # strptime reads letters in either case
@example([" 5/11/2026", " 5-11-26 14:05"])  # and a space for a leading zero
def test_the_shortcut_past_formats_that_cannot_read_a_text_changes_no_choice(samples):
    for text in samples:
        for fmt in activity.DATE_FORMATS:
            if _reads(fmt, text):  # what strptime reads always has the format's shape
                assert activity.DATE_SHAPES[fmt].fullmatch(text), (fmt, text)
    assert likely_date_format(samples) == _likely_by_strptime_alone(samples)


def _number_by_replacing_always(cell: str, decimal: str) -> str:
    """The count as read before plain counts were cast as they are: a replace or a regex on every cell."""
    if decimal == ",":
        return f"TRY_CAST(replace(replace(replace({cell}, ' ', ''), '.', ''), ',', '.') AS DOUBLE)"
    thousands = f"regexp_matches({cell}, '^\\s*\\d{{1,3}}(\\.\\d{{3}})+\\s*$')"
    plain = f"replace(replace({cell}, ' ', ''), ',', '')"
    return f"TRY_CAST(CASE WHEN {thousands} THEN replace({cell}, '.', '') ELSE {plain} END AS DOUBLE)"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="0123456789 .,-+eE", max_size=9), min_size=1, max_size=20))
@example(["12", "1.204", "1,5", " 3 ", "1 204", "1.204.000", "12.5", "1,204", "", "-", "1e3"])
def test_a_plain_count_is_cast_as_it_is_and_reads_as_before(cells):
    con = duckdb.connect()
    for decimal in (",", "."):
        new, old = activity._number_sql("c", decimal), _number_by_replacing_always("c", decimal)
        pairs = con.execute(f"SELECT {new}, {old} FROM (SELECT unnest(?) AS c)", [cells]).fetchall()
        assert all(a == b or (a is None and b is None) for a, b in pairs), (decimal, cells, pairs)


@functools.cache
def _learning_source() -> activity.ActivitySource:
    return load_campaign("leerprogramma").activity.sources[0]


# words as exports write them: the vocabulary's own, other cases, and characters whose lower case
# is another character or longer ('K' Kelvin sign, 'İ', 'ẞ')
_WORDISH = st.text(alphabet="loginstarcmpetdLOGINSTARCMPETD -()ÉéİıKẞß", max_size=12)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(_WORDISH, st.sampled_from(["login", "LOGIN", "Login", "completion", "voltooid"])), max_size=20)
)
@example(["login", "Login", "LOGİN", "start", " start", "completion", "Completed", "ingelogd", ""])
def test_the_results_own_words_compared_as_they_are_read_as_lower_would(cells):
    source = _learning_source()
    words = activity.vocabulary(source)
    cases = " ".join(f"WHEN {activity._literal(w)} THEN {activity._literal(r)}" for w, r in words.items())
    con = duckdb.connect()
    pairs = con.execute(
        f"SELECT {activity._word_sql('c', words)}, CASE lower(c) {cases} END FROM (SELECT unnest(?) AS c)", [cells]
    ).fetchall()
    assert all(a == b for a, b in pairs), (cells, pairs)
    assert "ELSE CASE lower(c)" in activity._word_sql("c", words)  # the shortcut is there


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="(dirctnoNOTSE )KİéÉ-set", min_size=1, max_size=12), max_size=20))
@example(
    [
        "(direct)",
        "(Direct)",
        "NOT SET",
        "Not set",
        "(none)",
        "An",
        "nobody",
        "Élise",
        "Kevin",
        "(organic) ",
        "ÉLU",
        "ÍMPAR",
        "Ímpar",
    ]
)
def test_the_nobody_check_asks_lower_only_of_names_that_could_be_nobody(names):
    source = _learning_source()
    words = sorted({w.strip().lower() for w in (*activity.UNATTRIBUTED, *source.unattributed, "élu", "Ímpar")})
    con = duckdb.connect()
    plain = f"(t_ambassador IS NULL OR lower(t_ambassador) IN ({', '.join(activity._literal(w) for w in words)}))"
    quick = activity._nobody_sql(source.model_copy(update={"unattributed": ["élu", "Ímpar"]}))
    assert "ord(t_ambassador)" in quick
    pairs = con.execute(f"SELECT {quick}, {plain} FROM (SELECT unnest(?) AS t_ambassador)", [names]).fetchall()
    assert all(a == b for a, b in pairs), (names, pairs)
