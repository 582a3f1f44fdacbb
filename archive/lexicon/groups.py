"""Words for bodies: organizations, the press, institutions."""
from __future__ import annotations

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
