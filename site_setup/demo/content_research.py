"""Demo research reports on water, heat and housing (see content_research_more for the rest).

Each report's summary, findings and sections make up both its page body and its PDF files.
"""

from .blocks import figure, quote, table, testimonial, txt

REPORTS = [
    {
        "slug": "getting-the-lead-out",
        "title": "Getting the Lead Out: A Mayor's Guide to Lead Service Line Replacement",
        "published": 24,
        "topics": ["water", "health"],
        "authors": ["Marcus Oyelaran", "Aisha Rahman"],
        "contact": "Marcus Oyelaran",
        "image": (
            "Water mains and service lines",
            "pipes",
            "river",
            "Illustration of horizontal pipes with joints and branches on a blue background.",
        ),
        "downloads": ["full", "brief"],
        "summary": txt("""Federal rules now require most water systems to replace every lead
            service line within ten years. This guide walks mayors through the inventory, the
            money and the neighbourhood outreach that decide whether a city finishes on
            time."""),
        "findings": [
            "Cities that finish fastest replace the whole line, public and private side, at "
            "no direct cost to the household.",
            "A complete, public inventory is the single best predictor of a realistic "
            "replacement schedule.",
            "Door-to-door outreach by trusted neighbourhood groups raises consent rates for "
            "private-side work far more than mailed notices.",
            "Bundling replacement with planned street work cuts the cost per line substantially.",
        ],
        "sections": [
            (
                "Why the deadline matters",
                [
                    """There is no safe level of lead exposure for children. Lead service
                    lines, the pipes that connect a water main to a home, are the largest
                    source of lead in drinking water where they remain in the ground.""",
                    """Under the federal lead and copper rule improvements, most water
                    systems must replace their lead and galvanized service lines within ten
                    years. For a mid-sized city with tens of thousands of lines, that means
                    replacing several thousand a year, every year.""",
                ],
            ),
            (
                "Paying for replacement",
                [
                    """Federal infrastructure funds, state revolving loans and utility rates
                    can all pay for replacement. Cities that have moved quickly treated the
                    private side of the line as part of the public water system, so that no
                    household had to find thousands of dollars to take part.""",
                    """Where state law limits spending on private property, cities have used
                    ordinances that declare lead lines a public health hazard, or grants
                    administered through a housing or health department.""",
                ],
            ),
            (
                "Working with residents",
                [
                    """Replacement needs a homeowner's consent and, often, a landlord's.
                    Renters, older residents and households who do not speak English are the
                    least likely to answer a letter from the utility.""",
                    """Paying neighbourhood organisations to knock on doors, schedule work and
                    explain filters during construction has doubled consent rates in several
                    member cities.""",
                ],
            ),
        ],
        "extras": [
            figure("10 years", "to replace most lead service lines under federal rules"),
            testimonial("Claire Lindqvist"),
        ],
    },
    {
        "slug": "affordable-water-for-all",
        "title": "Affordable Water for All: Designing Customer Assistance Programs",
        "published": 96,
        "topics": ["water", "economic-development"],
        "authors": ["Aisha Rahman"],
        "contact": "Marcus Oyelaran",
        "image": (
            "Water flowing in waves",
            "water",
            "river",
            "Illustration of blue and white waves beneath a water droplet.",
        ),
        "downloads": ["full"],
        "summary": txt("""Water and sewer bills have risen faster than inflation for two
            decades. This report compares the assistance programs member cities use to keep
            service affordable for low-income households without weakening utility
            finances."""),
        "findings": [
            "Percentage-of-income discounts reach more eligible households than flat bill credits.",
            "Automatic enrolment through other benefit programs is the most effective way to "
            "raise participation.",
            "Shut-off moratoriums and payment plans reduce arrears without raising the "
            "utility's costs.",
        ],
        "sections": [
            (
                "The affordability gap",
                [
                    """A household's water bill does not shrink with its income. For families
                    in poverty, water and sewer service can take several times the share of
                    income it takes from a median household.""",
                    """Rising costs for pipe replacement, treatment and stormwater
                    management mean that bills will keep rising, and that affordability must
                    be designed into rates rather than added later.""",
                ],
            ),
            (
                "Program designs",
                [
                    """Cities use three main designs: flat credits on each bill, tiered
                    discounts by income, and percentage-of-income plans that cap a household's
                    bill at a share of what it earns. The last is the most precise and the
                    most administratively demanding.""",
                    """Where state law limits rate-funded assistance, cities have paid for
                    programs from general funds, voluntary round-up donations or revenue from
                    cell tower leases on water towers.""",
                ],
            ),
            (
                "Reaching eligible households",
                [
                    """The households that most need help are the least likely to apply.
                    Matching utility accounts against enrolment in energy assistance or food
                    benefit programs lets a city enrol them automatically.""",
                    """Renters who pay for water through their rent are invisible to the
                    utility; a few cities now offer them a direct rebate.""",
                ],
            ),
        ],
        "extras": [
            table(
                "Assistance designs compared",
                [
                    ("Design", "Precision", "Administrative effort"),
                    ("Flat bill credit", "Low", "Low"),
                    ("Tiered discount", "Medium", "Medium"),
                    ("Percentage of income", "High", "High"),
                ],
            ),
        ],
    },
    {
        "slug": "beat-the-heat",
        "title": "Beat the Heat: Municipal Strategies for Extreme Heat",
        "published": 150,
        "topics": ["climate", "health"],
        "authors": ["Ben Kowalczyk", "Grace Holloway"],
        "contact": "Grace Holloway",
        "image": (
            "Heat rising from a summer afternoon",
            "heat",
            "ember",
            "Illustration of a blazing sun drawn as red and yellow rings over shimmering lines.",
        ),
        "downloads": ["full", "brief"],
        "summary": txt("""Heat kills more Americans than any other weather hazard, and it
            falls hardest on neighbourhoods with few trees and many older homes. This report
            sets out what cities can do before, during and after a heat wave."""),
        "findings": [
            "Heat risk is concentrated: a handful of neighbourhoods account for most "
            "heat-related emergency calls.",
            "Cooling centres are used far more when they are familiar places, such as "
            "libraries, with transit access and evening hours.",
            "Tree planting works best with a maintenance budget and residents involved in "
            "choosing sites.",
            "A named heat lead in city government speeds the response when a heat wave arrives.",
        ],
        "sections": [
            (
                "Mapping who is at risk",
                [
                    """Surface temperatures on the same afternoon can differ by many degrees
                    between a leafy neighbourhood and one of parking lots and flat roofs. The
                    hottest blocks are often the ones with the most older residents, outdoor
                    workers and homes without air conditioning.""",
                    """Volunteer heat mapping campaigns, combined with emergency call data,
                    give cities a block-by-block picture at little cost.""",
                ],
            ),
            (
                "During a heat wave",
                [
                    """Early warnings, extended hours at libraries and recreation centres,
                    free transit to cooling sites and wellness calls to isolated residents
                    are the core of a heat response.""",
                    """Utility shut-off protections during heat emergencies keep fans and air
                    conditioners running for the households most at risk.""",
                ],
            ),
            (
                "Cooling the city for good",
                [
                    """Over years, trees, cool roofs and pavements, and shade at bus stops
                    lower temperatures where people live and wait.""",
                    """Building codes and rental standards that require cooling are the
                    newest tool, and the most debated.""",
                ],
            ),
        ],
        "extras": [
            quote(
                """We stopped thinking of heat as weather and started treating it as an
                emergency we can plan for.""",
                "Nathan Okafor",
                "Mayor of Boulder, Colorado",
            ),
        ],
    },
]
