"""The agreement as a file people edit: a commented YAML template, terms read from YAML or
JSON with the line of what is wrong, and the JSON Schema of the terms.

YAML rather than TOML because an agreement needs "no value" (no minimum end date, never
report a disagreement), which TOML cannot write, and because YAML's parser tells the line
of every key. JSON is YAML's subset in practice but is read by botu's own JSON reader, so
``agreement show --json`` output reads back with the same limits as every other input.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import types
import typing
from collections.abc import Mapping
from typing import Any

import attrs
import yaml

from .agreement import _SHOWN_ONLY, TERMS_KEYS, terms_from_data
from .errors import InvalidInput, Whole
from .examples import agreement_template
from .json_input import MAX_JSON_DEPTH, parse_json
from .values import AgreementTerms, Clause, Commitments

# An agreement is a few pages of text; anything much larger is not one.
MAX_FILE_BYTES = 1_000_000

# What each part of the terms means, Dutch and English: the template's comments and the
# schema's descriptions both come from here.
PART_HELP: dict[str, tuple[str, str]] = {
    "title": ("De naam van de overeenkomst.", "The title of the agreement."),
    "organisation": (
        "Hoe de samenwerking geregeld is: wie wat doet, hoe vaak we samenkomen (het deel 'Organisatie').",
        "How the cooperation is run: who does what, how often we meet (the part 'Organisation').",
    ),
    "values": (
        "De gedeelde waarden. Elk artikel heeft een sleutel (key) die bij een herziening gelijk blijft, "
        "en een tekst.",
        "The shared values. Each clause has a key that stays the same when the agreement is revised, "
        "and a text.",
    ),
    "goals": ("De gedeelde doelen, als artikelen met key en text.", "The shared goals, as clauses with key and text."),
    "working_agreements": (
        "Hoe we samenwerken, als artikelen met key en text.",
        "How we work together, as clauses with key and text.",
    ),
    "end_date": (
        "Tot wanneer de overeenkomst loopt (JJJJ-MM-DD). Niet voor 'minimum_end_date'.",
        "Until when the agreement runs (YYYY-MM-DD). Not before 'minimum_end_date'.",
    ),
    "commitments": (
        "De afspraken die botu nakijkt. Een afspraak die je weglaat, houdt de waarde van de vorige versie "
        "(bij de eerste versie: die van BoTu).",
        "The commitments botu checks. A commitment left out keeps the value of the previous version "
        "(for the first version: BoTu's).",
    ),
    "key": ("Vaste sleutel van het artikel: kleine letters, cijfers en streepjes.",
            "The clause's fixed key: small letters, digits and dashes."),
    "text": ("De tekst van het artikel.", "The clause's text."),
}

COMMITMENT_HELP: dict[str, tuple[str, str]] = {
    "parties_need_confirmation": (
        "true: wie zich zelf aanmeldt, wacht tot een coördinator bevestigt, en stemt pas daarna. false: meteen mee.",
        "true: a party that registers itself waits for a coordinator's confirmation before it votes. "
        "false: it takes part at once.",
    ),
    "plenary_meetings_per_year": (
        "Hoe vaak alle partijen per jaar samenkomen (een heel getal, 0 tot en met 366).",
        "How many times a year all parties meet (a whole number, 0 to 366).",
    ),
    "consultation": (
        "Hoe vaak er overleg is: monthly (elke maand), quarterly (elk kwartaal) of none (geen vast overleg).",
        "How often the parties consult: monthly, quarterly or none.",
    ),
    "evaluation_every_year": (
        "true: elk jaar een evaluatie van proces, doelen en resultaten.",
        "true: an evaluation of process, goals and results every year.",
    ),
    "indicators_required": (
        "true: elk project legt indicatoren vast.",
        "true: every project records indicators.",
    ),
    "disagreement_open_days": (
        "Na hoeveel dagen een open onenigheid gemeld wordt (1 tot en met 3660), of null: nooit. "
        "Dit is een keuze van de samenwerking.",
        "After how many days an open disagreement is reported (1 to 3660), or null: never. "
        "This is the cooperation's own choice.",
    ),
    "minimum_end_date": (
        "De belofte dat de samenwerking in elk geval tot die dag loopt (JJJJ-MM-DD), of null: geen belofte. "
        "Een herziening mag die dag niet vervroegen.",
        "The promise that the cooperation lasts at least until that day (YYYY-MM-DD), or null: no promise. "
        "A revision may not make it earlier.",
    ),
    "clauses": (
        "Bij elke afspraak de sleutel van het artikel waar die vandaan komt; een melding citeert dat artikel.",
        "For each commitment the key of the clause it comes from; a finding quotes that clause.",
    ),
}


# --- the template -------------------------------------------------------------------------


def template_yaml() -> str:
    """The starting file for a new neighbourhood's agreement: BoTu's text and commitments
    (the same document as ``agreement_template()``), every part explained in a comment in
    Dutch and English. ``read_terms_file`` reads it back as the same terms."""
    data = agreement_template()
    lines = [
        "# Samenwerkingsovereenkomst voor botu. Pas de teksten en afspraken aan voor je eigen buurt,",
        "# en lees het bestand in met: botu agreement adopt overeenkomst.yaml",
        "# A cooperation agreement for botu. Change the texts and commitments for your own neighbourhood,",
        "# then read the file in with: botu agreement adopt agreement.yaml",
        "# Tekst tussen aanhalingstekens; een datum als 2028-01-01; null betekent: geen waarde.",
        "# Text between quotes; a date like 2028-01-01; null means: no value.",
    ]
    for part in TERMS_KEYS:
        lines.append("")
        lines.extend(_comment(PART_HELP[part], ""))
        value = data[part]
        if part == "commitments":
            lines.append("commitments:")
            for name, item in value.items():
                lines.extend(_comment(COMMITMENT_HELP[name], "  "))
                if name == "clauses":
                    lines.append("  clauses:" if item else "  clauses: {}")
                    lines.extend(f"    {key}: {_scalar(clause)}" for key, clause in item.items())
                else:
                    lines.append(f"  {name}: {_scalar(item)}")
        elif isinstance(value, list):
            lines.append(f"{part}:" if value else f"{part}: []")
            for clause in value:
                lines.append(f"  - key: {_scalar(clause['key'])}")
                lines.append(f"    text: {_scalar(clause['text'])}")
        else:
            lines.append(f"{part}: {_scalar(value)}")
    return "\n".join(lines) + "\n"


def _comment(texts: tuple[str, str], indent: str) -> list[str]:
    return [f"{indent}# {text}" for text in texts]


def _scalar(value: object) -> str:
    # JSON's spelling of a string, a number, a truth value or null is YAML's too; a date
    # stays unquoted so that YAML reads it as a date.
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    return json.dumps(value, ensure_ascii=False)


# --- reading a file -------------------------------------------------------------------------


def read_terms_file(content: bytes | str, *, base: Commitments | None = None) -> AgreementTerms:
    """Agreement terms from a file's content: the YAML of ``template_yaml()`` or the JSON of
    ``agreement template --json`` / ``agreement show --json``.

    Commitments left out keep ``base`` (the version being revised) or BoTu's defaults. A
    file that is not right is refused with ``InvalidInput``; for YAML the error is
    ``agreement.file_invalid`` with the line of the key that is wrong."""
    text = _text(content)
    if text.lstrip().startswith("{"):
        return terms_from_data(parse_json(text), base)
    root = _compose(text)
    data = yaml.safe_load(text)
    try:
        return terms_from_data(data, base)
    except InvalidInput as error:
        line = _line_of(root, error)
        if line is None:
            raise
        raise InvalidInput(
            "agreement.file_invalid", line=line, reason=error.code,
            detail_nl=Whole(error.message("nl")), detail_en=Whole(error.message("en")),
        ) from None


def _text(content: bytes | str) -> str:
    if isinstance(content, bytes | bytearray):
        if len(content) > MAX_FILE_BYTES:
            raise InvalidInput("agreement.file_too_large", max=MAX_FILE_BYTES)
        try:
            return bytes(content).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidInput("input.invalid_encoding") from None
    if len(content.encode("utf-8")) > MAX_FILE_BYTES:
        raise InvalidInput("agreement.file_too_large", max=MAX_FILE_BYTES)
    return content


def _compose(text: str) -> yaml.Node | None:
    """The file's node tree, with the line of every key; refused when it is not YAML, uses
    anchors (which can make a small file expand without end) or nests too deep."""
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                raise InvalidInput("agreement.file_anchor", line=mark.line + 1 if mark is not None else "?")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise InvalidInput(
            "agreement.file_unreadable", line=(mark.line + 1) if mark else "?",
            detail=error.problem or error.context or "",
        ) from None
    except yaml.YAMLError as error:
        raise InvalidInput("agreement.file_unreadable", line="?", detail=str(error)) from None
    if root is not None and _depth(root) > MAX_JSON_DEPTH:
        raise InvalidInput("input.too_deep", max=MAX_JSON_DEPTH)
    return root


def _depth(node: yaml.Node) -> int:
    if isinstance(node, yaml.MappingNode):
        return 1 + max((max(_depth(k), _depth(v)) for k, v in node.value), default=0)
    if isinstance(node, yaml.SequenceNode):
        return 1 + max((_depth(item) for item in node.value), default=0)
    return 1


# Dutch field names the text checks use, and the part of the file each one is.
_FIELD_PARTS = {"titel": "title", "organisatie": "organisation"}


def _line_of(root: yaml.Node | None, error: InvalidInput) -> int | None:
    """The line (from 1) of the part of the file ``error`` is about, where it can be found."""
    if not isinstance(root, yaml.MappingNode):
        return None
    key = error.params.get("key", _FIELD_PARTS.get(str(error.params.get("field"))))
    if error.code == "agreement.duplicate_clause_key":
        return _line_of_duplicate(root, str(key))
    if error.code == "agreement.unknown_clause":
        key = f"clauses.{error.params.get('commitment')}"
    if key is None:
        return None
    key = str(key)
    if (item := re.fullmatch(r"(\w+)\[(\d+)\]", key)) is not None:
        node = _child(root, item.group(1))
        index = int(item.group(2)) - 1
        if isinstance(node, yaml.SequenceNode) and 0 <= index < len(node.value):
            return int(node.value[index].start_mark.line) + 1
        return None
    found = _key_node(root, key)
    if found is None and (commitments := _child(root, "commitments")) is not None:
        found = _key_node(commitments, key)
    return None if found is None else int(found.start_mark.line) + 1


def _key_node(mapping: yaml.Node, dotted: str) -> yaml.Node | None:
    node: yaml.Node | None = mapping
    key_node = None
    for part in dotted.split("."):
        if not isinstance(node, yaml.MappingNode):
            return None
        pair = next(((k, v) for k, v in node.value if k.value == part), None)
        if pair is None:
            return None
        key_node, node = pair
    return key_node


def _child(mapping: yaml.Node, key: str) -> yaml.Node | None:
    if not isinstance(mapping, yaml.MappingNode):
        return None
    return next((v for k, v in mapping.value if k.value == key), None)


def _line_of_duplicate(root: yaml.Node, clause_key: str) -> int | None:
    seen = 0
    for part in ("values", "goals", "working_agreements"):
        node = _child(root, part)
        for item in node.value if isinstance(node, yaml.SequenceNode) else ():
            found = _child(item, "key")
            if found is not None and found.value == clause_key:
                seen += 1
                if seen == 2:
                    return int(item.start_mark.line) + 1
    return None


# --- the JSON Schema -------------------------------------------------------------------------

SCHEMA_ID = "https://botu.example/agreement.schema.json"


def terms_json_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of a terms document, made from the attrs classes of the
    terms, so that it cannot drift from what botu reads."""
    terms = _object_schema(AgreementTerms, PART_HELP)
    for key in _SHOWN_ONLY:
        terms["properties"][key] = {
            "description": "Getoond door 'agreement show'; wordt bij inlezen overgeslagen. / "
                           "Shown by 'agreement show'; ignored when read."
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "botu: samenwerkingsovereenkomst / cooperation agreement",
        **terms,
        "$defs": {
            "Clause": _object_schema(Clause, PART_HELP),
            "Commitments": _object_schema(Commitments, COMMITMENT_HELP, all_optional=True),
        },
    }


