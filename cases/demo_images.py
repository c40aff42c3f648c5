"""Hero images for demo cases, drawn with Pillow (no files shipped, no network)."""

import hashlib
import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw

# One calm palette per theme: background, shapes.
PALETTES = {
    "digital-services": ((28, 61, 110), (120, 170, 230)),
    "ai-automation": ((47, 37, 94), (170, 140, 240)),
    "data-sharing": ((16, 84, 86), (110, 200, 190)),
    "service-design": ((130, 52, 40), (245, 170, 120)),
    "ways-of-working": ((40, 90, 50), (160, 210, 140)),
    "work-environment": ((120, 90, 20), (240, 210, 120)),
    "skills": ((90, 40, 90), (220, 160, 210)),
    "leadership": ((60, 60, 60), (200, 200, 200)),
    "collaboration": ((20, 70, 110), (250, 200, 90)),
    "security": ((30, 30, 50), (120, 200, 120)),
    "sustainability": ((30, 80, 40), (200, 230, 150)),
}


def draw_hero(seed, theme, width=1200, height=600):
    """A deterministic abstract picture: the same seed gives the same bytes."""
    rng = random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:12], 16))
    background, accent = PALETTES.get(theme, PALETTES["digital-services"])
    image = PILImage.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    for _ in range(14):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(40, 220)
        shade = tuple(min(255, c + rng.randrange(-30, 30)) for c in accent)
        if rng.random() < 0.5:
            draw.ellipse((x - r, y - r, x + r, y + r), outline=shade, width=rng.randrange(4, 14))
        else:
            draw.rectangle((x - r, y - r // 2, x + r, y + r // 2), fill=shade)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    buffer.seek(0)
    return ImageFile(buffer, name=f"{seed}.jpg")
