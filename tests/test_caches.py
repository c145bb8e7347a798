"""The bounded-cache rule every matcher cache follows: never past its limit, emptied only
when the next insertion would not fit."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kickflip_moderation.matching.caches import make_room


@given(st.integers(1, 20), st.lists(st.integers(0, 60), max_size=200))
def test_a_cache_stays_within_its_limit_and_keeps_what_fits(limit, keys):
    cache: dict[int, int] = {}
    for key in keys:
        if key in cache:
            continue
        before = dict(cache)
        emptied = make_room(cache, limit)
        assert emptied == (len(before) >= limit)
        assert cache == ({} if emptied else before)
        cache[key] = key
        assert len(cache) <= limit


@given(st.integers(1, 50), st.lists(st.integers(1, 20), max_size=100))
def test_a_cache_budgeted_by_weight_stays_within_its_budget(budget, weights):
    cache: dict[int, int] = {}
    held = 0
    for n, weight in enumerate(weights):
        if make_room(cache, budget, weight, held):
            assert cache == {}
            held = 0
        cache[n] = weight
        held += weight
        assert held == sum(cache.values())
        assert held <= max(budget, weight)  # one item over the budget is stored alone


def test_bulk_insertion_empties_only_when_the_batch_would_not_fit():
    cache = dict.fromkeys(range(5))
    assert not make_room(cache, 10, incoming=5)
    assert len(cache) == 5
    assert make_room(cache, 10, incoming=6)
    assert cache == {}


def test_the_cache_clears_through_its_own_clear():
    """A cache with side tables (chunk verdicts keep a code table) must clear them too."""

    class WithSideTable(dict[str, int]):
        def __init__(self) -> None:
            super().__init__()
            self.side: set[str] = set()

        def clear(self) -> None:
            super().clear()
            self.side.clear()

    cache = WithSideTable()
    cache["a"] = 1
    cache.side.add("a")
    assert make_room(cache, 1)
    assert cache == {} and cache.side == set()


def test_the_clean_text_cache_stays_bounded_and_never_hides_a_match(monkeypatch):
    from kickflip_moderation import Matcher
    from kickflip_moderation.matching import matcher

    monkeypatch.setattr(matcher, "_MAX_TEXTS", 5)
    m = Matcher(["fuck", "ass"])
    texts = [f"Cassidy Zqx{i}" for i in range(20)]  # "zqx0" is no word: may split
    for _ in range(2):
        assert all(m.is_clean(text) for text in texts)
        assert not m.is_clean("Cassidy fu ck")
    assert 0 < len(m._texts) <= 5
