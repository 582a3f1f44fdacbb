"""Parties and US states, as descriptions of politicians name them."""
from __future__ import annotations


# AP-style abbreviations of US states, as in "Sen. Marco Rubio (R-Fla.)".
STATE_ABBREVIATIONS = {
    "ala.": "alabama", "ariz.": "arizona", "ark.": "arkansas", "calif.": "california", "colo.": "colorado",
    "conn.": "connecticut", "del.": "delaware", "fla.": "florida", "ga.": "georgia", "ill.": "illinois",
    "ind.": "indiana", "kan.": "kansas", "ky.": "kentucky", "la.": "louisiana", "md.": "maryland",
    "mass.": "massachusetts", "mich.": "michigan", "minn.": "minnesota", "miss.": "mississippi",
    "mo.": "missouri", "mont.": "montana", "neb.": "nebraska", "nev.": "nevada", "okla.": "oklahoma",
    "ore.": "oregon", "pa.": "pennsylvania", "tenn.": "tennessee", "tex.": "texas", "vt.": "vermont",
    "va.": "virginia", "wash.": "washington", "wis.": "wisconsin", "wyo.": "wyoming",
}

PARTIES = {"gop": "republican", "republican": "republican", "democratic": "democrat", "democrat": "democrat"}

PARTY_MEMBERS = {"republican", "democrat"}  # "the Republican said": someone by party, like "the Texan"

# Parties whose name is put before a member's ("Tory Neil Hamilton").
PARTY_NOUNS = {"tory", "tories", "labour", "conservative", "republican", "democrat", "democratic", "libertarian",
               "lib", "dem", "dems"}
