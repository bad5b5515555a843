"""Quote extraction and attribution, one behaviour per test, on small hand-written texts."""

from __future__ import annotations

import re

import pytest

from reader.core.model import Entity
from reader.core.nlp.quotes import find_quotes


def ents(text: str, *names: tuple[str, str]) -> list[Entity]:
    """Every occurrence of each (name, type) in `text` as an Entity."""
    found = [
        Entity(m.start(), m.end(), name, kind)
        for name, kind in names
        for m in re.finditer(rf"\b{re.escape(name)}\b", text)
    ]
    return sorted(found, key=lambda e: e.start)


def speakers(text: str, *names: tuple[str, str]) -> list[tuple[str, str | None]]:
    """(first words, speaker) of each quote found."""
    return [(q.text.split()[0], q.speaker) for q in find_quotes(text, ents(text, *names))]


PESKOV = ("Dmitry Peskov", "person")
PSAKI = ("Jen Psaki", "person")


@pytest.mark.parametrize(
    "text",
    [
        "“We will talk when it is useful,” Dmitry Peskov said.",
        "“We will talk when it is useful,” said Dmitry Peskov.",
        "“We will talk when it is useful,” Dmitry Peskov told reporters on Monday.",
        "“We will talk when it is useful,” according to Dmitry Peskov.",
        "According to Dmitry Peskov, “we will talk when it is useful.”",
        "“We will talk when it is useful,” Dmitry Peskov explained.",
        "Dmitry Peskov announced that “we will talk when it is useful.”",
        "“We will talk when it is useful,” Dmitry Peskov added.",
        "Dmitry Peskov warned: “We will talk when it is useful.”",
        "“We will talk when it is useful,” Dmitry Peskov, the Kremlin spokesman, said.",
        "Dmitry Peskov, the Kremlin spokesman, said “we will talk when it is useful.”",
        '"We will talk when it is useful," Dmitry Peskov later said.',
    ],
)
def test_each_attribution_pattern_names_the_speaker(text):
    assert [speaker for _, speaker in speakers(text, PESKOV)] == ["Dmitry Peskov"]


def test_quote_split_by_its_attribution_keeps_one_speaker():
    text = (
        "Kremlin spokesman Dmitry Peskov spoke on Monday.\n\n"
        "“It’s premature to talk about plans,” Peskov told reporters. "
        "“There is an understanding that dialogue should go on,” he said."
    )
    assert speakers(text, PESKOV, ("Peskov", "person")) == [
        ("It’s", "Dmitry Peskov"),
        ("There", "Dmitry Peskov"),
    ]


def test_pronoun_resolves_to_the_nearest_person_before_it():
    text = (
        "Jen Psaki spoke first. Later Dmitry Peskov answered questions.\n\n"
        "“If necessary, the presidents can call each other,” he explained."
    )
    assert speakers(text, PESKOV, PSAKI) == [("If", "Dmitry Peskov")]


def test_role_noun_resolves_to_the_person_who_holds_the_role():
    text = (
        "Kremlin spokesman Dmitry Peskov and White House spokeswoman Jen Psaki both spoke.\n\n"
        "“A meeting is not planned for now,” the spokesman said."
    )
    assert speakers(text, PESKOV, PSAKI) == [("A", "Dmitry Peskov")]


def test_unnamed_role_gets_no_speaker():
    text = "“The longer we wait, the harder it gets,” an aide to the committee said."
    assert speakers(text) == [("The", None)]


def test_spokesman_for_an_organisation_gives_the_organisation():
    text = "A spokesman for the Kremlin said “there are no such plans at all.”"
    assert speakers(text, ("Kremlin", "organization")) == [("there", "Kremlin")]


def test_quote_alone_in_its_paragraph_continues_the_previous_speaker():
    text = (
        "Joe Biden imposed sanctions on Tuesday.\n\n"
        "Announcing them, he maintained that the allies “remain open to diplomacy if it is "
        "serious.”\n\n"
        "“I’m hoping diplomacy is still available.”"
    )
    assert speakers(text, ("Joe Biden", "person")) == [
        ("remain", "Joe Biden"),
        ("I’m", "Joe Biden"),
    ]


def test_quote_alone_after_a_paragraph_without_speech_has_no_speaker():
    text = "Joe Biden imposed sanctions on Tuesday.\n\n“I’m hoping diplomacy is still available.”"
    assert speakers(text, ("Joe Biden", "person")) == [("I’m", None)]


def test_later_quote_in_the_paragraph_keeps_the_speaker():
    text = (
        "“We believe every effort is worth trying,” Kubela said from Brussels. "
        "“We hope the two presidents will agree.”"
    )
    assert speakers(text, ("Kubela", "person")) == [("We", "Kubela"), ("We", "Kubela")]


