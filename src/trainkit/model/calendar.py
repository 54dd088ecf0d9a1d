"""French working days: weekends and public holidays (metropolitan France) are not training days."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache


def _easter(year: int) -> dt.date:
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


HOLIDAY_NAMES = {
    (1, 1): "jour de l'an", (5, 1): "fête du Travail", (5, 8): "Victoire 1945", (7, 14): "fête nationale",
    (8, 15): "Assomption", (11, 1): "Toussaint", (11, 11): "Armistice", (12, 25): "Noël",
}


@lru_cache(maxsize=64)
def french_public_holidays(year: int) -> dict[dt.date, str]:
    """Date → name of the public holiday."""
    easter = _easter(year)
    holidays = {dt.date(year, m, d): name for (m, d), name in HOLIDAY_NAMES.items()}
    holidays[easter + dt.timedelta(days=1)] = "lundi de Pâques"
    holidays[easter + dt.timedelta(days=39)] = "Ascension"
    holidays[easter + dt.timedelta(days=50)] = "lundi de Pentecôte"
    return holidays


def why_not_working(day: dt.date) -> str | None:
    """« un samedi », « un jour férié (Ascension) », or None for a working day."""
    if day.weekday() == 5:
        return "un samedi"
    if day.weekday() == 6:
        return "un dimanche"
    holiday = french_public_holidays(day.year).get(day)
    return f"un jour férié ({holiday})" if holiday else None


def is_working_day(day: dt.date) -> bool:
    return why_not_working(day) is None


def next_working_day(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day
