"""Reader's one vocabulary of cue words: general-knowledge word lists that cue or rule out
entities (lower-case sets) and that find speakers (speech verbs, roles, and the case-sensitive
title words attribution matches as written).

These are English grammar and newsroom conventions, not names taken from any corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.core.nlp.word_trie import first_chars, trie_alternation


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that start sentences and headlines but never start a name.
FUNCTION_WORDS = _words(
    """a an the this that these those there here it its it's he she they we i you me him her
    them us our your their his my mine who whom whose which what when where why how whether
    and or but nor so yet for if then than because since while although though unless until
    after before during as at by from in into of off on onto out over per to up upon via with
    within without about above across against along among around behind below beneath beside
    between beyond despite down except inside near outside past through throughout toward
    towards under underneath unlike all any both each either every few many more most much
    neither no none not some such own other another same also just only even still already
    again ever never always often sometimes usually currently meanwhile however therefore
    thus hence instead otherwise moreover furthermore nevertheless nonetheless indeed perhaps
    maybe now then today tonight tomorrow yesterday recently later earlier soon once finally
    first second third last next new old is are was were be been being am do does did done
    has have had having will would shall should can could may might must let yes ok okay
    asked said says told according overall separately likewise similarly elsewhere together
    one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    sixty seventy eighty ninety hundred thousand million billion dozens hundreds thousands
    millions billions half several some most many few whatever whoever whenever wherever
    although amid amidst asked besides early late nearly almost about around roughly just
    updated breaking related original skip read watch listen share advertisement photo
    video click subscribe sign follow please note editor editing reporting writing additional
    politics business sport sports world opinion analysis live news update exclusive new"""
)

# Small words that headline style capitalises ("Gay Rights After Dismantling Roe").
TITLE_SMALL_WORDS = _words(
    """a an the and or but nor for of in on at to with after before from by as is are was
    over under into about against amid during without"""
)

# Weekdays, months and their abbreviations: dates belong to the time expressions.
CALENDAR_WORDS = _words(
    """monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs
    fri sat sun january february march april june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec christmas easter"""
)

# Titles and roles that name a person's position: a capitalised name right after one is a
# person ("Foreign Minister Sergei Lavrov", "Kremlin spokesman Dmitry Peskov").
TITLE_HEADS = _words(
    """president presidents minister ministers secretary sens sens. reps reps. chancellor
    premier governor mayor agent
    senator sen. sen congressman congresswoman representative rep. rep ambassador envoy
    spokesman spokeswoman spokesperson spokespeople king queen prince princess emperor
    sultan sheikh pope cardinal archbishop bishop rabbi imam reverend rev. father
    general gen. colonel col. lieutenant lt. maj. captain capt. sergeant sgt. admiral
    commander marshal chief director chairman chairwoman chair ceo executive founder
    leader head judge justice prosecutor attorney lawyer coach manager striker midfielder
    defender goalkeeper keeper forward captain champion player rider driver analyst
    economist official officials diplomat commissioner inspector detective officer
    mr. mrs. ms. dr. mr mrs ms dr prof. professor gov. gov pres. sec. amb. atty. supt. insp.
    det. cmdr. adm. sgt. capt. col. lt. sir lord lady dame miss mister monsieur madame
    deputy vice speaker chairperson dictator tsar czar ayatollah mullah spokesmen
    correspondent reporter editor columnist author actor actress singer star mp mep msp
    anchor presenter commentator lieutenant-colonel lieutenant-general major-general
    brigadier-general brigadier vice-admiral rear-admiral vice-president fullback winger flanker
    batsman bowler pitcher catcher outfielder infielder quarterback jockey"""
)

# Forms of address: they mark a person but are not a role.
HONORIFICS = _words(
    "mr mr. mrs mrs. ms ms. mx mx. miss dr dr. sir dame lady lord mister monsieur madame"
)

# Words that qualify a title ("Foreign", "Defence", "Prime") without naming anyone.
TITLE_MODIFIERS = _words(
    """foreign defence defense prime vice deputy interior finance justice trade economy
    economic energy health education agriculture labour labor home affairs state chief
    senior acting former then-president then ex first assistant under top national
    general executive managing secretary-general attorney-general white house press
    security intelligence environment transport culture sports information industry
    commerce treasury public development communications immigration social veterans
    housing emergency emergencies war peace deputy-foreign shadow"""
)

# A capitalised run ending in one of these is an organisation ("State Department").
ORG_SUFFIXES = _words(
    """ministry department council party service post times inc inc. corp corp. co co.
    ltd ltd. llc plc ag sa nv gmbh bv spa group union association committee commission
    agency organization organisation university college school institute foundation
    bank court assembly parliament congress senate army navy police federation league
    board authority corporation company holdings industries systems technologies
    securities capital partners exchange fund trust club fc united airlines airways
    motors journal news press herald tribune telegraph guardian gazette network
    broadcasting television radio tv channel office bureau directorate guard forces
    brigade front movement alliance coalition cabinet government administration
    secretariat tribunal church mission hospital museum orchestra band team electric
    energy oil petroleum pharmaceuticals media publishing records studios communications
    telecom telecommunications insurance investments bancorp financial group's nations
    reserve treasury newsroom corps tobacco foods chemicals mining steel software brewery
    pharmaceutical pharma automotive logistics resources security brothers"""
)

# "<Org word> of X" is an organisation ("University of Texas", "Bank of England").
ORG_OF_HEADS = _words(
    """ministry department university bank council court house board institute office
    federation association union league chamber academy college school museum church
    commission committee organization organisation party army government bureau agency
    administration authority society foundation service"""
)

# "<Place word> of X" and "X <place word>" are places ("Gulf of Mexico", "Black Sea").
PLACE_OF_HEADS = _words(
    """republic kingdom state states gulf bay isle islands island strait sea city province
    region sultanate emirate principality commonwealth federation"""
)
PLACE_SUFFIXES = _words(
    """sea ocean river lake mountains mountain mount hills valley island islands peninsula
    bay gulf strait coast desert forest hill street avenue road square airport province region
    county district city town village oblast krai territory state canal falls park
    republic"""
)

# Well-known institutions whose names carry no organisation suffix.
KNOWN_ORGANIZATIONS = (
    "Kremlin",
    "House",
    "White House",
    "Pentagon",
    "Downing Street",
    "Elysee",
    "Élysée",
    "Vatican",
    "Congress",
    "Parliament",
    "Senate",
    "Duma",
    "Bundestag",
    "Knesset",
    "Politburo",
    "Interpol",
    "Europol",
    "Reuters",
    "Gazprom",
    "Rosneft",
    "Taliban",
    "Hamas",
    "Hezbollah",
    "NATO",
    "UN",
    "U.N.",
    "EU",
    "E.U.",
    "OPEC",
    "United Nations",
    "European Union",
    "European Commission",
    "Red Cross",
    "Scotland Yard",
    "Nasdaq",
)

# A capitalised run ending in one of these names an event, prize or law: `other`.
EVENT_SUFFIXES = _words(
    """cup open championship championships games olympics tournament trophy prize award
    awards war treaty accord accords agreement act bill festival grand prix derby series
    marathon rally classic masters day revolution tour election elections referendum slam
    slams"""
)

# Capitalised abbreviations and words that are not names.
NOT_NAMES = _words(
    """gmt utc est edt bst cet pst pdt am pm ceo cfo gdp gnp cpi vat ipo hiv aids mp mps
    pct rbi era ok ii iii iv vi vii viii ix xi tv dvd cd usd eur gbp jpy ltd plc inc co
    corp no nos vs fob cif tba q1 q2 q3 q4 h1 h2 fy i men women"""
)

# Words that name a kind of institution, role or place, not one in particular ("Police said").
GENERIC_NOUNS = ORG_SUFFIXES | TITLE_HEADS | PLACE_SUFFIXES | _words("olympic newsroom")

# A direction or region word before a place still names a place ("Inner Mongolia").
PLACE_PREFIXES = _words(
    """north south east west northern southern eastern western central upper lower inner
    outer greater new old mid north-east north-west south-east south-west northeast northwest
    southeast southwest"""
)

# Bodies of the solar system, named like places.
CELESTIAL = _words("mercury venus earth mars jupiter saturn uranus neptune pluto moon")

# Lower-case words that may join capitalised words inside one name.
NAME_CONNECTORS = _words("of de du da di del della von van der den la le al el bin ibn y")
GENERATIONS = _words("jr sr ii iii iv")
"""What ends the name of a son or father of the same name: "Donald Trump Jr."."""


# -- Speakers and attribution (case-sensitive where capitalised) ------------------------------

# The commonest speech verbs: a capitalised word before one is a name ("Peskov said").
COMMON_SPEECH_VERBS = _words(
    """said says told added explained announced stated warned wrote asked replied argued
    insisted noted declared tweeted urged claimed"""
)
# Finite speech verbs whose subject is the speaker ("Peskov told reporters", "he added").
SPEECH_VERBS = (
    sorted(COMMON_SPEECH_VERBS)
    + (
        "say tells adds explains announces warns notes declares insists argues claims asks "
        "replies responded remarked writes posted continued concluded urges admitted "
        "acknowledged confirmed confirms suggested maintained stressed emphasised emphasized "
        "recalled commented complained cautioned predicted promised pledged vowed boasted "
        "conceded countered observed reported joked quipped agreed reiterated repeated testified "
        "lamented shouted hinted assured contended mused recounted disclosed revealed charged "
        "accused"
    ).split()
)
SPEECH_PHRASES = (
    "went on",
    "pointed out",
    "released a statement",
    "issued a statement",
    "put it",
)
# Verbs that also come before their subject after a quote ("..., said Peskov").
INVERTED_VERBS = (
    "said says added asked explained continued wrote replied recalled noted insisted declared "
    "warned concluded countered"
).split()
# Participles continue the sentence's speaker ("..., adding that ...").
PARTICIPLES = (
    "saying adding telling explaining noting warning insisting arguing claiming stating "
    "declaring writing urging stressing asking suggesting announcing predicting promising "
    "vowing acknowledging admitting recalling complaining conceding emphasising emphasizing "
    "continuing describing reminding"
).split()

# Role nouns that stand for a person already named ("the spokesman said").
ROLES = (
    "spokesman spokeswoman spokesperson official minister president secretary ambassador "
    "chancellor senator governor mayor director chairman chairwoman chief leader officer "
    "prosecutor lawyer attorney manager coach executive analyst commander general envoy "
    "adviser advisor aide diplomat representative congressman congresswoman lawmaker premier "
    "economist professor head founder boss captain"
).split()
# Nouns that stand for an organisation already named ("the group said").
ORG_NOUNS = (
    "group organization organisation company firm agency department ministry party campaign "
    "union council committee coalition association network council team club court"
).split()
# Words of a title in front of a name ("Foreign Minister Sergei Lavrov").
TITLES = (
    set(
        (
            "President Vice Prime Minister Secretary State Chancellor Senator Sen. Rep. Governor "
            "Gov. Mayor General Gen. Director Chairman Chairwoman Chief Executive Ambassador King "
            "Queen Prince Princess Judge Justice Officer Commissioner Leader Speaker Spokesman "
            "Spokeswoman Pope Archbishop Bishop Lord Lady Sir Dame Admiral Colonel Col. Captain "
            "Capt. Lt. Sgt. Professor Prof. Coach Manager Commander Premier CEO Deputy Defense "
            "Defence Foreign Interior Finance Press Senior Former Foreign Affairs"
        ).split()
    )
    | {role.capitalize() for role in ROLES}
    | set(ROLES)
    | {"press", "deputy", "senior", "former"}
)
# Title words that describe rather than precede a name ("former KGB officer").
MODIFIERS = {"Press", "Senior", "Former", "Deputy", "Foreign", "Defense", "Defence", "Interior"}
MODIFIERS |= {"Finance", "Affairs", "Vice", "Prime", "press", "deputy", "senior", "former"}
# Last words of organisation names, never of a person's ("State Department").
ORG_WORDS = set(
    (
        "Department Ministry Office Party Council Committee Agency Service Services Bank Union "
        "Company Corporation Corp Inc Ltd University Commission House Court Army Police Force "
        "Forces Group Association Federation Organization Organisation Institute Foundation "
        "Times Post News Journal Guardian Network Club Parliament Congress Senate Government "
        "Administration Assembly Board Authority Fund League"
    ).split()
)
# Capitalised words that start sentences or name times, never a speaker on their own.
NOT_SPEAKERS = set(
    (
        "The A An It Its This That These Those But And Or So Then He She They We I You In On At "
        "For Of To As When While If After Before Since Now Meanwhile However Also Yet Still "
        "Currently Earlier Later One Some Many Most Both Each Every All His Her Their Our My "
        "There Here What Who Why How According Last Next Monday Tuesday Wednesday Thursday "
        "Friday Saturday Sunday January February March April May June July August September "
        "October November December Today Yesterday Tomorrow Speaking Asked"
    ).split()
)


def words_pattern(words: list[str] | tuple[str, ...]) -> str:
    """An alternation matching any of `words` as whole words, longest first."""
    ordered = sorted(set(words), key=len, reverse=True)
    return r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + r")\b"


def words_trie(words: Iterable[str]) -> str:
    """What `words_pattern` matches, as a trie: faster to search (see word_trie)."""
    words = list(words)
    return r"\b" + first_chars(words) + "(?:" + trie_alternation(words) + r")\b"


FINITE_RE = re.compile(words_trie([*SPEECH_VERBS, *SPEECH_PHRASES]))
INVERTED_RE = re.compile(r"(?:" + words_trie(INVERTED_VERBS) + r"|according\s+to)\s+")
PARTICIPLE_RE = re.compile(words_trie(PARTICIPLES))
ROLE_RE = words_pattern(ROLES)
ORG_NOUN_RE = words_pattern(ORG_NOUNS)


CAPITALISED_HONORIFICS = frozenset(w.capitalize() for w in HONORIFICS)
"""Forms of address as attribution matches them in running text ("Mr.", "Sir")."""
