"""Demo people and places: staff and experts, member cities and mayors' testimonials.

Every person and mayor here is fictional; the cities, states and populations are real.
"""

from .blocks import txt

# name, role, organisation ("" for staff), email, portrait palette, bio.
PEOPLE = [
    {
        "name": "Dana Whitfield",
        "role": "Executive Director",
        "organisation": "",
        "email": "dwhitfield@mayorsinnovation.org",
        "palette": "civic",
        "bio": txt("""Dana leads the network's staff and works with the mayors on its steering
            committee to choose the year's policy themes. Before joining the project she ran a
            regional council of governments for nine years."""),
    },
    {
        "name": "Marcus Oyelaran",
        "role": "Research Director",
        "organisation": "",
        "email": "moyelaran@mayorsinnovation.org",
        "palette": "river",
        "bio": txt("""Marcus oversees the network's research reports and policy briefs. His own
            work focuses on utility affordability and the municipal finance of infrastructure
            replacement."""),
    },
    {
        "name": "Lena Park",
        "role": "Program Manager, Cohorts",
        "organisation": "",
        "email": "lpark@mayorsinnovation.org",
        "palette": "ember",
        "bio": txt("""Lena runs the Women Mayors Network and the New Mayors Cohort, from the
            first orientation call to the peer exchanges that follow. She previously worked in
            a mayor's office as an intergovernmental affairs advisor."""),
    },
    {
        "name": "Tomás Reyes",
        "role": "Communications Manager",
        "organisation": "",
        "email": "treyes@mayorsinnovation.org",
        "palette": "lagoon",
        "bio": txt("""Tomás edits the website, the newsletter and the network's case studies, and
            helps member cities tell the story of their own policy work."""),
    },
    {
        "name": "Grace Holloway",
        "role": "Policy Associate",
        "organisation": "",
        "email": "gholloway@mayorsinnovation.org",
        "palette": "meadow",
        "bio": txt("""Grace answers technical assistance requests from member cities and writes
            the network's quick-turnaround policy scans on housing and health."""),
    },
    {
        "name": "Aisha Rahman",
        "role": "Senior Fellow",
        "organisation": "Great Lakes Water Equity Lab",
        "email": "",
        "palette": "harbor",
        "bio": txt("""Aisha studies how water utilities set rates and design assistance programs,
            and has advised several Midwestern cities on lead service line inventories."""),
    },
    {
        "name": "Ben Kowalczyk",
        "role": "Director, Urban Heat Program",
        "organisation": "Western Climate Adaptation Institute",
        "email": "",
        "palette": "berry",
        "bio": txt("""Ben works with city planners on heat mapping, tree canopy targets and
            cooling centre networks in the Mountain West and the Southwest."""),
    },
    {
        "name": "Priya Natarajan",
        "role": "Director of Research",
        "organisation": "Civic Security Institute",
        "email": "",
        "palette": "slate",
        "bio": txt("""Priya researches threats and harassment directed at local elected officials
            and election workers, and trains city staff to respond to them."""),
    },
    {
        "name": "Evelyn Marsh",
        "role": "Housing Policy Fellow",
        "organisation": "Center for Community Housing",
        "email": "",
        "palette": "prairie",
        "bio": txt("""Evelyn evaluates local housing programs, from accessory dwelling unit
            reforms to community land trusts, for small and mid-sized cities."""),
    },
]

# name, state, mayor (fictional), population (2020 census, rounded), joined (year, month).
CITIES = [
    ("Madison", "WI", "Claire Lindqvist", 269_840, (2005, 6)),
    ("Dubuque", "IA", "Robert Haskins", 59_670, (2008, 3)),
    ("Ann Arbor", "MI", "Jonathan Wexler", 123_850, (2007, 9)),
    ("Tacoma", "WA", "Rosa Delgado-Finch", 219_350, (2012, 1)),
    ("Boulder", "CO", "Nathan Okafor", 108_250, (2010, 5)),
    ("Providence", "RI", "Teresa Amaral", 190_930, (2014, 2)),
    ("Burlington", "VT", "Miriam Castellano", 44_740, (2006, 10)),
    ("Asheville", "NC", "Denise Whitaker", 94_590, (2016, 4)),
    ("Duluth", "MN", "Erik Solberg", 86_700, (2009, 8)),
    ("Bloomington", "IN", "Samuel Adeyemi", 79_170, (2018, 1)),
    ("Eugene", "OR", "Joanna Whitlock", 176_650, (2011, 11)),
    ("Syracuse", "NY", "Anthony Ruggiero", 148_620, (2019, 3)),
    ("Santa Fe", "NM", "Lucía Montoya", 87_500, (2015, 7)),
    ("Evanston", "IL", "Patricia Nwosu", 78_110, (2021, 6)),
    ("Lansing", "MI", "Kevin Marchetti", 112_640, (2024, 2)),
    ("Columbia", "MO", "Alicia Brandt", 126_250, (2025, 1)),
    ("Flagstaff", "AZ", "Daniel Yazzie", 76_830, (2025, 3)),
]

STATE_NAMES = {
    "WI": "Wisconsin",
    "IA": "Iowa",
    "MI": "Michigan",
    "WA": "Washington",
    "CO": "Colorado",
    "RI": "Rhode Island",
    "VT": "Vermont",
    "NC": "North Carolina",
    "MN": "Minnesota",
    "IN": "Indiana",
    "OR": "Oregon",
    "NY": "New York",
    "NM": "New Mexico",
    "IL": "Illinois",
    "MO": "Missouri",
    "AZ": "Arizona",
}

# Quotes from (fictional) mayors of member cities; keyed in bodies by the mayor's name.
TESTIMONIALS = [
    {
        "name": "Claire Lindqvist",
        "city": "Madison",
        "palette": "dawn",
        "quote": txt("""The first time I called another mayor about lead pipes, I had an
            answer by lunch and a copy of their ordinance by dinner. That is what this network
            is: people who have already solved the problem you woke up with."""),
    },
    {
        "name": "Robert Haskins",
        "city": "Dubuque",
        "palette": "prairie",
        "quote": txt("""A city of sixty thousand cannot hire a research department. Through
            the network we borrow one, and the research is written for people who have to
            make the decision on Tuesday night."""),
    },
    {
        "name": "Lucía Montoya",
        "city": "Santa Fe",
        "palette": "berry",
        "quote": txt("""When the harassment started after our water rate vote, the Women
            Mayors Network had a safety plan template and three colleagues on a call within a
            week. I did not have to figure it out alone."""),
    },
    {
        "name": "Kevin Marchetti",
        "city": "Lansing",
        "palette": "river",
        "quote": txt("""Nobody hands you a manual on your first day. The New Mayors Cohort came
            closest: honest advice about budgets, staff and the first hundred days from people
            who remember exactly how hard it was."""),
    },
]
