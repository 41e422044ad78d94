"""`make bench`: the speed figures (tests/bench/run.py). Not tests: pytest collects nothing here."""
