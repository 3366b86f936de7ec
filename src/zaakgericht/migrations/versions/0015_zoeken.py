"""zoeken: the search index (tsvector and pattern indexes on PostgreSQL, FTS5 trigram on SQLite), document
text, person lookups

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 14:30:00

The index is filled by ``zaakgericht migrate`` right after this revision (``zoeken.index.rebuild``):
its rows are built by the same Python code that keeps them in step, which a migration cannot import.
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

IntPK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

# SQLite: an FTS5 table over zoek_index.tekst (external content), kept by triggers. The trigram
# tokenizer finds any part of three characters or more: "2026-00" inside a zaaknummer, "vri" in Vries.
_SQLITE_FTS = [
    "CREATE VIRTUAL TABLE zoek_index_fts USING fts5(tekst, content='zoek_index', content_rowid='id', "
    "tokenize='trigram')",
    "CREATE TRIGGER zoek_index_ai AFTER INSERT ON zoek_index BEGIN "
    "INSERT INTO zoek_index_fts(rowid, tekst) VALUES (new.id, new.tekst); END",
    "CREATE TRIGGER zoek_index_ad AFTER DELETE ON zoek_index BEGIN "
    "INSERT INTO zoek_index_fts(zoek_index_fts, rowid, tekst) VALUES ('delete', old.id, old.tekst); END",
    "CREATE TRIGGER zoek_index_au AFTER UPDATE ON zoek_index BEGIN "
    "INSERT INTO zoek_index_fts(zoek_index_fts, rowid, tekst) VALUES ('delete', old.id, old.tekst); "
    "INSERT INTO zoek_index_fts(rowid, tekst) VALUES (new.id, new.tekst); END",
]
# PostgreSQL: words through the 'simple' configuration (no stemming: names and numbers stay as they are,
# and a word is found by its start). A zaaknummer by its beginning (``zaak-2026-00``), its beginning after
# the letters (``2026-00``) or its end (``0146``), each a btree range that stops at the first rows it needs:
# trigrams (pg_trgm) find any part, but a million zaaknummers share nearly all their trigrams, and the
# search for one spent half a second building a bitmap of hundreds of thousands of rows.
_POSTGRES_INDEXES = [
    "CREATE INDEX ix_zoek_index_tsv ON zoek_index USING gin (to_tsvector('simple', tekst))",
    "CREATE INDEX ix_zoek_index_zaaknummer ON zoek_index (zaaknummer varchar_pattern_ops) WHERE zaaknummer IS NOT NULL",
    "CREATE INDEX ix_zoek_index_zaaknummer_nummer ON zoek_index "
    "(regexp_replace(zaaknummer, '^[a-z]+-', '') text_pattern_ops) WHERE zaaknummer IS NOT NULL",
    "CREATE INDEX ix_zoek_index_zaaknummer_eind ON zoek_index (reverse(zaaknummer) text_pattern_ops) "
    "WHERE zaaknummer IS NOT NULL",
]


def upgrade() -> None:
    op.create_table(
        "zoek_index",
        sa.Column("id", IntPK, primary_key=True, autoincrement=True),
        sa.Column("zaak_id", IntPK, sa.ForeignKey("zaak.id", ondelete="CASCADE"), nullable=False),
        sa.Column("zaaktype_id", IntPK, sa.ForeignKey("zaaktype.id"), nullable=False),
        sa.Column("vertrouwelijkheidaanduiding", sa.String(20), nullable=False),
        sa.Column("startdatum", sa.Date(), nullable=False),
        sa.Column("bron", sa.String(20), nullable=False),
        sa.Column("label", sa.String(300), nullable=False),
        sa.Column("zaaknummer", sa.String(40), nullable=True),
        sa.Column("tekst", sa.Text(), nullable=False),
    )
    op.create_index("ix_zoek_index_zaak_id", "zoek_index", ["zaak_id"])
    op.create_table(
        "document_tekst",
        sa.Column(
            "document_id",
            IntPK,
            sa.ForeignKey("enkelvoudiginformatieobject.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("inhoud_sha256", sa.String(64), nullable=False),
        sa.Column("tekst", sa.Text(), nullable=False),
    )
    op.create_table(
        "persoon_raadpleging",
        sa.Column("id", IntPK, primary_key=True, autoincrement=True),
        sa.Column("moment", sa.DateTime(timezone=True), nullable=False),
        sa.Column("medewerker", sa.String(150), nullable=False),
        sa.Column("soort", sa.String(10), nullable=False),
        sa.Column("nummer", sa.String(20), nullable=False),
        sa.Column("doel", sa.String(200), nullable=False),
        sa.Column("toepassing", sa.String(50), nullable=False),
    )
    op.create_index("ix_persoon_raadpleging_moment", "persoon_raadpleging", ["moment"])
    op.create_index("ix_persoon_raadpleging_nummer", "persoon_raadpleging", ["nummer"])
    statements = _POSTGRES_INDEXES if op.get_context().dialect.name == "postgresql" else _SQLITE_FTS
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        for trigger in ("zoek_index_ai", "zoek_index_ad", "zoek_index_au"):
            op.execute(f"DROP TRIGGER {trigger}")
        op.execute("DROP TABLE zoek_index_fts")
    op.drop_table("persoon_raadpleging")
    op.drop_table("document_tekst")
    op.drop_table("zoek_index")
