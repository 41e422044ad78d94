"""Demo news: older stories, from four to ten months before the demo is loaded.

`after_event` dates a story a number of days after a demo event instead of `published`.
"""

from .blocks import (
    cta,
    document,
    faq,
    figure,
    h,
    image,
    p,
    quote,
    related,
    table,
    testimonial,
    txt,
    ul,
    video,
)

ARTICLES = [
    {
        "slug": "duplexes-return",
        "title": "Duplexes Return to the Zoning Code",
        "published": 121,
        "topics": ["housing", "economic-development"],
        "authors": ["Evelyn Marsh", "Grace Holloway"],
        "image": (
            "Small homes on a quiet street",
            "houses",
            "prairie",
            "Illustration of houses in olive, amber and brown under a pale sky.",
        ),
        "summary": txt("""Several member cities now allow two to four homes on lots once
            reserved for a single house. The early results are modest, steady and
            encouraging."""),
        "body": [
            p(
                """For most of the last century, zoning codes made it illegal to build the
                duplexes and corner triplexes that fill older neighbourhoods. Member cities
                from Burlington to Eugene have changed that, and are now counting what
                gets built."""
            ),
            h("What the permits show"),
            p(
                """New homes have come slowly, a few dozen a year in each city, mostly on
                lots that were already for sale. Many are built by small local builders and
                by homeowners adding a unit for a relative."""
            ),
            image("Neighbourhood of small homes at dusk"),
            figure("2 to 4", "homes now allowed on most residential lots in several members"),
            related("Read the research", "homes-within-reach"),
        ],
    },
    {
        "slug": "winter-meeting-recap",
        "title": "What We Heard at the Winter Meeting",
        "after_event": ("winter-meeting", 3),
        "topics": ["housing", "water", "democracy"],
        "authors": ["Tomás Reyes"],
        "image": (
            "Washington in winter",
            "skyline",
            "slate",
            "Illustration of dark city towers with lit windows against a cold grey sky.",
        ),
        "summary": txt("""Housing supply, lead pipe funding and the safety of public servants
            topped the agenda when member mayors met in Washington."""),
        "body": [
            p(
                """More than forty mayors and senior staff spent two days in Washington
                comparing notes and meeting federal agency staff. Three themes ran through
                every session."""
            ),
            ul(
                "What mayors told us:",
                [
                    "housing costs are now the first concern raised by residents;",
                    "lead pipe funding is available but slow to reach the ground;",
                    "harassment of officials is driving good people out of public life.",
                ],
            ),
            video(
                "https://youtu.be/Hn7cW4rKs0E",
                "Highlights from the winter meeting",
                "A four-minute summary of the two days.",
            ),
            testimonial("Robert Haskins"),
            related("From the meeting", "winter-meeting", "homes-within-reach"),
        ],
    },
    {
        "slug": "spending-local",
        "title": "Spending Local: Community Wealth Building at City Hall",
        "published": 146,
        "topics": ["economic-development"],
        "authors": ["Dana Whitfield"],
        "image": (
            "Main street economy",
            "houses",
            "berry",
            "Illustration of red and orange storefront houses against a dark rose sky.",
        ),
        "summary": txt("""Cities spend millions each year on goods and services. A growing
            number are steering that spending toward local, employee-owned and
            minority-owned businesses."""),
        "body": [
            p(
                """A city's purchasing office may be its most powerful economic development
                tool. When Dubuque reviewed its contracts, it found that most of its
                spending on services left the region."""
            ),
            ul(
                "Cities building community wealth are:",
                [
                    "breaking large contracts into lots small firms can bid on;",
                    "paying small suppliers within fifteen days;",
                    "helping retiring owners sell their businesses to employees.",
                ],
            ),
            quote(
                """We were already spending the money. We just started asking where it
                went.""",
                "Robert Haskins",
                "Mayor of Dubuque, Iowa",
            ),
            cta(
                "Ask for help",
                "Member cities can request a review of their purchasing data.",
                page="technical-assistance",
            ),
        ],
    },
    {
        "slug": "ready-for-the-next-flood",
        "title": "Ready for the Next Flood: Green Infrastructure in River Cities",
        "published": 172,
        "topics": ["climate", "water"],
        "authors": ["Grace Holloway", "Tomás Reyes"],
        "image": (
            "River in flood season",
            "water",
            "harbor",
            "Illustration of navy, gold and white waves below a single droplet.",
        ),
        "summary": txt("""Heavier storms are overwhelming pipes built for a milder climate.
            River cities are making room for water with parks, wetlands and rain
            gardens."""),
        "body": [
            p(
                """Dubuque reopened a creek that had been buried in a pipe for a century,
                turning a flood-prone street into a park that holds water during storms."""
            ),
            image("River city waterfront", "Room for the river reduces flood damage downstream."),
            h("Small projects add up"),
            p(
                """Rain gardens, permeable alleys and trees each hold a little water. A
                program that builds hundreds of them can delay the peak of a storm long
                enough to keep basements dry."""
            ),
            video(
                "https://www.youtube.com/watch?v=Rk5vB8dTq1M",
                "Walking the restored creek",
                "A tour with city engineers.",
            ),
            figure("100 years", "that the creek ran in a pipe before it was restored"),
        ],
    },
    {
        "slug": "right-to-counsel",
        "title": "Right to Counsel: Early Lessons From Eviction Court",
        "published": 205,
        "topics": ["housing"],
        "authors": ["Evelyn Marsh"],
        "image": (
            "Homes kept",
            "houses",
            "harbor",
            "Illustration of black, gold and white houses against a grey-blue sky.",
        ),
        "summary": txt("""Cities that guarantee tenants a lawyer in eviction court are seeing
            more cases settled and more families staying in their homes."""),
        "body": [
            p(
                """Most landlords arrive in eviction court with a lawyer; most tenants do
                not. Member cities that have funded legal representation report that far
                more tenants now reach a payment plan or more time to move."""
            ),
            figure("Most", "tenants facing eviction have no lawyer where there is no program"),
            faq(
                "Right to counsel, explained",
                [
                    (
                        "Who qualifies?",
                        """Most programs cover tenants below a set share of area median
                        income, and some cover every tenant.""",
                    ),
                    (
                        "Who provides the lawyers?",
                        """Usually legal aid organisations under contract with the city.""",
                    ),
                ],
            ),
            related("Read the research", "homes-within-reach"),
        ],
    },
    {
        "slug": "summer-meals-in-the-park",
        "title": "Taking Summer Meals to the Park",
        "published": 243,
        "topics": ["health"],
        "authors": ["Grace Holloway"],
        "image": (
            "Picnic leaves",
            "leaves",
            "lagoon",
            "Illustration of teal and sand-coloured leaves over a blue-green background.",
        ),
        "summary": txt("""When school ends, so do school lunches. Cities are bringing free
            summer meals to parks, pools and libraries where children already are."""),
        "body": [
            p(
                """Summer meal sites at schools often sit half empty: families do not
                think of school as a summer destination. Asheville moved most of its sites
                to parks and pools and saw attendance rise across the summer."""
            ),
            table(
                "Where summer meals were served",
                [
                    ("Site type", "Sites", "Average daily meals"),
                    ("School", "6", "40"),
                    ("Park or pool", "11", "85"),
                    ("Library", "4", "55"),
                ],
            ),
            quote(
                """Put the food where the kids are, and make it feel like a picnic, not a
                program.""",
                "Denise Whitaker",
                "Mayor of Asheville, North Carolina",
            ),
            document("healthy-from-the-start/brief", "Download the two-page brief"),
        ],
    },
    {
        "slug": "slower-streets-near-schools",
        "title": "Slower Streets Near Schools",
        "published": 290,
        "topics": ["safety", "health"],
        "authors": ["Tomás Reyes"],
        "image": (
            "School day morning",
            "skyline",
            "meadow",
            "Illustration of a dark green skyline with lit windows under a pale green sky.",
        ),
        "summary": txt("""Lower speed limits and safer crossings around schools are cutting
            speeding sharply in member cities."""),
        "body": [
            p(
                """Bloomington lowered the speed limit near every school and rebuilt twelve
                crossings with raised tables and shorter distances to cross. Speed counts
                taken a year later showed far fewer drivers speeding."""
            ),
            figure("12", "school crossings rebuilt in the first year"),
            p(
                """Parents noticed. More children now walk or bike to school on the routes
                that were changed."""
            ),
            cta(
                "Read the report", "Policies for children's health.", page="healthy-from-the-start"
            ),
        ],
    },
]
