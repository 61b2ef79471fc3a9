"""Alembic environment: always run on the app's own (encrypted) engine, never a URL."""

from alembic import context
from sqlmodel import SQLModel

from contactcentre.store import models  # noqa: F401  (registers the tables)

engine = context.config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=True,
    )
    context.run_migrations()
