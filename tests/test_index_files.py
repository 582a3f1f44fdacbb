"""What the index writer puts on disk: posting blocks compressed only when they are big
enough to gain from it, in files any Whoosh W3 reader opens."""
from __future__ import annotations

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec, W3LeafMatcher

from helpers import make_article
from index.writer import IndexWriter


def block_compressions(reader, fieldname: str, word: str) -> list[int]:
    """The compression level each posting block of the word records."""
    term = next(t.text for t in reader.schema[fieldname].analyzer(word))
    matcher = reader.postings(fieldname, term)
    assert isinstance(matcher, W3LeafMatcher)
    levels = []
    while matcher.is_active():
        levels.append(matcher._compression)
        matcher._next_block()
    return levels


def test_small_posting_blocks_are_stored_plain_and_big_ones_compressed(tmp_path):
    articles = []
    for i in range(300):
        body = f"The council met on day {i}. Residents asked about the harbour wall."
        if i in (3, 5, 9):
            body += " The ferry ran late."
        article = make_article(f"Council meeting {i}", body)
        article.id = i + 1
        articles.append(article)
    IndexWriter(tmp_path).write(articles)

    ix = whoosh_index.open_dir(str(tmp_path), indexname="articles")
    assert type(ix._segments()[0].codec()) is W3Codec  # read without anything of ours
    with ix.searcher() as searcher:
        reader = searcher.reader()
        council = block_compressions(reader, "body", "council")
        assert len(council) == 3 and all(level > 0 for level in council)  # blocks of 128, 128, 44
        assert block_compressions(reader, "body", "ferry") == [0]  # three postings
        assert sorted(reader.postings("body", "council").all_ids()) == list(range(300))
        assert sorted(reader.postings("body", "ferri").all_ids()) == [3, 5, 9]
