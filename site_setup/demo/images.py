"""Original abstract illustrations for the demo, drawn with Pillow (no files, no downloads)."""

import hashlib
import io
import math
import random
import textwrap

from PIL import Image, ImageDraw, ImageFont

LANDSCAPE = (1600, 900)
PORTRAIT = (600, 600)
COVER = (900, 1200)

# Each palette: sky top, sky bottom, then three accents (dark, mid, light).
PALETTES = {
    "dawn": ("#27355f", "#f2a65a", "#1b2440", "#e4572e", "#ffd6a5"),
    "river": ("#0b3954", "#5fa8d3", "#062a3f", "#1b98e0", "#e8f1f2"),
    "meadow": ("#2d6a4f", "#b7e4c7", "#1b4332", "#40916c", "#f1faee"),
    "ember": ("#6a040f", "#f48c06", "#370617", "#dc2f02", "#ffba08"),
    "civic": ("#3d348b", "#7678ed", "#1f1a4d", "#f7b801", "#f18701"),
    "slate": ("#22333b", "#a9b4c2", "#0a0908", "#5e503f", "#eae0d5"),
    "lagoon": ("#005f73", "#94d2bd", "#001219", "#0a9396", "#e9d8a6"),
    "berry": ("#5f0f40", "#fb8b24", "#310a21", "#9a031e", "#e36414"),
    "prairie": ("#606c38", "#fefae0", "#283618", "#dda15e", "#bc6c25"),
    "harbor": ("#14213d", "#e5e5e5", "#000000", "#fca311", "#ffffff"),
}


