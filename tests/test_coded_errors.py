"""One coded-error class: the library's errors and the front ends' own are all
``BotuError``, each code with a Dutch and an English text, formatted the same way."""

from __future__ import annotations

import pytest
from botu_cli.texts import CLI_MESSAGES, CliError
from botu_web.texts import WEB_MESSAGES, WebError

from botu_core import MESSAGES, BotuError


@pytest.mark.parametrize(("error_type", "catalogue"), [(BotuError, MESSAGES), (CliError, CLI_MESSAGES),
                                                       (WebError, WEB_MESSAGES)])
def test_every_code_of_every_catalogue_has_both_languages(error_type: type[BotuError], catalogue: dict) -> None:
    assert issubclass(error_type, BotuError)
    for code, texts in catalogue.items():
        nl, en = texts[0], texts[1]
        assert nl.strip() and en.strip() and nl != en, code
        assert error_type.catalogue[code] == (nl, en)


def test_a_front_ends_error_is_caught_and_formatted_as_the_librarys() -> None:
    web = WebError("report.no_year", year=2030, first=2021, last=2026)
    cli = CliError("cli.as_of_read_only")
    for error in (web, cli):
        assert isinstance(error, BotuError)
        assert error.to_dict() == {"code": error.code, "message": error.message("nl"),
                                   "message_nl": error.message("nl"), "message_en": error.message("en")}
    assert cli.exit_code == 2 and web.status == 404
    assert "2021" in web.message("nl") and "Choose a year from 2021 to 2026" in web.message("en")


def test_a_code_outside_its_catalogue_is_a_bug_not_a_message() -> None:
    with pytest.raises(KeyError):
        CliError("input.required")
    with pytest.raises(KeyError):
        WebError("cli.aborted")
