"""iCalendar (RFC 5545) files: one activity, and the feed of upcoming activities."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

from activities.links import absolute

PRODID = "-//Erfarenhetsbanken//Aktiviteter//SV"


def _calendar(name=None):
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    return cal


def _location(page, online_link):
    parts = [page.venue, page.address_line]
    place = ", ".join(part for part in parts if part)
    return place or (page.online_url if online_link else "")


def activity_event(page, online_link=False):
    """One VEVENT. The online link goes only into the calendars e-mailed to
    those registered (online_link=True), never into the public files."""
    event = Event()
    event.add("uid", f"{page.translation_key}@erfarenhetsbanken")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", timezone.localtime(page.starts_at))
    event.add("dtend", timezone.localtime(page.ends_at))
    event.add("summary", page.title)
    url = absolute(page.url or "/")
    description = [page.summary]
    if page.online_url and online_link:
        description.append(page.online_url)
    if page.description:
        description.append(strip_tags(page.description))
    description.append(url)
    event.add("description", "\n\n".join(description))
    location = _location(page, online_link)
    if location:
        event.add("location", location)
    event.add("url", url)
    event.add("status", "CANCELLED" if page.cancelled else "CONFIRMED")
    if page.last_published_at:
        event.add("last-modified", page.last_published_at)
    return event


def activity_calendar(page, online_link=False):
    cal = _calendar()
    cal.add_component(activity_event(page, online_link))
    cal.add_missing_timezones()
    return cal


def upcoming_feed(index_page):
    cal = _calendar(f"Erfarenhetsbanken – {index_page.title}")
    for page in index_page.activities().filter(ends_at__gt=timezone.now()):
        cal.add_component(activity_event(page))
    cal.add_missing_timezones()
    return cal


def calendar_response(cal, filename, inline=False):
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
