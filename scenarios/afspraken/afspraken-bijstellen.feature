# language: nl
Functionaliteit: De afspraken bijstellen: wat botu controleert, verandert mee
  Een nieuwe versie van de overeenkomst kan de afspraken veranderen, bijvoorbeeld vaker
  bij elkaar komen. botu controleert elk jaar aan de versie die aan het eind van dat jaar
  gold. Een belofte over de looptijd kan een nieuwe versie niet korter maken.

  Achtergrond:
    Gegeven de samenwerking "Energiewijk BoTu" die is gestart op 1 juli 2021
    En de overeenkomst van 2021 is vastgesteld op 15 september 2021
    En deze partijen doen mee:
      | naam             | soort   |
      | Fatima El Amrani | bewoner |
    En er is een bijeenkomst gehouden op 10 maart 2022
    En er is een bijeenkomst gehouden op 16 juni 2022
    En er is een bijeenkomst gehouden op 8 december 2022
    En op de bijeenkomst van 8 december 2022 is besloten over "Vaker bij elkaar"

  Regel: "Ieder jaar denken, doen en leren we en stellen we deze overeenkomst waar nodig bij."

    Scenario: Vanaf 2023 vier bijeenkomsten per jaar; 2022 blijft aan drie getoetst
      Als de overeenkomst op 15 januari 2023 wordt bijgesteld met deze afspraken, na het besluit "Vaker bij elkaar":
        | afspraak                        | waarde |
        | plenaire bijeenkomsten per jaar | 4      |
      En er een bijeenkomst wordt gehouden op 9 maart 2023
      En er een bijeenkomst wordt gehouden op 15 juni 2023
      En er een bijeenkomst wordt gehouden op 7 december 2023
      Dan is versie 2 de geldende versie
      En vraagt de controle over 2022 minstens 3 bijeenkomsten, volgens versie 1
      En meldt de controle over 2022 niets over te weinig bijeenkomsten
      En vraagt de controle over 2023 minstens 4 bijeenkomsten, volgens versie 2
      En meldt de controle over 2023 "In 2023 waren er 3 bijeenkomsten; afgesproken is minstens 4."

  Regel: "Ook deze samenwerking duurt daarom in elk geval tot 2028."

    Scenario: Een nieuwe versie kan BoTu niet voor 2028 laten stoppen, ook niet door de belofte weg te halen
      Als de overeenkomst op 15 januari 2023 wordt bijgesteld met deze afspraken, na het besluit "Vaker bij elkaar":
        | afspraak               | waarde           |
        | einddatum              | 31 december 2027 |
        | loopt in elk geval tot | geen             |
      Dan verschijnt de melding "Versie 1 belooft dat de samenwerking in elk geval loopt tot 1 januari 2028. Een einddatum ervoor kan niet (31 december 2027)."
      En er is niets vastgelegd
      En is versie 1 nog steeds de geldende versie

    Scenario: De belofte over de looptijd kan niet korter worden gemaakt
      Als de overeenkomst op 15 januari 2023 wordt bijgesteld met deze afspraken, na het besluit "Vaker bij elkaar":
        | afspraak               | waarde |
        | loopt in elk geval tot | geen   |
      Dan verschijnt de melding "Versie 1 belooft dat de samenwerking in elk geval loopt tot 1 januari 2028. Een nieuwe versie mag die belofte niet korter maken (geen)."
      En er is niets vastgelegd
      En is versie 1 nog steeds de geldende versie
