"""The meaning-level diff of two agreement versions, with what caused the revision."""

from __future__ import annotations

import datetime as dt

import pytest

from botu_core import Cooperations, NotFound
from botu_core.examples import terms_2021


def test_version_1_to_2_of_the_example(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    diff = app.audit.agreement_changes(coop, 1, 2)
    assert (diff.from_version, diff.to_version) == (1, 2)
    [changed] = diff.of("value")
    assert (changed.key, changed.change) == ("heldere-informatie", "changed")
    assert changed.old_text is not None and changed.new_text == changed.old_text + (
        " Verslagen van het maandelijkse overleg zijn voor iedereen te lezen."
    )
    [added] = diff.of("working-agreement")
    assert (added.key, added.change, added.old_text) == ("nieuwe-reeks", "added", None)
    assert diff.of("goal") == ()
    assert diff.of("end-date") == diff.of("title") == diff.of("organisation") == ()
    [cause] = diff.causes
    assert (cause.version, cause.on, cause.evaluation_id, cause.evaluation_year, cause.decision_id) == (
        2,
        dt.date(2022, 2, 9),
        "evaluation-1",
        2021,
        None,
    )
    assert cause.reason.startswith("Uit de evaluatie van 2021")
    assert diff.summary("nl") == [
        "Waarde 'heldere-informatie': veranderd.",
        "Afspraak 'nieuwe-reeks': toegevoegd.",
        f"Versie 2 (2022-02-09) door evaluatie evaluation-1 van 2021: {cause.reason}",
    ]
    assert diff.summary("en")[1] == "Working agreement 'nieuwe-reeks': added."


def test_the_default_is_to_the_current_version(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    assert app.audit.agreement_changes(coop).to_version == 2
    same = app.audit.agreement_changes(coop, 2, 2)
    assert same.changes == () and same.causes == ()
    assert same.summary("en") == ["No changes."]


def test_a_revision_by_decision_names_the_decision_and_its_meeting(memory_app: Cooperations) -> None:
    from botu_core import AdoptAgreement, MeetingKind, RecordDecision, RecordMeeting, ReviseAgreement
    from botu_core.values import AgreementTerms

    coop = memory_app.create_cooperation("Test", slug="test", founded_on=dt.date(2022, 1, 1))
    memory_app.execute(coop, AdoptAgreement(terms_2021(), on=dt.date(2022, 1, 2)))
    meeting = memory_app.execute(
        coop, RecordMeeting(kind=MeetingKind.PLENARY, held_on=dt.date(2022, 3, 1), title="Bijeenkomst", minutes="")
    )
    decision = memory_app.execute(coop, RecordDecision(meeting=meeting, subject="Einddatum", text="Tot 2030."))
    old = terms_2021()
    new = AgreementTerms(
        title=old.title,
        values=old.values[1:],
        goals=old.goals,
        working_agreements=old.working_agreements,
        end_date=dt.date(2030, 12, 31),
        organisation=old.organisation,
    )
    memory_app.execute(coop, ReviseAgreement(new, reason="Langer samen.", decision=decision, on=dt.date(2022, 3, 1)))
    diff = memory_app.audit.agreement_changes(coop, 1, 2)
    assert [(c.section, c.key, c.change) for c in diff.changes] == [
        ("end-date", "end-date", "changed"),
        ("value", "gelijkwaardigheid", "removed"),
    ]
    [cause] = diff.causes
    assert (cause.decision_id, cause.decision_subject, cause.meeting_id, cause.meeting_held_on) == (
        decision,
        "Einddatum",
        meeting,
        dt.date(2022, 3, 1),
    )
    assert "besluit" in diff.summary()[-1] and meeting in diff.summary()[-1]


def test_an_unknown_version_is_refused(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    with pytest.raises(NotFound):
        app.audit.agreement_changes(coop, 1, 9)
