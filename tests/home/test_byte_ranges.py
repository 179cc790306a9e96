"""home.byte_ranges: the one range a browser asks for, read from its Range header."""

import pytest

from home.byte_ranges import Unsatisfiable, _part_of_stream, requested_range


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-1", (0, 1)),  # Safari's first question about a video
        ("bytes=500-", (500, 999)),
        ("bytes=500-99999", (500, 999)),  # a last byte beyond the end means the end
        ("bytes=-200", (800, 999)),  # the last 200 bytes
        ("bytes=-5000", (0, 999)),
        ("bytes = 10 - 20", (10, 20)),
        ("bytes=0-1,5-6", None),  # several ranges: the whole file, as HTTP allows
        ("bytes=20-10", None),  # makes no sense: the whole file
        ("bytes=-", None),
        ("items=0-1", None),
        ("", None),
    ],
)
def test_the_range_asked_for(header, expected):
    assert requested_range(header, 1000) == expected


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=5000-6000", "bytes=-0"])
def test_a_range_past_the_end_cannot_be_met(header):
    with pytest.raises(Unsatisfiable):
        requested_range(header, 1000)


@pytest.mark.parametrize(("start", "end"), [(0, 9), (3, 6), (4, 4), (8, 9), (0, 0)])
def test_a_part_of_a_file_that_cannot_seek_is_read_through_to(start, end):
    chunks = iter([b"0123", b"4567", b"89"])
    assert b"".join(_part_of_stream(chunks, start, end)) == b"0123456789"[start : end + 1]
