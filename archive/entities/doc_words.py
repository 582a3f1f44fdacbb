"""What the rules read of a spaCy Doc again and again, made once and kept with the Doc."""
from __future__ import annotations


def _kept(doc, name: str, build):
    """What build() makes of the Doc, made once and kept in the Doc's user_data."""
    value = doc.user_data.get(name)
    if value is None:
        value = doc.user_data[name] = build()
    return value


def token_texts(doc) -> list[str]:
    """Each token's text, kept with the Doc: rules look at words far more often than at
    anything else, and every doc[i] makes a new Token object."""
    return _kept(doc, "token_texts", lambda: [token.text for token in doc])


def token_starts(doc) -> list[int]:
    """Each token's character offset, kept with the Doc: read as one array, without a Token
    object per token."""
    from spacy.attrs import IDX

    return _kept(doc, "token_starts", lambda: doc.to_array(IDX).tolist())


def text_of(doc) -> str:
    """doc.text, kept with the Doc (spaCy joins it anew from the tokens at every access)."""
    return _kept(doc, "text", lambda: doc.text)


def keep_text(doc, text: str) -> None:
    """Keep the text the Doc was made from as its text_of: spaCy's tokens give back exactly
    the text they were read from, so joining them again is work for nothing."""
    doc.user_data["text"] = text


def lowercase_words(doc) -> set[str]:
    """The words the article writes in lower case, kept with the Doc."""
    return _kept(doc, "lowercase_words", lambda: {w for w in token_texts(doc) if w.islower()})
