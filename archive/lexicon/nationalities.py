"""Words for a person by nationality or home region ("the Scot", "the Texan")."""
from __future__ import annotations


# Words for a person by nationality or home region that NER tags as a name ("the Scot
# admitted", "the Welshman", "the Texan said"); left out are those that are also surnames
# (Cuban, French, Welsh, English).
NATIONALITY_NOUNS = {
    "texan", "californian", "floridian", "ohioan", "virginian", "louisianan", "oklahoman",
    "londoner", "glaswegian", "mancunian", "liverpudlian", "scouser", "geordie", "parisian", "zealander",
    "scot", "scotsman", "scotswoman", "welshman", "welshwoman", "englishman", "englishwoman",
    "irishman", "irishwoman", "frenchman", "frenchwoman", "dutchman", "dutchwoman", "ulsterman",
    "yorkshireman", "cornishman", "spaniard", "briton", "swede", "kiwi", "aussie", "argentine",
    "argentinian", "australian", "american", "canadian", "brazilian", "italian", "german",
    "portuguese", "russian", "chinese", "japanese", "swiss", "belgian", "croatian", "serbian",
    "nigerian", "kenyan", "ethiopian", "jamaican", "mexican", "israeli", "palestinian", "iraqi",
    "iranian", "afghan", "syrian", "egyptian", "greek", "czech", "ukrainian", "norwegian",
    "austrian", "colombian", "chilean", "scottish", "spanish", "dutch", "irish", "welsh", "british",
}
