"""The archive-wide people pass as a reader meets it: the speaker page says which other names
were found to be the person, the person facet lists them once, and a name the archive gives
as an organization is no person there."""
from __future__ import annotations

from archive.model import Entity
from sample_archive import article


def quoted(title: str, speaker: str, *others: Entity):
    body = f"“Words about {title},” said {speaker}."
    return article(title, body, quotes=[(f"Words about {title},", speaker, "said")],
                   entities=[Entity(speaker, "person", 1), *others])


def naming(title: str, entity: Entity):
    return article(title, f"{entity.name} was named in {title}.", entities=[entity])


def test_the_speaker_page_says_which_surname_alone_was_found_to_be_them(make_client):
    client = make_client([
        quoted("namesake", "Pablo Olvera"), quoted("full", "Maria Olvera"),  # the registry cannot tell
        quoted("alone", "Olvera"),
        *(quoted(f"full {n}", "Maria Olvera") for n in range(4)),
        naming("match 1", Entity("Dunmoor", "person", 1)),
        *(naming(f"club {n}", Entity("Dunmoor", "org", 1)) for n in range(3)),
    ])
    text = client.get("/speakers/maria-olvera").get_data(as_text=True)
    assert "Also written as Olvera in 1 article" in text
    data = client.get("/api/speakers/maria-olvera").get_json()
    assert data["written_as"] == [{"name": "Olvera", "articles": 1}]
    assert data["quotes_total"] == 6
    assert client.get("/api/speakers/olvera").status_code == 404
    facets = client.get("/api/search?more=person&more=org").get_json()["facets"]
    people = {v["value"]: v["count"] for v in facets["person"]}
    assert people == {"Maria Olvera": 6, "Pablo Olvera": 1}
    assert {v["value"]: v["count"] for v in facets["org"]} == {"Dunmoor": 4}
