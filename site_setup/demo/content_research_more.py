"""Demo research reports on safety, housing and children's health (see content_research)."""

from .blocks import faq, figure, quote, txt

REPORTS = [
    {
        "slug": "safe-to-serve",
        "title": "Safe to Serve: Protecting Local Officials from Harassment and Threats",
        "published": 62,
        "topics": ["safety", "democracy"],
        "authors": ["Priya Natarajan", "Lena Park"],
        "contact": "Lena Park",
        "image": (
            "Connected community",
            "network",
            "slate",
            "Illustration of dark circles joined by thin lines on a grey background.",
        ),
        "downloads": ["full", "brief"],
        "summary": txt("""Mayors and council members face a rising tide of online abuse,
            doxxing and threats, and many say it has made them think twice about running
            again. This report sets out what cities can do to protect officials, staff and
            public meetings while keeping government open."""),
        "findings": [
            "Most harassment of local officials now begins online, and women and officials "
            "of colour receive a disproportionate share of it.",
            "Few cities have a written protocol for threats against elected officials; "
            "those that do respond faster and more consistently.",
            "Removing home addresses from public records is one of the most requested and "
            "least available protections.",
            "Clear rules of decorum for public meetings, applied evenly, protect both "
            "officials and the public's right to speak.",
        ],
        "sections": [
            (
                "What officials are facing",
                [
                    """Officials describe a steady background of insults on social media,
                    punctuated by waves of coordinated abuse after a contested vote. A
                    smaller number of messages cross into threats of violence, against
                    officials and sometimes their families.""",
                    """The effect reaches beyond the people targeted: staff leave, fewer
                    residents run for office, and some meetings move online or behind
                    security screening.""",
                ],
            ),
            (
                "A city protocol",
                [
                    """A protocol names who assesses a threat, when the police and the city
                    attorney are involved, how messages are preserved as evidence, and who
                    supports the person targeted. It should cover staff as well as elected
                    officials.""",
                    """Cities that have adopted one recommend rehearsing it once a year, as
                    they would any other emergency plan.""",
                ],
            ),
            (
                "Keeping government open",
                [
                    """Safety measures should not close the doors of city hall. Decorum rules
                    that focus on conduct rather than viewpoint, trained meeting chairs, and
                    security that is present but not intimidating let public meetings stay
                    public.""",
                    """Several states now allow officials to shield their home addresses in
                    property and voter records; cities can advocate for such laws where they
                    do not yet exist.""",
                ],
            ),
        ],
        "extras": [
            quote(
                """The threats are aimed at one person, but they are meant to be read by
                everyone who is thinking about serving.""",
                "Priya Natarajan",
                "Civic Security Institute",
            ),
        ],
    },
    {
        "slug": "homes-within-reach",
        "title": "Homes Within Reach: Local Tools for Housing Affordability",
        "published": 214,
        "topics": ["housing", "economic-development"],
        "authors": ["Evelyn Marsh", "Grace Holloway"],
        "contact": "Grace Holloway",
        "image": (
            "Row of family homes",
            "houses",
            "dawn",
            "Illustration of a row of houses in dark and orange tones under a dusk sky.",
        ),
        "downloads": ["full"],
        "summary": txt("""Half of American renter households spend more than thirty percent
            of their income on housing. This report reviews the local tools, from zoning
            reform to community land trusts, that member cities are using to build and keep
            homes people can afford."""),
        "findings": [
            "Allowing two to four homes on lots zoned for one house adds supply gradually "
            "and with little public cost.",
            "Community land trusts keep homes affordable for generations, but need patient "
            "early funding.",
            "Publicly owned land is the most underused affordable housing asset in many cities.",
            "Protecting existing affordable homes costs less per household than building new ones.",
            "Right-to-counsel programs reduce evictions where they are fully funded.",
        ],
        "sections": [
            (
                "More homes of more kinds",
                [
                    """Zoning that allows only detached houses on most residential land
                    rules out the duplexes, triplexes and small apartment buildings that
                    once housed teachers, nurses and young families in every city.""",
                    """Member cities that have legalised these homes report slow, steady
                    construction rather than sudden change, and most new homes appear on
                    lots that were already for sale.""",
                ],
            ),
            (
                "Keeping homes affordable",
                [
                    """Land trusts, deed restrictions and shared-equity ownership keep homes
                    affordable when they are sold, so that a subsidy helps one family after
                    another.""",
                    """Cities can also buy or help non-profits buy older apartment buildings
                    before they are sold for redevelopment, protecting the people who live
                    there now.""",
                ],
            ),
            (
                "Keeping people housed",
                [
                    """Emergency rental assistance, legal help in eviction court and
                    mediation between landlords and tenants keep households in their homes
                    at far less cost than shelter.""",
                    """Data on eviction filings, shared promptly with service providers, lets
                    a city reach households before a case reaches court.""",
                ],
            ),
        ],
        "extras": [
            figure(
                "1 in 2",
                "renter households spend more than 30% of income on housing",
                "Harvard Joint Center for Housing Studies",
            ),
        ],
    },
    {
        "slug": "healthy-from-the-start",
        "title": "Healthy From the Start: City Policy for Children's Health",
        "published": 278,
        "topics": ["health", "housing"],
        "authors": ["Grace Holloway", "Marcus Oyelaran"],
        "contact": "Grace Holloway",
        "image": (
            "Leaves in spring",
            "leaves",
            "meadow",
            "Illustration of green and white leaves floating over a soft green background.",
        ),
        "downloads": ["full", "brief"],
        "summary": txt("""Cities shape children's health through the homes, water, air, parks
            and streets they oversee. This report gathers practical policies mayors can adopt
            without waiting for state or federal action."""),
        "findings": [
            "Proactive rental inspection finds lead paint and mould hazards before a child is "
            "harmed.",
            "Safe routes to school programs increase daily physical activity and reduce "
            "traffic injuries near schools.",
            "Free summer meal sites reach more children when they are in parks and libraries "
            "than in schools alone.",
        ],
        "sections": [
            (
                "Healthy homes",
                [
                    """Most childhood lead poisoning today comes from deteriorated paint in
                    older homes. Cities that inspect rental homes on a regular schedule,
                    rather than waiting for complaints, find hazards before children are
                    exposed.""",
                    """The same inspections catch mould, pests and broken heating, which
                    drive childhood asthma and missed school days.""",
                ],
            ),
            (
                "Active, safe streets",
                [
                    """Slower speed limits near schools, protected crossings and
                    continuous sidewalks let children walk and bike safely. Cities that
                    measure traffic speeds before and after find large drops in the share
                    of drivers speeding.""",
                    """Parks within a ten-minute walk of every home are a long-term goal
                    that guides where cities buy land and invest.""",
                ],
            ),
            (
                "Food and care",
                [
                    """Summer meal programs, double-value produce vouchers at farmers
                    markets and support for home-based child care providers all fall within
                    a city's reach.""",
                    """Coordinating them through one children's cabinet, chaired by the
                    mayor, keeps departments working toward the same goals.""",
                ],
            ),
        ],
        "extras": [
            faq(
                "About this report",
                [
                    (
                        "Who is this report for?",
                        """Mayors, their health and housing staff, and council members
                        weighing children's health policy.""",
                    ),
                    (
                        "Can we reuse the model policies?",
                        """Yes. The model language in the full report may be adapted
                        freely; we ask that cities tell us how they used it.""",
                    ),
                ],
            ),
        ],
    },
]
