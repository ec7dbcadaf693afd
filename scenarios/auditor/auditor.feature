# language: nl
Functionaliteit: Controle door een auditor
  Een auditor kan nagaan wat er is gebeurd. Alles staat in een logboek waar alleen
  iets bij komt: er wordt nooit iets veranderd of weggehaald. Elk overzicht kan
  opnieuw uit het logboek worden gemaakt en geeft dan hetzelfde antwoord.

  Achtergrond:
    Gegeven de voorbeeldgeschiedenis van Energiewijk BoTu uit 2021

  Regel: Het logboek is de waarheid: alles wat gebeurde staat erin, op volgorde

    Scenario: Alle gebeurtenissen staan op volgorde in het logboek
      Dan staan er 66 gebeurtenissen in het logboek, genummerd van 1 tot en met 66 zonder gaten
      En is de eerste gebeurtenis "CooperationFounded"
      En is de laatste gebeurtenis "AgreementSigned"

    Scenario: In het logboek komt alleen iets bij
      Gegeven de auditor heeft het logboek bewaard
      Als "Priya Ramdin" de overeenkomst ondertekent met de PS "Ik doe ook mee."
      Dan begint het logboek nog steeds precies zoals de auditor het bewaarde
      En staat er 1 gebeurtenis meer in het logboek

    Scenario: Een geweigerde opdracht laat het logboek zoals het was
      Gegeven de auditor heeft het logboek bewaard
      Als "Jan Onbekend" de overeenkomst ondertekent met de PS "Ik teken ook."
      Dan verschijnt de melding "Er is geen partij 'Jan Onbekend' in deze samenwerking."
      En is het logboek precies zoals de auditor het bewaarde

  Regel: Elk overzicht is terug te voeren op het logboek

    Scenario: Overzichten die opnieuw uit het logboek worden gemaakt, zijn hetzelfde
      Gegeven de auditor heeft alle overzichten bewaard
      Als de overzichten opnieuw worden opgebouwd uit het logboek
      Dan zijn alle overzichten precies hetzelfde als de bewaarde

    Scenario: De energiebegroting is na te rekenen uit het logboek
      Dan klopt voor elke bron wat er over is met de gebeurtenissen in het logboek

    Scenario: Elke toekenning komt uit een besluit dat eerder in het logboek staat
      Dan staat voor elke toekenning het besluit eerder in het logboek

    Scenario: Het logboek tot een datum laat zien wat er toen was gebeurd
      Dan staan in het logboek tot en met 31 december 2021 alleen gebeurtenissen van 2021
      En staan daarin 9 bijeenkomsten en overleggen
