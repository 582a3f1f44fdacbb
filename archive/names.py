"""Name variants: when two spellings name the same person, place or organization.

Pure functions over strings, used within one article (entities, speakers) and
across the archive by the store.

People: "Dmitry Peskov", "Dmitri Peskov", "Peskov", "Mr. Peskov" and
"Peskov's" are one person. Two names match when their surnames are the same
after transliteration folding and their first names (when both have one) agree,
as a full name, an initial or a short form ("Chris" / "Christopher").

Places and organizations: a small hand-written table of well-known aliases
("U.S.", "America", "the United States" -> "United States") plus rules
(leading "the" and possessives dropped).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from anyascii import anyascii

from archive.lexicon.name_words import FIRST_NAME_GENDER, GIVEN_NAME_PARTICLES, SHORT_FORMS, SURNAME_PARTICLES
from archive.lexicon.titles import GENERATIONS, HONORIFICS, SUFFIXES
from archive.scripts import main_script


_APOSTROPHES = "'’ʼ‘`´"

_POSSESSIVE = re.compile(r"[" + _APOSTROPHES + r"]s?$", re.IGNORECASE)


@functools.lru_cache(maxsize=65536)
def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def strip_possessive(name: str) -> str:
    """ "Vladimir Putin's" -> "Vladimir Putin"; "Rodgers’" -> "Rodgers"."""
    name = name.strip()
    stripped = _POSSESSIVE.sub("", name)
    return stripped.strip() or name


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """A spelling-insensitive key for one name word, so transliteration variants meet.

    Dmitry/Dmitri, Sergey/Sergei, Aleksandr/Alexandr/Alexander, Zelensky/Zelenskyy/
    Zelenskiy fold to the same key. Words in other scripts are transliterated first
    (anyascii: "Песков" is "peskov", "习近平" "xijinping"), so they key apart rather than
    all to "", which would make every two of them one person.
    """
    w = (word if word.isascii() else anyascii(word)).lower()  # anyascii keeps ASCII as it is
    w = _NOT_A_LETTER.sub("", w)
    if not w:
        return ""
    w = w.replace("ks", "x").replace("kh", "h").replace("ph", "f").replace("tch", "ch")
    w = w.replace("ck", "k").replace("y", "i")
    w = _DOUBLED.sub(r"\1", w)  # doubled letters, "ii" from "yy"/"iy"
    w = _ER_END.sub("r", w)  # Alexander / Aleksandr
    w = _EI_END.sub("i", w)  # Sergei / Sergey / Sergi
    return w


_NOT_A_LETTER = re.compile(r"[^a-z]")
_DOUBLED = re.compile(r"(.)\1+")
_ER_END = re.compile(r"(?<=[^aeiou])er$")
_EI_END = re.compile(r"(?<=[^aeiou])ei$")


@dataclass(frozen=True)
class PersonName:
    """A person's name taken apart: given names, surname, and what the titles say."""

    given: tuple[str, ...]
    surname: str
    gender: str | None = None  # from an honorific: "male", "female"

    @property
    def tokens(self) -> tuple[str, ...]:
        return self.given + ((self.surname,) if self.surname else ())

    @property
    def display(self) -> str:
        return " ".join(self.tokens)


def _words(name: str) -> list[str]:
    name = strip_possessive(name)
    name = re.sub(r"\s*\([^)]*\)?", " ", name)  # "(R-Ohio)"
    name = name.split(",")[0]
    return [w for w in re.split(r"\s+", name.strip()) if w]


def _bare(word: str) -> str:
    return strip_accents(word).lower().strip(".,;:!?\"“”‘’'")


@functools.lru_cache(maxsize=65536)
def parse_person_name(name: str) -> PersonName:
    """Split a person's name: honorifics and suffixes off, surname particles kept together."""
    words = _words(name)
    gender = None
    while words and _bare(words[0]) in HONORIFICS and len(words) > 1:
        gender = gender or HONORIFICS[_bare(words[0])]
        words = words[1:]
    while len(words) > 1 and _bare(words[-1]) in SUFFIXES:
        words = words[:-1]
    words = [w for w in words if _bare(w)]
    if not words:
        return PersonName((), "", gender)
    surname_start = len(words) - 1
    while surname_start > 1 and _bare(words[surname_start - 1]) in SURNAME_PARTICLES:
        surname_start -= 1
    if surname_start == 1 and len(words) > 1 and _opens_surname(words[0]):
        surname_start = 0  # "Mr de Vabres", "Le Pen": a surname alone
    given = tuple(w.strip(",") for w in words[:surname_start])
    surname = " ".join(words[surname_start:]).strip(",.")
    return PersonName(given, surname, gender)


def _opens_surname(word: str) -> bool:
    bare = _bare(word)
    return bare in SURNAME_PARTICLES and (word[:1].islower() or bare not in GIVEN_NAME_PARTICLES)


def _surname_key(surname: str) -> str:
    return " ".join(fold(part) for part in surname.split() if fold(part))


