"""The e-formulieren's routes: the citizens' forms and their beheer."""

from fastapi import APIRouter

from . import beheer, views

router = APIRouter()
router.include_router(views.router)
router.include_router(beheer.router)
