"""botu_web: the cooperation's public window and its members' workplace (Litestar + Jinja2).

    from botu_web import create_app
    app = create_app("botu.db")          # an ASGI app; or create_app(cooperations)

Pages for people (Dutch first, English by choice) and a JSON API under /api/v1, both
over the same commands and read models of ``botu_core``.
"""

from .accounts import Account, AccountStore
from .app import create_app
from .auth import COMMAND_ROLES, ROLES

__all__ = ["COMMAND_ROLES", "ROLES", "Account", "AccountStore", "create_app"]
