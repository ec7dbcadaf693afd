"""Parties' names are told apart as people read them: a look-alike of a name that takes
part is the same name (refused at join and at rename, found when named), stored as typed."""

from __future__ import annotations

import pytest

from botu_core import (
    BotuError,
    ChangePartyDetails,
    Cooperations,
    JoinParty,
    LeaveParty,
    PartyKind,
    SignAgreement,
)

from factories import D, cooperation, log_length

# Each reads as "Gemeente Rotterdam", the municipality that takes part.
LOOK_ALIKES = [
    "Gemeente  Rotterdam",  # two spaces
    " Gemeente Rotterdam\t",
    "gemeente rotterdam",
    "Gemeente\u00a0Rotterdam",  # no-break space
    "Gemeente\u2003Rotterdam",  # em space
    "Gemeente Rott\u200berdam",  # zero-width space
    "Gemeente Rotterdam\u200d",  # zero-width joiner
    "\ufeffGemeente Rotterdam",  # byte order mark
    "Gemeente Rotter\u00addam",  # soft hyphen
    "Ｇｅｍｅｅｎｔｅ Ｒｏｔｔｅｒｄａｍ",  # full-width letters
]


@pytest.fixture
def coop(memory_app: Cooperations) -> dict[str, str]:
    return cooperation(memory_app)


@pytest.mark.parametrize("name", LOOK_ALIKES)
def test_a_look_alike_name_cannot_join_beside_the_party(memory_app: Cooperations, coop: dict[str, str], name: str) -> None:
    before = log_length(memory_app, coop["coop"])
    with pytest.raises(BotuError) as error:
        memory_app.execute(coop["coop"], JoinParty(name=name, kind=PartyKind.MUNICIPALITY))
    assert error.value.code == "party.name_taken"
    assert log_length(memory_app, coop["coop"]) == before
    assert [p.name for p in memory_app.parties(coop["coop"])].count("Gemeente Rotterdam") == 1
    assert len(memory_app.parties(coop["coop"])) == 2


@pytest.mark.parametrize("name", LOOK_ALIKES)
def test_no_party_may_be_renamed_to_a_look_alike_of_another(memory_app: Cooperations, coop: dict[str, str], name: str) -> None:
    before = log_length(memory_app, coop["coop"])
    with pytest.raises(BotuError) as error:
        memory_app.execute(coop["coop"], ChangePartyDetails(party="Ann", name=name))
    assert error.value.code == "party.name_taken"
    assert log_length(memory_app, coop["coop"]) == before


@pytest.mark.parametrize("name", LOOK_ALIKES)
def test_a_look_alike_name_finds_the_party(memory_app: Cooperations, coop: dict[str, str], name: str) -> None:
    assert memory_app.party(coop["coop"], name).id == coop["gemeente"]


def test_a_look_alike_of_a_party_that_left_comes_back_as_that_party(memory_app: Cooperations, coop: dict[str, str]) -> None:
    c = coop["coop"]
    memory_app.execute(c, LeaveParty(party="Gemeente Rotterdam", on=D(2022, 1, 1)))
    assert memory_app.execute(c, JoinParty(name="gemeente  rotterdam", kind=PartyKind.MUNICIPALITY)) == coop["gemeente"]
    assert memory_app.party(c, coop["gemeente"]).name == "Gemeente Rotterdam"


def test_names_are_stored_as_typed(memory_app: Cooperations, coop: dict[str, str]) -> None:
    c = coop["coop"]
    party = str(memory_app.execute(c, JoinParty(name="Stichting  De  Hoek", kind=PartyKind.INITIATIVE)))
    assert memory_app.party(c, party).name == "Stichting  De  Hoek"
    # A party may change how its own name is written (case, spaces).
    memory_app.execute(c, ChangePartyDetails(party=party, name="Stichting de Hoek"))
    assert memory_app.party(c, "STICHTING DE HOEK").name == "Stichting de Hoek"
    memory_app.execute(c, SignAgreement(party="stichting  de hoek", note="We doen mee."))
    assert memory_app.party(c, party).signed_versions == (1,)


@pytest.mark.parametrize("name", ["\u202emadrettoR etneemeG", "Gemeente \u202dRotterdam", "\u2067Gemeente Rotterdam\u2069"])
def test_a_name_shown_in_another_order_than_written_is_refused(memory_app: Cooperations, coop: dict[str, str],
                                                               name: str) -> None:
    before = log_length(memory_app, coop["coop"])
    with pytest.raises(BotuError) as error:
        memory_app.execute(coop["coop"], JoinParty(name=name, kind=PartyKind.MUNICIPALITY))
    assert error.value.code == "input.control_characters"
    assert log_length(memory_app, coop["coop"]) == before


@pytest.mark.parametrize("name", ["\u200b", "\u200b \u2060", "\ufeff\u00ad"])
def test_a_name_of_invisible_characters_is_no_name(memory_app: Cooperations, coop: dict[str, str], name: str) -> None:
    with pytest.raises(BotuError) as error:
        memory_app.execute(coop["coop"], JoinParty(name=name, kind=PartyKind.RESIDENT))
    assert error.value.code == "input.required"
