"""Demo events, dated relative to the day the demo is loaded so some are always upcoming.

`day` is the number of days from today (negative for past events), or `on` is a
(month, day, "past" or "next") date for seasonal events: the last such date at least a week
ago or the next at least three weeks ahead. Times are wall-clock times in the event's own
time zone; `end_day` counts days after the first day.
"""

from .blocks import cta, faq, h, p, related, table, txt

REGISTER = "https://mayorsinnovation.org/register/"

EVENTS = [
    {
        "slug": "winter-meeting",
        "title": "Winter Meeting in Washington",
        "on": (1, 22, "past"),
        "start": "09:00",
        "end": "16:30",
        "end_day": 1,
        "tz": "America/New_York",
        "format": "in_person",
        "venue": "Liberty Hall Conference Center",
        "address": "1200 K Street NW\nWashington, DC 20005",
        "topics": ["housing", "water", "democracy"],
        "speakers": ["Dana Whitfield", "Marcus Oyelaran", "Evelyn Marsh"],
        "contact": "Lena Park",
        "image": (
            "Capital skyline in winter light",
            "skyline",
            "harbor",
            "Illustration of dark towers with lit windows against a pale winter sky.",
        ),
        "summary": txt("""Two days on housing supply, lead pipe funding and the federal
            outlook for cities, held alongside the national mayors' conference."""),
        "body": [
            p(
                """Our winter meeting brought member mayors to Washington for two days of
                workshops and a morning of meetings with federal agency staff on housing and
                water infrastructure funding."""
            ),
            table(
                "Programme",
                [
                    ("Day", "Morning", "Afternoon"),
                    ("One", "Housing supply workshop", "Lead pipe funding clinic"),
                    ("Two", "Federal agency briefings", "Mayors-only roundtable"),
                ],
            ),
        ],
    },
    {
        "slug": "lead-inventory-webinar",
        "title": "Webinar: Lead Service Line Inventories, Step by Step",
        "day": -41,
        "start": "13:00",
        "end": "14:00",
        "tz": "America/Chicago",
        "format": "online",
        "online": "https://us02web.zoom.us/j/84120057731",
        "register": True,
        "topics": ["water", "health"],
        "speakers": ["Aisha Rahman", "Marcus Oyelaran"],
        "contact": "Marcus Oyelaran",
        "image": (
            "Pipes under the street",
            "pipes",
            "lagoon",
            "Illustration of teal and cream pipes running across a green-blue background.",
        ),
        "summary": txt("""How to build a lead service line inventory that residents can
            search, and how to use it to plan replacement."""),
        "body": [
            p(
                """An hour with utility staff from two member cities on building a public
                inventory: which records to start with, how to verify unknown lines, and
                how to publish a map residents can search by address."""
            ),
            related("Read more", "getting-the-lead-out"),
        ],
    },
    {
        "slug": "heat-planning-workshop",
        "title": "Heat Action Planning Workshop",
        "day": -12,
        "start": "10:00",
        "end": "15:00",
        "tz": "America/Denver",
        "format": "hybrid",
        "venue": "Boulder Civic Commons",
        "address": "1800 Canyon Boulevard\nBoulder, CO 80302",
        "online": "https://us02web.zoom.us/j/86233091245",
        "register": True,
        "topics": ["climate", "health"],
        "speakers": ["Ben Kowalczyk", "Grace Holloway"],
        "contact": "Grace Holloway",
        "image": (
            "Summer sun over the plains",
            "heat",
            "berry",
            "Illustration of a sun in rings of red and orange above wavy heat lines.",
        ),
        "summary": txt("""A working session for city staff writing or updating a heat action
            plan, in Boulder and online."""),
        "body": [
            p(
                """Teams from six cities brought their draft heat plans and left with a
                list of changes: clearer triggers for declaring a heat emergency, named
                leads in each department, and cooling sites open in the evening."""
            ),
            related("Read more", "beat-the-heat"),
        ],
    },
    {
        "slug": "harassment-toolkit-webinar",
        "title": "Webinar: Responding to Online Harassment of Local Officials",
        "day": 9,
        "start": "12:00",
        "end": "13:15",
        "tz": "America/New_York",
        "format": "online",
        "online": "https://us02web.zoom.us/j/81904472210",
        "register": True,
        "deadline_days": 1,
        "topics": ["safety", "democracy"],
        "speakers": ["Priya Natarajan", "Lena Park"],
        "contact": "Lena Park",
        "image": (
            "Lines of connection",
            "network",
            "civic",
            "Illustration of linked circles in gold and violet on a purple background.",
        ),
        "summary": txt("""A walk through the network's protocol for threats and harassment,
            with time for mayors and staff to ask questions in confidence."""),
        "body": [
            p(
                """Online abuse of local officials has become routine. This webinar walks
                through a model city protocol: assessing a threat, preserving evidence,
                supporting the person targeted and keeping public meetings open."""
            ),
            faq(
                "Before you register",
                [
                    (
                        "Is the webinar recorded?",
                        """No. To allow frank discussion it is not recorded, and the
                        question session is for officials and city staff only.""",
                    ),
                    (
                        "Can staff attend without the mayor?",
                        """Yes. Chiefs of staff, city attorneys and communications staff are
                        welcome.""",
                    ),
                ],
            ),
            cta("Register", "Registration closes the day before.", url=f"{REGISTER}harassment"),
        ],
    },
    {
        "slug": "resilience-hubs-site-visit",
        "title": "Site Visit: Neighbourhood Resilience Hubs",
        "day": 16,
        "start": "09:30",
        "end": "13:00",
        "tz": "America/Denver",
        "format": "in_person",
        "status": "cancelled",
        "venue": "North Boulder Recreation Center",
        "address": "3170 Broadway\nBoulder, CO 80304",
        "topics": ["climate", "health"],
        "speakers": ["Ben Kowalczyk"],
        "contact": "Grace Holloway",
        "image": (
            "Shade trees in a summer park",
            "leaves",
            "prairie",
            "Illustration of olive and amber leaves scattered across a cream background.",
        ),
        "summary": txt("""A morning touring libraries and recreation centres that offer cooling,
            warmth and backup power during emergencies."""),
        "body": [
            p(
                """<b>This visit has been cancelled</b> because the host sites are closed
                for repairs. Registered participants have been contacted; we hope to offer
                the visit again next year."""
            ),
        ],
    },
    {
        "slug": "childrens-health-roundtable",
        "title": "Children's Health Roundtable",
        "day": 23,
        "start": "10:00",
        "end": "12:30",
        "tz": "America/Los_Angeles",
        "format": "hybrid",
        "status": "postponed",
        "venue": "Tacoma Municipal Building, Council Chambers",
        "address": "747 Market Street\nTacoma, WA 98402",
        "online": "https://us02web.zoom.us/j/83377190624",
        "topics": ["health", "housing"],
        "speakers": ["Grace Holloway"],
        "contact": "Grace Holloway",
        "image": (
            "Homes and gardens",
            "houses",
            "meadow",
            "Illustration of green and white houses in a row on a green hillside.",
        ),
        "summary": txt("""Mayors and health directors compare rental inspection, lead paint
            and summer meal programs."""),
        "body": [
            p(
                """<b>This roundtable has been postponed.</b> A new date will be announced
                here and sent to everyone who registered."""
            ),
            related("Background reading", "healthy-from-the-start"),
        ],
    },
    {
        "slug": "summer-meeting",
        "title": "Summer Meeting: Building the High-Road Economy",
        "on": (7, 14, "next"),
        "start": "13:00",
        "end": "12:00",
        "end_day": 2,
        "tz": "America/Chicago",
        "format": "in_person",
        "venue": "Lakeside Convention Center",
        "address": "100 Lakeshore Drive\nMadison, WI 53703",
        "register": True,
        "deadline_days": 14,
        "topics": ["economic-development", "housing", "climate"],
        "speakers": ["Dana Whitfield", "Evelyn Marsh", "Ben Kowalczyk"],
        "contact": "Lena Park",
        "image": (
            "Lakeside city in summer",
            "skyline",
            "lagoon",
            "Illustration of a city skyline with lit windows beside the water on a teal sky.",
        ),
        "summary": txt("""Three days in Madison on good jobs, community wealth and climate
            investment, with tours of the host city's projects."""),
        "body": [
            p(
                """This year's summer meeting asks how cities can make sure that new
                investment, from clean energy to housing, creates good jobs and keeps wealth
                in the community."""
            ),
            h("Programme"),
            table(
                "Programme at a glance",
                [
                    ("Day", "Sessions"),
                    ("One (afternoon)", "Welcome, host city tour"),
                    ("Two", "Community wealth building; clean energy jobs; mayors' dinner"),
                    ("Three (morning)", "Housing supply roundtable; closing session"),
                ],
            ),
            cta(
                "Register for the summer meeting",
                "Member mayors and up to two staff each may attend.",
                url=f"{REGISTER}summer-meeting",
            ),
        ],
    },
    {
        "slug": "women-mayors-retreat",
        "title": "Women Mayors Network Retreat",
        "day": 128,
        "start": "15:00",
        "end": "13:00",
        "end_day": 2,
        "tz": "America/Denver",
        "format": "in_person",
        "venue": "Casa del Río Retreat Center",
        "address": "410 Camino del Monte\nSanta Fe, NM 87505",
        "register": True,
        "deadline_days": 30,
        "topics": ["democracy", "safety"],
        "speakers": ["Lena Park", "Priya Natarajan"],
        "contact": "Lena Park",
        "image": (
            "Desert evening",
            "leaves",
            "ember",
            "Illustration of red and gold leaves drifting across an orange evening sky.",
        ),
        "summary": txt("""The network's annual retreat for women mayors: two days of peer
            coaching, safety planning and time to think."""),
        "body": [
            p(
                """The retreat is small by design. Mayors work in pairs and trios on a
                challenge they are facing now, with a session on personal safety and
                security led by the Civic Security Institute."""
            ),
            related("About the network", "women-mayors-network"),
            cta("Apply for a place", url=f"{REGISTER}women-mayors-retreat"),
        ],
    },
]
