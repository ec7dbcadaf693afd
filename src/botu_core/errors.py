"""Errors that botu shows to people: a stable code, a Dutch and an English message.

Every refusal carries a machine-readable ``code`` (front ends map it to exit codes
and HTTP statuses) and a message in plain Dutch first and English second. The texts
live in one catalogue below, so translators find them in one place and tests can
check that every code has both languages.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath
from collections.abc import Mapping
from typing import Any, ClassVar, NamedTuple

from .formatting import show_date

# code -> (Dutch, English). Placeholders use str.format names.
MESSAGES: dict[str, tuple[str, str]] = {
    # --- input that cannot be understood -------------------------------------------
    "input.required": (
        "Vul '{field}' in, dit mag niet leeg zijn.",
        "Please fill in '{field}'; it may not be empty.",
    ),
    "input.too_long": (
        "'{field}' is te lang: hoogstens {max} tekens.",
        "'{field}' is too long: at most {max} characters.",
    ),
    "input.control_characters": (
        "'{field}' bevat tekens die niet zijn toegestaan.",
        "'{field}' contains characters that are not allowed.",
    ),
    "input.invalid_choice": (
        "'{value}' is geen geldige keuze voor '{field}'. Kies uit: {choices}.",
        "'{value}' is not a valid choice for '{field}'. Choose from: {choices}.",
    ),
    "input.invalid_type": (
        "'{field}' heeft een verkeerde vorm.",
        "'{field}' has the wrong form.",
    ),
    "input.invalid_date": (
        "'{value}' is geen geldige datum. Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2021-06-30.",
        "'{value}' is not a valid date. Write the date as YYYY-MM-DD, for example 2021-06-30.",
    ),
    "input.invalid_year": (
        "'{value}' is geen geldig jaar (tussen 2000 en 2100).",
        "'{value}' is not a valid year (between 2000 and 2100).",
    ),
    "input.invalid_number": (
        "'{value}' is geen geldig getal. Schrijf een getal als {thousands} of {decimals}.",
        "'{value}' is not a valid number. Write a number as {thousands} or {decimals}.",
    ),
    "input.invalid_email": (
        "'{value}' is geen geldig e-mailadres.",
        "'{value}' is not a valid e-mail address.",
    ),
    "input.invalid_phone": (
        "'{value}' is geen geldig telefoonnummer.",
        "'{value}' is not a valid phone number.",
    ),
    "input.duplicate_items": (
        "'{field}' noemt hetzelfde meer dan één keer.",
        "'{field}' names the same item more than once.",
    ),
    "input.period_reversed": (
        "De periode eindigt voor hij begint.",
        "The period ends before it starts.",
    ),
    # Raw input from outside (JSON documents, web form bodies), before it is read as a command.
    "input.invalid_encoding": (
        "De tekst is niet goed gecodeerd: botu leest alleen UTF-8.",
        "The text is not encoded properly: botu reads only UTF-8.",
    ),
    "input.invalid_json": (
        "Dit is geen goede JSON: {detail}",
        "This is not valid JSON: {detail}",
    ),
    "input.too_deep": (
        "De JSON is te diep genest: hoogstens {max} niveaus.",
        "The JSON is nested too deeply: at most {max} levels.",
    ),
    # Amounts and numbers are read in the user's language; the examples ({thousands},
    # {cents}, {decimals}) are written in the language the text was read in.
    "amount.invalid": (
        "'{value}' is geen geldig bedrag. Schrijf een bedrag als {thousands} of {cents}.",
        "'{value}' is not a valid amount. Write an amount as {thousands} or {cents}.",
    ),
    "amount.fractional_cents": (
        "'{value}' heeft meer dan twee cijfers achter de komma. Een bedrag is in hele centen.",
        "'{value}' has more than two decimals. An amount is in whole cents.",
    ),
    "amount.not_positive": (
        "Het bedrag moet groter zijn dan € 0,00.",
        "The amount must be more than € 0.00.",
    ),
    "amount.negative": (
        "Het bedrag mag niet negatief zijn.",
        "The amount may not be negative.",
    ),
    "amount.too_large": (
        "Het bedrag is te groot (hoogstens € 1.000.000.000,00).",
        "The amount is too large (at most € 1,000,000,000.00).",
    ),
    # --- cooperations ---------------------------------------------------------------
    "cooperation.unknown": (
        "Er is geen samenwerking '{ref}'.",
        "There is no cooperation '{ref}'.",
    ),
    "cooperation.ambiguous": (
        "Er zijn meerdere samenwerkingen. Kies er één met --coop.",
        "There are several cooperations. Choose one with --coop.",
    ),
    "cooperation.none": (
        "Er is nog geen samenwerking. Maak er eerst een aan.",
        "There is no cooperation yet. Create one first.",
    ),
    "cooperation.slug_taken": (
        "De korte naam '{slug}' is al in gebruik door een andere samenwerking.",
        "The short name '{slug}' is already used by another cooperation.",
    ),
    "cooperation.invalid_slug": (
        "'{value}' is geen geldige korte naam: gebruik kleine letters, cijfers en streepjes.",
        "'{value}' is not a valid short name: use lower-case letters, digits and hyphens.",
    ),
    # --- agreement ------------------------------------------------------------------
    "agreement.already_adopted": (
        "Deze samenwerking heeft al een overeenkomst. Stel die bij met een nieuwe versie.",
        "This cooperation already has an agreement. Revise it with a new version.",
    ),
    "agreement.not_adopted": (
        "Er is nog geen overeenkomst vastgesteld.",
        "No agreement has been adopted yet.",
    ),
    # --- commitments of an agreement (figures and choices botu checks) ---------------
    "agreement.end_before_minimum": (
        "Versie {version} belooft dat de samenwerking in elk geval loopt tot {minimum}. "
        "Een einddatum ervoor kan niet ({end_date}).",
        "Version {version} promises that the cooperation runs until at least {minimum}. "
        "An end date before that is not possible ({end_date}).",
    ),
    "agreement.minimum_end_lowered": (
        "Versie {version} belooft dat de samenwerking in elk geval loopt tot {minimum}. "
        "Een nieuwe versie mag die belofte niet korter maken ({new_minimum_nl}).",
        "Version {version} promises that the cooperation runs until at least {minimum}. "
        "A new version may not shorten that promise ({new_minimum_en}).",
    ),
    "agreement.invalid_commitment": (
        "De afspraak '{key}' ({label_nl}) is niet goed: vul {expected_nl} in.",
        "The commitment '{key}' ({label_en}) is not right: give {expected_en}.",
    ),
    "agreement.unknown_commitment": (
        "De overeenkomst kent geen afspraak '{key}'.",
        "The agreement has no commitment '{key}'.",
    ),
    "agreement.unknown_clause": (
        "De afspraak '{commitment}' verwijst naar artikel '{key}', maar dat staat niet in de tekst.",
        "The commitment '{commitment}' refers to clause '{key}', which is not in the text.",
    ),
    "agreement.terms_missing": (
        "Het onderdeel '{key}' ontbreekt in de overeenkomst.",
        "The part '{key}' is missing from the agreement.",
    ),
    "agreement.terms_invalid": (
        "Het onderdeel '{key}' van de overeenkomst is niet goed: {expected_nl}.",
        "The part '{key}' of the agreement is not right: {expected_en}.",
    ),
    # --- an agreement file (YAML or JSON) ---------------------------------------------
    "agreement.file_invalid": (
        "Regel {line} van het bestand: {detail_nl}",
        "Line {line} of the file: {detail_en}",
    ),
    "agreement.file_unreadable": (
        "Het bestand is geen leesbare YAML (regel {line}): {detail}.",
        "The file is not readable YAML (line {line}): {detail}.",
    ),
    "agreement.file_anchor": (
        "Regel {line} van het bestand gebruikt een anker of verwijzing (& of *); schrijf de tekst gewoon uit.",
        "Line {line} of the file uses an anchor or alias (& or *); write the text out instead.",
    ),
    "agreement.file_too_large": (
        "Het bestand is te groot voor een overeenkomst: hoogstens {max} bytes.",
        "The file is too large for an agreement: at most {max} bytes.",
    ),
    "agreement.unknown_version": (
        "Versie {version} van de overeenkomst bestaat niet.",
        "Version {version} of the agreement does not exist.",
    ),
    "agreement.revision_needs_reason": (
        "Een nieuwe versie noemt het besluit of de evaluatie waar zij uit komt.",
        "A new version names the decision or evaluation it comes from.",
    ),
    "agreement.revision_unchanged": (
        "De nieuwe versie is gelijk aan de huidige. Er is niets bijgesteld.",
        "The new version is the same as the current one. Nothing was revised.",
    ),
    "agreement.duplicate_clause_key": (
        "De sleutel '{key}' komt twee keer voor in de overeenkomst.",
        "The key '{key}' appears twice in the agreement.",
    ),
    "agreement.already_signed": (
        "{party} heeft versie {version} al ondertekend. Eén handtekening per partij per versie.",
        "{party} has already signed version {version}. One signature per party per version.",
    ),
    "coordinators.empty": (
        "Kies minstens één coördinator.",
        "Choose at least one coordinator.",
    ),
    # --- parties --------------------------------------------------------------------
    "party.unknown": (
        "Er is geen partij '{ref}' in deze samenwerking.",
        "There is no party '{ref}' in this cooperation.",
    ),
    "party.not_active": (
        "{party} doet niet (meer) mee. Alleen partijen die meedoen kunnen dit doen.",
        "{party} is not (or no longer) taking part. Only taking parties can do this.",
    ),
    "party.already_active": (
        "{party} doet al mee.",
        "{party} is already taking part.",
    ),
    "party.name_taken": (
        "Er doet al een partij mee met de naam '{name}'.",
        "A party named '{name}' is already taking part.",
    ),
    "party.unchanged": (
        "Er is niets veranderd aan de gegevens van {party}.",
        "Nothing changed in the details of {party}.",
    ),
    "party.forgotten": (
        "Partij {party} is vergeten op eigen verzoek. Er kan niets meer mee gebeuren.",
        "Party {party} has been forgotten on request. Nothing more can be done with it.",
    ),
    # --- confirming parties that registered themselves ---------------------------------
    "party.not_confirmed": (
        "{party} is nog niet bevestigd door een coördinator. Na de bevestiging kunt u stemmen en voorstellen doen.",
        "{party} has not been confirmed by a coordinator yet. Once confirmed, you can vote and make proposals.",
    ),
    "party.already_confirmed": (
        "{party} is al bevestigd.",
        "{party} has already been confirmed.",
    ),
    "party.name_of_former_party": (
        "De naam '{name}' hoort bij een partij die eerder meedeed. Vraag een coördinator om die partij weer te laten meedoen.",
        "The name '{name}' belongs to a party that took part before. Ask a coordinator to let that party take part again.",
    ),
    "consent.already_given": (
        "{party} deelt de contactgegevens al.",
        "{party} already shares the contact details.",
    ),
    "consent.not_given": (
        "{party} deelt de contactgegevens niet.",
        "{party} does not share the contact details.",
    ),
    # --- projects -------------------------------------------------------------------
    "project.unknown": (
        "Er is geen project '{ref}'.",
        "There is no project '{ref}'.",
    ),
    "project.title_taken": (
        "Er is al een project met de titel '{title}'.",
        "There is already a project titled '{title}'.",
    ),
    "project.not_running": (
        "Project '{project}' loopt niet meer (het is {status_nl}).",
        "Project '{project}' is no longer running (it is {status_en}).",
    ),
    "project.unknown_goal": (
        "De overeenkomst heeft geen doel of waarde '{key}'.",
        "The agreement has no goal or value '{key}'.",
    ),
    "indicator.unknown": (
        "Er is geen indicator '{ref}' bij dit project.",
        "There is no indicator '{ref}' in this project.",
    ),
    "indicator.name_taken": (
        "Dit project heeft al een indicator '{name}'.",
        "This project already has an indicator '{name}'.",
    ),
    # --- budget ---------------------------------------------------------------------
    "budget.unknown_source": (
        "Er is geen geld van '{source}' in {year}.",
        "There are no funds from '{source}' in {year}.",
    ),
    "budget.exceeds_left": (
        "Dat kan niet: van {source} is in {year} nog {left} over, en u vraagt {amount}.",
        "Not possible: {source} has {left} left in {year}, and you ask for {amount}.",
    ),
    "budget.allocation_unknown": (
        "Er is geen toekenning '{ref}'.",
        "There is no allocation '{ref}'.",
    ),
    "budget.allocation_withdrawn": (
        "Toekenning voor '{allocation_title}' ({allocation}) is al ingetrokken.",
        "Allocation for '{allocation_title}' ({allocation}) has already been withdrawn.",
    ),
    "budget.allocation_has_spending": (
        "Toekenning voor '{allocation_title}' ({allocation}) kan niet worden ingetrokken: er is al {spent} van uitgegeven.",
        "Allocation for '{allocation_title}' ({allocation}) cannot be withdrawn: {spent} of it has already been spent.",
    ),
    "budget.overspending": (
        "Dat kan niet: van toekenning voor '{allocation_title}' ({allocation}) is nog {left} over, en de uitgave is {amount}.",
        "Not possible: allocation for '{allocation_title}' ({allocation}) has {left} left, and the spending is {amount}.",
    ),
    "budget.decision_required": (
        "Elke toekenning noemt het besluit waar zij uit komt.",
        "Every allocation names the decision it comes from.",
    ),
    # --- meetings and decisions -------------------------------------------------------
    "meeting.unknown": (
        "Er is geen bijeenkomst '{ref}'.",
        "There is no meeting '{ref}'.",
    ),
    "decision.unknown": (
        "Er is geen besluit '{ref}'.",
        "There is no decision '{ref}'.",
    ),
    "decision.not_taken": (
        "Besluit '{decision_title}' ({decision}) is nog niet genomen.",
        "Decision '{decision_title}' ({decision}) has not been taken yet.",
    ),
    "decision.already_taken": (
        "Besluit '{decision_title}' ({decision}) is al genomen. Meningen geef je voordat een besluit valt.",
        "Decision '{decision_title}' ({decision}) has already been taken. Opinions are given before a decision is made.",
    ),
    # --- disagreements ----------------------------------------------------------------
    "disagreement.unknown": (
        "Er is geen onenigheid '{ref}'.",
        "There is no disagreement '{ref}'.",
    ),
    "disagreement.before_raised": (
        "Op {on} was deze onenigheid nog niet gemeld (dat was op {raised_on}).",
        "On {on} this disagreement had not been raised yet (that was on {raised_on}).",
    ),
    "disagreement.already_resolved": (
        "Onenigheid '{disagreement_title}' ({disagreement}) is al opgelost.",
        "Disagreement '{disagreement_title}' ({disagreement}) has already been resolved.",
    ),
    # --- evaluations ------------------------------------------------------------------
    "evaluation.unknown": (
        "Er is geen evaluatie '{ref}'.",
        "There is no evaluation '{ref}'.",
    ),
    "evaluation.already_recorded": (
        "Het jaar {year} is al geëvalueerd.",
        "The year {year} has already been evaluated.",
    ),
    # --- participatory rounds ---------------------------------------------------------
    "round.unknown": (
        "Er is geen stemronde '{ref}'.",
        "There is no voting round '{ref}'.",
    ),
    "round.closed": (
        "Stemronde '{round_title}' ({round}) is al gesloten. Er kan niets meer bij.",
        "Voting round '{round_title}' ({round}) is already closed. Nothing can be added.",
    ),
    "round.not_closed": (
        "Stemronde '{round_title}' ({round}) is nog open. Alleen een gesloten ronde kan worden nagerekend.",
        "Voting round '{round_title}' ({round}) is still open. Only a closed round can be recomputed.",
    ),
    # --- a closed round's result certificate -------------------------------------------
    "pb.certificate_invalid": (
        "Dit is geen uitslagbewijs van een stemronde ({detail}).",
        "This is not a voting round's result certificate ({detail}).",
    ),
    "pb.certificate_ballots_root": (
        "Het uitslagbewijs van ronde '{round_title}' ({round}) klopt niet: de stemmen passen niet bij hun wortel (Merkle-root).",
        "The result certificate of round '{round_title}' ({round}) does not check: the ballots do not match their Merkle root.",
    ),
    "pb.certificate_support": (
        "Het uitslagbewijs van ronde '{round_title}' ({round}) klopt niet: de steun voor een voorstel past niet bij de stemmen.",
        "The result certificate of round '{round_title}' ({round}) does not check: a proposal's support does not match the ballots.",
    ),
    "pb.certificate_digest": (
        "Het uitslagbewijs van ronde '{round_title}' ({round}) klopt niet: de invoer (voorstellen, bedragen, regel) is veranderd.",
        "The result certificate of round '{round_title}' ({round}) does not check: the inputs (proposals, amounts, rule) were changed.",
    ),
    "pb.certificate_winners": (
        "Het uitslagbewijs van ronde '{round_title}' ({round}) klopt niet: de regel geeft andere winnaars.",
        "The result certificate of round '{round_title}' ({round}) does not check: the rule gives other winners.",
    ),
    "pb.certificate_voters": (
        "Het uitslagbewijs van ronde '{round_title}' ({round}) klopt niet: wat een stemmer had, uitgaf of overhield, klopt niet.",
        "The result certificate of round '{round_title}' ({round}) does not check: what a voter had, spent or had left is wrong.",
    ),
    "round.imported": (
        "Stemronde '{round_title}' ({round}) komt uit een bestand. Daar kunnen geen voorstellen of stemmen bij.",
        "Voting round '{round_title}' ({round}) comes from a file. No proposals or ballots can be added to it.",
    ),
    "round.no_funds": (
        "Kies minstens één bron waar het geld van de ronde vandaan komt.",
        "Choose at least one source the round's money comes from.",
    ),
    "round.unknown_rule": (
        "'{rule}' is geen regel die botu kent. Kies uit: {choices}.",
        "'{rule}' is not a rule botu knows. Choose from: {choices}.",
    ),
    "round.unknown_voting_method": (
        "Stemmen met '{method}' kan nog niet. botu kent: approval (voorstellen aanvinken).",
        "Voting by '{method}' is not possible yet. botu knows: approval (ticking proposals).",
    ),
    "round.limit_above_budget": (
        "De grens voor '{category}' ({amount}) is hoger dan het geld van de ronde ({budget}).",
        "The limit for '{category}' ({amount}) is higher than the round's money ({budget}).",
    ),
    "round.proposal_title_taken": (
        "Er is in deze ronde al een voorstel met de titel '{title}'.",
        "This round already has a proposal titled '{title}'.",
    ),
    "round.proposal_too_expensive": (
        "Dit voorstel kost {cost}. Dat is meer dan het geld van de hele ronde ({budget}).",
        "This proposal costs {cost}. That is more than the whole round's money ({budget}).",
    ),
    "round.unknown_proposal": (
        "Er is geen voorstel '{ref}' in stemronde '{round_title}' ({round}).",
        "There is no proposal '{ref}' in voting round '{round_title}' ({round}).",
    ),
    "round.empty_ballot": (
        "Kies minstens één voorstel om op te stemmen.",
        "Choose at least one proposal to vote for.",
    ),
    "round.too_many_approvals": (
        "U kiest {count} voorstellen. In deze ronde mag u er hoogstens {max} kiezen.",
        "You chose {count} proposals. In this round you may choose at most {max}.",
    ),
    "round.no_proposals": (
        "Stemronde '{round_title}' ({round}) heeft nog geen voorstellen. Sluiten kan pas als er voorstellen zijn.",
        "Voting round '{round_title}' ({round}) has no proposals yet. It can only be closed when there are proposals.",
    ),
    "round.funds_short": (
        "Stemronde '{round_title}' ({round}) kan niet sluiten: de winnaars kosten {needed}, maar de bronnen hebben nog {left}.",
        "Voting round '{round_title}' ({round}) cannot close: the winners cost {needed}, but the sources have {left} left.",
    ),
    # --- secret ballots, receipts and the round's open period ------------------------
    "round.before_opening": (
        "De datum {on} ligt voor de opening van stemronde '{round_title}' ({round}) op {opened_on}. Stemmen en voorstellen tellen alleen als de ronde open is.",
        "The date {on} is before voting round '{round_title}' ({round}) opened on {opened_on}. Ballots and proposals count only while the round is open.",
    ),
    "round.closing_before_last": (
        "Stemronde '{round_title}' ({round}) kan niet sluiten op {on}: er is nog gestemd of voorgesteld op {last}. Kies een datum op of na {last}.",
        "Voting round '{round_title}' ({round}) cannot close on {on}: a ballot or proposal is dated {last}. Choose a date on or after {last}.",
    ),
    "round.receipt_malformed": (
        "Dit is geen bewijs van een stem. Een bewijs ziet eruit als 'round-1:…:…'.",
        "This is not a ballot receipt. A receipt looks like 'round-1:…:…'.",
    ),
    "round.voted_before_secret_ballots": (
        "{party} stemde in ronde '{round_title}' ({round}) al voordat stemmen geheim werden. Die stem telt; een nieuwe stem kan in deze ronde niet.",
        "{party} voted in round '{round_title}' ({round}) before ballots became secret. That ballot counts; a new one cannot be cast in this round.",
    ),
    "round.secret_unavailable": (
        "De geheime sleutel van {party} is er niet (meer). Zonder die sleutel kan {party} niet stemmen.",
        "The secret key of {party} is not available (any more). Without it, {party} cannot vote.",
    ),
    # --- pabulib files ----------------------------------------------------------------
    "pabulib.not_utf8": (
        "Regel {line}: het bestand is geen UTF-8-tekst.",
        "Line {line}: the file is not UTF-8 text.",
    ),
    "pabulib.empty": (
        "Regel {line}: het bestand is leeg.",
        "Line {line}: the file is empty.",
    ),
    "pabulib.bad_row": (
        "Regel {line}: deze regel kan niet worden gelezen (let op aanhalingstekens).",
        "Line {line}: this line cannot be read (check the quotes).",
    ),
    "pabulib.section_twice": (
        "Regel {line}: het deel {section} staat twee keer in het bestand.",
        "Line {line}: the part {section} appears twice in the file.",
    ),
    "pabulib.outside_section": (
        "Regel {line}: deze regel hoort niet bij META, PROJECTS of VOTES. Het bestand begint met META.",
        "Line {line}: this line does not belong to META, PROJECTS or VOTES. The file starts with META.",
    ),
    "pabulib.missing_section": (
        "Regel {line}: het deel {section} ontbreekt in het bestand.",
        "Line {line}: the part {section} is missing from the file.",
    ),
    "pabulib.missing_column": (
        "Regel {line}: de kolom '{column}' ontbreekt in {section}.",
        "Line {line}: the column '{column}' is missing in {section}.",
    ),
    "pabulib.field_count": (
        "Regel {line}: deze regel heeft {found} velden, de kopregel heeft er {expected}.",
        "Line {line}: this line has {found} fields, the header has {expected}.",
    ),
    "pabulib.missing_meta": (
        "Regel {line}: in META ontbreekt '{key}'.",
        "Line {line}: '{key}' is missing in META.",
    ),
    "pabulib.bad_amount": (
        "Regel {line}: '{value}' is geen geldig bedrag. Schrijf bijvoorbeeld 1500 of 1500.50.",
        "Line {line}: '{value}' is not a valid amount. Write for example 1500 or 1500.50.",
    ),
    "pabulib.zero_amount": (
        "Regel {line}: het bedrag '{value}' moet groter zijn dan 0.",
        "Line {line}: the amount '{value}' must be more than 0.",
    ),
    "pabulib.bad_number": (
        "Regel {line}: '{value}' is geen geldig getal.",
        "Line {line}: '{value}' is not a valid number.",
    ),
    "pabulib.unsupported_vote_type": (
        "Regel {line}: stemmen met '{vote_type}' kan botu nog niet lezen. botu leest approval en choose-1.",
        "Line {line}: botu cannot read '{vote_type}' ballots yet. botu reads approval and choose-1.",
    ),
    "pabulib.unsupported_rule": (
        "Het bestand gebruikt de regel '{rule}'. Die kent botu niet. Kies een regel: {choices}.",
        "The file uses the rule '{rule}'. botu does not know it. Choose a rule: {choices}.",
    ),
    "pabulib.bad_project_id": (
        "Regel {line}: '{value}' is geen geldige project_id (niet leeg, geen komma).",
        "Line {line}: '{value}' is not a valid project_id (not empty, no comma).",
    ),
    # --- pabulib: a name given twice (the last one would silently win) ----------------
    "pabulib.duplicate_meta_key": (
        "Regel {line}: '{key}' staat twee keer in META (eerst op regel {first}).",
        "Line {line}: '{key}' appears twice in META (first on line {first}).",
    ),
    "pabulib.duplicate_column": (
        "Regel {line}: de kolom '{column}' staat twee keer in de kopregel van {section}.",
        "Line {line}: the column '{column}' appears twice in the header of {section}.",
    ),
    "pabulib.duplicate_project": (
        "Regel {line}: project '{project}' staat twee keer in PROJECTS.",
        "Line {line}: project '{project}' appears twice in PROJECTS.",
    ),
    "pabulib.bad_selected": (
        "Regel {line}: 'selected' is '{value}'. Dat moet 0 of 1 zijn.",
        "Line {line}: 'selected' is '{value}'. It must be 0 or 1.",
    ),
    "pabulib.bad_voter_id": (
        "Regel {line}: de voter_id is leeg.",
        "Line {line}: the voter_id is empty.",
    ),
    "pabulib.duplicate_voter": (
        "Regel {line}: kiezer '{voter}' stemt twee keer. Iedere kiezer heeft één stem.",
        "Line {line}: voter '{voter}' votes twice. Every voter has one ballot.",
    ),
    "pabulib.unknown_project": (
        "Regel {line}: er wordt gestemd op project '{project}', maar dat staat niet in PROJECTS.",
        "Line {line}: a vote for project '{project}', which is not in PROJECTS.",
    ),
    "pabulib.duplicate_approval": (
        "Regel {line}: deze stem noemt een project meer dan één keer.",
        "Line {line}: this ballot names a project more than once.",
    ),
    "pabulib.categories_mismatch": (
        "Regel {line}: er zijn {categories} categorieën maar {amounts} bedragen in budget_per_category.",
        "Line {line}: there are {categories} categories but {amounts} amounts in budget_per_category.",
    ),
    # --- pabulib META fields that change an outcome (participatory.pabulib_meta) -------
    "pabulib.unsupported_meta": (
        "Regel {line}: het bestand zegt {key} = '{value}'. Dat kan de uitkomst veranderen, en botu kan het niet "
        "toepassen. Daarom leest botu dit bestand niet in.",
        "Line {line}: the file says {key} = '{value}'. That can change the outcome, and botu cannot apply it. "
        "So botu does not import this file.",
    ),
    "pabulib.unsupported_leftover": (
        "Regel {line}: het bestand zegt hoe het geld dat over is werd besteed: '{value}'. De regel {rule} doet dat "
        "anders, dus de uitkomst zou niet kloppen. Kies zelf een regel (--rule) als u de uitkomst van die regel wilt.",
        "Line {line}: the file says how the money left over was spent: '{value}'. The rule {rule} does that "
        "differently, so the outcome would not match. Choose a rule yourself (--rule) if you want that rule's outcome.",
    ),
    "pabulib.ballot_breaks_limit": (
        "Regel {line}: deze stem gaat over de grens {key} van het bestand: {value}, en de grens is {limit}.",
        "Line {line}: this ballot breaks the file's limit {key}: {value}, and the limit is {limit}.",
    ),
    "pabulib.project_outside_limit": (
        "Regel {line}: project {project} kost {cost}. Dat past niet binnen de grenzen die het bestand zelf stelt.",
        "Line {line}: project {project} costs {cost}. That is outside the limits the file itself sets.",
    ),
    # --- dates ------------------------------------------------------------------------
    "date.before_founding": (
        "De datum {on} ligt voor de start van de samenwerking ({founded_on}).",
        "The date {on} is before the cooperation started ({founded_on}).",
    ),
    "date.in_future": (
        "De datum {on} ligt in de toekomst.",
        "The date {on} is in the future.",
    ),
    # --- who may do what ------------------------------------------------------------
    "permission.denied": (
        "Dit mag u niet doen in deze samenwerking ({action}); uw rol hier is: {role_nl}.",
        "You may not do this in this cooperation ({action}); your role here is: {role_en}.",
    ),
    "permission.pending": (
        "Uw aanmelding wacht nog op bevestiging door een coördinator. Daarna kunt u dit doen ({action}).",
        "Your registration is still waiting for a coordinator to confirm it. Then you can do this ({action}).",
    ),
    "permission.login_required": (
        "Log eerst in om dit te doen ({action}).",
        "Please log in first to do this ({action}).",
    ),
    "permission.not_own_party": (
        "U kunt dit alleen voor uw eigen partij doen ({action}).",
        "You can only do this for your own party ({action}).",
    ),
    "permission.unknown_role": (
        "'{role}' is geen rol die u kunt geven. Kies uit: {choices}.",
        "'{role}' is not a role you can grant. Choose from: {choices}.",
    ),
    # --- technical --------------------------------------------------------------------
    "store.conflict": (
        "Iemand anders heeft tegelijk iets vastgelegd. Probeer het opnieuw.",
        "Someone else recorded something at the same time. Please try again.",
    ),
    "store.unavailable": (
        "De opslag is niet bereikbaar: {detail}",
        "The store cannot be reached: {detail}",
    ),
    "store.damaged": (
        "De opslag is beschadigd: {detail}. Zoek uit wat er is gebeurd met: botu audit verify",
        "The store is damaged: {detail}. Find out what happened with: botu audit verify",
    ),
    "store.invalid_url": (
        "'{url}' is geen database die botu kent. Gebruik een bestandsnaam, sqlite:///… of postgresql://…",
        "'{url}' is not a database botu knows. Use a file name, sqlite:///… or postgresql://…",
    ),
    # --- the key that wraps the per-person keys (key_encryption) ---------------------
    "store.key_missing": (
        "De sleutel van deze opslag ontbreekt: {where}. Zonder die sleutel kan botu de "
        "persoonsgegevens niet lezen. Zet het sleutelbestand terug uit uw back-up, of geef de sleutel in BOTU_KEY.",
        "The key of this store is missing: {where}. Without it botu cannot read the personal data. "
        "Put the key file back from your backup, or give the key in BOTU_KEY.",
    ),
    "store.key_wrong": (
        "De sleutel uit {where} past niet bij deze opslag. Gebruik de sleutel die bij deze opslag hoort.",
        "The key from {where} does not fit this store. Use the key that belongs to this store.",
    ),
    "store.key_invalid": (
        "In {where} staat geen geldige sleutel. Een sleutel is 32 bytes, geschreven in base64.",
        "{where} holds no valid key. A key is 32 bytes, written in base64.",
    ),
    "command.unknown": (
        "botu kent de opdracht '{name}' niet.",
        "botu does not know the command '{name}'.",
    ),
    # --- following the log, idempotency keys, batches -----------------------------------
    "follow.invalid_position": (
        "'{value}' is geen geldige plaats in het logboek: geef een geheel getal van 0 of meer.",
        "'{value}' is not a valid position in the log: give a whole number of 0 or more.",
    ),
    "follow.invalid_limit": (
        "'{value}' is geen geldig aantal: geef een geheel getal van 1 of meer.",
        "'{value}' is not a valid number of entries: give a whole number of 1 or more.",
    ),
    "follow.invalid_timeout": (
        "'{value}' is geen geldige wachttijd: geef een aantal seconden van 0 of meer.",
        "'{value}' is not a valid time to wait: give a number of seconds of 0 or more.",
    ),
    "idempotency.key_reused": (
        "De sleutel '{key}' is al gebruikt voor een andere opdracht ({first}); deze opdracht "
        "({second}) is niet uitgevoerd. Gebruik een nieuwe sleutel voor een nieuwe opdracht.",
        "The key '{key}' was already used for another command ({first}); this command "
        "({second}) was not carried out. Use a new key for a new command.",
    ),
    "batch.closed": (
        "Deze reeks opdrachten is al afgesloten: begin een nieuwe reeks.",
        "This batch of commands is already closed: start a new batch.",
    ),
    # --- plain data read as a command or a query's argument (serialization.structure) ---
    "input.unknown_field": (
        "'{command}' kent geen veld '{field}'. Velden: {known}.",
        "'{command}' has no field '{field}'. Fields: {known}.",
    ),
    "input.not_an_object": (
        "Een opdracht '{command}' is een JSON-object met velden, {{…}}.",
        "A command '{command}' is a JSON object of fields, {{…}}.",
    ),
    "input.invalid_ref": (
        "Noem wat u bedoelt met een id of een naam (tekst), niet met '{value}'.",
        "Name what you mean by an id or a name (text), not by '{value}'.",
    ),
}


class Wording(NamedTuple):
    """A word in both languages, such as a field's name: each message shows its own
    ("Vul 'naam' in" and "Please fill in 'name'")."""

    nl: str
    en: str

    def __str__(self) -> str:
        return self.nl


# The field of an error raised where its name is not known yet (a value's own reading):
# ``at`` names it once it is.
UNNAMED = Wording("?", "?")


class BotuError(Exception):
    """Base of every error botu shows to a person, in the library and in the front ends.

    A front end with errors of its own (the command line's, the web's) subclasses it with
    its own ``catalogue`` of (Dutch, English) texts: one class, so every error is coded,
    said in both languages and formatted (dates, amounts) the same way."""

    catalogue: ClassVar[Mapping[str, tuple[str, str]]] = MESSAGES

    def __init__(self, code: str, **params: Any) -> None:
        if code not in self.catalogue:
            raise KeyError(f"no message for error code {code!r}")
        self.code = code
        self.params = params
        super().__init__(f"{self.message('nl')} / {self.message('en')}")

    def message(self, lang: str = "nl") -> str:
        """The message in ``lang`` ('nl' or 'en'); Dutch for anything else."""
        nl, en = self.catalogue[self.code]
        template = en if lang == "en" else nl
        return template.format(**{k: _show(v, lang) for k, v in self.params.items()})

    def at(self, field: Wording | str) -> BotuError:
        """This error, said of ``field`` (kept when it already names one). A message that
        quotes the value instead ('2022-13-05' is no date) reads as it did: the same
        refusal reads the same in every front end; ``params["field"]`` tells which field."""
        if self.params.get("field", UNNAMED) is UNNAMED:
            self.params["field"] = field
        self.args = (f"{self.message('nl')} / {self.message('en')}",)
        return self

    @property
    def message_nl(self) -> str:
        return self.message("nl")

    @property
    def message_en(self) -> str:
        return self.message("en")

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message_nl,
            "message_nl": self.message_nl,
            "message_en": self.message_en,
        }


class Whole(str):
    """Text that a message shows whole: another message it quotes, not a person's input."""


