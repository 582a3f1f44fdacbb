"""International news, read right: legacy charsets, mojibake, names in other scripts, language
identification on short lines, and search stemmed per language. Hand-written cases only (no
real article text); prints one table per part.

    .venv/bin/python -m bench.international [--verbose]

1. Charsets: a few sentences in each of eight legacy charsets (and Windows-1252 French, German
   and English), saved without any declaration, read back through the archive's readers and
   normalization, as a whole and cut to their first 60 and 30 characters; charset-normalizer's
   own best guess on the same bytes beside it.
2. Mojibake: UTF-8 read as Windows-1252 (once or twice), repaired; quotes must stay curly.
3. Names: pairs of names in Cyrillic, Greek, Arabic, Hebrew, Chinese, Japanese, Korean and Latin
   letters, each either one person or two; archive.names.same_person must say which.
4. Language: short news lines (one sentence) in eleven languages; archive.language against the
   stop-word counts it replaced (STOPWORD_GUESS below, as it was).
5. Search: a query word and a word of an article that it should (or should not) find, compared
   as the index's analyzers see them: the English one alone, and the article's language's.
6. When ../shared/dev/multilingual is here: the language of its 96 real French and German web
   pages, read as the archive reads them, against the language its manifest gives (the
   manifest's own labels are not all right: the pages that disagree are listed).
7. French and German news: short articles written for this bench, each with its date line and
   hand-checked quotations and speakers, read and annotated as `extract` does: publication
   days right, quotation spans found, and for the speakers the named ones found (recall) and
   the ones given that are right (precision). German has no model: its spans and dates count,
   and no speaker should be given.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import charset_normalizer  # noqa: E402

from archive.language import detect_language  # noqa: E402
from archive.names import same_person  # noqa: E402
from archive.normalize import normalize, repair_mojibake  # noqa: E402
from archive.readers import read_file  # noqa: E402
from index.schema import language_analyzer, text_analyzer  # noqa: E402

CHARSET_TEXTS = [
    ("cp1251", "Заместитель министра иностранных дел России заявил в среду, что переговоры с Вашингтоном "
               "зашли в тупик. По его словам, Москва не намерена уступать."),
    ("koi8_r", "Пресс-секретарь Кремля сообщил журналистам, что президент проведёт совещание с правительством "
               "в четверг. Он отказался комментировать слухи об отставке."),
    ("iso8859_7", "Ο πρωθυπουργός δήλωσε την Τρίτη ότι η κυβέρνηση θα μειώσει τους φόρους για τις μικρές "
                  "επιχειρήσεις. Η αντιπολίτευση κατηγόρησε την κυβέρνηση για προεκλογικές υποσχέσεις."),
    ("cp1254", "Dışişleri Bakanı çarşamba günü yaptığı açıklamada, müzakerelerin gelecek hafta İstanbul'da "
               "yeniden başlayacağını söyledi. Görüşmelere iki ülkenin heyetleri katılacak."),
    ("shift_jis", "政府は水曜日、来年度の予算案を閣議決定した。防衛費は過去最大となり、野党は財源について説明を求めている。"),
    ("gb18030", "外交部发言人周三在例行记者会上表示，中方愿与各方加强沟通，共同维护地区和平稳定。"),
    ("cp1250", "Minister spraw zagranicznych powiedział w środę, że rozmowy z Brukselą przebiegają w dobrej "
               "atmosferze. Według niego porozumienie może zostać podpisane jeszcze w tym miesiącu."),
    ("iso8859_2", "Česká vláda ve středu schválila návrh zákona o daních. Ministr financí řekl, že změny pomohou "
                  "především malým podnikům a živnostníkům. Opozice však kritizuje, že škrty postihnou školy."),
    ("cp1252", "Le ministre a déclaré mercredi que la grève des cheminots coûterait cher à l'économie française. "
               "« Nous n'avons pas d'autre choix », a-t-il ajouté."),
    ("cp1252", "Die Regierung hat am Mittwoch ein neues Gesetz über Steuern beschlossen. „Das ist ein großer "
               "Schritt für die Wirtschaft“, sagte der Minister in Berlin."),
    ("cp1252", "“We cannot pay,” said René Dubois, who runs a café in the old town. Prices rose by 30 % this year."),
]
CUTS = (None, 60, 30)

MOJIBAKE_TEXTS = [
    "Talks at Guantánamo resumed on Monday.",
    "François Hollande said it’s “not over yet”.",
    "The café in Zürich closed after 40 years — a pity.",
    "São Paulo’s mayor met Ségolène Royal.",
    "Prices rose 5 € in Málaga, said Núñez.",
    "Dvořák’s symphony opened the season in Brno.",
    "Łódź and Kraków voted “no”.",
    "The emoji 👍 was sent by the minister.",
    "Ελλάδα and Россия were named in the report.",
    "İstanbul’s governor spoke to Anadolu.",
    "Mr. Gödel’s ‘proof’ was discussed.",
    "Über 50 % der Bürger sagten „nein“.",
]
# Cyrillic UTF-8 read as Windows-1251 ("РџСЂРёРІРµС‚" for Привет).
MOJIBAKE_1251_TEXTS = [
    "Министр заявил журналистам, что мост откроют весной.",
    "«Мы не согласны», — сказал Рябков.",
    "Рёв толпы был слышен у Суда.",
]

# (name, name, one person?)
NAME_PAIRS = [
    ("Дмитрий Песков", "Владимир Путин", False),
    ("Дмитрий Песков", "Сергей Рябков", False),
    ("Дмитрий Песков", "Песков", True),
    ("Сергей Рябков", "Рябков", True),
    ("Владимир Путин", "Путина", False),  # a declined form is another word to a name key
    ("Κυριάκος Μητσοτάκης", "Μητσοτάκης", True),
    ("Κυριάκος Μητσοτάκης", "Αλέξης Τσίπρας", False),
    ("محمد بن سلمان", "عبد الله الثاني", False),
    ("محمد بن سلمان", "محمد بن سلمان", True),
    ("בנימין נתניהו", "יאיר לפיד", False),
    ("בנימין נתניהו", "נתניהו", True),
    ("习近平", "李强", False),
    ("习近平", "习近平", True),
    ("岸田文雄", "石破茂", False),
    ("김정은", "윤석열", False),
    ("김정은", "김정은", True),
    ("Дмитрий Песков", "Dmitry Peskov", False),  # kept apart: each article keeps its own script
    ("Lech Wałęsa", "Wałęsa", True),
    ("Lech Wałęsa", "Lech Walesa", True),
    ("Recep Tayyip Erdoğan", "Erdogan", True),
]

# (language, line)
LANGUAGE_LINES = [
    ("en", "The minister said talks would resume next week."),
    ("en", "Shares fell sharply after the bank cut its forecast."),
    ("en", "Police closed the bridge after the storm."),
    ("fr", "Le ministre a annoncé une réforme des retraites."),
    ("fr", "Les syndicats appellent à la grève jeudi."),
    ("fr", "La police a fermé le pont après la tempête."),
    ("de", "Der Minister kündigte neue Verhandlungen an."),
    ("de", "Die Polizei sperrte die Brücke nach dem Sturm."),
    ("de", "Die Gewerkschaft ruft für Donnerstag zum Streik auf."),
    ("es", "El gobierno aprobó el presupuesto el martes."),
    ("es", "La policía cerró el puente tras la tormenta."),
    ("it", "Il governo ha approvato la legge di bilancio."),
    ("it", "La polizia ha chiuso il ponte dopo la tempesta."),
    ("pt", "O governo aprovou o orçamento na terça-feira."),
    ("pt", "A polícia fechou a ponte depois da tempestade."),
    ("nl", "De minister kondigde nieuwe onderhandelingen aan."),
    ("nl", "De politie sloot de brug na de storm."),
    ("ru", "Министр объявил о новых переговорах."),
    ("ru", "Полиция закрыла мост после бури."),
    ("pl", "Policja zamknęła most po burzy."),
    ("pl", "Rząd przyjął budżet we wtorek."),
    ("tr", "Polis fırtınadan sonra köprüyü kapattı."),
    ("tr", "Hükümet bütçeyi salı günü onayladı."),
    ("cs", "Policie po bouři uzavřela most."),
    ("cs", "Vláda v úterý schválila rozpočet."),
    ("el", "Η αστυνομία έκλεισε τη γέφυρα μετά την καταιγίδα."),
    ("el", "Η κυβέρνηση ενέκρινε τον προϋπολογισμό την Τρίτη."),
    ("fr", "Selon le porte-parole, aucune décision n'a été prise."),
    ("de", "Laut dem Sprecher wurde noch nichts entschieden."),
    ("en", "According to the spokesman, nothing has been decided."),
]

# (language, query word, word in the article, should it be found?)
SEARCH_PAIRS = [
    ("fr", "grève", "grèves", True),
    ("fr", "greve", "grèves", True),
    ("fr", "nationaux", "national", True),
    ("fr", "économiques", "économie", True),
    ("fr", "retraites", "retraite", True),
    ("fr", "élections", "électoral", True),
    ("fr", "ministre", "ministère", False),
    ("de", "Verhandlungen", "Verhandlung", True),
    ("de", "Bundesregierung", "Bundesregierungen", True),
    ("de", "Klimaschutzgesetzes", "Klimaschutzgesetz", True),
    ("de", "Gespräche", "Gespräch", True),
    ("de", "Strasse", "Straße", True),
    ("de", "Steuern", "Steuer", True),
    ("de", "Regierung", "Bundesregierung", False),  # a compound is one word: not found by its last part
]

# The language guess this benchmark compares against: stop-word counts over seven
# languages, as archive/language.py had it before py3langid.
STOPWORD_GUESS = {
    "en": "the of and to in is that for it was on with as he said by at are from his be have this an not but they",
    "fr": "le la les de des et est un une du que qui dans pour pas sur au avec il ne se ce sont par plus",
    "de": "der die und das ist nicht ein eine zu den mit sich des auf für im dem von sie es auch wird",
    "es": "el la de que y en los las del se por un una con para es no al lo como más su pero",
    "it": "il di che la per un una del della non sono è le con gli anche alla si nel più ma",
    "pt": "o a de que e do da em um uma para com não os as se por mais dos das foi ao",
    "nl": "de het een van en is dat niet op te zijn met voor die aan ook er als bij",
}


def stopword_guess(text: str) -> str | None:
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", text)]
    if len(words) < 8:
        return None
    scores = {lang: sum(1 for w in words if w in set(stops.split())) for lang, stops in STOPWORD_GUESS.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] >= max(2, len(words) // 20) else None


def charsets(verbose: bool) -> None:
    print("1. Legacy charsets saved without a declaration, read back exactly")
    print(f"   {'charset':<10} {'chars':>5}  archive  doubt  charset-normalizer alone")
    totals = {cut: [0, 0, 0, 0] for cut in CUTS}
    for charset, text in CHARSET_TEXTS:
        for cut in CUTS:
            original = text[:cut] if cut else text
            data = original.encode(charset)
            [item] = read_file("story.txt", data)
            article = normalize(item.draft) if item.ok else None
            ours = article is not None and article.body == " ".join(original.split())
            doubt = article is not None and article.decoding.doubt is not None
            best = charset_normalizer.from_bytes(data).best()
            alone = best is not None and str(best) == original
            totals[cut][0] += ours
            totals[cut][1] += alone
            totals[cut][2] += doubt
            totals[cut][3] += not ours and not doubt
            if cut is None or verbose or not ours:
                used = article.decoding.encoding if article else "-"
                print(f"   {charset:<10} {len(original):>5}  {'right' if ours else 'WRONG':<7}  {'yes' if doubt else '':<5}"
                      f"  {'right' if alone else 'wrong'} ({best.encoding if best else None}); read as {used}")
    pages = pages_doubted = 0
    for charset, text in CHARSET_TEXTS:
        page = (f"<html><head><title>News</title><script>var site = {{'region': 'eu'}};</script></head><body>"
                f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Headline</h1>"
                f"<p>{text}</p></article><footer>Copyright 2024</footer></body></html>")
        [item] = read_file("page.html", page.encode(charset))
        pages += item.ok and text in " ".join(item.draft.paragraphs)
        pages_doubted += item.ok and item.draft.decoding.doubt is not None
    print(f"   as the paragraph of a web page without a declaration: {pages}/{len(CHARSET_TEXTS)} "
          f"(said to be in doubt: {pages_doubted})")
    for cut in CUTS:
        ours, alone, doubts, silent = totals[cut]
        label = "whole texts" if cut is None else f"first {cut} characters"
        print(f"   {label}: archive {ours}/{len(CHARSET_TEXTS)} (said to be in doubt: {doubts}; "
              f"wrong without a doubt: {silent}), "
              f"charset-normalizer alone {alone}/{len(CHARSET_TEXTS)}")


def misread(text: str) -> str:
    """UTF-8 read as Windows-1252, the five bytes it leaves undefined kept as the C1 controls
    of the same number (as Latin-1 reads them: what most such text carries)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))


