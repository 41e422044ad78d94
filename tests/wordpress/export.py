"""A realistic WordPress export of the network's old site, and its uploads folder, for the
import tests: both editors, attachments (real small images and PDFs), comments, custom fields,
drafts, scheduled, private and password-protected posts, nested pages and the odd item."""

import io
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image
from reportlab.pdfgen import canvas

SITE = "https://mip.example.org"
UPLOADS = f"{SITE}/wp-content/uploads"

AUTHORS = [
    ("ana.reyes", "ana@mip.example.org", "Ana Reyes", "Ana", "Reyes"),
    ("tnovak", "tomasz@mip.example.org", "Tomasz Novak", "Tomasz", "Novak"),
    ("jlee", "jordan@mip.example.org", "Jordan Lee", "Jordan", "Lee"),
]
CATEGORIES = [
    ("housing", "Housing", "Homes people can afford, and keeping them."),
    ("water", "Water affordability", ""),
    ("childrens-health", "Children's health", ""),
    ("online-safety", "Online safety for officials", ""),
    ("climate", "Climate", "Heat, floods and the energy transition."),
    ("uncategorized", "Uncategorized", ""),
]
TAGS = [("lead-pipes", "Lead pipes"), ("heat", "Heat"), ("rent", "Rent")]


@dataclass
class Attachment:
    """An uploaded file: its id, title, upload path, alt text and whether the folder has it."""

    wp_id: int
    title: str
    path: str
    alt: str = ""
    on_disk: str = "real"  # "real", "missing" or "broken"

    @property
    def url(self):
        return f"{UPLOADS}/{self.path}"


ATTACHMENTS = [
    Attachment(901, "Heat map of the east side", "2024/06/heat-map.jpg", "Map of hottest blocks"),
    Attachment(902, "Lead line crew", "2024/03/lead-crew.png"),
    Attachment(903, "Renter protections report", "2024/02/rent-report.pdf"),
    Attachment(904, "Water bill assistance guide", "2023/11/water-bill-guide.pdf"),
    Attachment(905, "Council chamber", "2023/01/council.jpg", "The council", on_disk="missing"),
    Attachment(906, "Podcast episode 12", "2023/05/episode-12.mp3"),
    Attachment(907, "New playground", "2024/05/playground.jpg", "Children on a new slide"),
    Attachment(908, "Scanned flyer", "2022/09/flyer.jpg", on_disk="broken"),
    Attachment(909, "Rent caps chart", "2024/07/rent-caps.png", "Rents before and after caps"),
]


@dataclass
class Post:
    """A post or page as WordPress exports it."""

    wp_id: int
    title: str
    slug: str
    content: str
    post_type: str = "post"
    status: str = "publish"
    date: str = "2024-06-12 14:30:00"
    author: str = "ana.reyes"
    excerpt: str = ""
    parent: int = 0
    password: str = ""
    terms: list = field(default_factory=list)  # ("category"|"post_tag", slug, name)
    meta: dict = field(default_factory=dict)
    comments: list = field(default_factory=list)

    @property
    def link(self):
        if self.status in {"draft", "pending", "future"}:
            key = "page_id" if self.post_type == "page" else "p"
            return f"{SITE}/?{key}={self.wp_id}"
        if self.post_type == "page":
            return f"{SITE}{PAGE_PATHS[self.wp_id]}"
        return f"{SITE}/{self.date[:4]}/{self.date[5:7]}/{self.slug}/"


def category(slug):
    name = {s: n for s, n, _ in CATEGORIES}[slug]
    return ("category", slug, name)


def tag(slug):
    return ("post_tag", slug, dict(TAGS)[slug])


