# language: nl
Functionaliteit: Bijeenkomsten: minstens drie keer per jaar bij elkaar
  Samen houden we in de gaten of iedereen zich aan de afspraken houdt.
  De controle per jaar laat zien of dat gelukt is.

  Achtergrond:
    Gegeven de samenwerking "Energiewijk BoTu" die is gestart op 1 juli 2021
    En de overeenkomst van 2021 is vastgesteld op 15 september 2021
    En deze partijen doen mee:
      | naam             | soort   |
      | Fatima El Amrani | bewoner |

  Regel: "Samen houden wij in de gaten of iedereen zich aan de afspraken houdt. Daarvoor komen wij tenminste 3 keer per jaar bij elkaar."

    Scenario: Drie bijeenkomsten in een jaar is genoeg
      Gegeven er is een bijeenkomst gehouden op 10 maart 2022
      En er is een bijeenkomst gehouden op 16 juni 2022
      En er is een bijeenkomst gehouden op 8 december 2022
      Dan telt de controle over 2022 3 bijeenkomsten
      En meldt de controle over 2022 niets over te weinig bijeenkomsten

    Scenario: Twee bijeenkomsten in een jaar is te weinig
      Gegeven er is een bijeenkomst gehouden op 10 maart 2022
      En er is een bijeenkomst gehouden op 8 december 2022
      Dan meldt de controle over 2022 "In 2022 waren er 2 bijeenkomsten; afgesproken is minstens 3."

    Scenario: Een jaar dat nog loopt, wordt pas na afloop beoordeeld
      Gegeven er is een bijeenkomst gehouden op 12 februari 2026
      Dan telt de controle over 2026 1 bijeenkomst
      En meldt de controle over 2026 niets over te weinig bijeenkomsten

    Scenario: Een maandelijks overleg telt niet als bijeenkomst
      Gegeven er is een bijeenkomst gehouden op 10 maart 2022
      En er is een bijeenkomst gehouden op 16 juni 2022
      En er is een maandelijks overleg gehouden op 6 oktober 2022
      Dan meldt de controle over 2022 "In 2022 waren er 2 bijeenkomsten; afgesproken is minstens 3."

  Regel: Een bijeenkomst leggen we vast nadat zij is gehouden, en niet van voor de start van de samenwerking

    Scenario: Een bijeenkomst in de toekomst kan nog niet worden vastgelegd
      Als er een bijeenkomst wordt gehouden op 10 december 2026
      Dan verschijnt de melding "De datum 10 december 2026 ligt in de toekomst."
      En er is niets vastgelegd

    Scenario: Een bijeenkomst van voor de start van de samenwerking kan niet
      Als er een bijeenkomst wordt gehouden op 1 maart 2021
      Dan verschijnt de melding "De datum 1 maart 2021 ligt voor de start van de samenwerking (1 juli 2021)."
      En er is niets vastgelegd
