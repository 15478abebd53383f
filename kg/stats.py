"""Small summaries of a graph snapshot for ``kg stats``."""

from __future__ import annotations

from collections import Counter

from kg.stores.base import GraphSnapshot


def _names(snapshot: GraphSnapshot) -> dict[str, str]:
    return {a.id: a.name for a in snapshot.actors}


def top_actors(snapshot: GraphSnapshot, n: int) -> list[tuple[str, int]]:
    """Actors by the number of events they take part in plus statements they make."""
    counts: Counter[str] = Counter()
    for ev in snapshot.events:
        counts.update({p.actor for p in ev.participants})
    counts.update(st.speaker for st in snapshot.statements if st.speaker)
    names = _names(snapshot)
    return [(names.get(a, a), c) for a, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def top_speakers(snapshot: GraphSnapshot, n: int) -> list[tuple[str, int]]:
    counts = Counter(st.speaker for st in snapshot.statements if st.speaker)
    names = _names(snapshot)
    return [(names.get(a, a), c) for a, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]
