// Builds home/data/us_states.json: one SVG path per state for the member cities map.
//
// Run once (the output is committed); it needs the us-atlas, topojson-client, topojson-simplify
// and d3-geo packages from npm, installed anywhere node can find them:
//   mkdir /tmp/usmap && cd /tmp/usmap
//   npm install us-atlas@3 topojson-client@3 topojson-simplify@3 d3-geo@3
//   NODE_PATH=/tmp/usmap/node_modules node scripts/build_us_map.mjs > home/data/us_states.json
// The outlines are the US Census Bureau's 2017 cartographic boundaries (public domain), as
// redistributed by us-atlas already projected with d3.geoAlbersUsa (Alaska and Hawaii inset)
// into a 975 x 610 box.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { feature } = require("topojson-client");
const { presimplify, simplify, quantile } = require("topojson-simplify");
const { geoPath } = require("d3-geo");
const atlas = require("us-atlas/states-albers-10m.json");
// Simplified (Visvalingam, keeping about a fifth of the points): outlines stay recognisable at
// the size the page draws them and the file stays small enough to inline in the page.
const presimplified = presimplify(atlas);
const us = simplify(presimplified, quantile(presimplified, 0.2));

// FIPS state codes to postal codes (home.models.snippets.US_STATES uses postal codes).
const POSTAL = {
  "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT",
  "10": "DE", "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL",
  "18": "IN", "19": "IA", "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD",
  "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT", "31": "NE",
  "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND",
  "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD",
  "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA", "54": "WV",
  "55": "WI", "56": "WY", "72": "PR",
};

const path = geoPath().digits(1);
const states = {};
for (const state of feature(us, us.objects.states).features) {
  const code = POSTAL[state.id];
  if (code) states[code] = path(state);
}
const sorted = Object.fromEntries(Object.entries(states).sort());
process.stdout.write(
  JSON.stringify(
    {
      source:
        "US Census Bureau cartographic boundary files, 2017 (public domain), " +
        "via us-atlas 3.0.1 (states-albers-10m), simplified, built by scripts/build_us_map.mjs",
      viewBox: "0 0 975 610",
      states: sorted,
    },
    null,
    1,
  ) + "\n",
);