GUTENBERG_POST = f"""<!-- wp:paragraph -->
<p>When the thermometer passed 100 degrees for a sixth day, the city opened <strong>fourteen cooling centers</strong> in libraries and recreation halls.</p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2 class="wp-block-heading">Where people actually went</h2>
<!-- /wp:heading -->

<!-- wp:paragraph -->
<p>Attendance was highest where a bus stopped at the door. Read how <a href="{SITE}/2024/03/replacing-lead-lines-block-by-block/">lead line crews</a> used the same maps, and the <a href="{UPLOADS}/2023/11/water-bill-guide.pdf">water bill guide</a>.</p>
<!-- /wp:paragraph -->

<!-- wp:list -->
<ul class="wp-block-list"><!-- wp:list-item -->
<li>Open until 10 pm</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>Pets welcome</li>
<!-- /wp:list-item --></ul>
<!-- /wp:list -->

<!-- wp:image {{"id":901,"sizeSlug":"large"}} -->
<figure class="wp-block-image size-large"><img src="{UPLOADS}/2024/06/heat-map-1024x683.jpg" alt="Blocks over 95 degrees in red" class="wp-image-901"/><figcaption class="wp-element-caption">Surface temperatures on July 9</figcaption></figure>
<!-- /wp:image -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>Nobody should have to choose between the heat and the bus fare.</p>
<!-- /wp:paragraph --><cite>Mayor of a member city</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:table -->
<figure class="wp-block-table"><table><thead><tr><th>Site</th><th>Visits</th></tr></thead><tbody><tr><td>Central library</td><td>1,240</td></tr><tr><td>Eastside rec hall</td><td>860</td></tr></tbody></table><figcaption class="wp-element-caption">Visits, July 4 to 10</figcaption></figure>
<!-- /wp:table -->

<!-- wp:separator -->
<hr class="wp-block-separator has-alpha-channel-opacity"/>
<!-- /wp:separator -->

<!-- wp:embed {{"url":"https://www.youtube.com/watch?v=aqz-KE-bpKQ","type":"video","providerNameSlug":"youtube"}} -->
<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=aqz-KE-bpKQ
</div><figcaption class="wp-element-caption">Mayors on heat resilience</figcaption></figure>
<!-- /wp:embed -->

<!-- wp:file {{"id":903}} -->
<div class="wp-block-file"><a href="{UPLOADS}/2024/02/rent-report.pdf">Renter protections report</a><a href="{UPLOADS}/2024/02/rent-report.pdf" class="wp-block-file__button" download>Download</a></div>
<!-- /wp:file -->

<!-- wp:jetpack/mailchimp -->
<div class="wp-block-jetpack-mailchimp"><p>Sign up for heat alerts.</p></div>
<!-- /wp:jetpack/mailchimp -->"""

CLASSIC_POST = f"""Replacing a lead service line costs a household nothing in our member cities that pooled their state loans.
The crews work one block at a time.

[caption id="attachment_907" align="alignnone" width="640"]<img class="size-large wp-image-907" src="{UPLOADS}/2024/05/playground-640x480.jpg" alt="" width="640" height="480" /> The playground reopened after the work.[/caption]

<h3>What it took</h3>

<ul>
<li>A map of every line, <em>public and private</em></li>
<li>One contractor per neighborhood</li>
</ul>

<blockquote>Every child deserves water we would give our own.
<cite>A public health director</cite></blockquote>

See also <a href="{SITE}/?p=101">our cooling centers story</a> and <a href="https://www.epa.gov/ground-water-and-drinking-water">federal guidance</a>.

[contact-form-7 id="5" title="Ask us"]

<script>document.write("tracking")</script>

<iframe src="https://www.youtube.com/embed/aqz-KE-bpKQ" width="560" height="315"></iframe>

https://vimeo.com/76979871

<iframe src="https://tracker.example.com/widget"></iframe>"""

GALLERY_POST = f"""<!-- wp:gallery {{"linkTo":"none"}} -->
<figure class="wp-block-gallery has-nested-images columns-default"><!-- wp:image {{"id":901}} -->
<figure class="wp-block-image"><img src="{UPLOADS}/2024/06/heat-map.jpg" alt="" class="wp-image-901"/></figure>
<!-- /wp:image -->

<!-- wp:image {{"id":907}} -->
<figure class="wp-block-image"><img src="{UPLOADS}/2024/05/playground.jpg" alt="A shaded play area" class="wp-image-907"/></figure>
<!-- /wp:image --></figure>
<!-- /wp:gallery -->

<!-- wp:columns -->
<div class="wp-block-columns"><!-- wp:column -->
<div class="wp-block-column"><!-- wp:paragraph -->
<p>Shade first, then splash pads.</p>
<!-- /wp:paragraph --></div>
<!-- /wp:column --></div>
<!-- /wp:columns -->"""

