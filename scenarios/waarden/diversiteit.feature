# language: nl
Functionaliteit: Diversiteit en inclusiviteit
  Iedereen die betrokken is bij Bospolder-Tussendijken kan meedoen:
  groot en klein, goed en minder goed georganiseerd.

  Achtergrond:
    Gegeven de samenwerking "Energiewijk BoTu" die is gestart op 1 juli 2021

  Regel: "We doen ons best om de diversiteit en inclusiviteit te vergroten (verschillende doelgroepen, groot en klein, goed en minder goed georganiseerd)"

    Abstract Scenario: Iedere soort partij kan meedoen
      Als "<naam>" meedoet als <soort>
      Dan doet "<naam>" mee als <soort>

      Voorbeelden:
        | naam                          | soort            |
        | Fatima El Amrani              | bewoner          |
        | Buurthuiskamer Tussendijken   | initiatief       |
        | Installatiebedrijf Schiehaven | ondernemer       |
        | Gemeente Rotterdam            | gemeente         |
        | Woningcorporatie Delfshaven   | woningcorporatie |
        | Energiebedrijf Stadsenergie   | energiebedrijf   |
        | Wijkteam Delfshaven           | andere partij    |
