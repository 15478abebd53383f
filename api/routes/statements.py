"""Statements: who said what about whom."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import PagingDep, ReaderDep
from api.errors import problem_responses
from api.present import actor_ref, statement_out
from api.reader import Reader
from api.schemas import AboutSummary, Page, StatementOut, SummaryRow
from kg.errors import InputError
from kg.model import Stance, Statement
from kg.stores.base import StatementQuery

router = APIRouter(tags=["statements"])


@router.get("/statements", response_model=Page[StatementOut],
            responses=problem_responses(422, 500, 503))
def list_statements(
    reader: ReaderDep, paging: PagingDep,
    speaker: Annotated[str | None, Query(description="Actor id of the speaker.")] = None,
    about: Annotated[str | None, Query(description="Actor id the statement is about.")] = None,
    stance: Stance | None = None,
    date_from: dt.date | None = None, date_to: dt.date | None = None,
) -> Page[StatementOut]:
    """Statements in a stable order, each with its evidence."""
    query = StatementQuery(speaker=speaker, about=about, stance=stance.value if stance else None,
                           date_from=date_from, date_to=date_to)
    items, nxt = reader.page(reader.store.statements, query, paging.limit, paging.offset)
    return Page[StatementOut](items=[statement_out(reader, s) for s in items], limit=paging.limit,
                              offset=paging.offset, next=nxt)


def _rows(reader: Reader, groups: dict[str | None, Counter]) -> list[SummaryRow]:
    rows = [SummaryRow(actor=actor_ref(reader, key) if key else None,
                       statements=sum(stances.values()), stances=dict(sorted(stances.items())))
            for key, stances in groups.items()]
    rows.sort(key=lambda r: (-r.statements, r.actor is None, r.actor.id if r.actor else ""))
    return rows


def _stance(st: Statement) -> str:
    return st.stance.value if st.stance else "unknown"


def _spoken_about(reader: Reader, speaker: str) -> AboutSummary:
    reader.actor(speaker)
    found = reader.statements(StatementQuery(speaker=speaker))
    groups: dict[str | None, Counter] = defaultdict(Counter)
    for st in found:
        for target in sorted(set(st.about)):
            groups[target][_stance(st)] += 1
    return AboutSummary(speaker=actor_ref(reader, speaker), statements=len(found),
                        items=_rows(reader, groups))


def _speakers_about(reader: Reader, about: str) -> AboutSummary:
    reader.actor(about)
    found = reader.statements(StatementQuery(about=about))
    groups: dict[str | None, Counter] = defaultdict(Counter)
    for st in found:
        groups[st.speaker][_stance(st)] += 1
    return AboutSummary(about=actor_ref(reader, about), statements=len(found),
                        items=_rows(reader, groups))


@router.get("/statements/about-summary", response_model=AboutSummary,
            responses=problem_responses(404, 422, 500, 503))
def about_summary(
    reader: ReaderDep,
    speaker: Annotated[str | None, Query(description="Whom does this actor talk about?")] = None,
    about: Annotated[str | None, Query(description="Who talks about this actor?")] = None,
) -> AboutSummary:
    """Give exactly one of ``speaker`` (the actors it talked about, with counts and stances)
    or ``about`` (the speakers who talked about it; a null actor means unattributed)."""
    if (speaker is None) == (about is None):
        raise InputError("speaker/about", "give exactly one of speaker or about")
    return _spoken_about(reader, speaker) if speaker is not None else _speakers_about(reader, about)
