"""Hero images for demo cases, drawn with Pillow (no files shipped, no network):
a simple motif per theme (a padlock for security, a gear for AI and automation,
...), the case's first theme large and its second smaller, with words for
each motif so that every picture has an alt text that says what it shows."""

import hashlib
import io
import math
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw

# One calm palette per theme: background, motif.
PALETTES = {
    "digital-services": ((28, 61, 110), (150, 195, 245)),
    "ai-automation": ((47, 37, 94), (190, 165, 250)),
    "data-sharing": ((16, 84, 86), (130, 220, 205)),
    "service-design": ((130, 52, 40), (250, 190, 140)),
    "ways-of-working": ((40, 90, 50), (180, 225, 160)),
    "work-environment": ((110, 80, 20), (245, 215, 130)),
    "skills": ((90, 40, 90), (235, 180, 225)),
    "leadership": ((55, 60, 70), (215, 215, 220)),
    "collaboration": ((20, 70, 110), (250, 205, 100)),
    "security": ((30, 30, 50), (140, 215, 140)),
    "sustainability": ((30, 80, 40), (210, 235, 160)),
}

# What each motif shows, for the alt texts.
MOTIFS = {
    "digital-services": {
        "sv": "en mobiltelefon med en e-tjänst",
        "en": "a mobile phone showing an e-service",
    },
    "ai-automation": {"sv": "ett kugghjul", "en": "a gear wheel"},
    "data-sharing": {
        "sv": "ett nätverk av sammankopplade punkter",
        "en": "a network of connected dots",
    },
    "service-design": {
        "sv": "en person vid en väg med fyra steg",
        "en": "a person by a path of four steps",
    },
    "ways-of-working": {
        "sv": "en tavla med lappar i tre kolumner",
        "en": "a board with notes in three columns",
    },
    "work-environment": {
        "sv": "ett skrivbord med en krukväxt",
        "en": "a desk with a potted plant",
    },
    "skills": {"sv": "en uppslagen bok", "en": "an open book"},
    "leadership": {"sv": "en flagga på en bergstopp", "en": "a flag on a mountain top"},
    "collaboration": {"sv": "tre personer sida vid sida", "en": "three people side by side"},
    "security": {"sv": "ett hänglås", "en": "a padlock"},
    "sustainability": {"sv": "ett löv och en sol", "en": "a leaf and a sun"},
}
DEFAULT_THEME = "digital-services"


def _phone(draw, cx, cy, s, colour, background):
    w, h = s * 0.55, s
    draw.rounded_rectangle((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), s * 0.08, fill=colour)
    inner = (
        cx - w / 2 + s * 0.05,
        cy - h / 2 + s * 0.1,
        cx + w / 2 - s * 0.05,
        cy + h / 2 - s * 0.16,
    )
    draw.rectangle(inner, fill=background)
    for n in range(4):
        top = inner[1] + s * 0.06 + n * s * 0.14
        draw.rounded_rectangle(
            (inner[0] + s * 0.04, top, inner[2] - s * (0.04 + 0.08 * (n % 2)), top + s * 0.08),
            s * 0.02,
            fill=colour,
        )
    r = s * 0.045
    draw.ellipse(
        (cx - r, cy + h / 2 - s * 0.11, cx + r, cy + h / 2 - s * 0.11 + 2 * r), fill=background
    )


def _gear(draw, cx, cy, s, colour, background):
    outer, inner = s * 0.5, s * 0.38
    points = []
    for n in range(40):
        angle = 2 * math.pi * n / 40
        radius = outer if (n // 2) % 2 == 0 else inner
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=colour)
    hole = s * 0.14
    draw.ellipse((cx - hole, cy - hole, cx + hole, cy + hole), fill=background)


def _network(draw, cx, cy, s, colour, background):
    nodes = [(cx, cy)] + [
        (cx + s * 0.42 * math.cos(a), cy + s * 0.42 * math.sin(a))
        for a in (2 * math.pi * n / 5 - math.pi / 2 for n in range(5))
    ]
    width = max(3, int(s * 0.025))
    for n, node in enumerate(nodes[1:], start=1):
        draw.line((nodes[0], node), fill=colour, width=width)
        draw.line((node, nodes[n % 5 + 1]), fill=colour, width=width)
    for x, y in nodes:
        r = s * 0.08
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour, outline=background, width=width)


