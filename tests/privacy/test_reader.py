"""The Reader's single-item queries and the log: the same rules as its list queries."""

from __future__ import annotations

from botu_core import Cooperations, JoinParty, PartyKind, WithdrawContactConsent
from test_forgetting import SECRETS, record_person


def test_party_and_project_follow_the_rules_of_parties_and_projects(memory_app: Cooperations) -> None:
    ids = record_person(memory_app)
    c = ids["coop"]
    public = memory_app.view_as("public")
    zoe = public.party(c, ids["zoe"])
    assert zoe.name == f"bewoner ({ids['zoe']})" and zoe.phone is None and zoe.email is None
    assert public.party(c, "Gemeente Rotterdam").name == "Gemeente Rotterdam"
    assert public.project(c, ids["project"]).contact_name == f"bewoner ({ids['zoe']})"
    member = memory_app.view_as("member")
    assert member.party(c, ids["zoe"]).phone == SECRETS["phone"]  # she consented
    assert member.project(c, ids["project"]).contact_name == SECRETS["name"]
    memory_app.execute(c, WithdrawContactConsent(party=ids["zoe"]))
    assert member.party(c, ids["zoe"]).phone is None
    own = memory_app.view_as("public", viewer=ids["zoe"]).party(c, ids["zoe"])
    assert own.name == SECRETS["name"] and own.phone == SECRETS["phone"]
    # Records of benefits hold no personal data: they pass through.
    assert public.benefit_records(c) == memory_app.benefit_records(c)


def test_the_log_shows_personal_fields_only_by_the_rules(memory_app: Cooperations) -> None:
    ids = record_person(memory_app)
    c = ids["coop"]
    quiet = str(memory_app.execute(c, JoinParty(name="Kees Stil", kind=PartyKind.RESIDENT, phone="06 1111 2222")))
    public = str(memory_app.view_as("public").log(c))
    for secret in SECRETS.values():
        assert secret not in public
    assert "Kees Stil" not in public and "06 1111 2222" not in public
    assert "Gemeente Rotterdam" in public
    assert len(memory_app.view_as("public").log(c)) == len(memory_app.log(c))
    member = str(memory_app.view_as("member").log(c))
    for secret in SECRETS.values():
        assert secret in member  # names, free text, and contact details she shares
    assert "Kees Stil" in member and "06 1111 2222" not in member  # he did not consent
    own = str(memory_app.view_as("public", viewer=quiet).log(c))
    assert "Kees Stil" in own and "06 1111 2222" in own and SECRETS["name"] not in own
