"""Swedish working days: Monday to Friday except the public holidays and the
eves that agencies close on (Midsummer Eve, Christmas Eve, New Year's Eve)."""

import datetime
from functools import cache


def easter_sunday(year):
    """The Gregorian Easter Sunday (the anonymous algorithm, "Meeus/Jones/Butcher")."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's name)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def _first_weekday_from(day, weekday):
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


@cache
def days_off(year):
    """The year's public holidays and eves, by date."""
    easter = easter_sunday(year)
    midsummer_eve = _first_weekday_from(datetime.date(year, 6, 19), 4)  # Friday
    all_saints = _first_weekday_from(datetime.date(year, 10, 31), 5)  # Saturday
    return {
        datetime.date(year, 1, 1): "Nyårsdagen",
        datetime.date(year, 1, 6): "Trettondedag jul",
        easter - datetime.timedelta(days=2): "Långfredagen",
        easter: "Påskdagen",
        easter + datetime.timedelta(days=1): "Annandag påsk",
        datetime.date(year, 5, 1): "Första maj",
        easter + datetime.timedelta(days=39): "Kristi himmelsfärdsdag",
        easter + datetime.timedelta(days=49): "Pingstdagen",
        datetime.date(year, 6, 6): "Sveriges nationaldag",
        midsummer_eve: "Midsommarafton",
        midsummer_eve + datetime.timedelta(days=1): "Midsommardagen",
        all_saints: "Alla helgons dag",
        datetime.date(year, 12, 24): "Julafton",
        datetime.date(year, 12, 25): "Juldagen",
        datetime.date(year, 12, 26): "Annandag jul",
        datetime.date(year, 12, 31): "Nyårsafton",
    }


def is_working_day(day):
    return day.weekday() < 5 and day not in days_off(day.year)


def working_day_on_or_after(day):
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def working_days_before(day, count):
    """The working day `count` working days before `day`."""
    while count > 0:
        day -= datetime.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def working_day_on_or_before(day):
    while not is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day