@functools.lru_cache(maxsize=65536)
def person_key(name: str) -> str:
    """The archive-wide grouping key of a person: the folded surname.

    Names sharing a key may still be different people ("George Bush", "Jeb Bush");
    `same_person` decides. An empty string means "not a name".
    """
    return _surname_key(parse_person_name(name).surname)


def _is_initial(word: str) -> bool:
    bare = word.strip(".")
    return len(bare) == 1 or (len(bare) == 2 and bare.isupper() and "." in word)

_FULL_FORMS: dict[str, set[str]] = {}
for _full, _shorts in SHORT_FORMS.items():
    for _short in _shorts.split():
        _FULL_FORMS.setdefault(fold(_short), set()).add(fold(_full))


def given_names_compatible(a: str, b: str) -> bool:
    """ "Dmitry"/"Dmitri", "J."/"John", "Chris"/"Christopher", "Joe"/"Joseph" agree;
    "John"/"Jeb" do not."""
    if _is_initial(a) or _is_initial(b):
        return _bare(a)[:1] == _bare(b)[:1]
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False  # an empty key never matches
    if fa == fb or fb in _FULL_FORMS.get(fa, ()) or fa in _FULL_FORMS.get(fb, ()):
        return True
    shorter, longer = sorted((fa, fb), key=len)
    return len(shorter) >= 3 and longer.startswith(shorter)


@functools.lru_cache(maxsize=131072)
def same_person(a: str, b: str) -> bool:
    """Whether two person names can name the same person.

    Surnames must match after folding; first names, when both names have one,
    must be compatible; honorifics of different genders (Mr./Mrs.) never match. Names in
    two scripts ("Дмитрий Песков", "Dmitry Peskov") are kept apart: each keeps the script its
    article used, and the index finds one by the other's transliteration.
    """
    pa, pb = parse_person_name(a), parse_person_name(b)
    key_a, key_b = _surname_key(pa.surname), _surname_key(pb.surname)
    if not key_a or not key_b or main_script(pa.display) != main_script(pb.display):
        return False
    same_surname = key_a == key_b
    if not same_surname and not _same_with_particle(pa, pb) and not _same_with_particle(pb, pa):
        return False
    ga, gb = name_gender(a), name_gender(b)
    if ga and gb and ga != gb:
        return False
    born_a, born_b = generation(a), generation(b)
    if born_a and born_b and born_a != born_b:
        # "Jr." and "Sr." are two people; one name with "Jr." and one without may be one person
        # ("Joseph R. Biden Jr.", "Joseph Biden"): only an article naming both tells them apart
        return False
    if pa.given and pb.given and same_surname:
        return given_names_compatible(pa.given[0], pb.given[0])
    return True


@functools.lru_cache(maxsize=65536)
def generation(name: str) -> str | None:
    """ "jr" for "Donald Trump Jr." (or "Donald Jr."), "iii" for "Jim Jones III"; None without one."""
    words = _words(name)
    return next((_bare(w) for w in reversed(words[1:]) if _bare(w) in GENERATIONS), None)


def particle_surname(name: PersonName) -> PersonName | None:
    """The name read as a surname alone when its one given name is a capitalized particle:
    "Van Nistelrooy" can be "Ruud van Nistelrooy" as well as a Van called Nistelrooy."""
    if len(name.given) == 1 and _bare(name.given[0]) in SURNAME_PARTICLES:
        return PersonName((), f"{name.given[0]} {name.surname}", name.gender)
    return None


def _same_with_particle(a: PersonName, b: PersonName) -> bool:
    alternative = particle_surname(a)
    return alternative is not None and _surname_key(alternative.surname) == _surname_key(b.surname)


def clean_person_name(name: str) -> str:
    """The name as a person's canonical form shows it: no honorific, no possessive, and its
    generation kept ("Donald Trump Jr.")."""
    display = parse_person_name(name).display
    born = generation(name)
    if not display or born is None:
        return display
    written = next(w for w in reversed(_words(name)) if _bare(w) == born)
    return f"{display} {written.strip(',;:')}"


def canonical_name(variants: list[str]) -> str:
    """The fullest common form among the variants of one person's name.

    Fullest: most name words (honorifics and possessives ignored); among equally
    full forms the most frequent; then the first seen.
    """
    cleaned = [clean_person_name(v) for v in variants if clean_person_name(v)]
    if not cleaned:
        return variants[0].strip() if variants else ""
    counts = Counter(cleaned)
    first_seen = {name: i for i, name in reversed(list(enumerate(cleaned)))}
    return max(counts, key=lambda n: (len(n.split()), counts[n], -first_seen[n]))


# --- places and organizations -------------------------------------------------

# Lower-cased, dot-free alias -> (canonical name, entity type).
KNOWN_ENTITIES: dict[str, tuple[str, str]] = {}


def _known(canonical: str, kind: str, *aliases: str) -> None:
    for alias in (canonical, *aliases):
        KNOWN_ENTITIES[_entity_key(alias)] = (canonical, kind)


