"""Role nouns: what the text says a person is ("the spokesman", "the defender")."""
from __future__ import annotations

from archive.entities import INDIVIDUAL_SPORTS, PLAYING_POSITIONS

# Descriptions of who someone is rather than of a post only one holds: "the defender said"
# means the one the text is about, while "the president said" means whoever the text titled so.
UNTITLED_ROLES = {"player", "star", "captain", "singer", "actor", "athlete", "champion", "veteran",
                  *PLAYING_POSITIONS, *INDIVIDUAL_SPORTS}

UNTITLED_DESCRIPTIONS = {"youngster", "teenager", "debutant", "newcomer", "rookie"}

# Roles that say only that someone plays, shines or belongs, not where: "the star" may be the winger,
# and a "team member" the champion.
GENERIC_ROLES = {"player", "star", "champion", "veteran", "athlete", "member"}

# Offices the text may call the one it is about by when it titled nobody with them ("Michael
# Howard has said … the Tory leader said"); not those of someone who speaks for or to that
# person (a spokesman, a lawyer, a host).
OFFICES = {"president", "vice president", "senator", "representative", "lawmaker", "politician",
           "governor", "mayor", "secretary", "minister", "chancellor", "premier", "leader", "chair",
           "executive", "chief", "director", "manager", "boss", "coach", "captain", "founder",
           "businessperson", "candidate", "incumbent", "speaker", "commissioner", "general", "doctor", "mp"}
