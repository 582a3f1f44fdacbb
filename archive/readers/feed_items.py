"""What an RSS, RDF or Atom item says, read from its XML element: shared by the reader of
uploaded feed files (archive.readers.feed) and the feed collector (archive.collect.sources).
Names are matched without their namespace ("dc:creator" is "creator")."""
from __future__ import annotations

from xml.etree.ElementTree import Element

PUBLISHED_NAMES = ("published", "pubDate", "issued", "date", "created")
UPDATED_NAMES = ("updated", "modified")


def local_name(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def child_text(parent: Element, *names: str) -> str | None:
    """The text of the first direct child with text called like one of `names`, in the
    order of `names`."""
    for name in names:
        for child in parent:
            if local_name(child.tag) == name:
                text = "".join(child.itertext()).strip()
                if text:
                    return text
    return None


def item_link(item: Element) -> str | None:
    """The item's page: an Atom link (rel alternate), an RSS <link>, else a guid that is a URL."""
    for child in item:
        if local_name(child.tag) != "link":
            continue
        href = child.get("href")
        if href and child.get("rel", "alternate") == "alternate":
            return href.strip()
        if not href and child.text and child.text.strip():
            return child.text.strip()
    guid = child_text(item, "guid", "id")
    return guid if guid and guid.startswith(("http://", "https://")) else None


def item_authors(item: Element) -> list[str]:
    names = []
    for child in item:
        if local_name(child.tag) in ("author", "creator"):
            name = " ".join((child_text(child, "name") or "".join(child.itertext())).split())
            if name and name not in names:
                names.append(name)
    return names