def _object_schema(cls: type, help_texts: Mapping[str, tuple[str, str]], *, all_optional: bool = False) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required = []
    for field in attrs.fields(cls):
        schema = _type_schema(hints[field.name])
        for bound in ("minimum", "maximum"):
            if bound in field.metadata:
                _integer_part(schema)[bound] = field.metadata[bound]
        if field.name in help_texts:
            schema["description"] = " / ".join(help_texts[field.name])
        if field.default is attrs.NOTHING:
            required.append(field.name)
        elif not isinstance(field.default, attrs.Factory) and not attrs.has(type(field.default)):  # type: ignore[arg-type]
            # A whole default object (the commitments) is described by its own fields' defaults.
            schema["default"] = _json_value(field.default)
        properties[field.name] = schema
    result: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required and not all_optional:
        result["required"] = required
    return result


def _integer_part(schema: dict[str, Any]) -> dict[str, Any]:
    for option in schema.get("anyOf", ()):
        if option.get("type") == "integer":
            return typing.cast(dict[str, Any], option)
    return schema


def _type_schema(hint: Any) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        options = [_type_schema(arg) for arg in args if arg is not type(None)]
        if type(None) in args:
            options.append({"type": "null"})
        return options[0] if len(options) == 1 else {"anyOf": options}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(args[0])}
    if origin in (Mapping, dict) or hint is Mapping:
        return {"type": "object", "additionalProperties": _type_schema(args[1]) if args else {"type": "string"}}
    if attrs.has(hint):
        return {"$ref": f"#/$defs/{hint.__name__}"}
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {"enum": [member.value for member in hint]}
    simple = {bool: {"type": "boolean"}, int: {"type": "integer"}, str: {"type": "string"},
              dt.date: {"type": "string", "format": "date"}}
    if hint in simple:
        return dict(simple[hint])
    raise TypeError(f"no JSON Schema for {hint!r}")  # a new field type: teach the schema first


def _json_value(value: object) -> object:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {key: _json_value(item) for key, item in value.items()}
    return value


__all__ = ["COMMITMENT_HELP", "PART_HELP", "read_terms_file", "template_yaml", "terms_json_schema"]