TOPIC_CYCLE = ["housing", "water", "childrens-health", "online-safety", "climate"]
SERIES = [
    "Notes from the winter meeting on {}",
    "Three questions mayors asked about {}",
    "What a mid-sized city learned about {}",
    "A budget line that changed {}",
    "Reading list: {}",
    "Staff picks on {}",
]
TOPIC_WORDS = {
    "housing": "tenant protections",
    "water": "affordable water bills",
    "childrens-health": "school-based clinics",
    "online-safety": "harassment of local officials online",
    "climate": "neighborhood heat plans",
}


def series_posts():
    """Thirty short posts, every other one in each editor, across the five topics."""
    posts = []
    for number in range(30):
        topic = TOPIC_CYCLE[number % 5]
        words = TOPIC_WORDS[topic]
        title = SERIES[number % 6].format(words) + f" ({number + 1})"
        text = (
            f"Mayors compared notes on {words}. One city shared its numbers from year "
            f"{2015 + number % 9}; another its first draft of an ordinance."
        )
        if number % 2:
            body = f"<!-- wp:paragraph -->\n<p>{text}</p>\n<!-- /wp:paragraph -->"
        else:
            body = f"{text}\n\nWe will come back to {words} at the next gathering."
        posts.append(
            Post(
                wp_id=120 + number,
                title=title,
                slug=f"series-{number + 1}",
                content=body,
                date=f"2023-{1 + number % 12:02d}-{1 + number:02d} 09:00:00",
                author=AUTHORS[number % 3][0],
                terms=[category(topic)],
            )
        )
    return posts


POSTS = [
    Post(
        101,
        "Cooling centers that work",
        "cooling-centers-that-work",
        GUTENBERG_POST,
        excerpt="Fourteen cooling centers, and what made people use them.",
        terms=[category("climate"), tag("heat"), category("uncategorized")],
        meta={
            "_thumbnail_id": "901",
            "city_population": "212000",
            "_edit_last": "1",
            "_yoast_wpseo_metadesc": "How one city kept residents cool in a week of heat.",
        },
        comments=["Great idea, our library did the same.", "Were buses free those days?"],
    ),
    Post(
        102,
        "Replacing lead lines, block by block",
        "replacing-lead-lines-block-by-block",
        CLASSIC_POST,
        date="2024-03-05 16:00:00",
        author="tnovak",
        terms=[category("water"), category("childrens-health"), tag("lead-pipes")],
        meta={"_thumbnail_id": "902"},
    ),
    Post(
        103,
        "Draft: rent stabilization survey",
        "",
        "<!-- wp:paragraph -->\n<p>Unfinished notes on rent caps.</p>\n<!-- /wp:paragraph -->"
        f'\n<!-- wp:image {{"id":909}} -->\n<figure class="wp-block-image"><img src="{UPLOADS}/2024/07/rent-caps.png" alt=""/></figure>\n<!-- /wp:image -->',
        status="draft",
        date="0000-00-00 00:00:00",
        terms=[category("housing"), tag("rent")],
    ),
    Post(
        104,
        "Heat season toolkit launches",
        "heat-season-toolkit-launches",
        "The toolkit goes live with the first heat advisory.",
        status="future",
        date="2031-05-01 12:00:00",
        terms=[category("climate")],
    ),
    Post(
        105,
        "Board notes on officials' safety",
        "board-notes-on-officials-safety",
        "<p>Only for signed-in staff: the threat assessment contacts.</p>",
        status="private",
        date="2024-01-20 10:00:00",
        terms=[category("online-safety")],
    ),
    Post(
        106,
        '<script>alert("title")</script> Housing first, explained',
        "housing-first-explained",
        "Housing first means a home before conditions.",
        date="2024-02-14 08:00:00",
        author="jlee",
        terms=[category("housing")],
    ),
    Post(
        107,
        "Pending: school nurse staffing",
        "school-nurse-staffing",
        "Awaiting review.",
        status="pending",
        date="2024-04-02 08:00:00",
        terms=[category("childrens-health")],
    ),
    Post(108, "Old announcement", "old-announcement", "Gone.", status="trash"),
    Post(
        109,
        "Council chamber goes paperless",
        "council-chamber-goes-paperless",
        "Agendas now arrive by e-mail.",
        date="2023-01-15 12:00:00",
        meta={"_thumbnail_id": "905"},
    ),
    Post(
        110,
        "Shade for playgrounds",
        "shade-for-playgrounds",
        GALLERY_POST,
        date="2024-05-20 12:00:00",
        terms=[category("childrens-health"), category("climate"), tag("heat")],
    ),
    Post(
        111,
        "Members' briefing on doxxing",
        "members-briefing-on-doxxing",
        "Shared with members only.",
        password="members2024",
        date="2024-03-30 12:00:00",
        terms=[category("online-safety")],
    ),
    *series_posts(),
]