def test_participle_continues_the_sentence_subject():
    text = (
        "White House spokeswoman Jen Psaki released a statement that Joe Biden had "
        "“accepted in principle” a meeting, adding that, “We are always ready for diplomacy.”"
    )
    assert speakers(text, PSAKI, ("Joe Biden", "person")) == [
        ("accepted", "Jen Psaki"),
        ("We", "Jen Psaki"),
    ]


def test_partial_quote_inside_a_sentence():
    text = (
        "White House spokeswoman Jen Psaki said that a summit “is certainly not in the "
        "plans,” while allowing talks."
    )
    [quote] = find_quotes(text, ents(text, PSAKI))
    assert (quote.text, quote.speaker) == ("is certainly not in the plans", "Jen Psaki")


def test_speaker_is_given_in_its_fullest_form():
    text = "Kremlin spokesman Dmitry Peskov arrived.\n\n“We see no reason to hurry,” Peskov said."
    assert speakers(text, PESKOV, ("Peskov", "person")) == [("We", "Dmitry Peskov")]


def test_without_entities_a_name_next_to_the_verb_is_the_speaker():
    text = "“We hope the presidents will agree on something,” Kubela said from Brussels."
    assert speakers(text) == [("We", "Kubela")]


def test_without_entities_a_title_names_the_person():
    text = (
        "Ukrainian Defense Minister Oleksiy Reznikov spoke in Kyiv.\n\n"
        "“Fourteen attacks have already been recorded,” he announced."
    )
    assert speakers(text) == [("Fourteen", "Oleksiy Reznikov")]


def test_multi_sentence_quote_is_one_quote():
    text = "“We are ready for diplomacy. We are also ready for consequences,” Psaki said."
    [quote] = find_quotes(text, [])
    assert quote.text == "We are ready for diplomacy. We are also ready for consequences"


def test_apostrophes_are_not_quote_marks():
    text = "“It’s Russia’s choice and Ukraine’s future,” Peskov said. It’s Moscow’s call."
    quotes = find_quotes(text, [])
    assert [q.text for q in quotes] == ["It’s Russia’s choice and Ukraine’s future"]


def test_scare_quotes_are_not_statements():
    text = (
        "The Kremlin called talk of a summit “premature.” Russia sent so-called "
        '"peacekeepers," and Biden agreed "in principle."'
    )
    assert find_quotes(text, []) == []


def test_offsets_point_at_the_quoted_words():
    text = "Intro paragraph.\n\n“We will talk when it is useful,” Peskov said."
    [quote] = find_quotes(text, [])
    assert text[quote.start : quote.end] == quote.text == "We will talk when it is useful"


def test_unclosed_quote_ends_at_its_paragraph():
    text = (
        "The State Department is warning that “there is a strong likelihood of air travel "
        "being restricted.\n\n"
        "Russian minister Sergei Lavrov was expected to speak by telephone.\n\n"
        "“Fourteen attacks have been recorded today,” he announced."
    )
    quotes = find_quotes(text, [])
    assert [q.text.split()[0] for q in quotes] == ["there", "Fourteen"]
    assert "\n" not in quotes[0].text and quotes[0].text.endswith("restricted.")
    assert quotes[1].speaker == "Sergei Lavrov"


def test_odd_number_of_straight_quotes_does_not_break_later_paragraphs():
    text = (
        'He said "this will never ever end, and walked out.\n\n'
        '"The talks went well for both sides," Peskov said.\n\n'
        '"A meeting is possible if the heads of state agree," he added.'
    )
    quotes = find_quotes(text, [])
    assert [q.text for q in quotes] == [
        "this will never ever end, and walked out.",
        "The talks went well for both sides",
        "A meeting is possible if the heads of state agree",
    ]
    assert [q.speaker for q in quotes[1:]] == ["Peskov", "Peskov"]


def test_stray_closing_mark_is_ignored():
    text = "Nothing was quoted here” at all. “But this is a real quote,” Peskov said."
    assert [q.text for q in find_quotes(text, [])] == ["But this is a real quote"]


def test_reopened_quote_ends_the_unclosed_one():
    text = (
        'Ms Hewitt said: "We have already doubled maternity pay. "We are going to extend it '
        'to nine months."'
    )
    quotes = find_quotes(text, [])
    assert [q.text for q in quotes] == [
        "We have already doubled maternity pay.",
        "We are going to extend it to nine months.",
    ]
    assert [q.speaker for q in quotes] == ["Hewitt", "Hewitt"]


def test_text_without_quotes_has_none():
    assert find_quotes("", []) == [] and find_quotes("No quotes here at all.", []) == []


def test_role_for_a_domain_still_names_the_person():
    text = "“The days of flying for the rich are over,” the minister for aviation Praful Patel said"
    assert speakers(text) == [("The", "Praful Patel")]