def _show(value: Any, lang: str = "nl") -> str:
    # Dates and amounts read as on the pages, in the message's language; a field's name in
    # the message's language. Cut very long user input so an error message stays readable;
    # a file's path is shown whole (its end, the file name, is what the reader needs), and
    # so is a quoted message.
    if isinstance(value, Wording):
        return value.en if lang == "en" else value.nl
    if isinstance(value, dt.date):
        return show_date(value, lang)
    if callable(show := getattr(value, "show", None)):  # an amount (Money)
        return str(show(lang))
    text = str(value)
    if isinstance(value, PurePath | Whole):
        return text
    return text if len(text) <= 80 else text[:77] + "..."


class InvalidInput(BotuError, ValueError):
    """Input that cannot be understood: wrong form, empty, out of range."""


class RuleViolation(BotuError):
    """Input that is understood, but a rule of the agreement refuses it."""


class PermissionDenied(BotuError):
    """The actor's role in this cooperation does not allow the command (nothing written)."""


class NotFound(RuleViolation, LookupError):
    """The command names something (party, project, …) that does not exist."""


class ConcurrencyConflict(BotuError):
    """Another writer recorded an event on the same cooperation first."""

    def __init__(self) -> None:
        super().__init__("store.conflict")


class StoreError(BotuError):
    """The store cannot be reached, or its content is damaged."""
