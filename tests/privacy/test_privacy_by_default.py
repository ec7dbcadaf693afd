"""Privacy by default: whoever asks the application, without saying for whom, gets the
public's answer; personal data needs an audience that may see it."""

from __future__ import annotations

from botu_core import Cooperations, JoinParty, PartyKind
from test_forgetting import SECRETS, record_person


def test_the_log_of_the_application_shows_no_phone_number_given_without_consent(memory_app: Cooperations) -> None:
    ids = record_person(memory_app)
    c = ids["coop"]
    memory_app.execute(c, JoinParty(name="Kees Stil", kind=PartyKind.RESIDENT, phone="06 1111 2222"))
    shown = str(memory_app.log(c))
    assert "06 1111 2222" not in shown and "Kees Stil" not in shown
    for secret in SECRETS.values():
        assert secret not in shown
    assert "Gemeente Rotterdam" in shown  # an organisation is named


def test_every_query_of_the_application_answers_as_the_public(memory_app: Cooperations) -> None:
    ids = record_person(memory_app)
    c = ids["coop"]
    public = memory_app.view_as("public")
    assert memory_app.parties(c) == public.parties(c)
    assert memory_app.projects(c) == public.projects(c)
    assert memory_app.agreement(c) == public.agreement(c)
    assert memory_app.decisions(c) == public.decisions(c)
    assert memory_app.disagreements(c) == public.disagreements(c)
    assert memory_app.signatures(c) == public.signatures(c)
    everything = str([memory_app.parties(c), memory_app.projects(c), memory_app.agreement(c), memory_app.decisions(c),
                      memory_app.disagreements(c), memory_app.signatures(c), memory_app.log(c)])
    for secret in SECRETS.values():
        assert secret not in everything
    # A member sees the names; the person also the contact details she shared.
    assert memory_app.view_as("member").party(c, ids["zoe"]).name == SECRETS["name"]