def test_quote_opening_a_paragraph_continues_the_previous_statement():
    text = (
        "Committee chairman John Denham said alcohol was used as an excuse.\n\n"
        "“The committee believes these arguments should be rejected.” At present judges decide."
    )
    assert speakers(text) == [("The", "John Denham")]


def test_titles_in_capitals_are_not_statements():
    text = 'Rep. Sara Jacobs introduced the "My Body, My Data Act" on June 2.'
    assert find_quotes(text, []) == []


def test_question_quote_then_attribution():
    text = "“How do you work out the back pay?” Justice Ginsburg asked.\n\nMr. Sellers answered."
    assert speakers(text, ("Ginsburg", "person")) == [("How", "Ginsburg")]


def test_place_after_the_name_is_not_the_speaker():
    text = "Sen. Cory Booker of New Jersey wrote that the “public deserves the full report.”"
    found = speakers(text, ("Cory Booker", "person"), ("New Jersey", "place"))
    assert found == [("public", "Cory Booker")]


def test_pronoun_prefers_the_subject_over_a_later_object():
    text = (
        "McCain tweeted that if Trump is not ready, the talks “should not move forward.”\n\n"
        "He said the indictments show a plot to “attack the 2016 election and sow chaos.”"
    )
    found = speakers(text, ("McCain", "person"), ("Trump", "person"))
    assert found == [("should", "McCain"), ("attack", "McCain")]


def test_parenthesis_after_the_name_is_skipped():
    text = "Sen. Tim Kaine (D-Va.) told reporters: “I think the odds go up in the House.”"
    assert speakers(text, ("Tim Kaine", "person")) == [("I", "Tim Kaine")]


def test_entity_names_lose_their_titles():
    text = "“This is a happy day for us,” said Senate Majority Leader Mitch McConnell."
    found = speakers(text, ("Senate Majority Leader Mitch McConnell", "person"))
    assert found == [("This", "Mitch McConnell")]


def test_inverted_verb_with_a_descriptor_before_the_name():
    text = "“He will be out for six weeks,” said Villa boss David O'Leary."
    found = speakers(text, ("Villa", "organization"), ("David O'Leary", "person"))
    assert found == [("He", "David O'Leary")]


def test_inverted_verb_with_an_unnamed_speaker_does_not_continue_the_last_one():
    text = (
        "“I was desperate to score myself,” Lampard said. “The result is what matters,” "
        "said the Chelsea star."
    )
    assert speakers(text, ("Lampard", "person")) == [("I", "Lampard"), ("The", None)]


def test_the_person_named_before_a_colon_is_the_speaker_of_the_quote_it_opens():
    text = (
        "The messages were read out. Ms. Hadley asks: “Orrin will never win, right?” "
        "Mr. Penrose replies: “No. No he won’t.”"
    )
    found = speakers(text, ("Ms. Hadley", "person"), ("Mr. Penrose", "person"))
    assert [speaker for _, speaker in found] == ["Hadley", "Penrose"]


def test_a_spokesman_for_an_organisation_gives_the_organisation():
    text = '"We are looking into the matter now," a spokesman for Acme Widgets said.'
    assert speakers(text, ("Acme Widgets", "organization")) == [("We", "Acme Widgets")]


QUILL = ("Anna Quill", "person")
ORRIN = ("Tom Orrin", "person")


@pytest.mark.parametrize(
    "after",
    [
        "That was the verdict of Anna Quill, the harbour master, on Tuesday.",
        "So said Anna Quill, the harbour master.",
        "Anna Quill said the harbour would reopen within a week.",
    ],
)
def test_a_quote_standing_alone_is_said_by_the_person_the_next_paragraph_names(after):
    text = f"The storm hit the harbour.\n\n“We have never seen water this high.”\n\n{after}"
    assert speakers(text, QUILL) == [("We", "Anna Quill")]


def test_the_next_paragraphs_naming_cue_wins_over_the_paragraph_before():
    text = (
        "Tom Orrin told the council the budget was fine.\n\n"
        "“The plan is dead and buried now.”\n\n"
        "So said Anna Quill, the council leader."
    )
    assert speakers(text, QUILL, ORRIN) == [("The", "Anna Quill")]


def test_a_quote_standing_alone_without_any_attribution_keeps_no_speaker():
    text = (
        "The river rose fast.\n\n“The plan is dead and buried now.”\n\nThe council met on Friday."
    )
    assert speakers(text) == [("The", None)]


@pytest.mark.parametrize(("first", "last"), [("Harold", "Alice"), ("Alice", "Harold")])
def test_a_bare_surname_speaker_is_the_namesake_named_last_before_the_quote(first, last):
    text = (
        f"{first} Penrose spoke first. Then {last} Penrose arrived.\n\n"
        "“We will not sell the farm to anyone,” Penrose said."
    )
    names = (("Harold Penrose", "person"), ("Alice Penrose", "person"), ("Penrose", "person"))
    assert speakers(text, *names) == [("We", f"{last} Penrose")]