def _journey(draw, cx, cy, s, colour, background):
    width = max(3, int(s * 0.03))
    steps = [(cx - s * 0.45 + n * s * 0.3, cy + s * 0.2 - (n % 2) * s * 0.25) for n in range(4)]
    draw.line(steps, fill=colour, width=width, joint="curve")
    for x, y in steps:
        r = s * 0.07
        draw.ellipse((x - r, y - r, x + r, y + r), fill=background, outline=colour, width=width)
    head = s * 0.07
    px, py = steps[0][0], steps[0][1] - s * 0.35
    draw.ellipse((px - head, py - head, px + head, py + head), fill=colour)
    draw.pieslice((px - s * 0.12, py + head, px + s * 0.12, py + s * 0.35), 180, 360, fill=colour)


def _board(draw, cx, cy, s, colour, background):
    w, h = s, s * 0.75
    left, top = cx - w / 2, cy - h / 2
    draw.rectangle((left, top, left + w, top + h), outline=colour, width=max(3, int(s * 0.02)))
    column = w / 3
    for c in range(3):
        if c:
            x = left + c * column
            draw.line((x, top, x, top + h), fill=colour, width=max(2, int(s * 0.012)))
        for n in range(3 - c):
            x, y = left + c * column + column * 0.15, top + h * 0.1 + n * h * 0.28
            draw.rectangle((x, y, x + column * 0.7, y + h * 0.2), fill=colour)


def _desk(draw, cx, cy, s, colour, background):
    top = cy + s * 0.05
    draw.rectangle((cx - s * 0.5, top, cx + s * 0.5, top + s * 0.07), fill=colour)
    for x in (cx - s * 0.45, cx + s * 0.38):
        draw.rectangle((x, top + s * 0.07, x + s * 0.07, top + s * 0.42), fill=colour)
    pot = cx + s * 0.2
    draw.polygon(
        [
            (pot - s * 0.1, top),
            (pot + s * 0.1, top),
            (pot + s * 0.13, top - s * 0.15),
            (pot - s * 0.13, top - s * 0.15),
        ],
        fill=colour,
    )
    for dx, dy in ((-0.12, -0.35), (0.0, -0.45), (0.12, -0.35)):
        x, y = pot + dx * s, top + dy * s
        draw.ellipse((x - s * 0.06, y - s * 0.1, x + s * 0.06, y + s * 0.1), fill=colour)
    screen = (cx - s * 0.4, top - s * 0.35, cx - s * 0.05, top - s * 0.08)
    draw.rectangle(screen, outline=colour, width=max(3, int(s * 0.02)))


def _book(draw, cx, cy, s, colour, background):
    w, h = s * 0.46, s * 0.6
    for side in (-1, 1):
        edge = cx + side * w
        draw.polygon(
            [
                (cx, cy - h / 2 + s * 0.05),
                (edge, cy - h / 2),
                (edge, cy + h / 2),
                (cx, cy + h / 2 + s * 0.05),
            ],
            fill=colour,
        )
        for n in range(4):
            y = cy - h / 2 + s * 0.12 + n * s * 0.11
            draw.line(
                (cx + side * s * 0.08, y + s * 0.02, edge - side * s * 0.06, y),
                fill=background,
                width=max(2, int(s * 0.015)),
            )


def _summit(draw, cx, cy, s, colour, background):
    peak = (cx, cy - s * 0.2)
    draw.polygon([(cx - s * 0.55, cy + s * 0.4), peak, (cx + s * 0.55, cy + s * 0.4)], fill=colour)
    pole_top = cy - s * 0.55
    draw.line((peak[0], peak[1], peak[0], pole_top), fill=colour, width=max(3, int(s * 0.025)))
    draw.polygon(
        [(cx, pole_top), (cx + s * 0.25, pole_top + s * 0.08), (cx, pole_top + s * 0.16)],
        fill=colour,
    )


def _people(draw, cx, cy, s, colour, background):
    for n, dx in enumerate((-0.32, 0.0, 0.32)):
        x = cx + dx * s
        y = cy - s * (0.12 if n == 1 else 0.05)
        head = s * 0.09
        draw.ellipse((x - head, y - head, x + head, y + head), fill=colour)
        draw.pieslice(
            (x - s * 0.15, y + head * 1.2, x + s * 0.15, y + s * 0.5), 180, 360, fill=colour
        )


