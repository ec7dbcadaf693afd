# language: nl
Functionaliteit: Een tweede wijk met haar eigen afspraken: Energiekring Spangen
  botu kent niet één overeenkomst. Energiekring Spangen komt vier keer per jaar bij
  elkaar, overlegt elk kwartaal, stopt eind 2027 en vraagt geen indicatoren per project.
  botu controleert Spangen aan de afspraken van Spangen, niet aan die van BoTu.

  Achtergrond:
    Gegeven de samenwerking "Energiekring Spangen" die is gestart op 1 januari 2024
    En de overeenkomst van 2021 is vastgesteld op 1 januari 2024 met deze afspraken:
      | afspraak                        | waarde           |
      | plenaire bijeenkomsten per jaar | 4                |
      | overleg                         | elk kwartaal     |
      | elk project heeft indicatoren   | nee              |
      | loopt in elk geval tot          | geen             |
      | einddatum                       | 31 december 2027 |
    En deze partijen doen mee:
      | naam              | soort      | sinds          |
      | Samira Bouzid     | bewoner    | 1 januari 2024 |
      | Buurtwinkel Spanx | ondernemer | 1 januari 2024 |

  Regel: Een samenwerking kiest zelf hoe lang zij loopt

    Scenario: De overeenkomst van Spangen loopt tot eind 2027
      Dan loopt de overeenkomst tot 31 december 2027

  Regel: Elk jaar telt wat de overeenkomst van de samenwerking zelf vraagt

    Scenario: Een jaar waarin Spangen zich aan de afspraken houdt
      Gegeven er is een bijeenkomst gehouden op 5 februari 2024
      En er is een bijeenkomst gehouden op 6 mei 2024
      En er is een bijeenkomst gehouden op 2 september 2024
      En er is een bijeenkomst gehouden op 4 november 2024
      En er is een overleg gehouden op 20 januari 2024
      En er is een overleg gehouden op 20 april 2024
      En er is een overleg gehouden op 20 juli 2024
      En er is een overleg gehouden op 20 oktober 2024
      En het project "Zonnedak Buurtwinkel" is gestart met contactpersoon "Buurtwinkel Spanx"
      En het jaar 2024 is geëvalueerd
      Dan vraagt de controle over 2024 minstens 4 bijeenkomsten, volgens versie 1
      En vraagt de controle over 2024 overleg elk kwartaal
      En is de controle over 2024 in orde

    Scenario: Een jaar met te weinig bijeenkomsten en een kwartaal zonder overleg
      Gegeven er is een bijeenkomst gehouden op 3 februari 2025
      En er is een bijeenkomst gehouden op 5 mei 2025
      En er is een bijeenkomst gehouden op 3 november 2025
      En er is een overleg gehouden op 20 januari 2025
      En er is een overleg gehouden op 20 juli 2025
      En er is een overleg gehouden op 20 oktober 2025
      En het jaar 2025 is geëvalueerd
      Dan meldt de controle over 2025 "In 2025 waren er 3 bijeenkomsten; afgesproken is minstens 4."
      En meldt de controle over 2025 "In 2025 was er geen overleg in kwartaal 2; afgesproken is elk kwartaal overleg."

    Scenario: Zonder de afspraak over indicatoren is een project zonder indicatoren geen melding
      Gegeven het project "Zonnedak Buurtwinkel" is gestart met contactpersoon "Buurtwinkel Spanx"
      Dan meldt de controle over 2026 niets over projecten zonder indicatoren

    Scenario: Een jaar voor de start van de samenwerking wordt niet gecontroleerd
      Dan meldt de controle over 2023 niets, want de samenwerking bestond toen nog niet
