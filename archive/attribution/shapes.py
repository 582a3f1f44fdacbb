"""The shapes attribution passes between its passes: an attribution, a reporting clause, an event of the discourse."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Attribution:
    speaker: str | None = None
    mention: str | None = None
    cue: str | None = None
    confidence: float = 0.0
    person: int | None = None  # index into People.persons
    how: str = ""  # "name", "pronoun", "description", "org", "continued", "" (none)


@dataclass
class Clause:
    cue_start: int  # token indices
    cue_end: int
    np_start: int
    np_end: int
    guessed: bool = False  # the speaker is the sentence's subject, taken on trust ("…, adding")

    @property
    def start(self) -> int:
        return min(self.cue_start, self.np_start)

    @property
    def end(self) -> int:
        return max(self.cue_end, self.np_end)


@dataclass
class Event:
    position: int
    person: int
    kind: str  # "speaker", "subject", "mention", "possessor"
    # The mention names the person in full ("Ellen Baxter"): it cannot be read as a namesake
    # of the other gender, as a bare "Baxter" can.
    full: bool = False
