"""StreamField blocks of the activity page: the programme."""

import datetime

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ProgrammeItemBlock(blocks.StructBlock):
    time = blocks.TimeBlock(label=_("time"))
    title = blocks.CharBlock(label=_("item"), max_length=200)
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "time"
        label = _("programme item")
        template = "activities/blocks/programme_item.html"
        description = _("A time and what happens then.")
        preview_value = {"time": datetime.time(9, 30), "title": _("Coffee and welcome")}
