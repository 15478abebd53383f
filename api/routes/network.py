"""The actor interaction network and analytics on it (``kg.analytics``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import networkx as nx
from fastapi import APIRouter, Depends, Query

from api.deps import PagingDep, ReaderDep
from api.errors import problem_responses
from api.schemas import CentralityRow, Communities, Network, Page
from kg import analytics, network
from kg.errors import NotFound

router = APIRouter(prefix="/network", tags=["network"])
MAX_DEPTH = 4
_EDGES_DOC = ("Edges: `kind=event` links actors that took part in the same events of one type, "
              "directed from the acting role (attacker->target, imposer->sanctioned, "
              "donor->recipient, interceptor->attacker) and undirected otherwise; "
              "`kind=statement` links speaker->about. `weight` counts the distinct facts.")
_EGO_DOC = (" Read from the store hop by hop, bounded whatever the graph's size: each expanded "
            "actor contributes its `facts_per_actor` most recent facts, and at each hop the "
            "`expand` most strongly tied new actors are expanded; `truncated` says whether a "
            "bound left something out.")
_PATH_DOC = (f" The path is exact (at most {network.MAX_PATH_HOPS} steps; lowest ids among "
             f"equally short ones); each step lists its {network.FACTS_PER_STEP} most recent facts.")


DateFrom = Annotated[dt.date | None, Query(description="Facts dated on/after; undated excluded.")]
DateTo = Annotated[dt.date | None, Query(description="Facts dated on/before; undated excluded.")]


def get_graph(
    reader: ReaderDep, date_from: DateFrom = None, date_to: DateTo = None,
    statements: Annotated[bool, Query(description="Include speaker->about edges.")] = True,
) -> nx.MultiDiGraph:
    window = analytics.Window(date_from=date_from, date_to=date_to)
    return analytics.interaction_graph(reader.snapshot(), window, statements=statements)


GraphDep = Annotated[nx.MultiDiGraph, Depends(get_graph)]


@router.get("/actors", response_model=Network, description=_EDGES_DOC,
            responses=problem_responses(422, 500, 503))
def actor_network(graph: GraphDep) -> Network:
    """Who interacts with whom."""
    return Network(**analytics.network_json(graph))


StatementsFlag = Annotated[bool, Query(description="Include speaker->about edges.")]


@router.get("/ego/{actor_id}", response_model=Network, description=_EDGES_DOC + _EGO_DOC,
            responses=problem_responses(404, 422, 500, 503))
def ego_network(
    actor_id: str, reader: ReaderDep, date_from: DateFrom = None, date_to: DateTo = None,
    statements: StatementsFlag = True, depth: Annotated[int, Query(ge=1, le=MAX_DEPTH)] = 1,
    facts_per_actor: Annotated[int, Query(ge=1, le=2000, description=(
        "Most recent facts read per expanded actor."))] = network.EgoBounds.facts_per_actor,
    expand: Annotated[int, Query(ge=1, le=500, description=(
        "New actors expanded per hop, most strongly tied first."))] = network.EgoBounds.expand,
) -> Network:
    """Actors within ``depth`` hops of an actor (hops ignore direction), with their distance."""
    actor = reader.actor(actor_id)
    window = analytics.Window(date_from=date_from, date_to=date_to)
    return Network(**network.ego(reader.store, actor_id, depth, window, statements=statements,
                                 limits=network.EgoBounds(facts_per_actor, expand), actor=actor))


@router.get("/path", response_model=Network, description=_EDGES_DOC + _PATH_DOC,
            responses=problem_responses(404, 422, 500, 503))
def shortest_path(reader: ReaderDep, source: Annotated[str, Query(min_length=1)],
                  target: Annotated[str, Query(min_length=1)], date_from: DateFrom = None,
                  date_to: DateTo = None, statements: StatementsFlag = True) -> Network:
    """A shortest chain of interactions from ``source`` to ``target`` (404 when none)."""
    reader.actor(source)
    reader.actor(target)
    window = analytics.Window(date_from=date_from, date_to=date_to)
    found = network.path(reader.store, source, target, window, statements=statements)
    if found is None:
        raise NotFound(f"no path of at most {network.MAX_PATH_HOPS} steps between "
                       f"{source!r} and {target!r}")
    return Network(**found)


@router.get("/centrality", response_model=Page[CentralityRow],
            responses=problem_responses(422, 500, 503))
def centrality(
    graph: GraphDep, paging: PagingDep,
    by: Literal["degree", "weighted_degree", "betweenness", "closeness", "eigenvector"] = "degree",
) -> Page[CentralityRow]:
    """Centrality of every actor in the undirected projection, highest ``by`` first."""
    part, meta = paging.cut(analytics.centrality(graph, by))
    return Page[CentralityRow](items=list(part), **meta)


@router.get("/communities", response_model=Communities, responses=problem_responses(422, 500, 503))
def communities(graph: GraphDep) -> Communities:
    """Louvain communities (fixed seed) of the undirected projection, largest first."""
    return Communities(**analytics.communities(graph))
