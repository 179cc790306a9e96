"""home.process_memo: bounded, least-recently-used, one answer per key, safe across threads."""

import threading

import pytest

from home.process_memo import ProcessMemo, clear_all


def test_a_kept_answer_is_not_built_again():
    memo = ProcessMemo("test", size=4)
    built = []
    first = memo.get("a", lambda: built.append("a") or object())
    assert memo.get("a", lambda: built.append("again") or object()) is first
    assert built == ["a"]


def test_it_holds_at_most_its_size_and_forgets_the_least_recently_used():
    memo = ProcessMemo("test", size=3)
    for key in "abc":
        memo.get(key, lambda key=key: key.upper())
    memo.get("a", lambda: "never")  # "a" used again: "b" is now the oldest
    memo.get("d", lambda: "D")
    assert len(memo) == 3
    assert "b" not in memo
    assert all(key in memo for key in "acd")
    assert memo.get("b", lambda: "rebuilt") == "rebuilt"
    for index in range(100):
        memo.get(index, lambda index=index: index)
    assert len(memo) == 3


def test_a_failed_build_keeps_nothing():
    memo = ProcessMemo("test", size=3)

    def fail():
        raise LookupError("no such page")

    with pytest.raises(LookupError):
        memo.get("a", fail)
    assert "a" not in memo
    assert memo.get("a", lambda: 1) == 1


def test_a_memo_must_hold_something():
    with pytest.raises(ValueError):
        ProcessMemo("test", size=0)


def test_clear_all_empties_every_memo():
    memos = [ProcessMemo("one", size=2), ProcessMemo("two", size=2)]
    for memo in memos:
        memo.get("a", lambda: 1)
    clear_all()
    assert [len(memo) for memo in memos] == [0, 0]


def test_threads_share_one_answer_per_key_and_never_exceed_the_size():
    memo = ProcessMemo("test", size=8)
    start = threading.Barrier(16)
    errors = []

    def work(number):
        try:
            start.wait()
            for round_ in range(2000):
                key = (number + round_) % 12
                value = memo.get(key, lambda key=key: [key])
                assert value == [key]
                assert len(memo) <= 8
        except Exception as error:  # collected: an assert in a thread would be lost
            errors.append(error)

    threads = [threading.Thread(target=work, args=(number,)) for number in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(memo) == 8
    # Every thread asking for one key while it was kept got the very same object.
    hot = ProcessMemo("hot", size=1)
    barrier = threading.Barrier(8)
    answers = []

    def ask():
        barrier.wait()
        answers.append(hot.get("k", lambda: object()))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(answer) for answer in answers}) == 1


def test_lookup_keep_and_discard():
    memo = ProcessMemo("test", size=2)
    assert memo.lookup("a") is None
    first = memo.keep("a", ["first"])
    assert memo.keep("a", ["second"]) is first  # one answer per key: the first kept stays
    assert memo.lookup("a") is first
    assert memo.keep("none", None) is None and "none" not in memo  # None is never kept
    memo.discard("a")
    memo.discard("never kept")
    assert memo.lookup("a") is None and len(memo) == 0
