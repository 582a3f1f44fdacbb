"""The word lists every extractor reads, each kept once, with what it is for.

    cues            reporting verbs, one list of lemmas with every form generated ("said",
                    "warned", "went on"), and the ones whose object is the addressee or the
                    subject of the words
    utterances      what someone's words are called, and the documents that can speak for them
    roles           role nouns and the role each names; offices, positions, words of a title
    titles          honorifics, courtesy and peerage titles, generations, letters after a name
    name_words      first names with their gender, short forms, surname particles
    groups          words for people as a group and for bodies (companies, the press, clubs)
    nationalities   words for a person by nationality or home region ("the Scot")
    politics        parties and US states, as descriptions of politicians name them
    pronouns        pronouns, by gender and by person
    punctuation     dashes, quotation marks, sentence ends, possessive endings
    function_words  the grammatical words read around a speaker and a cue, and the capitalized
                    words that open a sentence but never a name

Attribution, entities, names and person labels read from here; no module here imports
anything of the extractors.
"""
