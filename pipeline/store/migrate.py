"""The schema: Alembic migrations (pipeline/store/migrations), then the organisations."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from pipeline.store.organisations import sync_organisations

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    """Alembic configuration with the migrations of this package, from any working dir."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def upgrade(engine: Engine) -> None:
    """Migrate the database to the newest schema (alembic upgrade head) and bring the
    organisations up to date with the trusts list."""
    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")
    sync_organisations(engine)
