"""Quotation and speaker benchmark against hand-annotated news (PolNeAR-style JSON Lines).

    .venv/bin/python bench/quotes.py [PATH] [--split train|dev] [--limit N] [--n-process N] [--first-judge]

PATH defaults to /work/shared/dev/polnear_traindev.jsonl; without it the bench
says so and exits 0. Each line: id, split, text (spans index into it), quotes
(quote, speaker, speaker_is_pronoun, speaker_resolved_auto, fully_quoted,
quote_spans ...). Tune on train, report on dev.

What is measured
- (a) named: gold quotes that are fully quoted and credited to a named speaker
  (not a pronoun; the annotated speaker phrase, cut at its first comma, "of",
  "who", "(" ..., ends in a capitalized word and does not start with an
  indefinite article: "Rep. Jim Jordan (R-Ohio)" yes; "one source",
  "a New Hampshire Republican" or "Clinton's right-hand woman" no). Found when our quotation
  overlapping it most (in characters, over all its spans) has the right speaker.
- (b) pronoun: the same for gold quotes whose speaker is "he"/"she", judged
  against speaker_resolved_auto (automatic coreference, not gold; quotes where it
  names nobody are left out).
- (c) precision: of our quotations credited to a speaker, the share whose
  most-overlapping gold quotation has that speaker (its annotated phrase when
  that holds a name, else its resolved_auto: for pronouns and for descriptions
  such as "the governor"). A gold quotation that names nobody either way ("you",
  "the senator" resolved to "the senator", None; and a resolution made only of
  pronouns, days, months or party, faith and nationality words, a list read off the
  train split: "I", "Thursday", "Republican", "Muslim American", "Most Americans";
  --first-judge leaves those in, as the bench did at first) cannot judge ours
  and is skipped, and so are our quotations in the headline
  (the text's first line, which the annotators left alone). A credited quotation that overlaps no gold quotation
  counts as wrong (the annotators mark every cued quotation, so that is usually a
  scare quote or title we should have left alone); the share over overlapping
  ones only is printed too. Articles without any annotated quotation are left
  out of (c): the corpus leaves most of its NYT articles unannotated.
- A speaker matches a gold phrase when names.same_person agrees, or our speaker's
  surname (folded: Dmitry/Dmitri; hyphenated ones whole: Lloyd-Jones) is a word of
  the phrase, or the phrase is only our speaker's first name ("Anna told"), or both
  are the same organization (names.same_entity).
- Baseline: the same quotation spans, each credited to the nearest PERSON
  entity in its paragraph (no cues, no coreference).
- Throughput: articles and words per second of nlp.pipe plus extraction,
  with the components of archive.nlp.PIPE_COMPONENTS.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.entities import find_people  # noqa: E402
from archive.names import fold, parse_person_name, same_entity, same_person, strip_possessive  # noqa: E402
from archive.nlp import PIPE_COMPONENTS, load_model, parse_sentences  # noqa: E402
from archive.quote_spans import find_quote_spans  # noqa: E402
from archive.quotes import body_offsets, extract_quotes, nlp_text  # noqa: E402

DEFAULT_PATH = Path("/work/shared/dev/polnear_traindev.jsonl")
_CUT = re.compile(r",|\(|\s(?:of|who|from|at|with|in|on|for|and)\s|\s[-–—]\s")


# Words that, alone or together, name no one: pronouns, days and months, and the party, faith
# and nationality words the automatic coreference often returns for "he"/"she"
# ("Republican", "African-American"). Read off the train split.
_NOBODY_WORDS = {
    "i", "me", "we", "us", "you", "they", "them", "he", "she", "him", "her", "it", "anyone", "everyone",
    "someone", "nobody", "neither", "either", "both", "all", "others", "friends", "first", "and",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "july", "september", "october",
    "november", "december",
    "republican", "republicans", "democrat", "democrats", "democratic", "gop", "conservative",
    "conservatives", "liberal", "liberals", "american", "americans", "african-american",
    "african-americans", "afro-colombian", "muslim", "muslims", "christian", "christians", "jewish",
    "jews", "arab", "arabs", "latino", "latinos", "hispanic", "hispanics", "islam", "innocent", "wealthy",
}


FIRST_JUDGE = False  # --first-judge: judge "names nobody" as the bench did at first


def gold_name(phrase: str | None) -> str | None:
    """The name in an annotated speaker phrase, or None when it names nobody."""
    if not phrase:
        return None
    head = _CUT.split(phrase.strip(" \n―—-"), maxsplit=1)[0].strip(" .\n")
    head = strip_possessive(head) if re.search(r"[’']s?$", head) else head
    words = head.split()
    if not words or not words[-1][:1].isupper() or len(words) > 8:
        return None
    if words[0].lower() in ("a", "an", "one", "another", "some", "many", "several"):
        return None  # "a New Hampshire Republican" is nobody in particular
    if FIRST_JUDGE:
        return head
    if words[0].lower() in ("most", "those", "these") or all(w.lower().strip(".,") in _NOBODY_WORDS for w in words):
        return None  # "Most Americans", "I", "Thursday", "Republican", "African-American": no one's name
    return head


def speaker_matches(ours: str | None, phrase: str | None) -> bool:
    if not ours or not phrase:
        return False
    name = gold_name(phrase)
    if name and (same_person(ours, name) or same_entity(ours, name)):
        return True
    parsed = parse_person_name(ours)
    surname = parsed.surname.split()
    if not surname:
        return False
    key = fold(surname[-1])
    # any word of the phrase but an owner: "Clinton's right-hand woman" is not Clinton;
    # a hyphenated surname is one word: "Mary Lloyd-Jones"
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*(?:[’'][^\W\d_]*)?", phrase)
    if any(fold(w) == key for w in words if not re.search(r"[’']s?$", w)):
        return True
    # a phrase that is only a first name: "Anna told …" is our "Anna Weber"
    return bool(name and len(name.split()) == 1 and parsed.given and fold(parsed.given[0]) == fold(name))


def overlap(a: tuple[int, int], spans: list[list[int]]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in spans)


def best_prediction(gold: dict, predicted: list) -> object | None:
    scored = [(overlap((p.start, p.end), gold["quote_spans"]), p) for p in predicted]
    scored = [x for x in scored if x[0] > 0]
    return max(scored, key=lambda x: x[0])[1] if scored else None


def best_gold(pred, golds: list[dict]) -> dict | None:
    scored = [(overlap((pred.start, pred.end), g["quote_spans"]), g) for g in golds]
    scored = [x for x in scored if x[0] > 0]
    return max(scored, key=lambda x: x[0])[1] if scored else None


def reference(gold: dict) -> str | None:
    """Who a gold quotation credits: the annotated phrase when it holds a name,
    else (a pronoun, or a description such as "the governor") what the automatic
    coreference resolved it to, when that holds a name."""
    phrase = gold.get("speaker")
    if not gold.get("speaker_is_pronoun") and gold_name(phrase):
        return phrase
    auto = gold.get("speaker_resolved_auto")
    return auto if gold_name(auto) else None


def judgeable(gold: dict) -> bool:
    return reference(gold) is not None


def gold_speaker_ok(pred_speaker: str, gold: dict) -> bool:
    return speaker_matches(pred_speaker, reference(gold))


class _Baseline:
    start: int
    end: int
    speaker: str | None

    def __init__(self, start, end, speaker):
        self.start, self.end, self.speaker = start, end, speaker


def baseline_quotes(body: str, doc) -> list[_Baseline]:
    """Each quotation credited to the nearest PERSON in its paragraph."""
    text = doc.text  # nlp_text(body): offsets are mapped back to the body
    offsets = body_offsets(body) if text != body else list(range(len(body) + 1))
    persons = [e for e in doc.ents if e.label_ == "PERSON"]
    out = []
    for span in find_quote_spans(text):
        para_start = text.rfind("\n", 0, span.start) + 1
        para_end = text.find("\n", span.end)
        para_end = len(text) if para_end < 0 else para_end
        near = [e for e in persons if para_start <= e.start_char < para_end
                and not (span.start <= e.start_char < span.end)]
        near.sort(key=lambda e: min(abs(e.start_char - span.end), abs(e.end_char - span.start)))
        out.append(_Baseline(offsets[span.text_start], offsets[span.text_end],
                             strip_possessive(near[0].text) if near else None))
    return out


class Score:
    def __init__(self) -> None:
        self.named = [0, 0]
        self.pronoun = [0, 0]
        self.precision = [0, 0]
        self.precision_overlapping = [0, 0]

    def add(self, article: dict, predicted: list) -> None:
        golds = article["quotes"]
        for g in golds:
            if not g.get("fully_quoted"):
                continue
            if g.get("speaker_is_pronoun"):
                if (g.get("speaker") or "").lower() not in ("he", "she") or not gold_name(g.get("speaker_resolved_auto")):
                    continue
                bucket = self.pronoun
            elif gold_name(g.get("speaker")):
                bucket = self.named
            else:
                continue
            bucket[1] += 1
            p = best_prediction(g, predicted)
            if p is not None and p.speaker and gold_speaker_ok(p.speaker, g):
                bucket[0] += 1
        if not golds:
            return  # an article nobody annotated (most NYT ones) says nothing about precision
        headline_end = article["text"].find("\n")
        for p in predicted:
            if not p.speaker or p.start < headline_end:
                continue
            g = best_gold(p, golds)
            if g is not None and not judgeable(g):
                continue
            ok = g is not None and gold_speaker_ok(p.speaker, g)
            self.precision[1] += 1
            self.precision[0] += ok
            if g is not None:
                self.precision_overlapping[1] += 1
                self.precision_overlapping[0] += ok

    @staticmethod
    def ratio(pair) -> str:
        return f"{pair[0] / pair[1]:.3f} ({pair[0]}/{pair[1]})" if pair[1] else "n/a"

    def lines(self) -> list[str]:
        return [
            f"  (a) named speakers found right:   {self.ratio(self.named)}",
            f"  (b) pronoun speakers found right: {self.ratio(self.pronoun)}",
            f"  (c) precision of credited quotes: {self.ratio(self.precision)}"
            f"   [over quotes overlapping gold: {self.ratio(self.precision_overlapping)}]",
        ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
    parser.add_argument("--split", choices=("train", "dev"), default="dev")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--errors", type=int, default=0,
                        help="count the misses by pattern and print this many examples (gold quote and speaker, "
                             "ours with mention and cue)")
    parser.add_argument("--bare", action="store_true",
                        help="also time bare nlp.pipe: PIPE_COMPONENTS against the full pipeline")
    parser.add_argument("--first-judge", action="store_true",
                        help="count resolutions such as 'I' or 'Republican' as names, as the bench did at first")
    args = parser.parse_args(argv)
    global FIRST_JUDGE
    FIRST_JUDGE = args.first_judge
    path = Path(args.path)
    if not path.exists():
        print(f"{path} is not here (it lives in /work/shared); nothing to measure.")
        return 0
    articles = [a for a in map(json.loads, path.open(encoding="utf-8")) if a.get("split") == args.split]
    if args.limit:
        articles = articles[: args.limit]
    if not articles:
        print(f"no {args.split} articles in {path}")
        return 0
    nlp = load_model()
    texts = [nlp_text(a["text"]) for a in articles]
    words = sum(len(t.split()) for t in texts)
    ours, base = Score(), Score()
    errors = []
    started = time.perf_counter()
    for article, doc in zip(articles, nlp.pipe(texts, n_process=args.n_process, batch_size=32)):
        people = find_people(doc)
        predicted = extract_quotes(article["text"], doc, people, parse_sentences)
        ours.add(article, predicted)
        base.add(article, baseline_quotes(article["text"], doc))
        if args.errors:
            errors.extend(_errors(article, predicted))
    elapsed = time.perf_counter() - started
    print(f"{len(articles)} {args.split} articles from {path.name}, components {list(PIPE_COMPONENTS)}")
    print("ours:")
    print("\n".join(ours.lines()))
    print("baseline (nearest PERSON in the paragraph):")
    print("\n".join(base.lines()))
    print(f"throughput (spaCy + extraction, n_process={args.n_process}, incl. baseline): "
          f"{len(articles) / elapsed:.1f} articles/s, {words / elapsed:.0f} words/s")
    if args.bare:
        for label, words_per_second in bare_pipe_speeds(texts, words, args.n_process):
            print(f"bare nlp.pipe, {label}: {words_per_second:.0f} words/s")
    if args.errors:
        print("\n".join(error_report(errors, args.errors)))
    return 0


def bare_pipe_speeds(texts: list[str], words: int, n_process: int):
    """Words per second of nlp.pipe alone, ours against every component of the model."""
    import spacy

    from archive.nlp import MODEL

    full = spacy.load(MODEL)
    ours = load_model()
    for label, nlp in ((f"{list(ours.pipe_names)}", ours), (f"full {list(full.pipe_names)}", full)):
        started = time.perf_counter()
        for _ in nlp.pipe(texts, n_process=n_process, batch_size=32):
            pass
        yield label, words / (time.perf_counter() - started)


def _how(p) -> str:
    """How our quotation was credited, from its mention: a pronoun, a name, a description."""
    mention = (p.speaker_mention or "").strip()
    if not mention:
        return "no clause"
    if mention.lower() in ("he", "she"):
        return "pronoun"
    if p.speaker and parse_person_name(p.speaker).surname and fold(parse_person_name(p.speaker).surname.split()[-1]) \
            in {fold(w) for w in re.findall(r"[^\W\d_]+", mention)}:
        return "name"
    return "description" if p.speaker else "unresolved"


def miss_category(kind: str, p) -> str:
    """A pattern for a miss: what we found where the gold quotation is."""
    if p is None:
        return f"{kind}: no quotation span"
    if not p.speaker:
        return f"{kind}: no speaker ({_how(p)})"
    return f"{kind}: wrong speaker via {_how(p)}"


def _errors(article: dict, predicted: list) -> list[tuple[str, str]]:
    """(category, description) of each miss: gold quote and speaker, ours with mention and cue."""
    out = []
    text = article["text"]
    for g in article["quotes"]:
        if not g.get("fully_quoted"):
            continue
        if g.get("speaker_is_pronoun") and (g.get("speaker") or "").lower() in ("he", "she") and gold_name(g.get("speaker_resolved_auto")):
            kind = "PRON"
        elif not g.get("speaker_is_pronoun") and gold_name(g.get("speaker")):
            kind = "NAMED"
        else:
            continue
        p = best_prediction(g, predicted)
        if p is not None and p.speaker and gold_speaker_ok(p.speaker, g):
            continue
        s, e = g["quote_spans"][0][0], g["quote_spans"][-1][1]
        context = text[max(0, s - 200): min(len(text), e + 150)].replace("\n", " / ")
        got = f"{p.speaker!r} via {p.speaker_mention!r} {p.cue!r}" if p is not None else "no span"
        out.append((miss_category(kind, p),
                    f"--- {kind} gold={g.get('speaker')!r} auto={g.get('speaker_resolved_auto')!r} ours={got}"
                    f"\n    Q: {g.get('quote', '')[:80]!r}\n    {context}"))
    if not article["quotes"]:
        return out
    for p in predicted:
        if not p.speaker:
            continue
        g = best_gold(p, article["quotes"])
        if g is not None and gold_speaker_ok(p.speaker, g):
            continue
        if g is not None and not judgeable(g):
            continue  # what (c) leaves out
        context = text[max(0, p.start - 200): min(len(text), p.end + 150)].replace("\n", " / ")
        gold = f"gold={g.get('speaker')!r} auto={g.get('speaker_resolved_auto')!r}" if g else "no gold quote"
        category = "PREC: no gold quotation" if g is None else f"PREC: wrong speaker via {_how(p)}"
        out.append((category, f"--- PREC {gold} ours={p.speaker!r} via {p.speaker_mention!r} {p.cue!r}"
                              f"\n    Q: {p.text[:80]!r}\n    {context}"))
    return out


def error_report(errors: list[tuple[str, str]], limit: int) -> list[str]:
    """Misses counted by pattern, then up to `limit` examples, grouped by pattern."""
    counts = Counter(category for category, _ in errors)
    lines = ["misses by pattern:"] + [f"  {n:5d}  {category}" for category, n in counts.most_common()]
    shown = 0
    for category, _ in counts.most_common():
        examples = [text for c, text in errors if c == category][:max(0, limit - shown)]
        if examples:
            lines.append(f"== {category}")
            lines.extend(examples)
            shown += len(examples)
    return lines


if __name__ == "__main__":
    sys.exit(main())
