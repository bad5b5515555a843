"""General-knowledge word lists for quote attribution: speech verbs, roles, titles."""

from __future__ import annotations

import re

# Finite speech verbs whose subject is the speaker ("Peskov told reporters", "he added").
SPEECH_VERBS = (
    "said says say told tells added adds explained explains announced announces warned warns "
    "stated noted notes declared declares insisted insists argued argues claimed claims asked "
    "asks replied replies responded remarked wrote writes tweeted posted continued concluded "
    "urged urges admitted acknowledged confirmed confirms suggested maintained stressed "
    "emphasised emphasized recalled commented complained cautioned predicted promised pledged "
    "vowed boasted conceded countered observed reported joked quipped agreed reiterated "
    "repeated testified lamented shouted hinted assured contended mused recounted explained "
    "disclosed revealed charged accused"
).split()
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
HONORIFICS = {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Miss", "Mx", "Mx."}
# Capitalised words that start sentences or name times, never a speaker on their own.
NOT_NAMES = set(
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


FINITE_RE = re.compile(words_pattern([*SPEECH_VERBS, *SPEECH_PHRASES]))
INVERTED_RE = re.compile(r"(?:" + words_pattern(INVERTED_VERBS) + r"|according\s+to)\s+")
PARTICIPLE_RE = re.compile(words_pattern(PARTICIPLES))
ROLE_RE = words_pattern(ROLES)
ORG_NOUN_RE = words_pattern(ORG_NOUNS)
