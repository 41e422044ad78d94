"""Demo news: the six most recent stories (older ones are in content_news_archive).

`published` is the number of days before the day the demo is loaded.
"""

from .blocks import (
    cta,
    document,
    faq,
    figure,
    h,
    image,
    p,
    page_link,
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
        "slug": "lead-pipe-deadline",
        "title": "Three Cities, One Deadline: Planning Lead Pipe Replacement",
        "published": 6,
        "topics": ["water", "health"],
        "authors": ["Marcus Oyelaran", "Tomás Reyes"],
        "image": (
            "Service lines beneath a neighbourhood",
            "pipes",
            "slate",
            "Illustration of dark pipes with joints crossing a grey-blue background.",
        ),
        "summary": txt("""Madison, Duluth and Syracuse are racing the same federal clock to
            replace every lead service line. Their plans differ; their first lessons do
            not."""),
        "body": [
            p(
                """Every member city with lead service lines now has a deadline. We asked
                utility leaders in three of them how they are sequencing the work, paying
                for the private side of the line and winning the trust of residents who
                have heard promises about their water before."""
            ),
            figure("9 million", "lead service lines still in use nationwide", "US EPA"),
            h("Start with the inventory"),
            p(
                """All three cities began by publishing a searchable map of known and
                suspected lead lines. Duluth verified unknown lines by sending crews to
                dig small test holes at the curb, a method that proved faster and cheaper
                than it sounds.""",
                "Our new guide, "
                + page_link("getting-the-lead-out", "Getting the Lead Out")
                + ", sets out the steps in detail.",
            ),
            quote(
                """Residents did not believe us until they could type in their own address
                and see their own pipe.""",
                "Erik Solberg",
                "Mayor of Duluth, Minnesota",
            ),
            document(
                "getting-the-lead-out/full",
                "Download the full guide",
                "Funding options, model ordinances and outreach scripts.",
            ),
            related("More on lead pipes", "lead-inventory-webinar", "getting-the-lead-out"),
        ],
    },
    {
        "slug": "online-harassment-local-officials",
        "title": "When the Threats Come Online: How Mayors Are Responding",
        "published": 19,
        "topics": ["safety", "democracy"],
        "authors": ["Lena Park"],
        "image": (
            "A web of connections",
            "network",
            "slate",
            "Illustration of dark circles linked by fine lines across a grey gradient.",
        ),
        "summary": txt("""Abuse of local officials on social media has become routine. Member
            cities are writing protocols, shielding home addresses and rethinking how public
            meetings are run."""),
        "body": [
            p(
                """When a vote on water rates went badly online, one member mayor received
                more than four hundred messages in a weekend, a handful of them threats.
                Her city had no written plan for what to do next. It has one now."""
            ),
            h("What a protocol covers"),
            ul(
                "The protocols we reviewed share four elements:",
                [
                    "a single person who receives and assesses threats;",
                    "clear points at which police and the city attorney are involved;",
                    "a way to preserve messages as evidence before they are deleted;",
                    "support for the person targeted, including staff.",
                ],
            ),
            video(
                "https://www.youtube.com/watch?v=Xq3m9LpT2vA",
                "Three mayors on handling online harassment",
                "Recorded at the winter meeting.",
            ),
            testimonial("Lucía Montoya"),
            cta(
                "Join the webinar",
                "A walk through the model protocol, for officials and city staff.",
                page="harassment-toolkit-webinar",
            ),
        ],
    },
    {
        "slug": "first-hundred-days",
        "title": "Your First Hundred Days: Advice From Mayors Who Have Been There",
        "published": 34,
        "topics": ["democracy"],
        "authors": ["Dana Whitfield", "Lena Park"],
        "image": (
            "A new day over city hall",
            "skyline",
            "civic",
            "Illustration of a violet skyline with lit windows and a gold sun rising.",
        ),
        "summary": txt("""We asked mayors in their second term what they wish they had known
            on their first day. Their answers were practical, candid and surprisingly
            consistent."""),
        "body": [
            p(
                """Newly elected mayors arrive with a platform and a transition team, and
                discover within a week that the budget, the staff and the inbox have plans
                of their own. Here is the advice our members give most often."""
            ),
            faq(
                "Advice for new mayors",
                [
                    (
                        "What should I do in the first week?",
                        """Meet every department head one to one and ask what they need
                        from you, before you tell them what you need from them.""",
                    ),
                    (
                        "How do I choose my first priority?",
                        """Pick one promise that can show results within a year and say so
                        publicly; it buys patience for the slower ones.""",
                    ),
                    (
                        "What about the budget?",
                        """Read last year's audit and the bond documents before the budget
                        proposal. They tell you what is actually fixed.""",
                    ),
                ],
            ),
            testimonial("Kevin Marchetti"),
            cta(
                "Join the New Mayors Cohort",
                "For mayors in the first eighteen months of their first term.",
                page="new-mayors-cohort",
            ),
        ],
    },
    {
        "slug": "cooling-the-city",
        "title": "Cooling the City, Block by Block",
        "published": 55,
        "topics": ["climate", "health"],
        "authors": ["Grace Holloway", "Ben Kowalczyk"],
        "image": (
            "Sun over a hot street",
            "heat",
            "dawn",
            "Illustration of a sun in concentric rings above shimmering heat lines at dusk.",
        ),
        "summary": txt("""Heat maps are showing cities exactly which blocks bake in summer.
            Member cities are using them to choose where to plant trees and open cooling
            sites."""),
        "body": [
            p(
                """On a July afternoon last year, volunteers with thermometers mounted on
                their cars drove set routes across Eugene three times in a day. The map they
                produced showed a spread of more than ten degrees between the coolest and
                hottest neighbourhoods."""
            ),
            image("Tree canopy over a city street", "Shade is the cheapest cooling a city has."),
            figure("10°F+", "spread between the coolest and hottest neighbourhoods mapped"),
            h("From map to action"),
            p(
                """The city has since doubled its planting budget in the three hottest
                census tracts and kept two library branches open until nine on heat
                advisory days."""
            ),
            related("Plan for heat", "beat-the-heat", "heat-planning-workshop"),
        ],
    },
    {
        "slug": "keeping-the-tap-on",
        "title": "Keeping the Tap On: Water Assistance Programs That Work",
        "published": 77,
        "topics": ["water", "economic-development"],
        "authors": ["Aisha Rahman", "Marcus Oyelaran"],
        "image": (
            "Water for every household",
            "water",
            "lagoon",
            "Illustration of teal and sand-coloured waves under a pale water droplet.",
        ),
        "summary": txt("""Water bills keep rising. Cities that tie discounts to income and
            enrol households automatically are reaching the residents who need help most."""),
        "body": [
            p(
                """Five member cities shared a year of data from their water assistance
                programs with us. The differences in who they reached came down to two
                choices: how the discount was calculated, and how people were enrolled."""
            ),
            table(
                "Share of eligible households enrolled, by enrolment method",
                [
                    ("Enrolment method", "Households reached"),
                    ("Paper application only", "Fewer than 1 in 10"),
                    ("Online and paper application", "About 1 in 5"),
                    ("Automatic, from other benefit programs", "More than half"),
                ],
            ),
            quote(
                """Nobody should have to prove twice that they are poor.""",
                "Teresa Amaral",
                "Mayor of Providence, Rhode Island",
            ),
            document("affordable-water-for-all/full", "Read the full report"),
        ],
    },
    {
        "slug": "women-mayors-network-grows",
        "title": "Women Mayors Network Welcomes New Members",
        "published": 98,
        "topics": ["democracy"],
        "authors": ["Lena Park"],
        "image": (
            "Growing network",
            "network",
            "ember",
            "Illustration of red and gold circles joined by light lines on an orange ground.",
        ),
        "summary": txt("""Three more mayors have joined the network, which now meets monthly
            and will hold its annual retreat in Santa Fe."""),
        "body": [
            p(
                """The Women Mayors Network began as an informal dinner at a summer meeting.
                It now has members from coast to coast, a monthly call and a retreat that
                fills within days of opening."""
            ),
            image("Mayors in conversation"),
            quote(
                """It is the one room where I never have to explain the job.""",
                "Denise Whitaker",
                "Mayor of Asheville, North Carolina",
            ),
            related("Find out more", "women-mayors-network", "women-mayors-retreat"),
        ],
    },
]
