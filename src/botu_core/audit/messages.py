"""The texts of the audit part: a Dutch (B1) and an English message per code.

They join botu's one catalogue (``errors.MESSAGES``), so ``BotuError`` can use them.
"""

from __future__ import annotations

from ..errors import MESSAGES

AUDIT_MESSAGES: dict[str, tuple[str, str]] = {
    # --- what verify finds -----------------------------------------------------------
    "audit.event_missing": (
        "Gebeurtenis {position} ontbreekt. Iemand heeft die uit de opslag gehaald.",
        "Event {position} is missing. Someone removed it from the store.",
    ),
    "audit.events_missing_at_end": (
        "De laatste gebeurtenissen vanaf {position} ontbreken ({chained} waren vastgelegd, {stored} zijn er nog).",
        "The last events from {position} on are missing ({chained} were recorded, {stored} are left).",
    ),
    "audit.event_changed": (
        "Gebeurtenis {position} is veranderd nadat die was vastgelegd.",
        "Event {position} was changed after it was recorded.",
    ),
    "audit.event_moved": (
        "Op plek {position} staat nu gebeurtenis {was}. Gebeurtenissen zijn verwisseld of verplaatst.",
        "Position {position} now holds event {was}. Events were swapped or moved.",
    ),
    "audit.event_inserted": (
        "Op plek {position} is een gebeurtenis tussengevoegd die er eerst niet was.",
        "An event that was not there before was inserted at position {position}.",
    ),
    "audit.event_removed_renumbered": (
        "Gebeurtenis {position} is weggehaald en de latere gebeurtenissen zijn opnieuw genummerd.",
        "Event {position} was removed and the later events were renumbered.",
    ),
    "audit.event_not_chained": (
        "Gebeurtenis {position} staat niet in de keten. Die is buiten botu om toegevoegd.",
        "Event {position} is not in the chain. It was added outside botu.",
    ),
    "audit.event_duplicated": (
        "Gebeurtenis {position} is een kopie van gebeurtenis {was}. Die is buiten botu om toegevoegd.",
        "Event {position} is a copy of event {was}. It was added outside botu.",
    ),
    # --- a damaged store, found on opening or while reading ------------------------------
    "audit.store_damaged": (
        "De opslag is beschadigd: het logboek van samenwerking {cooperation} klopt niet vanaf gebeurtenis "
        "{position}. botu laat daarom niets zien. Zoek uit wat er is gebeurd met: botu audit verify",
        "The store is damaged: the log of cooperation {cooperation} does not match from event {position} on. "
        "So botu shows nothing. Find out what happened with: botu audit verify",
    ),
    "audit.projection_failed": (
        "De opslag is beschadigd: een gebeurtenis staat er dubbel of is vervalst ({detail}). "
        "botu laat daarom niets zien. Zoek uit wat er is gebeurd met: botu audit verify",
        "The store is damaged: an event is there twice or is forged ({detail}). "
        "So botu shows nothing. Find out what happened with: botu audit verify",
    ),
    "audit.tree_size_out_of_range": (
        "Een boom van {size} gebeurtenissen bestaat niet: het logboek heeft er {events}.",
        "There is no tree of {size} events: the log has {events}.",
    ),
    # --- the transparency log, checkpoints and witnesses ----------------------------------
    "audit.tree_mismatch": (
        "De boom van het logboek klopt niet bij gebeurtenis {position}: de tabel is veranderd.",
        "The log's tree does not match at event {position}: the table was changed.",
    ),
    "audit.truncated_behind_checkpoint": (
        "Het logboek is ingekort: een ondertekend controlepunt telde {size} gebeurtenissen, "
        "vanaf gebeurtenis {position} ontbreken ze.",
        "The log was cut short: a signed checkpoint counted {size} events; from event {position} on they are missing.",
    ),
    "audit.checkpoint_mismatch": (
        "Het logboek past niet bij het ondertekende controlepunt van {size} gebeurtenissen. "
        "Er is iets veranderd op of voor plek {position}.",
        "The log does not match the signed checkpoint of {size} events. Something changed at or before position {position}.",
    ),
    "audit.truncated_behind_witness": (
        "Het logboek is ingekort: getuige(n) {witnesses} tekenden voor {size} gebeurtenissen, "
        "vanaf gebeurtenis {position} ontbreken ze.",
        "The log was cut short: witness(es) {witnesses} signed for {size} events; from event {position} on they are missing.",
    ),
    "audit.rewritten_behind_witness": (
        "De geschiedenis is herschreven: getuige(n) {witnesses} tekenden voor {size} gebeurtenissen met een "
        "andere inhoud. Er is iets veranderd op of voor plek {position}.",
        "History was rewritten: witness(es) {witnesses} signed for {size} events with other content. "
        "Something changed at or before position {position}.",
    ),
    "audit.checkpoint_signature_invalid": (
        "De handtekening onder het controlepunt van {size} gebeurtenissen klopt niet.",
        "The signature on the checkpoint of {size} events does not match.",
    ),
    "audit.checkpoint_other_log": (
        "Dit controlepunt hoort bij een ander logboek ({origin}).",
        "This checkpoint belongs to another log ({origin}).",
    ),
    "audit.no_checkpoint": (
        "Er is nog geen ondertekend controlepunt. Maak er een met: botu audit checkpoint",
        "There is no signed checkpoint yet. Make one with: botu audit checkpoint",
    ),
    "audit.invalid_checkpoint": (
        "Dit is geen ondertekend controlepunt dat botu kan lezen ({detail}).",
        "This is not a signed checkpoint botu can read ({detail}).",
    ),
    "audit.checkpoint_unknown": (
        "Deze opslag heeft geen controlepunt van {size} gebeurtenissen met deze inhoud.",
        "This store has no checkpoint of {size} events with this content.",
    ),
    "audit.no_cosignature": (
        "Er staat geen nieuwe geldige handtekening van een bekende getuige onder het controlepunt van {size}.",
        "There is no new valid signature of a known witness on the checkpoint of {size}.",
    ),
    # --- cosignatures handed in from outside -----------------------------------------------
    "audit.cosignature_too_large": (
        "Dit is te veel tekst voor een meegetekend controlepunt: hooguit {limit} bytes.",
        "This is too much text for a cosigned checkpoint: {limit} bytes at most.",
    ),
    "audit.cosignature_beyond_log": (
        "Dit controlepunt telt {size} gebeurtenissen, maar het logboek heeft er {events}. "
        "Het past niet bij dit logboek; niets is bewaard.",
        "This checkpoint counts {size} events, but the log has {events}. It does not fit this log; nothing was kept.",
    ),
    "audit.cosignature_forked": (
        "Dit controlepunt van {size} gebeurtenissen hoort bij een andere geschiedenis dan dit logboek. Niets is bewaard.",
        "This checkpoint of {size} events belongs to another history than this log. Nothing was kept.",
    ),
    "audit.cosignature_unknown_witness": (
        "'{name}' met deze sleutel is geen getuige van deze samenwerking. Niets is bewaard. "
        "Maak een getuige eerst bekend met: botu audit witness add",
        "'{name}' with this key is not a witness of this cooperation. Nothing was kept. "
        "Register a witness first with: botu audit witness add",
    ),
    "audit.cosignature_invalid": (
        "De handtekening van getuige {name} klopt niet bij dit controlepunt. Niets is bewaard.",
        "The signature of witness {name} does not match this checkpoint. Nothing was kept.",
    ),
    "audit.witness_bad_name": (
        "'{name}' is geen naam voor een getuige: gebruik een naam zonder spaties, bijvoorbeeld buurtcentrum.nl/getuige.",
        "'{name}' is not a name for a witness: use a name without spaces, for example buurtcentrum.nl/witness.",
    ),
    "audit.witness_key_exists": (
        "Het sleutelbestand {path} bestaat al. botu overschrijft geen sleutel.",
        "The key file {path} already exists. botu does not overwrite a key.",
    ),
    "audit.witness_key_unreadable": (
        "Het sleutelbestand {path} kan niet gelezen worden (geen Ed25519-sleutel in PEM).",
        "The key file {path} cannot be read (no Ed25519 key in PEM).",
    ),
    "audit.witness_state_unreadable": (
        "Het bestand {path} met wat de getuige eerder tekende kan niet gelezen worden.",
        "The file {path} with what the witness signed before cannot be read.",
    ),
    "audit.witness_needs_log_key": (
        "De eerste keer heeft de getuige de publieke sleutel van het logboek nodig (--log-key).",
        "The first time, the witness needs the log's public key (--log-key).",
    ),
    "audit.witness_log_key_changed": (
        "Het logboek heeft een andere sleutel dan de getuige eerder zag. De getuige tekent niet.",
        "The log has another key than the witness saw before. The witness does not sign.",
    ),
    "audit.witness_not_signed_by_log": (
        "Het controlepunt is niet ondertekend met de sleutel van het logboek. De getuige tekent niet.",
        "The checkpoint is not signed with the log's key. The witness does not sign.",
    ),
    "audit.witness_other_log": (
        "Dit controlepunt hoort bij een ander logboek ({origin}). De getuige tekent niet.",
        "This checkpoint belongs to another log ({origin}). The witness does not sign.",
    ),
    "audit.witness_inconsistent": (
        "Het controlepunt van {size} gebeurtenissen past niet bij de {seen} die de getuige eerder tekende: "
        "de geschiedenis is veranderd. De getuige tekent niet.",
        "The checkpoint of {size} events does not match the {seen} the witness signed before: "
        "history was changed. The witness does not sign.",
    ),
    "audit.head_mismatch": (
        "De geschiedenis tot en met gebeurtenis {head_position} past niet bij de gepubliceerde kop. "
        "Er is iets veranderd op of voor plek {position}.",
        "The history up to event {head_position} does not match the published head. "
        "Something changed at or before position {position}.",
    ),
    "audit.head_not_found": (
        "De gepubliceerde kop '{head}' komt in deze geschiedenis niet voor. Er is iets veranderd.",
        "The published head '{head}' does not occur in this history. Something changed.",
    ),
    "audit.head_beyond_log": (
        "De gepubliceerde kop gaat tot gebeurtenis {head_position}, maar gebeurtenis {position} ontbreekt.",
        "The published head goes up to event {head_position}, but event {position} is missing.",
    ),
    "audit.head_signature_invalid": (
        "De handtekening van de kop klopt niet met de publieke sleutel.",
        "The signature of the head does not match the public key.",
    ),
    "audit.head_other_cooperation": (
        "Deze kop hoort bij een andere samenwerking.",
        "This head belongs to another cooperation.",
    ),
    # --- refusals ----------------------------------------------------------------------
    "audit.invalid_head": (
        "'{value}' is geen geldige kop. Schrijf POSITIE:CODE (bijvoorbeeld 12:3fa9c0…) of alleen de code (minstens 16 tekens).",
        "'{value}' is not a valid head. Write POSITION:DIGEST (for example 12:3fa9c0…) or the digest alone (at least 16 characters).",
    ),
    "audit.invalid_public_key": (
        "'{value}' is geen geldige publieke sleutel.",
        "'{value}' is not a valid public key.",
    ),
    "audit.damaged": (
        "De geschiedenis is beschadigd, daarom geeft botu geen kop: {problem}",
        "The history is damaged, so botu gives no head: {problem}",
    ),
    "audit.position_out_of_range": (
        "Plek {position} bestaat niet: de geschiedenis heeft {events} gebeurtenissen.",
        "Position {position} does not exist: the history has {events} events.",
    ),
    "audit.no_signing_key": (
        "Er is geen sleutel om mee te ondertekenen voor deze samenwerking in {where}.",
        "There is no signing key for this cooperation in {where}.",
    ),
    "audit.as_of_needs_moment": (
        "Kies een datum of een plek in de geschiedenis.",
        "Choose a date or a position in the history.",
    ),
    "audit.why_unknown": (
        "botu kan '{item}' niet vinden in de geschiedenis.",
        "botu cannot find '{item}' in the history.",
    ),
    # --- import ------------------------------------------------------------------------
    "audit.import_unreadable": (
        "Het bestand kan niet gelezen worden: {detail}. Er is niets vastgelegd.",
        "The file cannot be read: {detail}. Nothing was recorded.",
    ),
    "audit.import_invalid_line": (
        "Regel {line} van het bestand klopt niet: {detail}. Er is niets vastgelegd.",
        "Line {line} of the file is not valid: {detail}. Nothing was recorded.",
    ),
    "audit.import_altered": (
        "Regel {line} (gebeurtenis {position}) is veranderd: de code klopt niet. Er is niets vastgelegd.",
        "Line {line} (event {position}) was altered: its digest does not match. Nothing was recorded.",
    ),
    "audit.import_tree_mismatch": (
        "De boom of het controlepunt aan het eind van het bestand (regel {line}) past niet bij de gebeurtenissen. "
        "Er is niets vastgelegd.",
        "The tree or checkpoint at the end of the file (line {line}) does not match the events. Nothing was recorded.",
    ),
    "audit.import_head_mismatch": (
        "De kop aan het eind van het bestand past niet bij de gebeurtenissen. Er is niets vastgelegd.",
        "The head at the end of the file does not match the events. Nothing was recorded.",
    ),
    # --- inclusion receipts ---------------------------------------------------------------
    "audit.receipt_invalid": (
        "Dit is geen geldig bewijs van opname in het logboek ({detail}).",
        "This is not a valid inclusion receipt ({detail}).",
    ),
    "audit.receipt_entry_mismatch": (
        "Het bewijs klopt niet: de gebeurtenis op plek {position} is veranderd na het maken van het bewijs.",
        "The receipt does not check: the event at position {position} was changed after the receipt was made.",
    ),
    "audit.receipt_proof_invalid": (
        "Het bewijs klopt niet: het pad van gebeurtenis {position} leidt niet naar de wortel van het logboek.",
        "The receipt does not check: the path of event {position} does not lead to the log's root.",
    ),
    "audit.receipt_checkpoint_mismatch": (
        "Het bewijs klopt niet: het controlepunt hoort niet bij dit logboek van {size} gebeurtenissen.",
        "The receipt does not check: the checkpoint does not belong to this log of {size} events.",
    ),
    "audit.receipt_signature_invalid": (
        "Het bewijs klopt niet: het controlepunt is niet ondertekend met de sleutel van de samenwerking.",
        "The receipt does not check: the checkpoint is not signed with the cooperation's key.",
    ),
    "audit.import_expected_head": (
        "Het bestand past niet bij de gepubliceerde kop: {problem} Er is niets vastgelegd.",
        "The file does not match the published head: {problem} Nothing was recorded.",
    ),
    "audit.import_not_empty": (
        "De samenwerking '{cooperation}' staat al in deze opslag. Importeer alleen in een lege opslag. "
        "Er is niets vastgelegd.",
        "The cooperation '{cooperation}' is already in this store. Import only into an empty store. "
        "Nothing was recorded.",
    ),
}

MESSAGES.update(AUDIT_MESSAGES)


def texts(code: str, **params: object) -> tuple[str, str]:
    """The Dutch and English text of ``code`` with its parameters filled in."""
    nl, en = MESSAGES[code]
    return nl.format(**params), en.format(**params)
