"""Tests of the token-authenticated automation API (v3)."""
