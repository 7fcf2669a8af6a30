"""``holidays update``: fetch the official gov.uk bank holidays list, check it, store it.

Fetched over HTTPS through the proxies the environment names, checked with the reader of the
gov.uk format that ``--bank-holidays-file`` uses (``calendars.official_list``), and stored
atomically in the cache (``inspectcal.govuk_list`` reads it back). Any failure leaves the
stored list as it was. Nothing else in inspectcal opens a network connection.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from inspectcal.cache import read_cache, write_cache
from inspectcal.calendars import (
    FIRST_DATE,
    LAST_DATE,
    REGIONS,
    CalendarSource,
    OfficialList,
    Region,
    days_off,
    official_list,
    year_ranges,
)
from inspectcal.errors import FetchError, InputError, InspectcalError, OutputError, quoted
from inspectcal.govuk_list import StoredList, read_stored, store_path
from inspectcal.readers.bank_holidays import parse_bank_holidays_json

GOVUK_URL = "https://www.gov.uk/bank-holidays.json"
MAX_LIST_BYTES = 1_000_000  # the list is about 52 KB for 2012-2028
TIMEOUT = 20.0  # seconds any one step (connecting, a read) may wait
_LOOPBACK_NAMES = ("localhost",)


def check_url(url: str, what: str = "--url") -> None:
    """HTTPS only, except plain HTTP to this machine (a test server, a local mirror)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        raise InputError(f"{what} {quoted(url)} is not a web address") from None
    if parts.scheme == "https" and host:
        return
    if parts.scheme == "http" and _is_loopback(host):
        return
    raise InputError(
        f"{what} {quoted(url)}: give an https:// address (plain http only to this machine, "
        "127.0.0.1 or localhost)"
    )


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def fetch_list(url: str, *, timeout: float = TIMEOUT, limit: int = MAX_LIST_BYTES) -> bytes:
    """The bytes at ``url``, through the proxies the environment names (``https_proxy``,
    ``no_proxy``...). Refused: an address ``check_url`` refuses (also after a redirect), a
    status other than 200, more than ``limit`` bytes, fewer than the server announced, a wait
    longer than ``timeout`` seconds (connecting, or for the next bytes), or a whole fetch
    longer than four of them."""
    import http.client
    import time
    import urllib.error
    import urllib.request

    check_url(url)

    class CheckedRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
            check_url(newurl, f"{url} redirects to")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler(urllib.request.getproxies()), CheckedRedirects()
    )
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "inspectcal"})
    deadline = time.monotonic() + 4 * timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            if response.status != 200:
                raise FetchError(f"{url} answered {response.status} {response.reason}")
            announced = response.headers.get("Content-Length")
            chunks, size = [], 0
            while chunk := response.read(65536):
                size += len(chunk)
                if size > limit:
                    raise FetchError(f"{url} sent more than {limit // 1000} KB: not a bank holidays list")
                if time.monotonic() > deadline:
                    raise FetchError(f"{url} took over {4 * timeout:g} s to send the list")
                chunks.append(chunk)
    except urllib.error.HTTPError as error:
        raise FetchError(f"{url} answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise FetchError(f"{url} did not answer within {timeout:g} s") from None
        raise FetchError(f"could not reach {url}: {_reason(error.reason)}") from None
    except TimeoutError:  # waiting for the reply, or for more of it
        raise FetchError(f"{url} did not answer within {timeout:g} s") from None
    except (http.client.HTTPException, ConnectionError):
        raise FetchError(f"{url} closed the connection before the list was complete") from None
    except OSError as error:
        raise FetchError(f"could not fetch {url}: {_reason(error)}") from None
    if announced is not None and announced.strip().isdigit() and int(announced) != size:
        raise FetchError(
            f"{url} closed the connection before the list was complete ({size} of {announced} bytes)"
        )
    return b"".join(chunks)


def _reason(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__


def checked_list(payload: bytes, url: str) -> tuple[dict[str, Any], dict[str, OfficialList]]:
    """The parsed document and each region's list from the fetched bytes; InputError when they
    are not a complete gov.uk list (every region, each event a date in the range and a name)."""
    where = f"the list from {url}"
    try:
        text = payload.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{where} is not UTF-8 text: expected the gov.uk format") from None
    data = parse_bank_holidays_json(text, where)
    found = {}
    for region in REGIONS.values():
        listed = official_list(data, region, url, where)
        if listed is None:
            raise InputError(f"{where} has no events for {region.key}: expected the gov.uk format")
        outside = [d for d, _ in listed.days if not FIRST_DATE <= d <= LAST_DATE]
        if outside:
            raise InputError(
                f"{where}, {region.key}: {outside[0].isoformat()} is outside the supported dates "
                f"{FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()}"
            )
        found[region.key] = listed
    return data, found


class Change(NamedTuple):
    day: date
    name: str
    regions: tuple[str, ...]  # region labels
    added: bool  # False: a bank holiday before that the new list does not have


class Updated(NamedTuple):
    stored: StoredList
    years: tuple[int, ...]  # every year some region's list covers
    changes: tuple[Change, ...]


def update_list(url: str, fetched: datetime, *, timeout: float = TIMEOUT) -> Updated:
    """Fetch, check and store the list; what it changes against the bank holidays in use
    before (the stored list's, else the built-in ones). Any failure raises, the stored list
    untouched."""
    old = _readable_stored()
    kept = f"kept the stored {old.name}" if old else "nothing was stored"
    try:
        payload = fetch_list(url, timeout=timeout)
        data, lists = checked_list(payload, url)
        if old is not None:
            _refuse_dropped_years(old, lists, url)
    except InspectcalError as error:
        raise type(error)(f"{error}; {kept}") from None
    stored = StoredList(data, url, fetched.astimezone(UTC))
    before = {region.key: _days_in_use(region, old) for region in REGIONS.values()}
    encoded = stored.encoded()
    path = store_path()
    write_cache(path, encoded)
    if read_cache(path) != encoded:
        raise OutputError(f"could not store the list in {path.parent}: {kept}")
    years = sorted({y for listed in lists.values() for y in listed.years})
    return Updated(stored, tuple(years), _changes(before, lists))


def _readable_stored() -> StoredList | None:
    """The stored list; None when there is none, or it is damaged (the new list replaces it)."""
    try:
        stored = read_stored()
        for region in REGIONS.values():
            if stored is not None:
                stored.for_region(region)
    except InputError:
        return None
    return stored


def _days_in_use(region: Region, stored: StoredList | None) -> dict[date, str]:
    official = stored.for_region(region) if stored else None
    off = days_off(CalendarSource(region, True, (), official))
    return {day: why.name for day, why in off.items()}


def _refuse_dropped_years(old: StoredList, lists: Mapping[str, OfficialList], url: str) -> None:
    for region in REGIONS.values():
        dropped = set(old.for_region(region).years) - set(lists[region.key].years)
        if dropped:
            raise FetchError(
                f"the list from {url} has no {region.label} bank holidays for {year_ranges(dropped)}, "
                "which the stored list has: refused as incomplete"
            )


def _changes(
    before: Mapping[str, Mapping[date, str]], lists: Mapping[str, OfficialList]
) -> tuple[Change, ...]:
    """Weekday dates added or gone in the years the new list covers, merged over regions."""
    merged: dict[tuple[date, str, bool], list[str]] = {}
    for region in REGIONS.values():
        listed = lists[region.key]
        covered = set(listed.years)
        after = {d: n for d, n in listed.days if d.weekday() < 5}
        old = {d: n for d, n in before[region.key].items() if d.year in covered}
        for day in sorted(set(after) - set(old)):
            merged.setdefault((day, after[day], True), []).append(region.label)
        for day in sorted(set(old) - set(after)):
            merged.setdefault((day, old[day], False), []).append(region.label)
    return tuple(Change(d, n, tuple(r), added) for (d, n, added), r in sorted(merged.items()))