def mojibake(verbose: bool) -> None:
    print("\n2. Mojibake repaired, quotes kept as written")
    right = 0
    cases = []
    for text in MOJIBAKE_TEXTS:
        once = misread(text)
        cases += [(text, once), (text, misread(once))]
    cases += [(text, text.encode("utf-8").decode("cp1251", errors="replace")) for text in MOJIBAKE_1251_TEXTS]
    for text, garbled in cases:
        repaired = repair_mojibake(garbled)
        right += repaired == text
        if verbose or repaired != text:
            print(f"   {'right' if repaired == text else 'WRONG'}: {garbled!r} -> {repaired!r}")
    print(f"   repaired exactly: {right}/{len(cases)} (each Latin-script text garbled once and twice as "
          "Windows-1252, each Cyrillic one once as Windows-1251)")
    correct = MOJIBAKE_TEXTS + MOJIBAKE_1251_TEXTS
    untouched = sum(repair_mojibake(text) == text for text in correct)
    print(f"   correct text left as it is: {untouched}/{len(correct)}")


def names(verbose: bool) -> None:
    print("\n3. Names in several scripts: one person or two")
    right = 0
    for a, b, one in NAME_PAIRS:
        said = same_person(a, b)
        right += said == one
        if verbose or said != one:
            print(f"   {'right' if said == one else 'WRONG'}: {a} / {b}: {'one' if said else 'two'}")
    print(f"   right: {right}/{len(NAME_PAIRS)}")


