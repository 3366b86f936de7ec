"""Builds the ASGI application: the ZGW APIs and the Selectielijst API, each on its mount point."""

from fastapi import FastAPI
from fastapi.responses import ORJSONResponse

from .api.urls import MOUNTS


def create_app() -> FastAPI:
    from .catalogi.endpoints import api as catalogi_api
    from .referentielijsten.endpoints import api as referentielijsten_api

    app = FastAPI(title="Zaakgericht", openapi_url=None, docs_url=None, redoc_url=None)
    app.mount(MOUNTS["catalogi"], catalogi_api)
    app.mount(MOUNTS["referentielijsten"], referentielijsten_api)

    @app.get("/", include_in_schema=False)
    async def index() -> ORJSONResponse:
        return ORJSONResponse(
            {
                "naam": "Zaakgericht",
                "apis": {
                    name: f"{mount}/" for name, mount in MOUNTS.items() if name in ("catalogi", "referentielijsten")
                },
            }
        )

    return app
