"""Many short news articles on the network's topics, for measuring the site at scale.

Each article is put together from a topic's headlines and paragraphs and a member city, so
50,000 of them read like news, differ from each other and are found by searches for their
topic's words. Dates are spread evenly over the years before the day of loading.
"""

import datetime
import random

from django.utils.text import slugify

from news.models import NewsArticleAuthor, NewsArticlePage

from .blocks import h, p, stream
from .content_people import CITIES

# By topic slug: headlines ({city} is a member city), then the paragraphs an article draws on.
TOPICS = {
    "housing": (
        [
            "{city} opens a land trust to keep starter homes affordable",
            "{city} council backs accessory dwelling units on every residential lot",
            "Renters in {city} get a right to counsel in eviction court",
            "{city} turns surplus public land into mixed-income housing",
            "{city} ties zoning bonuses to homes that working families can afford",
        ],
        [
            "Rents in the city have risen faster than wages for a decade, and the mayor's "
            "office says the gap now decides who can live near the jobs.",
            "The plan pairs public land with a community land trust, so homes built on it stay "
            "within reach of the next buyer as well as the first.",
            "Tenant organisers helped write the ordinance, and the city will report each year "
            "on evictions filed, heard and avoided.",
            "Builders get faster permits in exchange for a share of homes priced for "
            "households earning less than the area's median income.",
        ],
    ),
    "water": (
        [
            "{city} caps water bills at a share of household income",
            "{city} finishes replacing lead service lines on its oldest streets",
            "Shut-offs end in {city} as a water affordability plan takes hold",
            "{city} offers payment plans to residents behind on water bills",
            "{city} invests in green infrastructure to keep stormwater out of basements",
        ],
        [
            "Water rates have doubled in many cities since 2010, and the poorest households "
            "now spend several times the share of income that experts call affordable.",
            "The utility will enrol customers automatically when they already qualify for "
            "other benefits, so no one has to apply twice.",
            "Crews replaced pipes block by block, starting where children under six live, and "
            "residents were told in three languages when their water would be off.",
            "Rain gardens and permeable alleys now soak up water that used to overflow the "
            "sewers after every heavy storm.",
        ],
    ),
    "health": (
        [
            "{city} brings nurses into every elementary school",
            "Children's asthma visits fall in {city} after a healthy homes push",
            "{city} expands free school meals to every student",
            "{city} maps lead risk house by house to protect young children",
            "{city} parks department adds play spaces within a walk of every home",
        ],
        [
            "Health officials found that asthma emergencies clustered in a few neighbourhoods "
            "with old rental housing, mould and poor ventilation.",
            "School nurses see children who would otherwise go without care, and they catch "
            "vision, hearing and dental problems before they hold a child back.",
            "The city's inspectors now check for lead hazards before a family with young "
            "children moves in, not after a child's blood test comes back high.",
            "A meal at school is the most reliable food some children get all day, and "
            "removing the paperwork has raised participation without stigma.",
        ],
    ),
    "safety": (
        [
            "{city} trains elected officials to protect themselves from online harassment",
            "{city} removes officials' home addresses from public records sites",
            "{city} sets rules for threats made against public servants online",
            "Council members in {city} get help securing their social media accounts",
            "{city} adds support for staff facing abuse at public meetings",
        ],
        [
            "Local officials report more threats than ever, much of it online, and many say "
            "they have thought about stepping down because of it.",
            "The training covers two-factor sign-in, keeping personal details off the web and "
            "what to do when a post turns into a threat.",
            "The city now has one contact in the police department for threats against staff, "
            "so a report is not lost between departments.",
            "Clerks and council members learned how to keep meetings open to the public while "
            "stopping a speaker who threatens someone in the room.",
        ],
    ),
    "climate": (
        [
            "{city} plants shade trees on its hottest blocks",
            "{city} electrifies its bus fleet ahead of schedule",
            "{city} opens cooling centres in libraries during heat waves",
            "{city} helps homeowners switch to heat pumps",
            "{city} sets a date to run city buildings on clean power",
        ],
        [
            "Neighbourhoods with few trees can be ten degrees hotter on a summer afternoon, "
            "and they are often where residents can least afford air conditioning.",
            "The city financed the change with federal funds and savings on fuel, and drivers "
            "helped choose the routes that switched first.",
            "Rebates cover part of the cost of a heat pump, and the city's energy advisers help "
            "residents find a contractor and fill in the forms.",
            "Emergency planners now treat extreme heat like any other disaster, with warnings, "
            "transport to cool places and calls to residents who live alone.",
        ],
    ),
}
# Spread over this many years before the day of loading.
YEARS = 12


def articles(count, ctx_topics, people, today, seed=13):
    """`count` unsaved news articles, newest first, each with topics, an author and a date."""
    rng = random.Random(seed)
    cities = [city[0] for city in CITIES]
    topic_slugs = sorted(TOPICS)
    span = datetime.timedelta(days=365 * YEARS)
    for number in range(count):
        slug = topic_slugs[number % len(topic_slugs)]
        headlines, paragraphs = TOPICS[slug]
        city = rng.choice(cities)
        title = rng.choice(headlines).format(city=city)
        published = datetime.datetime.combine(
            today - span * (number / max(count, 1)), datetime.time(9, 30), datetime.UTC
        )
        chosen = rng.sample(paragraphs, 3)
        page = NewsArticlePage(
            title=title,
            slug=slugify(title)[:60].rstrip("-"),
            summary=f"{chosen[0].split(',')[0]}. What {city} did about it.",
            body=stream([p(*chosen[:2]), h("What comes next"), p(chosen[2])], _no_refs),
            publication_date=published.date(),
            first_published_at=published,
        )
        second = topic_slugs[(number // len(topic_slugs)) % len(topic_slugs)]
        page.topics = [ctx_topics[name] for name in dict.fromkeys([slug, second])]
        if people:
            page.authors = [NewsArticleAuthor(person=rng.choice(people), sort_order=0)]
        yield page


def _no_refs(ref):
    raise ValueError(f"Scale articles refer to nothing, got {ref!r}")