def _entity_key(name: str) -> str:
    name = strip_accents(name).lower().replace(".", "")
    return re.sub(r"\s+", " ", name).strip()


def _strip_the(name: str) -> str:
    return re.sub(r"^(the|The|THE)\s+", "", name.strip())


_known("United States", "place", "US", "USA", "U.S.", "U.S.A.", "United States of America",
       "America", "the States")
_known("United Kingdom", "place", "UK", "U.K.", "Britain", "Great Britain", "GB")
_known("Russia", "place", "Russian Federation")
_known("Soviet Union", "place", "USSR", "U.S.S.R.")
_known("China", "place", "People's Republic of China", "PRC", "mainland China")
_known("North Korea", "place", "Democratic People's Republic of Korea", "DPRK")
_known("South Korea", "place", "Republic of Korea", "ROK")
_known("Iran", "place", "Islamic Republic of Iran")
_known("Ukraine", "place", "the Ukraine")
_known("United Arab Emirates", "place", "UAE", "U.A.E.", "Emirates")
_known("Washington", "place", "Washington DC", "Washington, DC", "Washington, D.C.", "DC", "D.C.")
_known("New York City", "place", "NYC", "New York City")
_known("European Union", "org", "EU", "E.U.")
_known("United Nations", "org", "UN", "U.N.", "UNO")
_known("UN Security Council", "org", "Security Council", "United Nations Security Council",
       "U.N. Security Council")
_known("NATO", "org", "Atlantic Alliance", "North Atlantic Alliance",
       "North Atlantic Treaty Organization", "OTAN", "Nato")
_known("Kremlin", "org")
_known("White House", "org")
_known("Pentagon", "org")
_known("State Department", "org", "U.S. State Department", "US State Department",
       "Department of State")
_known("Congress", "org", "U.S. Congress", "US Congress")
_known("Senate", "org", "U.S. Senate", "US Senate")
_known("House of Representatives", "org", "U.S. House", "US House", "House")
_known("Supreme Court", "org", "U.S. Supreme Court", "US Supreme Court")
_known("Republican Party", "org", "GOP", "G.O.P.", "Republican National Committee", "RNC")
_known("Democratic Party", "org", "Democratic National Committee", "DNC")
_known("Labour Party", "org", "Labour", "Labour party")
_known("Conservative Party", "org", "Conservatives", "Conservative party", "Tories", "Tory party")
_known("Liberal Democrats", "org", "Lib Dems", "Lib Dem", "Liberal Democrat party", "LibDems")
_known("Scottish National Party", "org", "SNP")
_known("UKIP", "org", "UK Independence Party")
_known("FBI", "org", "F.B.I.", "Federal Bureau of Investigation")
_known("CIA", "org", "C.I.A.", "Central Intelligence Agency")
_known("NSA", "org", "National Security Agency")
_known("Islamic State", "org", "ISIS", "ISIL", "Daesh", "Islamic State of Iraq and Syria")
_known("CNN", "org")
_known("BBC", "org", "British Broadcasting Corporation")
_known("World Health Organization", "org", "WHO")
_known("International Monetary Fund", "org", "IMF")
_known("European Commission", "org")

_UNCLOSED_PARENTHESIS = re.compile(r"\s*[(\[][^)\]]*$")


def canonical_entity(name: str, kind: str | None = None) -> tuple[str, str | None]:
    """(canonical name, type) of a place or organization as written in a text.

    The table decides the type of names it knows ("the Kremlin" is an org);
    otherwise `kind` passes through. Leading "the" and possessives are dropped.
    """
    cleaned = _UNCLOSED_PARENTHESIS.sub("", name)  # "Institute for Fiscal Studies (IFS" NER cut short
    cleaned = _strip_the(strip_possessive(cleaned)).strip(" ,.;:-–—\"“”‘’'")
    if not cleaned:
        return name.strip(), kind
    known = KNOWN_ENTITIES.get(_entity_key(cleaned))
    if known:
        return known
    cleaned = re.sub(r"\s+", " ", cleaned)
    if cleaned.isupper() and (" " in cleaned or len(cleaned) > 5):
        cleaned = cleaned.title()  # a dateline's "NEW YORK" is New York; "NATO" stays
    return cleaned, kind


def canonical_place(name: str) -> str:
    return canonical_entity(name, "place")[0]


def canonical_org(name: str) -> str:
    return canonical_entity(name, "org")[0]


def same_entity(a: str, b: str) -> bool:
    """Whether two place or organization names are one: "U.S." and "the United States"."""
    return _entity_key(canonical_entity(a)[0]) == _entity_key(canonical_entity(b)[0])


# --- gender, where a first name or an honorific shows it ---------------------


@functools.lru_cache(maxsize=65536)
def name_gender(name: str) -> str | None:
    """ "male", "female" or None, from an honorific ("Mrs. Clinton") or a first name."""
    parsed = parse_person_name(name)
    if parsed.gender:
        return parsed.gender
    if parsed.given:
        return FIRST_NAME_GENDER.get(strip_accents(parsed.given[0]).lower().strip("."))
    return None