PAGE_PATHS = {
    201: "/about-the-network/",
    202: "/about-the-network/our-staff/",
    203: "/about-the-network/our-staff/fellows/",
    204: "/join/",
}
PAGES = [
    Post(
        201,
        "About the network",
        "about-the-network",
        "<!-- wp:paragraph -->\n<p>A learning network of American mayors.</p>\n<!-- /wp:paragraph -->",
        post_type="page",
    ),
    Post(
        202,
        "Our staff",
        "our-staff",
        "Six people in Madison and one in Denver.",
        post_type="page",
        parent=201,
    ),
    Post(
        203,
        "Fellows",
        "fellows",
        "Graduate fellows work with member cities each summer.",
        post_type="page",
        parent=202,
    ),
    Post(204, "Join", "join", "Membership is by city.", post_type="page", status="draft"),
]


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _item(post):
    terms = "".join(
        f'<category domain="{domain}" nicename="{slug}">{cdata(name)}</category>'
        for domain, slug, name in post.terms
    )
    meta = "".join(
        f"<wp:postmeta><wp:meta_key>{cdata(key)}</wp:meta_key>"
        f"<wp:meta_value>{cdata(value)}</wp:meta_value></wp:postmeta>"
        for key, value in post.meta.items()
    )
    comments = "".join(
        f"<wp:comment><wp:comment_id>{post.wp_id * 10 + n}</wp:comment_id>"
        f"<wp:comment_author>{cdata('A reader')}</wp:comment_author>"
        f"<wp:comment_content>{cdata(text)}</wp:comment_content>"
        f"<wp:comment_approved>1</wp:comment_approved></wp:comment>"
        for n, text in enumerate(post.comments)
    )
    gmt = post.date
    return f"""
<item>
  <title>{cdata(post.title)}</title>
  <link>{post.link}</link>
  <pubDate>Wed, 12 Jun 2024 14:30:00 +0000</pubDate>
  <dc:creator>{cdata(post.author)}</dc:creator>
  <guid isPermaLink="false">{SITE}/?p={post.wp_id}</guid>
  <description></description>
  <content:encoded>{cdata(post.content)}</content:encoded>
  <excerpt:encoded>{cdata(post.excerpt)}</excerpt:encoded>
  <wp:post_id>{post.wp_id}</wp:post_id>
  <wp:post_date>{cdata(gmt)}</wp:post_date>
  <wp:post_date_gmt>{cdata(gmt)}</wp:post_date_gmt>
  <wp:comment_status>{cdata("open")}</wp:comment_status>
  <wp:post_name>{cdata(post.slug)}</wp:post_name>
  <wp:status>{cdata(post.status)}</wp:status>
  <wp:post_parent>{post.parent}</wp:post_parent>
  <wp:menu_order>0</wp:menu_order>
  <wp:post_type>{cdata(post.post_type)}</wp:post_type>
  <wp:post_password>{cdata(post.password)}</wp:post_password>
  <wp:is_sticky>0</wp:is_sticky>
  {terms}{meta}{comments}
</item>"""


