"""Routers of the analyst API, one module per resource."""
