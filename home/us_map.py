"""The map of the United States the member directory draws itself: each state's outline,
shaded by its number of member cities.

The outlines are a committed data file (home/data/us_states.json) made once from the US
Census Bureau's public-domain boundaries by scripts/build_us_map.mjs; no map service or
script library is involved.
"""

import functools
import json
from dataclasses import dataclass
from pathlib import Path

OUTLINES = Path(__file__).parent / "data" / "us_states.json"
# (lowest count, label) of each shade after "none", lightest first.
SHADES = ((1, "1"), (2, "2 or 3"), (4, "4 to 6"), (7, "7 or more"))


@functools.cache
def outlines():
    """The data file: its viewBox, source and each state's SVG path, by postal code."""
    return json.loads(OUTLINES.read_text())


@dataclass(frozen=True)
class MapState:
    """One state on the map: its outline, name, count of member cities and shade (0-4)."""

    code: str
    name: str
    path: str
    count: int

    @property
    def shade(self):
        return sum(1 for lowest, _ in SHADES if self.count >= lowest)

    @property
    def label(self):
        cities = "no" if not self.count else self.count
        return f"{self.name}: {cities} member {'city' if self.count == 1 else 'cities'}"


def state_map(counts, names):
    """Every state with an outline, in name order, from {postal code: member city count}
    and {postal code: state name}."""
    return sorted(
        (
            MapState(code, names.get(code, code), path, counts.get(code, 0))
            for code, path in outlines()["states"].items()
        ),
        key=lambda state: state.name,
    )
