# language: nl
Functionaliteit: Getuigen en bewijzen van opname
  Niemand hoeft de beheerder van botu op zijn woord te geloven. Een getuige, zoals de
  gemeente, tekent de controlepunten van het logboek mee met een eigen sleutel. Zo
  merkt iedereen het als de beheerder de geschiedenis herschrijft, ook als hij alles
  opnieuw berekent en opnieuw ondertekent. Wie de overeenkomst tekent, stemt of een
  mening geeft, kan een bewijs van opname bewaren en dat later zelf controleren.

  Achtergrond:
    Gegeven de voorbeeldgeschiedenis van Energiewijk BoTu uit 2021

  Regel: Een getuige ziet het als de geschiedenis wordt herschreven

    Scenario: De gemeente ziet dat de beheerder de geschiedenis herschreef
      Gegeven "Gemeente Rotterdam" is getuige met een eigen sleutel
      En "Gemeente Rotterdam" heeft het controlepunt van het logboek meegetekend
      Als de beheerder in gebeurtenis 42 "25000.00" vervangt door "95000.00" en alles opnieuw berekent en ondertekent
      Dan tekent "Gemeente Rotterdam" het nieuwe controlepunt niet mee
      En zegt de controle met het controlepunt van "Gemeente Rotterdam" dat de geschiedenis is herschreven

  Regel: Wie tekende, kan later zelf nagaan dat het in het logboek staat

    Scenario: Een bewoner controleert het bewijs van haar handtekening
      Als "Priya Ramdin" de overeenkomst ondertekent met de PS "Ik doe ook mee."
      En "Priya Ramdin" een bewijs van opname van haar handtekening vraagt
      Dan klopt het bewijs met de gepubliceerde sleutel van de samenwerking
      En zegt het bewijs dat gebeurtenis 67 een "AgreementSigned" is
      Als iemand het tijdstip in het bewijs verandert
      Dan klopt het bewijs niet meer
