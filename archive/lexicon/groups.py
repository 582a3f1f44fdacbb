"""Words for people as a group and for bodies: organizations, the press, institutions, clubs."""
from __future__ import annotations


# Plural words for people as a group that open a sentence like a name ("Police said",
# "Critics say") and are not role words.
GROUP_NOUNS = {
    "police", "critics", "witnesses", "observers", "investigators", "scientists", "campaigners",
    "protesters", "protestors", "opponents", "sources", "insiders", "locals", "neighbours", "neighbors",
    "parents", "organisers", "organizers", "authorities", "troops", "rebels", "militants", "unions",
    "shoppers", "consumers", "viewers", "users", "gamers", "allies", "rivals", "donors", "delegates",
    "colleagues", "relatives", "politicos",
}

# First words that make a name a group: "Team Trump" is a campaign, "Team Sky" a cycling team.
GROUP_OPENERS = {"team"}

# Names NER sometimes takes for people.
NOT_PEOPLE = {"twitter", "facebook", "instagram", "youtube", "google", "reddit", "snapchat",
              "tiktok", "linkedin", "whatsapp", "netflix", "amazon",
              # awards and leagues ("an Oscar nomination", "the Premiership")
              "oscar", "oscars", "grammy", "grammys", "emmy", "emmys", "bafta", "baftas", "premiership"}

# Last words that make a name a place, building, event, prize or club, never a person
# ("Stonewall Inn", "Trafalgar Square", "Davis Cup"); "Hall", "Park" and "Church" are surnames too.
NOT_PERSON_HEADS = {
    "inn", "hotel", "avenue", "road", "square", "school", "college", "university", "cathedral",
    "centre", "center", "airport", "station", "hospital", "stadium", "arena", "museum", "gallery",
    "theatre", "theater", "library", "institute", "foundation", "prize", "award", "awards", "cup",
    "trophy", "championship", "championships", "festival", "laboratories", "canyon",
    "united", "rovers", "wanderers", "albion", "athletic", "hotspur",  # "Manchester United": a club
}

# Last words of a business's or a body's name: "fund manager Matrix Asset Advisors".
ORG_NAME_HEADS = {"agency", "bank", "advisors", "advisers", "partners", "group", "capital", "holdings", "fund",
                  "trust", "committee", "council", "association", "party", "union", "league", "board",
                  "commission", "office", "ministry", "department", "services", "network", "news", "bureau",
                  "company", "corporation", "corp", "inc", "ltd", "plc", "airlines", "motors", "securities"}

# Nouns for a company, club or group that name it when put right before its name. Not the
# ones that are also people's jobs ("film producer", "broadcaster", "publisher", "maker").
BODY_NOUNS = {
    "company", "firm", "giant", "group", "retailer", "chain", "supermarket", "carrier", "airline",
    "bank", "insurer", "conglomerate", "subsidiary", "unit", "brand", "label", "studio", "studios",
    "network", "channel", "station", "website", "site", "magazine", "newspaper", "tabloid",
    "club", "band", "outfit", "charity", "agency", "watchdog", "regulator", "consortium",
}

# Bodies of government named after their people or place: "the Scottish Executive".
INSTITUTIONS = {"Executive", "Assembly", "Parliament", "Government", "Administration", "Cabinet"}

# "the company said": nouns for an organization the text has named.
ORG_NOUNS = {"company", "firm", "group", "bank", "club", "agency", "organisation", "organization",
             "airline", "carrier", "retailer", "insurer", "carmaker", "manufacturer", "publisher",
             "studio", "union", "charity", "watchdog", "regulator", "council", "commission", "committee"}

# "the newspaper said": the organization must be one by its name ("Arab News") or title
# ("Spanish daily ABC"), as the company a paper reports on often was the last subject.
MEDIA_NOUNS = {"newspaper", "paper", "daily", "tabloid", "magazine", "broadcaster", "station", "channel",
               "network", "website"}

MEDIA_NAME_WORDS = {"news", "times", "post", "telegraph", "journal", "guardian", "herald", "daily", "mail",
                    "radio", "tv", "television", "magazine", "press", "tribune", "gazette", "observer",
                    "independent", "mirror", "express", "chronicle", "bbc", "cnn", "abc", "nbc", "cbs",
                    "fox", "msnbc", "reuters", "bloomberg", "politico", "channel", "sun", "star",
                    "standard", "economist", "inquirer", "review", "weekly"}
