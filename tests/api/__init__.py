"""Tests of the public read API (v2)."""
