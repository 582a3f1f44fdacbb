"""Fallback articles when the BBC corpus is absent: a small vocabulary, invented
people, organizations and places, quotations with cue verbs. Deterministic."""
from __future__ import annotations

import random

FIRST_NAMES = ["Mara", "Tobias", "Ilse", "Jonas", "Petra", "Aldo", "Nadia", "Corin", "Elsa", "Rufus",
               "Greta", "Milo", "Sabine", "Oskar", "Leona", "Viktor"]
SURNAMES = ["Brandvold", "Quillard", "Osterhaven", "Pemberly", "Kastellan", "Morrow", "Duvenage",
            "Halloran", "Vestergaard", "Ashcombe", "Thornquist", "Belvane", "Carraway", "Lindqvist"]
ORGS = ["Northgate Holdings", "the Ministry of Waterways", "Corvane Bank", "the Harbour Council",
        "Tessaline Motors", "the Union of Growers", "Brightwell Telecom", "the Civic Trust"]
PLACES = ["Varnholm", "Eastmere", "Port Aldine", "Kessberg", "Lowfield", "Marrowgate", "Silbury",
          "Ostrava Bay"]
NOUNS = ["budget", "council", "plan", "market", "report", "harbour", "election", "strike", "bridge",
         "contract", "tax", "school", "hospital", "team", "season", "vote", "price", "rail", "energy",
         "water", "grant", "court", "festival", "factory", "farm", "inquiry", "deal", "policy"]
VERBS = ["announced", "rejected", "approved", "delayed", "questioned", "welcomed", "cut", "raised",
         "opened", "closed", "reviewed", "blocked"]
ADJECTIVES = ["new", "local", "annual", "early", "final", "public", "national", "small", "major",
              "late", "joint", "fresh"]
CUES = ["said", "told reporters", "added", "warned", "insisted"]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def _sentence(rng: random.Random) -> str:
    subject = rng.choice([_person(rng), rng.choice(ORGS), f"The {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"])
    text = (f"{subject} {rng.choice(VERBS)} the {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} "
            f"in {rng.choice(PLACES)} on {rng.choice(['Monday', 'Tuesday', 'Friday'])}")
    return text[0].upper() + text[1:] + "."


def _quotation(rng: random.Random) -> str:
    words = " ".join(rng.choice(NOUNS + VERBS + ADJECTIVES) for _ in range(rng.randint(5, 14)))
    return f"“{words.capitalize()},” {rng.choice(CUES)} {_person(rng)}."


def _paragraph(rng: random.Random) -> str:
    parts = [_sentence(rng) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.35:
        parts.append(_quotation(rng))
    return " ".join(parts)


def generated_files(count: int, seed: int = 2225) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    files = []
    for number in range(1, count + 1):
        title = f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS)} {rng.choice(VERBS)} in {rng.choice(PLACES)}"
        paragraphs = [_paragraph(rng) for _ in range(rng.randint(4, 14))]
        text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
        files.append((f"generated/{number:04d}.txt", text.encode("utf-8")))
    return files
