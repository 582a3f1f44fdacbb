"""The words of people's names: first names with the gender they show, their short forms, and the
particles of surnames."""
from __future__ import annotations


# Common first names in English-language news, enough for "he"/"she" to find
# the right person; a name not listed says nothing.
_MALE_NAMES = """
aaron abdullah abraham adam adrian ahmed al alan albert alec alex alexander alexei alfred ali
allen alvin andrew andy angus anthony antonio arnold arthur ashton austin barack barney barry
ben benjamin bernie bernard bill billy bob bobby boris brad bradley brandon brendan brent
brett brian bruce bryan buck byron calvin carl carlos cecil chad charles charlie chris
christopher chuck clarence claude clay clint clyde cody colin conrad cory craig curtis dale
dan daniel danny darrell darren dave david dean dennis derek devin dick dmitri dmitry don
donald doug douglas duncan dustin dwight ed eddie edgar edward eli elijah elliot emmanuel
emanuel eric erik ernest ethan eugene evan felix fernando francis francisco frank franklin
fred frederick gabriel gary gavin gene geoffrey george gerald gilbert glenn gordon grant greg
gregory gus guy hank harold harry harvey hassan hector henry herbert herman howard hugh hugo
ian igor isaac ivan jack jacob jake james jamie jared jason javier jay jeb jeff jeffrey jeremy
jerome jerry jesse jim jimmy joe joel john johnny jon jonathan jorge jose joseph josh joshua
juan julian justin karl keith ken kenneth kevin kurt kyle lamar lance larry lawrence lee
leon leonard leroy lewis lindsey lloyd louis luis luke malcolm marco marcus mario mark marshall
martin marvin matt matthew maurice max michael mick miguel mike milton mitch mitchell mitt
mohammed muhammad nathan neil newt nicholas nick nigel noah norman oliver omar orrin oscar
owen pablo patrick paul pedro percy pete peter phil philip phillip ralph randy ray raymond
reggie reince richard rick rob robert roberto rod rodney roger roland ron ronald ross roy
rudy russell ryan salvador sam samuel scott sean sergei sergey seth shawn sheldon sidney
simon stanley stephen steve steven stuart ted terry thad theodore thomas tim timothy todd tom
tommy tony travis trent trey troy tyler vernon victor vince vincent vladimir volodymyr wade
walter warren wayne wesley will william willie xi yuri zachary
"""

_FEMALE_NAMES = """
abby abigail ada adriana alice alicia alison allison amanda amber amy ana andrea angela
angelina anita ann anna anne annie april barbara becky beth betsy betty beverly bonnie brenda
brittany caitlin camila carla carly carmen carol caroline carolyn catherine cathy charlotte
chelsea cheryl christina christine cindy claire clara claudia colleen connie cynthia daisy
dana danielle debbie deborah debra denise diana diane dolores donna doris dorothy edith
eileen elaine eleanor elena elise elisabeth elizabeth ella ellen elsa emily emma erica erin
esther eva evelyn faith fiona frances gabrielle gail gina gloria grace gretchen hannah harriet
heather heidi helen hillary holly hope ilhan irene iris isabel jackie jacqueline jan jane janet
janice jean jeanne jennifer jenny jessica jill jo joan joanna jodi joni josephine joy joyce
judith judy julia julie june karen kate katherine kathleen kathy katie kay kayleigh kelly
kellyanne kim kimberly kirsten kristen laura lauren leah linda lisa liz lois loretta lori
louise lucy lynn madeleine maria marie marilyn marsha martha mary maureen megan melania
melissa michele michelle mildred miriam molly monica nancy naomi natalie nicole nikki nina
norma olivia pam pamela patricia patty paula pauline peggy penny phyllis priscilla rachel
rebecca regina renee rita roberta robin rosa rose ruth sally samantha sandra sara sarah sharon
sheila shirley sonia sophia stacey stephanie sue susan suzanne sylvia tammy tara teresa
theresa tiffany tina tracy tulsi ursula valerie vanessa veronica victoria virginia wanda
wendy yvonne zoe
"""

FIRST_NAME_GENDER = {n: "male" for n in _MALE_NAMES.split()}
FIRST_NAME_GENDER.update({n: "female" for n in _FEMALE_NAMES.split()})

# English short forms of first names that do not start like the full name ("Chris" for
# Christopher needs no entry). Only a full name and its own short form agree: "Sandy" is
# short for Sandra and for Alexander, so it must not make Sandra and Alexander one.
SHORT_FORMS = {
    "joseph": "joe joey", "william": "bill billy will willie", "robert": "bob bobby rob robbie",
    "richard": "dick rick ricky", "james": "jim jimmy jamie", "michael": "mike mick mickey",
    "edward": "ted teddy ed eddie ned", "theodore": "ted teddy", "charles": "chuck charlie",
    "elizabeth": "liz lizzie beth betty betsy libby", "margaret": "peggy maggie meg", "john": "jack johnny",
    "henry": "hank harry", "harold": "harry hal", "anthony": "tony", "andrew": "andy drew",
    "david": "dave", "stephen": "steve", "steven": "steve", "katherine": "kate katie kathy",
    "catherine": "kate katie cathy", "kathleen": "kate kathy", "sandra": "sandy", "alexander": "sandy",
    "lawrence": "larry", "laurence": "larry", "gerald": "jerry", "rudolph": "rudy", "bernard": "bernie",
    "susan": "sue susie", "patricia": "patty trish", "rebecca": "becky", "deborah": "debbie",
    "daniel": "danny", "timothy": "timmy", "kenneth": "kenny", "donald": "donnie", "ronald": "ronnie",
    "frederick": "freddie", "samuel": "sammy", "benjamin": "benny", "jacob": "jake", "leonard": "lenny",
    "francis": "frank", "eugene": "gene", "cynthia": "cindy", "albert": "bert", "herbert": "herb",
    "nicholas": "nick nicky", "matthew": "matt", "jennifer": "jenny",
}

# Particles that belong to a surname ("Charles de Gaulle", "Ursula von der Leyen").
SURNAME_PARTICLES = {"de", "da", "di", "del", "della", "dal", "dalla", "dei", "degli", "van", "von", "der", "den",
                     "la", "le", "al", "el", "bin", "ibn", "du", "dos", "das", "do", "ter", "ten", "mac", "zu"}

# Particles that, capitalized, also open a name as a given name ("Al Gore", "Van Morrison").
GIVEN_NAME_PARTICLES = {"al", "van", "di", "del", "el", "la", "mac"}
