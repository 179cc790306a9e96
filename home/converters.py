"""URL converters shared by every app's URLs."""

from django.urls import register_converter

BIGGEST_ID = 2**63 - 1  # the largest value a database id column (bigint) can hold


class DatabaseIdConverter:
    """`<id:name>`: a positive whole number that fits a database id, else the URL does not match.

    Django's `<int:…>` takes any number of digits, and a query with a number beyond the column's
    range fails in the database (a 500) instead of finding nothing (a 404).
    """

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 0 < number <= BIGGEST_ID:
            raise ValueError("not a database id")
        return number

    def to_url(self, value) -> str:
        return str(int(value))


def register() -> None:
    register_converter(DatabaseIdConverter, "id")
