# language: nl
Functionaliteit: Wie zich zelf aanmeldt, stemt na bevestiging, één keer en geheim
  "De samenwerking blijft inclusief. Dat betekent dat nieuwe partijen altijd mee kunnen doen."
  Iedereen kan zich dus aanmelden. Maar elke partij telt één keer: wie zich zelf aanmeldt,
  stemt pas als een coördinator de aanmelding heeft bevestigd. Hoe iemand stemt, weet
  alleen die persoon; iedereen kan wel de uitkomst natellen.

  Achtergrond:
    Gegeven de samenwerking "Energiewijk BoTu" die is gestart op 1 juli 2021
    En de overeenkomst van 2021 is vastgesteld op 15 september 2021
    En deze partijen doen mee:
      | naam                        | soort      |
      | Buurthuiskamer Tussendijken | initiatief |
    En er is in 2021 "€ 50.000,00" beschikbaar uit "BoTu2028"
    En er is een bijeenkomst gehouden op 20 oktober 2021
    En op de bijeenkomst van 20 oktober 2021 is besloten over "Buurtbudget 2021"
    En de stemronde "Buurtbudget 2021" is geopend met "€ 10.000,00" uit "BoTu2028" op 20 oktober 2021
    En "Buurthuiskamer Tussendijken" heeft in "Buurtbudget 2021" het voorstel "Zonnepanelen" van "€ 6.000,00" ingediend

  Regel: Wie zich zelf aanmeldt, stemt pas als een coördinator de aanmelding bevestigt

    Scenario: Een bewoner meldt zich aan, wordt bevestigd en stemt één keer
      Als "Zeynep Kaya" zich zelf aanmeldt als bewoner
      Dan wacht "Zeynep Kaya" op bevestiging
      Als "Zeynep Kaya" stemt op "Zonnepanelen" in "Buurtbudget 2021"
      Dan verschijnt een melding met "wacht nog op bevestiging"
      En er is niets vastgelegd
      Als een coördinator "Zeynep Kaya" bevestigt
      En "Zeynep Kaya" stemt op "Zonnepanelen" in "Buurtbudget 2021"
      En "Zeynep Kaya" stemt op "Zonnepanelen" in "Buurtbudget 2021"
      Dan is "Zeynep Kaya" bevestigd
      En heeft de stemronde "Buurtbudget 2021" 1 kiezer
      En staat de naam of het nummer van "Zeynep Kaya" bij geen enkele stem in het logboek

  Regel: Wie stemt, kan met een bewijs zien dat de stem meetelt

    Scenario: Met haar bewijs ziet een bewoner dat haar stem meetelt
      Gegeven "Buurthuiskamer Tussendijken" heeft in "Buurtbudget 2021" het voorstel "Isolatie" van "€ 3.000,00" ingediend
      Als "Zeynep Kaya" zich zelf aanmeldt als bewoner
      En een coördinator "Zeynep Kaya" bevestigt
      En "Zeynep Kaya" stemt op "Zonnepanelen" in "Buurtbudget 2021"
      Dan telt de stem van "Zeynep Kaya" mee volgens haar bewijs
