"""The content API's building blocks: JSON shapes, serializer fields, filters and endpoints.

The router that mounts them (v2) and the v3 wiring live in mipcms/api.py.
"""