def _padlock(draw, cx, cy, s, colour, background):
    w, h = s * 0.62, s * 0.5
    top = cy - s * 0.05
    draw.arc(
        (cx - w * 0.35, top - s * 0.4, cx + w * 0.35, top + s * 0.2),
        180,
        360,
        fill=colour,
        width=max(6, int(s * 0.07)),
    )
    draw.line(
        (cx - w * 0.35 + s * 0.035, top - s * 0.1, cx - w * 0.35 + s * 0.035, top),
        fill=colour,
        width=max(6, int(s * 0.07)),
    )
    draw.line(
        (cx + w * 0.35 - s * 0.035, top - s * 0.1, cx + w * 0.35 - s * 0.035, top),
        fill=colour,
        width=max(6, int(s * 0.07)),
    )
    draw.rounded_rectangle((cx - w / 2, top, cx + w / 2, top + h), s * 0.05, fill=colour)
    r = s * 0.05
    draw.ellipse((cx - r, top + h * 0.3, cx + r, top + h * 0.3 + 2 * r), fill=background)
    draw.rectangle((cx - r * 0.4, top + h * 0.3 + r, cx + r * 0.4, top + h * 0.75), fill=background)


def _leaf_and_sun(draw, cx, cy, s, colour, background):
    sx, sy, r = cx + s * 0.3, cy - s * 0.32, s * 0.12
    draw.ellipse((sx - r, sy - r, sx + r, sy + r), fill=colour)
    for n in range(8):
        a = 2 * math.pi * n / 8
        draw.line(
            (
                sx + r * 1.3 * math.cos(a),
                sy + r * 1.3 * math.sin(a),
                sx + r * 1.8 * math.cos(a),
                sy + r * 1.8 * math.sin(a),
            ),
            fill=colour,
            width=max(3, int(s * 0.02)),
        )
    leaf = [
        (
            cx - s * 0.45 + t * s * 0.55,
            cy + s * 0.4 - t * s * 0.55 + side * math.sin(math.pi * t) * s * 0.18,
        )
        for side in (1, -1)
        for t in ([n / 12 for n in range(13)] if side == 1 else [1 - n / 12 for n in range(13)])
    ]
    draw.polygon(leaf, fill=colour)
    draw.line(
        (cx - s * 0.5, cy + s * 0.45, cx + s * 0.1, cy - s * 0.15),
        fill=background,
        width=max(2, int(s * 0.015)),
    )


DRAW = {
    "digital-services": _phone,
    "ai-automation": _gear,
    "data-sharing": _network,
    "service-design": _journey,
    "ways-of-working": _board,
    "work-environment": _desk,
    "skills": _book,
    "leadership": _summit,
    "collaboration": _people,
    "security": _padlock,
    "sustainability": _leaf_and_sun,
}


def known(themes):
    """The case's themes that have a motif, in the order given; one at least."""
    return [theme for theme in themes if theme in DRAW][:2] or [DEFAULT_THEME]


def describe(themes, language):
    """What the picture of these themes shows, in `language` ("sv" or "en")."""
    words = [MOTIFS[theme][language] for theme in known(themes)]
    return (" och " if language == "sv" else " and ").join(words)


def draw_hero(seed, themes, width=1200, height=600):
    """The first theme's motif large on its palette, the second's smaller,
    a few dots placed by the seed: the same seed and themes give the same bytes."""
    rng = random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:12], 16))
    themes = known([themes] if isinstance(themes, str) else themes)
    background, colour = PALETTES[themes[0]]
    image = PILImage.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    faint = tuple((b * 3 + c) // 4 for b, c in zip(background, colour, strict=True))
    for _ in range(18):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(6, 26)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=faint)
    main_x = width * (0.3 + rng.random() * 0.08)
    DRAW[themes[0]](draw, main_x, height * 0.5, height * 0.7, colour, background)
    if len(themes) > 1:
        second = PALETTES[themes[1]][1]
        x, y, r = width * 0.74, height * 0.5, height * 0.3
        draw.ellipse((x - r, y - r, x + r, y + r), fill=PALETTES[themes[1]][0])
        DRAW[themes[1]](draw, x, y, height * 0.38, second, PALETTES[themes[1]][0])
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    buffer.seek(0)
    return ImageFile(buffer, name=f"{seed}.jpg")
