"""What a form knows of the person before they type anything.

Today that is what the login vouched for: the BSN or KvK-nummer and a name when the broker gave one. This is
the one place where a lookup in the basisregistraties (BRP for a citizen's name and address, the Handelsregister
for a company's) will plug in: the form shows and stores whatever this returns.
"""

from ..burgers.service import Identiteit


def prefill(identiteit: Identiteit) -> dict[str, str]:
    """The known details of the person: ``bsn`` or ``kvk_nummer``, ``naam``, ``emailadres``, ``telefoonnummer``
    (empty when unknown)."""
    return {
        "bsn": identiteit.bsn or "",
        "kvk_nummer": identiteit.kvk_nummer or "",
        "naam": identiteit.naam,
        "emailadres": "",
        "telefoonnummer": "",
    }
