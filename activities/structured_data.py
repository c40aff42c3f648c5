"""schema.org Event for an activity page (JSON-LD in the page head)."""

from core import seo

ATTENDANCE = "https://schema.org/{}EventAttendanceMode"


def _location(page, url):
    places = []
    if page.venue or page.address:
        place = {"@type": "Place", "name": page.venue or page.address.splitlines()[0]}
        if page.address:
            place["address"] = {
                "@type": "PostalAddress",
                "streetAddress": ", ".join(page.address.splitlines()),
            }
        places.append(place)
    if page.online_url:
        # The meeting link goes to those registered only: point to the page.
        places.append({"@type": "VirtualLocation", "url": url})
    return places


def activity_event(page, request):
    url = seo.absolute(request, page.get_url(request))
    places = _location(page, url)
    physical = bool(page.venue or page.address)
    mode = "Mixed" if physical and page.online_url else "Online" if page.online_url else "Offline"
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "inLanguage": page.locale.language_code,
        "url": url,
        "startDate": page.starts_at.isoformat(),
        "endDate": page.ends_at.isoformat(),
        "eventStatus": "https://schema.org/"
        + ("EventCancelled" if page.cancelled else "EventScheduled"),
        "eventAttendanceMode": ATTENDANCE.format(mode),
        "location": places[0] if len(places) == 1 else places,
        "organizer": {"@type": "Organization", "name": page.organiser},
    }
    if page.capacity:
        data["maximumAttendeeCapacity"] = page.capacity
    return data
