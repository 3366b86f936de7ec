"""The work on a zaak that the ZGW standard leaves to the zaaksysteem: internal notes, the answers to a
statustype's checklist, the behandelaar's own checklist items, and tasks such as a terugbelverzoek from the KCC.

None of this is part of the Zaken API or shown to citizens; each row belongs to one zaak and goes
with it (``ON DELETE CASCADE``).
"""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, IdMixin, UtcDateTime


class Notitie(IdMixin, Base):
    """An internal note on a zaak, for colleagues only (never for the KCC or the citizen)."""

    __tablename__ = "notitie"

    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), index=True)
    tekst: Mapped[str] = mapped_column(Text)
    auteur: Mapped[str] = mapped_column(String(24))  # gebruikersnaam
    auteur_naam: Mapped[str] = mapped_column(String(200))
    aangemaakt: Mapped[datetime] = mapped_column(UtcDateTime)


class ChecklistAntwoord(IdMixin, Base):
    """The answer to one item of a statustype's checklist (``checklistitemStatustype``) for one zaak."""

    __tablename__ = "checklist_antwoord"
    __table_args__ = (UniqueConstraint("zaak_id", "statustype_id", "itemnaam"),)

    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"))
    statustype_id: Mapped[int] = mapped_column(ForeignKey("statustype.id", ondelete="CASCADE"), index=True)
    itemnaam: Mapped[str] = mapped_column(String(30))
    antwoord: Mapped[str] = mapped_column(String(10))  # ja, nee or nvt
    toelichting: Mapped[str] = mapped_column(String(1000), default="")
    beantwoord_door: Mapped[str] = mapped_column(String(24))
    beantwoord_door_naam: Mapped[str] = mapped_column(String(200))
    beantwoord: Mapped[datetime] = mapped_column(UtcDateTime)


class EigenChecklistPunt(IdMixin, Base):
    """An item the behandelaar puts on the zaak's own checklist, beside the statustypen's checklists of the
    catalogue, with its answer in the same terms (ja, nee or nvt, a toelichting, who and when). It holds up no
    status: nothing in the catalogue asks for it."""

    __tablename__ = "eigen_checklist_punt"

    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), index=True)
    vraag: Mapped[str] = mapped_column(String(200))
    toelichting: Mapped[str] = mapped_column(String(1000), default="")  # what to consider
    aangemaakt_door: Mapped[str] = mapped_column(String(24))
    aangemaakt_door_naam: Mapped[str] = mapped_column(String(200))
    aangemaakt: Mapped[datetime] = mapped_column(UtcDateTime)
    antwoord: Mapped[str] = mapped_column(String(10), default="")  # ja, nee, nvt or "" when not answered
    antwoord_toelichting: Mapped[str] = mapped_column(String(1000), default="")
    beantwoord_door: Mapped[str] = mapped_column(String(24), default="")
    beantwoord_door_naam: Mapped[str] = mapped_column(String(200), default="")
    beantwoord: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


TERUGBELVERZOEK = "terugbelverzoek"  # the soort of task the KCC makes
BERICHT = "bericht"  # a message a betrokkene sends the behandelaar from the PIP ("Mijn zaken")
# The soorten of taken, as the behandelaar's pages name them.
TAAK_SOORTEN = {TERUGBELVERZOEK: "Terugbelverzoek", BERICHT: "Bericht van betrokkene"}


class Taak(IdMixin, Base):
    """Something the behandelaar of a zaak must do for it: call a citizen back (``terugbelverzoek``), or read
    and answer a citizen's message from the PIP (``bericht``).

    A task has no assignee of its own: it is for whoever handles the zaak, so it follows the zaak
    when the zaak is handed to a colleague.
    """

    __tablename__ = "taak"
    # The werkvoorraad walks the open taken, the oldest first, and checks each against its list.
    __table_args__ = (
        Index(
            "ix_taak_open",
            "aangemaakt",
            "id",
            postgresql_where=text("afgehandeld IS NULL"),
            sqlite_where=text("afgehandeld IS NULL"),
        ),
    )

    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), index=True)
    soort: Mapped[str] = mapped_column(String(20))
    onderwerp: Mapped[str] = mapped_column(String(200))
    toelichting: Mapped[str] = mapped_column(Text, default="")
    contact_naam: Mapped[str] = mapped_column(String(200), default="")
    telefoonnummer: Mapped[str] = mapped_column(String(20), default="")
    emailadres: Mapped[str] = mapped_column(String(254), default="")
    aangemaakt_door: Mapped[str] = mapped_column(String(24))
    aangemaakt_door_naam: Mapped[str] = mapped_column(String(200))
    aangemaakt: Mapped[datetime] = mapped_column(UtcDateTime)
    afgehandeld: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    afgehandeld_door: Mapped[str] = mapped_column(String(24), default="")
    afhandeling: Mapped[str] = mapped_column(String(1000), default="")  # internal: for colleagues only
    antwoord: Mapped[str] = mapped_column(Text, default="")  # to a ``bericht``: the citizen reads it on Mijn zaken
