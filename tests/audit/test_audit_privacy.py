"""Forgetting a person (issue 7) deletes their key, not a stored byte: the chain still holds."""

from __future__ import annotations

import io
from collections.abc import Callable

from botu_core import Cooperations, ForgetParty, JoinParty, PartyKind

from audit_helpers import small_history

SECRETS = [b"Maria Jansen", b"06 9876 5432", b"maria@example.nl"]


def test_forgetting_keeps_the_chain_and_published_heads_valid(open_app: Callable[..., Cooperations]) -> None:
    app = open_app()
    coop = small_history(app)
    maria = app.execute(
        coop,
        JoinParty(name="Maria Jansen", kind=PartyKind.RESIDENT, phone="06 9876 5432", email="maria@example.nl"),
    )
    assert maria is not None
    signed = app.audit.sign_head(coop)
    app.execute(coop, ForgetParty(party=maria))

    verdict = app.audit.verify(coop, head=signed)
    assert verdict.ok and verdict.events == 12
    assert app.audit.verify(coop).ok
    # The stored bytes and the export carry only ciphertext, before and after forgetting.
    exported = io.BytesIO()
    app.audit.export(coop, exported)
    assert not any(secret in exported.getvalue() for secret in SECRETS)
    # A restarted application (new connections, no cached keys) agrees.
    again = open_app()
    assert again.audit.verify(coop, head=signed.head.short).ok
    with again.audit.as_of(coop, position=11) as then:
        assert "Maria" not in then.party(None, maria).name


def test_two_applications_on_one_store_chain_every_event_once(open_app: Callable[..., Cooperations]) -> None:
    import threading

    first, second = open_app(), open_app()
    coop = small_history(first)

    def join(app: Cooperations, prefix: str) -> None:
        for i in range(5):
            app.execute(coop, JoinParty(name=f"{prefix} {i}", kind=PartyKind.OTHER))

    workers = [threading.Thread(target=join, args=(app, name)) for app, name in ((first, "Een"), (second, "Twee"))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    first.catch_up()
    second.catch_up()
    assert [link.position for link in first.audit.chain.links(coop)] == list(range(1, 21))
    assert first.audit.verify(coop).ok and second.audit.verify(coop).ok
    assert first.audit.head(coop) == second.audit.head(coop)
