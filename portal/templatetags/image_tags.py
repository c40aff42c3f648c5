from django import template

from core.images import MAX_PIXELS

register = template.Library()


@register.filter
def renderable(image):
    """The image, or None if Pillow would refuse to make renditions of it
    (more than MAX_PIXELS, stored before the bound): the page then shows no
    image instead of failing. The stored dimensions decide; nothing is opened."""
    if image is None or image.width * image.height > MAX_PIXELS:
        return None
    return image
