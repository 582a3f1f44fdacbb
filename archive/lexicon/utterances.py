"""What someone's words are called, and the documents a quotation can be credited to."""
from __future__ import annotations


# What someone's words are called: "Clinton's response was: “…”", "Trump's tweet read: …".
UTTERANCE_NOUNS = {"statement", "response", "reply", "answer", "message", "tweet", "post", "words", "comment",
                   "comments", "remarks", "retort", "verdict", "advice", "explanation", "reaction"}

# Things someone puts out that then "say" something: "a video that said, “…”".
WRITTEN_NOUNS = {"letter", "email", "video", "note", "memo", "ad", "advertisement", "release", "report"}

# What a quotation can be credited to in someone's stead: "according to a court filing by …".
DOCUMENT_NOUNS = UTTERANCE_NOUNS | WRITTEN_NOUNS | {
    "document", "filing", "affidavit", "complaint", "lawsuit", "transcript", "motion", "brief"}

# Participles that make the one after "by" the author ("a letter obtained by the Herald" is not).
AUTHORING_PARTICIPLES = {"filed", "released", "issued", "written", "sent", "signed", "posted",
                         "published", "tweeted", "submitted", "delivered", "prepared"}
