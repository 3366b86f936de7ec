"""Imports every domain's models so the metadata is complete (for Alembic and tests)."""


def load_all_models() -> None:
    from .accounts import models as _accounts  # noqa: F401
    from .api import audit as _audit  # noqa: F401
    from .api import cache as _cache  # noqa: F401
    from .api import identificatie as _identificatie  # noqa: F401
    from .autorisaties import models as _autorisaties  # noqa: F401
    from .behandeling import models as _behandeling  # noqa: F401
    from .besluiten import models as _besluiten  # noqa: F401
    from .burgers import models as _burgers  # noqa: F401
    from .catalogi import models as _catalogi  # noqa: F401
    from .documenten import models as _documenten  # noqa: F401
    from .formulieren import models as _formulieren  # noqa: F401
    from .huisstijl import models as _huisstijl  # noqa: F401
    from .notificaties import models as _notificaties  # noqa: F401
    from .signalen import models as _signalen  # noqa: F401
    from .zaken import models as _zaken  # noqa: F401
    from .zoeken import models as _zoeken  # noqa: F401
