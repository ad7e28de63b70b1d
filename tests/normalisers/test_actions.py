"""normalisers/actions.py: does a text read as an action, whatever prefix it carries?"""

from __future__ import annotations

import pytest

from normalisers.actions import action_verb, is_action


@pytest.mark.parametrize(("text", "verb"), [
    ("Deliver the new community hub", "deliver"),
    ("1.2 Continue to align corporate services", "continue"),
    ("BS1.3: Launch the staff app", "launch"),
    ("ii) review the estate", "review"),
    ("\u2022 Roll out electronic prescribing", "roll"),
    ("We will expand virtual wards", "expand"),
    ("By March 2025, complete the theatre refurbishment", "complete"),
    ("Continuing to reduce waiting lists", "continue"),
    ("Embedding quality improvement", "embed"),
    ("Simplifies referral routes", "simplify"),
])
def test_an_action_is_found_behind_refs_markers_dates_and_we_will(text: str, verb: str) -> None:
    assert action_verb(text) == verb
    assert is_action(text)


@pytest.mark.parametrize("text", [
    "The standard period for a response is 30 working days",
    "If they fail to attend three consecutive meetings",
    "Cambridgeshire Community Services NHS Trust",
    "a) The Chief Executive will appoint three Executive Directors",
    "Q1 2024/25",
    "Improved patient experience scores",  # a result, not an action
    "",
])
def test_descriptions_names_and_dates_are_not_actions(text: str) -> None:
    assert not is_action(text)


def test_we_will_anywhere_at_the_start_of_a_sentence_reads_as_an_action() -> None:
    assert is_action("Over the next three years we will open two diagnostic centres")
