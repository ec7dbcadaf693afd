"""The dry run of a first agreement: what it would adopt, refused as ``execute`` would
refuse it, and nothing recorded either way."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from botu_core import AdoptAgreement, Actor, Cooperations, PermissionDenied, RuleViolation, describe_commitments
from factories import terms


def test_a_preview_of_the_first_agreement_records_nothing() -> None:
    app = Cooperations("memory:", clock=lambda: dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC))
    try:
        coop = app.create_cooperation("Spangen", slug="spangen", founded_on=dt.date(2024, 1, 1))
        given = terms(end=dt.date(2027, 12, 31))
        four = attrs.evolve(given, commitments=attrs.evolve(given.commitments, plenary_meetings_per_year=4,
                                                            minimum_end_date=None))
        events = app.cooperation(coop).events
        view = app.preview_adoption(coop, AdoptAgreement(four, on=dt.date(2024, 2, 1)))
        assert (view.version, view.title, view.adopted_on) == (1, four.title, dt.date(2024, 2, 1))
        assert "plenaire bijeenkomsten per jaar: 4" in describe_commitments(view.commitments)
        assert "plenary meetings a year: 4" in [line.lower() for line in describe_commitments(view.commitments, "en")]
        with pytest.raises(PermissionDenied):
            app.preview_adoption(coop, AdoptAgreement(four), actor=Actor("henk"))
        app.execute(coop, AdoptAgreement(four))
        with pytest.raises(RuleViolation):  # a second first version: refused as execute refuses it
            app.preview_adoption(coop, AdoptAgreement(four))
        assert app.cooperation(coop).events == events + 1
    finally:
        app.close()
