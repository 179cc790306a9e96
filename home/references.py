"""References people quote back to us (responses, format requests, general feedback)."""

import secrets

# Unambiguous characters only: people read these out over the phone.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference() -> str:
    """A fresh reference such as ``HYS-7K2QW9XM``."""
    return "HYS-" + "".join(secrets.choice(ALPHABET) for _ in range(8))