def _attachment(attachment):
    meta = {"_wp_attached_file": attachment.path}
    if attachment.alt:
        meta["_wp_attachment_image_alt"] = attachment.alt
    post = Post(
        attachment.wp_id, attachment.title, attachment.path.rsplit("/", 1)[-1], "", "attachment"
    )
    post.status, post.meta = "inherit", meta
    return _item(post).replace(
        "</item>", f"<wp:attachment_url>{cdata(attachment.url)}</wp:attachment_url></item>"
    )


def export_xml(version="1.2", posts=POSTS, pages=PAGES, attachments=ATTACHMENTS):
    """The export as WordPress writes it (WXR `version`)."""
    ns = f"http://wordpress.org/export/{version}/"
    authors = "".join(
        f"<wp:author><wp:author_id>{n + 1}</wp:author_id>"
        f"<wp:author_login>{cdata(login)}</wp:author_login>"
        f"<wp:author_email>{cdata(email)}</wp:author_email>"
        f"<wp:author_display_name>{cdata(name)}</wp:author_display_name>"
        f"<wp:author_first_name>{cdata(first)}</wp:author_first_name>"
        f"<wp:author_last_name>{cdata(last)}</wp:author_last_name></wp:author>"
        for n, (login, email, name, first, last) in enumerate(AUTHORS)
    )
    categories = "".join(
        f"<wp:category><wp:term_id>{n + 1}</wp:term_id>"
        f"<wp:category_nicename>{cdata(slug)}</wp:category_nicename>"
        f"<wp:category_parent>{cdata('')}</wp:category_parent>"
        f"<wp:cat_name>{cdata(name)}</wp:cat_name>"
        f"<wp:category_description>{cdata(description)}</wp:category_description></wp:category>"
        for n, (slug, name, description) in enumerate(CATEGORIES)
    )
    tags = "".join(
        f"<wp:tag><wp:term_id>{n + 50}</wp:term_id><wp:tag_slug>{cdata(slug)}</wp:tag_slug>"
        f"<wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>"
        for n, (slug, name) in enumerate(TAGS)
    )
    menu_item = Post(301, "", "301", "", "nav_menu_item")
    items = "".join(
        [_attachment(a) for a in attachments]
        + [_item(post) for post in [*pages, *posts, menu_item]]
    )
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
  xmlns:excerpt="{ns}excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="{ns}">
<channel>
  <title>Mayors Innovation Project</title>
  <link>{SITE}</link>
  <description>A learning network of mayors</description>
  <language>en-US</language>
  <wp:wxr_version>{version}</wp:wxr_version>
  <wp:base_site_url>{SITE}</wp:base_site_url>
  <wp:base_blog_url>{SITE}</wp:base_blog_url>
  {authors}{categories}{tags}{items}
</channel>
</rss>
"""


def write_export(directory, version="1.2", **parts):
    """Write the export file into `directory`; its path."""
    path = Path(directory) / f"mip-wordpress-{version}.xml"
    path.write_text(export_xml(version, **parts), encoding="utf-8")
    return path


def write_uploads(directory, attachments=ATTACHMENTS):
    """A wp-content/uploads folder holding the attachments' files (small real images and
    PDFs, a broken image, and not the missing one); its path."""
    root = Path(directory) / "uploads"
    for attachment in attachments:
        if attachment.on_disk == "missing":
            continue
        path = root / attachment.path
        path.parent.mkdir(parents=True, exist_ok=True)
        extension = path.suffix.lower()
        if attachment.on_disk == "broken":
            path.write_bytes(b"not an image at all")
        elif extension in {".jpg", ".png"}:
            buffer = io.BytesIO()
            colour = (attachment.wp_id % 255, 120, 60)
            Image.new("RGB", (64, 48), colour).save(
                buffer, "PNG" if extension == ".png" else "JPEG"
            )
            path.write_bytes(buffer.getvalue())
        elif extension == ".pdf":
            buffer = io.BytesIO()
            pdf = canvas.Canvas(buffer)
            pdf.drawString(72, 720, attachment.title)
            pdf.save()
            path.write_bytes(buffer.getvalue())
        else:
            path.write_bytes(b"ID3 audio")
    return root
