"""The real plans of tests/data/corpus read at least as well as they are read today.

The floors only rise: when the parser reads the corpus better, raise them to the new figures
(`make eval` prints them), so a later change cannot quietly lose what was gained.
"""

from __future__ import annotations

from benchmarks.corpus_eval import CORPUS, GENRE, run

MICRO_F1_FLOOR = 0.999
LEAD_ACCURACY_FLOOR = 1.000


def test_corpus_is_read_at_least_as_well_as_before() -> None:
    rows, total = run(CORPUS)
    assert len(rows) == 29
    assert round(total.f1, 3) >= MICRO_F1_FLOOR, f"micro F1 {total.f1:.3f}"
    assert round(total.lead_accuracy, 3) >= LEAD_ACCURACY_FLOOR, (
        f"lead accuracy {total.lead_accuracy:.3f}"
    )


GENRE_F1_FLOOR = 1.000
GENRE_LEAD_ACCURACY_FLOOR = 1.000


def test_genre_set_is_read_at_least_as_well_as_before() -> None:
    """The team-written plans of other provinces' conventions: the corpus rules generalise."""
    rows, total = run(GENRE)
    assert not [name for name, s in rows if s.error]
    assert round(total.f1, 3) >= GENRE_F1_FLOOR, f"genre micro F1 {total.f1:.3f}"
    assert round(total.lead_accuracy, 3) >= GENRE_LEAD_ACCURACY_FLOOR, (
        f"genre lead accuracy {total.lead_accuracy:.3f}"
    )