def _rng(seed):
    """A deterministic generator so the same title always draws the same picture."""
    digest = hashlib.sha256(seed.encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _gradient(size, top, bottom):
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _skyline(draw, size, colours, rng):
    width, height = size
    draw.ellipse(_circle(width * 0.75, height * 0.3, height * 0.12), fill=colours[4])
    x = 0
    while x < width:
        w = rng.randint(width // 22, width // 9)
        top = height * rng.uniform(0.3, 0.7)
        draw.rectangle([x, top, x + w, height], fill=colours[2])
        for wy in range(int(top) + 20, height - 30, 42):
            for wx in range(x + 12, x + w - 20, 30):
                if rng.random() < 0.45:
                    draw.rectangle([wx, wy, wx + 12, wy + 18], fill=colours[4])
        x += w + rng.randint(4, 18)
    draw.rectangle([0, height * 0.92, width, height], fill=colours[3])


def _water(draw, size, colours, rng):
    width, height = size
    for band in range(6):
        base = height * (0.45 + band * 0.1)
        amplitude = height * rng.uniform(0.015, 0.04)
        phase = rng.uniform(0, math.tau)
        points = [
            (x, base + amplitude * math.sin(x / width * math.tau * 2.5 + phase))
            for x in range(0, width + 20, 20)
        ]
        fill = colours[2 + band % 3]
        draw.polygon([*points, (width, height), (0, height)], fill=fill)
    cx, cy, r = width * 0.22, height * 0.28, height * 0.1
    draw.ellipse(_circle(cx, cy + r * 0.4, r), fill=colours[4])
    draw.polygon(
        [(cx - r * 0.92, cy + r * 0.1), (cx, cy - r * 1.5), (cx + r * 0.92, cy + r * 0.1)],
        fill=colours[4],
    )


def _leaves(draw, size, colours, rng):
    width, height = size
    for _ in range(14):
        cx, cy = rng.uniform(0, width), rng.uniform(0, height)
        length, angle = rng.uniform(height * 0.15, height * 0.4), rng.uniform(0, math.tau)
        points = []
        for step in range(21):
            t = step / 20
            along = (t - 0.5) * length
            across = math.sin(t * math.pi) * length * 0.28
            points.append((along, across))
        points += [(x, -y) for x, y in reversed(points)]
        rotated = [
            (
                cx + x * math.cos(angle) - y * math.sin(angle),
                cy + x * math.sin(angle) + y * math.cos(angle),
            )
            for x, y in points
        ]
        draw.polygon(rotated, fill=colours[rng.randint(2, 4)])
        end = (cx + length / 2 * math.cos(angle), cy + length / 2 * math.sin(angle))
        start = (cx - length / 2 * math.cos(angle), cy - length / 2 * math.sin(angle))
        draw.line([start, end], fill=colours[2], width=3)


def _heat(draw, size, colours, rng):
    width, height = size
    cx, cy = width * rng.uniform(0.35, 0.65), height * 0.45
    for ring in range(7, 0, -1):
        draw.ellipse(_circle(cx, cy, height * 0.07 * ring), fill=colours[2 + ring % 3])
    for line in range(5):
        y = height * (0.78 + line * 0.045)
        points = [(x, y + 8 * math.sin(x / 35 + line)) for x in range(0, width + 10, 10)]
        draw.line(points, fill=colours[4], width=4)


def _houses(draw, size, colours, rng):
    width, height = size
    ground = height * 0.82
    x = -rng.randint(0, 60)
    while x < width:
        w = rng.randint(width // 12, width // 7)
        h = rng.uniform(height * 0.2, height * 0.42)
        body = colours[rng.randint(2, 4)]
        draw.rectangle([x, ground - h, x + w, ground], fill=body)
        draw.polygon(
            [(x - 8, ground - h), (x + w / 2, ground - h - w * 0.55), (x + w + 8, ground - h)],
            fill=colours[2],
        )
        door = colours[2] if body != colours[2] else colours[4]
        draw.rectangle([x + w * 0.4, ground - h * 0.35, x + w * 0.6, ground], fill=door)
        x += w + rng.randint(10, 40)
    draw.rectangle([0, ground, width, height], fill=colours[2])


def _network(draw, size, colours, rng):
    width, height = size
    nodes = [(rng.uniform(0.05, 0.95) * width, rng.uniform(0.1, 0.9) * height) for _ in range(18)]
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            if math.dist(a, b) < width * 0.28:
                draw.line([a, b], fill=colours[4], width=3)
    for x, y in nodes:
        r = rng.uniform(height * 0.02, height * 0.06)
        draw.ellipse(_circle(x, y, r), fill=colours[rng.randint(2, 3)], outline=colours[4], width=4)


def _pipes(draw, size, colours, rng):
    width, height = size
    for row in range(4):
        y = height * (0.2 + row * 0.2)
        thickness = int(height * rng.uniform(0.04, 0.07))
        draw.line([(0, y), (width, y)], fill=colours[2 + row % 3], width=thickness)
        for _ in range(3):
            x = rng.uniform(0.1, 0.9) * width
            draw.rectangle(
                [x - thickness * 0.5, y - thickness, x + thickness * 0.5, y + thickness],
                fill=colours[2],
            )
            if rng.random() < 0.5:
                draw.line(
                    [(x, y), (x, y + height * 0.2)], fill=colours[2 + row % 3], width=thickness
                )


MOTIFS = {
    "skyline": _skyline,
    "water": _water,
    "leaves": _leaves,
    "heat": _heat,
    "houses": _houses,
    "network": _network,
    "pipes": _pipes,
}


def _circle(cx, cy, r):
    return [cx - r, cy - r, cx + r, cy + r]


def _encode(image):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=84, optimize=True)
    return buffer.getvalue()


def illustration(motif, palette, seed, size=LANDSCAPE):
    """A JPEG of an abstract scene ("skyline", "water", "leaves"...) in a named palette."""
    colours = PALETTES[palette]
    image = _gradient(size, colours[0], colours[1])
    MOTIFS[motif](ImageDraw.Draw(image), size, colours, _rng(seed))
    return _encode(image)


def portrait(name, palette, size=PORTRAIT):
    """A JPEG of an abstract head-and-shoulders figure with the person's initials."""
    colours = PALETTES[palette]
    width, height = size
    image = _gradient(size, colours[1], colours[0])
    glow = Image.new("RGBA", size, (0, 0, 0, 0))
    glow_draw = ImageDraw.Draw(glow)
    rng = _rng(name)
    for _ in range(6):
        centre = (rng.uniform(0, width), rng.uniform(0, height))
        glow_draw.ellipse(_circle(*centre, rng.uniform(40, 140)), fill=(255, 255, 255, 46))
    image.paste(glow, (0, 0), glow)
    draw = ImageDraw.Draw(image)
    draw.ellipse(_circle(width / 2, height * 0.4, width * 0.17), fill=colours[2])
    draw.ellipse([width * 0.18, height * 0.62, width * 0.82, height * 1.3], fill=colours[2])
    initials = "".join(part[0] for part in name.split()[:2] if part).upper()
    font = ImageFont.load_default(size=int(height * 0.1))
    draw.text((width / 2, height * 0.86), initials, font=font, fill=colours[4], anchor="mm")
    return _encode(image)


def cover(title, motif, palette, size=COVER):
    """A JPEG report cover: an illustration above the report's title and the network's name."""
    colours = PALETTES[palette]
    width, height = size
    image = Image.new("RGB", size, colours[4])
    art = Image.open(io.BytesIO(illustration(motif, palette, title, (width, int(height * 0.55)))))
    image.paste(art, (0, 0))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, height * 0.55, width, height * 0.57], fill=colours[3])
    font = ImageFont.load_default(size=58)
    y = height * 0.62
    for line in textwrap.wrap(title, 26):
        draw.text((60, y), line, font=font, fill=colours[2])
        y += 72
    small = ImageFont.load_default(size=30)
    draw.text((60, height - 90), "Mayors Innovation Project", font=small, fill=colours[2])
    return _encode(image)
