"""Dutch test articles written for kroniek's tests (fiction in the crawl format)."""

HEADED = (
    " date 2019-03 Minister belooft snelle hulp aan getroffen boeren in Limburg Redactie\n\n"
    "14u05\n\n"
    "Bron: Belga 3 Photo News Boeren bekijken de schade aan hun velden bij Maaseik, gisteren. "
    "De Vlaamse minister van Landbouw heeft dinsdag beloofd dat de getroffen boeren snel geld "
    "krijgen. Dat meldt zijn kabinet.\n\n"
    "De storm vernielde vorige week honderden hectaren maïs en suikerbieten.\n\n"
    "Geen tijd te verliezen\n\n"
    '"We laten niemand in de steek", zei de minister in Maaseik.\n\n'
    "Bron: Belga\n"
)

NO_TITLE = (
    " date 2021-06 De politie van Antwerpen heeft gisteren drie verdachten opgepakt na een "
    "inval in een loods aan de haven. Er werd 200 kilo cocaïne in beslag genomen.\n\n"
    "Het parket bevestigt de arrestaties. Volgens de speurders gaat het om een internationaal "
    "netwerk.\n"
)

PERSONAL_BYLINE = (
    " date 2022-11 Stakingsdag legt treinverkeer stil Sanne de Vries Koen Peeters\n\n"
    "8 november 2022\n\n"
    "09u12\n\n"
    "Het treinverkeer ligt dinsdag grotendeels stil door een nationale stakingsdag van de vakbonden.\n"
)

DATELINE_AGENCY = (
    " date 2023-05 UTRECHT (ANP) - De gemeenteraad van Utrecht heeft woensdag ingestemd met een "
    "nieuw plan voor betaalbare woningen. De wethouder sprak van een doorbraak.\n"
)

NO_HEADER = (
    "Het kabinet wil de regels voor arbeidsmigratie aanscherpen. Dat schrijft de minister in een "
    "brief aan de Tweede Kamer.\n\n"
    "De oppositie reageert verdeeld op het voorstel.\n"
)

FRENCH = (
    " date 2020-02 Le gouvernement fédéral a annoncé mardi un nouveau plan de relance pour "
    "l'économie wallonne. Les syndicats restent sceptiques face aux mesures proposées.\n"
)

WIRE_A = (
    " date 2024-03 Brand in chemiebedrijf Antwerpen onder controle\n\n"
    "Bron: Belga 0 In een chemiebedrijf in de Antwerpse haven is dinsdagochtend een zware brand "
    "uitgebroken. De brandweer had het vuur na drie uur onder controle. Er vielen geen gewonden, "
    "meldt de woordvoerder van de brandweerzone Antwerpen. De omwonenden moesten ramen en deuren "
    "gesloten houden omdat een grote rookpluim over Zwijndrecht en Beveren trok. De oorzaak van de "
    "brand is nog niet bekend. Het parket stuurde een branddeskundige ter plaatse.\n"
)

WIRE_B = (
    " date 2024-03 Zware brand in Antwerpse haven geblust\n\n"
    "Bron: Belga 0 In een chemiebedrijf in de Antwerpse haven is dinsdagochtend een zware brand "
    "uitgebroken. De brandweer had het vuur na drie uur onder controle. Er vielen geen gewonden, "
    "meldt de woordvoerder van de brandweerzone Antwerpen. De omwonenden moesten ramen en deuren "
    "gesloten houden omdat een grote rookpluim over Zwijndrecht en Beveren trok. De oorzaak van de "
    "brand is nog niet bekend. Het parket stuurde een branddeskundige ter plaatse. De milieudienst "
    "meet vandaag de luchtkwaliteit in de buurt.\n"
)
