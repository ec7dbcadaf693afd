# language: nl
Functionaliteit: Privacy: contactgegevens alleen met toestemming
  Telefoonnummers en e-mailadressen zijn persoonlijke gegevens. Iedereen ziet ze
  alleen als de partij zelf zegt dat ze gedeeld mogen worden.

  Achtergrond:
    Gegeven de samenwerking "Energiewijk BoTu" die is gestart op 1 juli 2021
    En deze partijen doen mee:
      | naam             | soort   | telefoon     | e-mail            | deelt gegevens |
      | Fatima El Amrani | bewoner | 06 1234 5678 | fatima@example.nl | ja             |
      | Henk de Vries    | bewoner | 06 2345 6789 | henk@example.nl   | nee            |

  Regel: "Mensen die meedoen in projecten zijn makkelijk bereikbaar voor iedereen: we delen onze namen en nummers." Maar alleen als ze dat zelf willen.

    Scenario: Wie deelt, is bereikbaar
      Dan ziet iedereen bij "Fatima El Amrani" het telefoonnummer "06 1234 5678"
      En ziet iedereen bij "Fatima El Amrani" het e-mailadres "fatima@example.nl"

    Scenario: Wie niet deelt, staat er alleen met naam
      Dan staat "Henk de Vries" in de lijst van partijen
      Maar ziet niemand het telefoonnummer of e-mailadres van "Henk de Vries"

    Scenario: Wie stopt met delen, is daarna niet meer te zien
      Als "Fatima El Amrani" haar contactgegevens niet meer deelt
      Dan ziet niemand het telefoonnummer of e-mailadres van "Fatima El Amrani"

    Scenario: Wie later toestemming geeft, is daarna wel te zien
      Als "Henk de Vries" zijn contactgegevens toch deelt
      Dan ziet iedereen bij "Henk de Vries" het telefoonnummer "06 2345 6789"

  Regel: Contactgegevens moeten kloppen voordat ze worden vastgelegd

    Scenario: Een e-mailadres zonder @ wordt niet vastgelegd
      Als "Priya Ramdin" meedoet als bewoner met e-mail "priya-at-example.nl"
      Dan verschijnt de melding "'priya-at-example.nl' is geen geldig e-mailadres."
      En er is niets vastgelegd

    Scenario: Een telefoonnummer met letters wordt niet vastgelegd
      Als "Priya Ramdin" meedoet als bewoner met telefoon "bel me maar"
      Dan verschijnt de melding "'bel me maar' is geen geldig telefoonnummer."
      En er is niets vastgelegd
