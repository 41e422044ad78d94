"""Demo cohorts: the Women Mayors Network and the New Mayors Cohort."""

from .blocks import faq, figure, h, p, related, testimonial, txt

COHORTS = [
    {
        "slug": "women-mayors-network",
        "title": "Women Mayors Network",
        "published": 300,
        "topics": ["democracy", "safety"],
        "contact": "Lena Park",
        "image": (
            "Women mayors network",
            "network",
            "berry",
            "Illustration of linked circles in deep red and orange on a warm background.",
        ),
        "summary": txt("""A peer network for women mayors: monthly calls, an annual retreat
            and a standing offer of support when things get hard."""),
        "audience": txt("""Women serving as mayor of a member city, in any year of their
            term. Chiefs of staff are welcome on the monthly calls."""),
        "application_info": txt("""<p>Membership is open year round. Write to the contact
            below with your name, city and the month you took office; we will invite you to
            the next monthly call.</p><ul><li>Monthly calls on the first Thursday.</li>
            <li>An annual in-person retreat.</li></ul>"""),
        "application_url": "https://mayorsinnovation.org/cohorts/women-mayors/apply",
        "deadline_days": None,
        "members": [
            ("Madison", "Chair"),
            ("Tacoma", ""),
            ("Providence", ""),
            ("Burlington", ""),
            ("Asheville", ""),
            ("Eugene", ""),
            ("Santa Fe", "Retreat host"),
        ],
        "body": [
            p(
                """Women hold about one in four mayoralties in American cities of more than
                thirty thousand people. The network gives them a place to compare notes on
                the work, and on the particular pressures that come with it, including a
                sharp rise in online harassment.""",
            ),
            figure("1 in 4", "mayors of cities over 30,000 people is a woman"),
            testimonial("Lucía Montoya"),
            related("From the network", "safe-to-serve", "online-harassment-local-officials"),
        ],
    },
    {
        "slug": "new-mayors-cohort",
        "title": "New Mayors Cohort",
        "published": 180,
        "topics": ["democracy", "economic-development"],
        "contact": "Dana Whitfield",
        "image": (
            "New mayors cohort",
            "skyline",
            "civic",
            "Illustration of a violet city skyline with lit windows under a golden sun.",
        ),
        "summary": txt("""A year-long programme for mayors in their first term: orientation,
            a mentor who has done the job, and a small group of peers starting at the same
            time."""),
        "audience": txt("""Mayors of member cities in the first eighteen months of their
            first term."""),
        "application_info": txt("""<p>Apply online before the deadline. Each new mayor is
            matched with a mentor mayor from a city of similar size.</p>"""),
        "application_url": "https://mayorsinnovation.org/cohorts/new-mayors/apply",
        "deadline_days": 60,
        "members": [
            ("Lansing", "Joined last spring"),
            ("Columbia", ""),
            ("Flagstaff", ""),
            ("Evanston", "Mentor city"),
            ("Syracuse", ""),
            ("Bloomington", ""),
        ],
        "body": [
            h("What the year looks like"),
            p(
                """The cohort starts with a two-day orientation on budgets, staffing and
                working with the council, followed by monthly calls on whatever is most
                pressing. Each new mayor is paired with a mentor who has served at least one
                full term.""",
            ),
            testimonial("Kevin Marchetti"),
            faq(
                "Questions from new mayors",
                [
                    (
                        "How much time does the cohort take?",
                        """About two hours a month, plus the orientation and the summer
                        meeting.""",
                    ),
                    (
                        "Can my chief of staff take part?",
                        """Yes; many cohort sessions have a parallel track for senior
                        staff.""",
                    ),
                ],
            ),
            related("Start here", "summer-meeting", "membership"),
        ],
    },
]
