"""What the attribution tests compare."""
from __future__ import annotations


def speakers(quotes) -> list[str | None]:
    return [q.speaker for q in quotes]
