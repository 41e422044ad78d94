"""Demo site-wide content: topics, site settings, section intros, home and standard pages."""

from .blocks import cta, faq, figure, h, image, p, related, table, testimonial, txt, ul

TOPICS = [
    ("Housing", "housing", "Keeping homes within reach of the people who work in the city."),
    ("Water", "water", "Safe, affordable drinking water, from lead pipes to customer bills."),
    ("Health", "health", "City policy that keeps residents, and especially children, healthy."),
    ("Climate", "climate", "Cutting emissions and preparing neighbourhoods for heat and flood."),
    ("Safety", "safety", "Safe streets, safe public meetings and the safety of public servants."),
    (
        "Economic development",
        "economic-development",
        "Growth that raises wages and keeps wealth in the community.",
    ),
    ("Democracy", "democracy", "Open, effective and trusted local government."),
]

SITE_SETTINGS = {
    "contact_email": "info@mayorsinnovation.org",
    "phone": "(608) 555-0142",
    "address": "Mayors Innovation Project\n110 East Main Street, Suite 400\nMadison, WI 53703",
    "footer_text": "A learning network of American mayors committed to high-road policy.",
    "bluesky_url": "https://bsky.app/profile/mayorsinnovation.org",
    "linkedin_url": "https://www.linkedin.com/company/mayors-innovation-project",
    "facebook_url": "https://www.facebook.com/mayorsinnovation",
    "youtube_url": "https://www.youtube.com/@mayorsinnovation",
    "newsletter_url": "https://mayorsinnovation.org/newsletter/",
}

# Images used inside bodies rather than as a page's own picture: title, motif, palette, alt.
BODY_IMAGES = [
    (
        "Neighbourhood of small homes at dusk",
        "houses",
        "civic",
        "Illustration of a row of small houses with pitched roofs under a violet evening sky.",
    ),
    (
        "River city waterfront",
        "water",
        "lagoon",
        "Illustration of layered teal waves beneath a single water droplet.",
    ),
    (
        "Mayors in conversation",
        "network",
        "harbor",
        "Illustration of circles joined by lines, like a network of people in conversation.",
    ),
    (
        "Tree canopy over a city street",
        "leaves",
        "meadow",
        "Illustration of green and white leaves scattered across a pale green background.",
    ),
]

# Section fronts found by type under the home page: intro filled in only when empty.
INDEX_INTROS = {
    "news": "<p>Stories from member cities, network announcements and policy news.</p>",
    "research": "<p>Reports and briefs written for mayors and their staff, free to download.</p>",
    "events": "<p>Meetings, webinars and peer exchanges for member mayors and their teams.</p>",
    "cohorts": "<p>Small groups of mayors who meet for a year or more around a shared need.</p>",
    "topics": "<p>Every policy area the network works on, each with its news, reports and "
    "events in one place.</p>",
    "people": "<p>The staff who run the network, with the articles and reports each of them "
    "has written.</p>",
}

# The member directory (under Membership): its intro, filled in only when empty.
MEMBER_DIRECTORY_INTRO = (
    "<p>The cities in the network and their mayors. Choose a state on the map, or search "
    "for a city or a mayor by name.</p>"
)

HOME = {
    "hero_heading": "Mayors learning from mayors",
    "hero_text": txt("""The Mayors Innovation Project is a learning network of American mayors
        and their advisors working for shared prosperity, environmental sustainability and
        efficient, democratic government."""),
    "hero_image": (
        "City skyline at dawn",
        "skyline",
        "dawn",
        "Illustration of a city skyline with lit windows under an orange dawn sky and pale sun.",
    ),
    "summary": "A learning network of American mayors committed to high-road policy.",
    "featured": ["getting-the-lead-out", "summer-meeting", "women-mayors-network"],
    "testimonial": "Claire Lindqvist",
}

ABOUT_BODY = [
    h("What we do"),
    p(
        """Since 2005 the Mayors Innovation Project has brought mayors together to learn
        from one another and from researchers who study what works in cities. We focus on
        high-road policy: a local economy that pays well and shares its gains, a city that
        cuts its emissions and protects residents from a changing climate, and a government
        that is open, effective and worthy of trust.""",
        """We are non-partisan in membership and practical in tone. Mayors bring the
        questions; we find the evidence, the ordinance language and the colleague three
        states away who already tried it.""",
    ),
    figure("20+", "years of mayors learning from mayors"),
    h("How the network works"),
    ul(
        "Members take part in four ways:",
        [
            "two national meetings a year, in winter and summer;",
            "cohorts of mayors who meet for a year around a shared need;",
            "research reports and briefs written for decision makers;",
            "technical assistance on request for member cities.",
        ],
    ),
    testimonial("Robert Haskins"),
    related("Learn more", "membership", "gatherings", "technical-assistance"),
]

