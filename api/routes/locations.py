"""Locations with coordinates and event counts, as a list and as GeoJSON."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import PagingDep, ReaderDep
from api.errors import problem_responses
from api.present import location_out
from api.schemas import Feature, FeatureCollection, LocationOut, Page, PointGeometry

router = APIRouter(tags=["locations"])


class GeoJSONResponse(JSONResponse):
    media_type = "application/geo+json"


@router.get("/locations", response_model=Page[LocationOut], responses=problem_responses(422, 500, 503))
def list_locations(reader: ReaderDep, paging: PagingDep) -> Page[LocationOut]:
    """Every location by id, with the number of events that occurred there."""
    locations = list(reader.locations().values())
    counts = reader.event_counts_by_location()
    part, meta = paging.cut(locations)
    return Page[LocationOut](items=[location_out(loc, counts.get(loc.id, 0)) for loc in part], **meta)


@router.get("/locations.geojson", response_model=FeatureCollection, response_class=GeoJSONResponse,
            responses=problem_responses(500, 503))
def locations_geojson(reader: ReaderDep) -> FeatureCollection:
    """Located places (those with coordinates) as a GeoJSON FeatureCollection of points."""
    counts = reader.event_counts_by_location()
    features = [
        Feature(id=loc.id, geometry=PointGeometry(coordinates=[loc.lon, loc.lat]),
                properties={"name": loc.name, "type": loc.type, "country": loc.country,
                            "events": counts.get(loc.id, 0)})
        for loc in reader.locations().values() if loc.lat is not None and loc.lon is not None]
    return FeatureCollection(features=features)
