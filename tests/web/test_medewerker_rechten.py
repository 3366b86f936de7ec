"""What a medewerker may do with documents and besluiten follows from the zaaktypen they may see."""

from tests.besluiten.factories import create_catalogue
from tests.catalogi.factories import informatieobjecttype_body, post, publish
from tests.web.accounts_fixtures import make_medewerker
from tests.zaken.factories import create_zaaktype_setup
from zaakgericht import db
from zaakgericht.accounts import service
from zaakgericht.api.auth import VERTROUWELIJKHEIDAANDUIDINGEN
from zaakgericht.api.urls import reset_base_url, set_base_url


async def _rechten(gebruikersnaam: str) -> service.MedewerkerAuth:
    token = set_base_url("http://testserver")
    try:
        async with db.read_session() as session:
            medewerker = await service.get_by_gebruikersnaam(session, gebruikersnaam)
            return await service.documenten_auth_context(session, medewerker)
    finally:
        reset_base_url(token)


async def test_documents_and_besluiten_of_the_types_the_zaaktype_names(client, superuser):
    catalogue = await create_catalogue(client, superuser)
    body = informatieobjecttype_body(catalogue.catalogus, omschrijving="Bouwtekening")
    bouwtekening = (await post(client, superuser, "informatieobjecttypen", body, 200))["url"]
    await publish(client, superuser, bouwtekening)
    bouwen = await create_zaaktype_setup(
        client, superuser, catalogus=catalogue.catalogus, identificatie="BOUWEN", publish_it=False
    )
    ztiot = {"zaaktype": bouwen.url, "informatieobjecttype": "Bouwtekening", "volgnummer": 1, "richting": "inkomend"}
    await post(client, superuser, "zaaktype-informatieobjecttypen", ztiot)
    await publish(client, superuser, bouwen.url)
    autorisaties = [(catalogue.zaaktype, "geheim"), (bouwen.url, "zaakvertrouwelijk")]
    await make_medewerker("anna", autorisaties=autorisaties)
    await make_medewerker("kees", rollen=("kcc",), autorisaties=autorisaties)
    await make_medewerker("alles", heeft_alle_autorisaties=True)

    anna = await _rechten("anna")
    # Besluiten of the besluittype the zaaktype names (not the other), documents of the types the
    # zaaktype-informatieobjecttypen name, up to the vertrouwelijkheid of the zaaktype's autorisatie.
    assert anna.type_limits("brc", ("besluiten.aanmaken",)) == {catalogue.besluittype: ZEER_GEHEIM}
    assert not anna.allows("brc", ("besluiten.lezen",), catalogue.other_besluittype)
    assert anna.allows("drc", ("documenten.lezen",), bouwtekening, "zaakvertrouwelijk")
    assert not anna.allows("drc", ("documenten.lezen",), bouwtekening, "vertrouwelijk")
    assert not anna.allows("drc", ("documenten.lezen",), catalogue.informatieobjecttype, "openbaar")
    # The KCC works with zaken only: no documents, no besluiten.
    kees = await _rechten("kees")
    assert kees.type_limits("drc", ("documenten.lezen",)) == {} and kees.type_limits("brc", ("besluiten.lezen",)) == {}
    assert (await _rechten("alles")).type_limits("drc", ("documenten.lezen",)) is None


ZEER_GEHEIM = VERTROUWELIJKHEIDAANDUIDINGEN.index("zeer_geheim")