MEMBERSHIP_BODY = [
    h("Who can join"),
    p(
        """Membership is held by the city and open to any sitting mayor in the United States
        who shares the network's commitment to shared prosperity, sustainability and good
        government. Members may send their chief of staff and policy advisors to every
        event."""
    ),
    h("What membership includes"),
    ul(
        "Member cities receive:",
        [
            "registration for the winter and summer meetings for the mayor and one staff member;",
            "a place in the network's cohorts and peer exchanges;",
            "up to twenty hours of technical assistance a year;",
            "early access to research reports and the members-only mailing list.",
        ],
    ),
    table(
        "Annual dues by city population",
        [
            ("City population", "Annual dues"),
            ("Under 50,000", "$2,500"),
            ("50,000 to 150,000", "$4,000"),
            ("150,000 to 500,000", "$6,500"),
            ("Over 500,000", "$9,000"),
        ],
    ),
    faq(
        "Membership questions",
        [
            (
                "Can a city join in the middle of the year?",
                """Yes. Dues are prorated by quarter in the first year of membership.""",
            ),
            (
                "What happens when a new mayor takes office?",
                """Membership stays with the city. New mayors are invited to the New Mayors
                Cohort and to an orientation call with staff.""",
            ),
            (
                "Are dues waived for small cities?",
                """Cities under 25,000 residents may ask for a reduced rate; write to us.""",
            ),
        ],
    ),
    cta(
        "Ask about membership",
        "Write to us and a member of staff will call you within a week.",
        url="mailto:info@mayorsinnovation.org?subject=Membership",
    ),
]

GATHERINGS_BODY = [
    h("Winter and summer meetings"),
    p(
        """Twice a year mayors and their advisors meet in person for two days of workshops,
        site visits and frank, off-the-record conversation. The winter meeting is held in
        Washington, DC, alongside the national mayors' conference; the summer meeting moves
        to a different member city each year, which hosts tours of its own projects.""",
        """Between meetings, online peer exchanges let small groups of mayors work through a
        single question in an hour, with one outside expert and no slides.""",
    ),
    image("Mayors in conversation", "Most of the meeting happens in small groups."),
    related("Coming up", "summer-meeting", "harassment-toolkit-webinar", "women-mayors-retreat"),
]

TECHNICAL_ASSISTANCE_BODY = [
    h("Help with a policy question"),
    p(
        """Member cities can ask the network's staff for help on a live policy question:
        a scan of what peer cities have done, a review of draft ordinance language, an
        introduction to a researcher, or a briefing for a council work session.""",
        """Most requests are answered within two weeks. Larger projects, such as a lead
        service line financing plan or a heat action plan, are scoped with the city and may
        draw on outside partners.""",
    ),
    figure("2 weeks", "typical time to answer a member city's request"),
    faq(
        "How technical assistance works",
        [
            (
                "Who can ask for help?",
                """The mayor, a chief of staff or a department head of any member city.""",
            ),
            (
                "Is there a cost?",
                """Up to twenty hours a year are included in membership. Larger projects are
                scoped and priced with the city.""",
            ),
            (
                "Will our request be shared with other cities?",
                """Only with your permission. Many cities agree to share the result, which is
                how the network's library of case studies grows.""",
            ),
        ],
    ),
    cta(
        "Send a request",
        "Describe your question in a few sentences; we will reply within two working days.",
        url="mailto:info@mayorsinnovation.org?subject=Technical%20assistance",
    ),
]

# Filled in only when the page's intro and body are empty; keyed by the page's slug.
STANDARD_PAGES = {
    "about": {
        "title": "About",
        "intro": txt("""The Mayors Innovation Project is a national learning network of
            mayors and their advisors committed to shared prosperity, environmental
            sustainability and efficient democratic government."""),
        "summary": "Who we are, what we do and how the network works.",
        "body": ABOUT_BODY,
    },
    "membership": {
        "title": "Membership",
        "intro": txt("""Membership brings a city's mayor and staff into a network of peers
            who share what works, and what does not, in city policy."""),
        "summary": "Who can join, what membership includes and what it costs.",
        "body": MEMBERSHIP_BODY,
    },
    "gatherings": {
        "title": "Gatherings",
        "intro": txt("""Our meetings are where mayors trade ideas in person: two national
            meetings a year and regular online peer exchanges."""),
        "summary": "The winter and summer meetings and online peer exchanges.",
        "body": GATHERINGS_BODY,
    },
    "technical-assistance": {
        "title": "Technical Assistance",
        "intro": txt("""Staff and partners help member cities answer a policy question,
            quickly and with evidence."""),
        "summary": "Research help and policy advice on request for member cities.",
        "body": TECHNICAL_ASSISTANCE_BODY,
    },
}
