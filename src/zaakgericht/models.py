"""Imports every domain's models so the metadata is complete (for Alembic and tests)."""


def load_all_models() -> None:
    from .api import cache as _cache  # noqa: F401
    from .autorisaties import models as _autorisaties  # noqa: F401
    from .catalogi import models as _catalogi  # noqa: F401
    from .notificaties import models as _notificaties  # noqa: F401