def languages(verbose: bool) -> None:
    print("\n4. Language of one short line")
    ours = old = unsure = 0
    for language, line in LANGUAGE_LINES:
        guess, before = detect_language(line), stopword_guess(line)
        ours += guess == language
        old += before == language
        unsure += guess is None
        if verbose or guess != language:
            print(f"   {language}: archive {guess}, stop words {before}: {line}")
    print(f"   right: archive (py3langid) {ours}/{len(LANGUAGE_LINES)} ({unsure} too short to say), "
          f"stop-word counts {old}/{len(LANGUAGE_LINES)}")


def search(verbose: bool) -> None:
    print("\n5. Search: does the query word find the article's word")
    english = text_analyzer()
    ours = before = 0
    for language, query, word, found in SEARCH_PAIRS:
        own_stems = language_analyzer(language)
        alone = [t.text for t in english(query)] == [t.text for t in english(word)]
        # the index searches both fields: a match in either finds the article
        own = alone or [t.text for t in own_stems(query)] == [t.text for t in own_stems(word)]
        ours += own == found
        before += alone == found
        if verbose or own != found:
            print(f"   {language} {query} / {word}: should {'' if found else 'not '}match; "
                  f"with its language's stemmer {own}, English alone {alone}")
    print(f"   right: per language {ours}/{len(SEARCH_PAIRS)}, English stemmer alone {before}/{len(SEARCH_PAIRS)}")


