# language: nl
Functionaliteit: De overeenkomst bijstellen
  De overeenkomst is het startpunt, niet het eindpunt. Elk jaar leren we en stellen
  we de overeenkomst bij waar dat nodig is. Oude versies blijven bewaard.

  Achtergrond:
    Gegeven de samenwerking "Energiewijk BoTu" die is gestart op 1 juli 2021
    En de overeenkomst van 2021 is vastgesteld op 15 september 2021
    En deze partijen doen mee:
      | naam             | soort   |
      | Fatima El Amrani | bewoner |
    En "Fatima El Amrani" heeft de overeenkomst ondertekend
    En het jaar 2021 is geëvalueerd

  Regel: "Deze overeenkomst is het officiële startpunt van onze samenwerking. Maar zeker niet het eindpunt. Ieder jaar denken, doen en leren we en stellen we deze overeenkomst waar nodig bij."

    Scenario: Na de evaluatie komt er een nieuwe versie
      Als de overeenkomst wordt bijgesteld naar de tekst van 2022, na de evaluatie van 2021
      Dan is versie 2 de geldende versie
      En staat in versie 2 de afspraak "nieuwe-reeks"
      En staat in versie 1 de afspraak "nieuwe-reeks" niet
      En noemt versie 2 de evaluatie van 2021 als reden

    Scenario: Handtekeningen onder de oude versie blijven staan
      Als de overeenkomst wordt bijgesteld naar de tekst van 2022, na de evaluatie van 2021
      En "Fatima El Amrani" versie 2 ondertekent met de PS "Fijn dat de verslagen nu openbaar zijn."
      Dan heeft "Fatima El Amrani" versie 1 van de overeenkomst ondertekend
      En heeft "Fatima El Amrani" versie 2 van de overeenkomst ondertekend

    Scenario: Een nieuwe versie kan ook uit een besluit komen
      Gegeven er is een bijeenkomst gehouden op 9 februari 2022
      En op de bijeenkomst van 9 februari 2022 is besloten over "Overeenkomst bijstellen"
      Als de overeenkomst wordt bijgesteld naar de tekst van 2022, na het besluit "Overeenkomst bijstellen"
      Dan is versie 2 de geldende versie

    Scenario: Een nieuwe versie zegt waar zij uit komt
      Als de overeenkomst wordt bijgesteld naar de tekst van 2022, zonder besluit of evaluatie
      Dan verschijnt de melding "Een nieuwe versie noemt het besluit of de evaluatie waar zij uit komt."
      En er is niets vastgelegd
      En is versie 1 nog steeds de geldende versie

    Scenario: Een nieuwe versie verandert ook echt iets
      Als de overeenkomst wordt bijgesteld naar de tekst van 2021, na de evaluatie van 2021
      Dan verschijnt de melding "De nieuwe versie is gelijk aan de huidige. Er is niets bijgesteld."
      En er is niets vastgelegd

    Scenario: Een voorstel dat nog niet besloten is, is geen reden voor een nieuwe versie
      Gegeven er ligt een voorstel "Overeenkomst bijstellen" op tafel
      Als de overeenkomst wordt bijgesteld naar de tekst van 2022, na het besluit "Overeenkomst bijstellen"
      Dan verschijnt een melding met "Besluit 'Overeenkomst bijstellen' (decision-1) is nog niet genomen."
      En er is niets vastgelegd