def real_pages(verbose: bool) -> None:
    folder = Path(__file__).resolve().parent.parent.parent / "shared" / "dev" / "multilingual"
    if not (folder / "manifest.json").exists():
        print(f"\n6. {folder} is not here; the real pages are not measured")
        return
    print(f"\n6. Language of the real pages in {folder}, against the manifest's label")
    entries = json.loads((folder / "manifest.json").read_text())["entries"]
    agree = 0
    for entry in entries:
        items = read_file(entry["file"], (folder / entry["file"]).read_bytes())
        language = normalize(items[0].draft).language if items and items[0].ok else "(not read)"
        agree += language == entry["language"]
        if verbose or language != entry["language"]:
            print(f"   {entry['file']}: manifest {entry['language']}, archive {language}")
    print(f"   agree: {agree}/{len(entries)}")


# (text file, published day, [(the quotation's first words, its speaker or None)]).
NEWS_CASES = {
    "fr": [
        ("Grève\n\nPublié le 7 mars 2023 à 11h02\n\nLes syndicats maintiennent leur appel. « Nous ne "
         "reculerons pas », a déclaré Sophie Martin, secrétaire générale du syndicat.",
         "2023-03-07", [("Nous ne reculerons", "Sophie Martin")]),
        ("Transports\n\nPublié le 8 mars 2023 à 9h15\n\n« Le dialogue reste ouvert », a affirmé mardi "
         "la ministre des Transports, Élise Bernard.",
         "2023-03-08", [("Le dialogue reste", "Élise Bernard")]),
        ("Lyon\n\nPublié le 2 février 2023\n\nLe maire de Lyon, Grégory Doucet, a critiqué la réforme. "
         "« C'est une erreur », a-t-il déclaré lundi.",
         "2023-02-02", [("C'est une erreur", "Grégory Doucet")]),
        ("Croissance\n\nPublié le 12/01/2023 à 18:40\n\nSelon Marc Lefèvre, économiste à l'OFCE, « la "
         "croissance ralentira cette année ».",
         "2023-01-12", [("la croissance ralentira", "Marc Lefèvre")]),
        ("Hôpital\n\nPublié le 3 avril 2023\n\n« Nous avons besoin de plus de moyens », estime Julien "
         "Moreau, directeur de l'hôpital.",
         "2023-04-03", [("Nous avons besoin", "Julien Moreau")]),
        ("Conseil\n\nPublié le 5 mai 2023\n\nMme Claire Dubois a déclaré : « Nous attendons des actes. »",
         "2023-05-05", [("Nous attendons des", "Claire Dubois")]),
        ("Gouvernement\n\nPublié le 6 juin 2023\n\n« La situation est grave », a ajouté la porte-parole "
         "du gouvernement, Anne Lemoine.",
         "2023-06-06", [("La situation est", "Anne Lemoine")]),
        ("Élection\n\nPublié le 1er juillet 2023\n\n« Je ne suis pas candidat », a répondu M. Laurent "
         "Petit devant la presse.",
         "2023-07-01", [("Je ne suis", "Laurent Petit")]),
        ("Budget\n\nMis à jour le 9 août 2023 à 7h30\nPublié le 8 août 2023 à 22h10\n\n« Rien n'est "
         "décidé », a expliqué François Girard, avant d'ajouter : « Nous verrons demain. »",
         "2023-08-08", [("Rien n'est", "François Girard"), ("Nous verrons", "François Girard")]),
        ("Prix\n\nPublié le 10 septembre 2023\n\n“Les prix vont baisser”, a assuré Paul Bernard, le "
         "patron de l'enseigne.",
         "2023-09-10", [("Les prix vont", "Paul Bernard")]),
        ("Association\n\nPublié le 11 octobre 2023\n\n« Ce n'est pas acceptable », a dénoncé Nathalie "
         "Roux, présidente de l'association.",
         "2023-10-11", [("Ce n'est pas", "Nathalie Roux")]),
        ("Agriculture\n\nPublié le 14 novembre 2023\n\n« Nous sommes inquiets », confie Pierre Lambert, "
         "agriculteur dans la Beauce.",
         "2023-11-14", [("Nous sommes inquiets", "Pierre Lambert")]),
        ("Économie\n\nPublié le 15 décembre 2023\n\n« L'accord est signé », a annoncé le ministre de "
         "l'Économie, Bruno Delorme. Les syndicats ont salué « un premier pas ».",
         "2023-12-15", [("L'accord est", "Bruno Delorme"), ("un premier pas", None)]),
    ],
    "de": [
        ("Streik\n\nVeröffentlicht am 7. März 2023, 11:02 Uhr\n\nDie Gewerkschaft bleibt hart. „Wir "
         "werden nicht nachgeben“, sagte Thomas Weber, der Vorsitzende.",
         "2023-03-07", [("Wir werden nicht", "Thomas Weber")]),
        ("Regierung\n\nStand: 08.03.2023 09:15 Uhr\nVeröffentlicht am 8. März 2023\n\n»Die Tür bleibt "
         "offen«, erklärte Verkehrsministerin Julia Fischer im Weißen Haus.",
         "2023-03-08", [("Die Tür bleibt", "Julia Fischer")]),
        ("Wahl\n\nVeröffentlicht am 2. Februar 2023\n\nSie sagte: „Ich trete nicht an.“ Das sei "
         "endgültig, so die Politikerin.",
         "2023-02-02", [("Ich trete nicht", None)]),
    ],
}


def news(verbose: bool) -> None:
    from archive import nlp

    print("\n7. French and German news (hand-written): dates, quotation spans, speakers")
    for language, cases in NEWS_CASES.items():
        articles = []
        for text, _, _ in cases:
            items = read_file(f"{language}.txt", text.encode())
            articles.append(normalize(items[0].draft))
        nlp.annotate(articles)
        days = spans = quotes = named = named_right = given = given_right = 0
        for article, (_, day, gold) in zip(articles, cases):
            value = article.published.value
            days += value is not None and value.date().isoformat() == day
            for start, speaker in gold:
                quotes += 1
                found = next((q for q in article.quotes if q.text.startswith(start)), None)
                spans += found is not None
                ours = found.speaker if found else None
                named += speaker is not None
                right = ours is not None and speaker is not None and same_person(ours, speaker)
                named_right += right
                given += ours is not None
                given_right += right
                if verbose or (ours or None) != speaker and not right:
                    print(f"   {language} «{start}…»: expected {speaker}, archive {ours}")
        precision = f"{given_right}/{given}" if given else "none given"
        print(f"   {language}: {len(cases)} articles ({articles[0].attribution}); publication day right "
              f"{days}/{len(cases)}; spans found {spans}/{quotes}; named speakers found {named_right}/{named}; "
              f"speakers given right {precision}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="print every case, not only the misses")
    args = parser.parse_args()
    charsets(args.verbose)
    mojibake(args.verbose)
    names(args.verbose)
    languages(args.verbose)
    search(args.verbose)
    real_pages(args.verbose)
    news(args.verbose)


if __name__ == "__main__":
    main()
