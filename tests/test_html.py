"""The briefing page (`plan --format html`) and the planning meeting's handout (`window --format html`).

Parsed here with the standard library's HTML parser; tests/test_browser.py loads the same
pages in a real browser.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from importlib.resources import files
from typing import Any

import pytest

from .conftest import ok

SLAC = ("-n", "2010-02-22", "--name", "Nottinghamshire")
WINDOW = ("--from", "2010-12-01", "--to", "2010-12-24", "--avoid", "2010-12-20..2010-12-31")


class Page(HTMLParser):
    """Elements with their attributes and the text inside each, as a browser would see them."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.open: list[tuple[str, dict[str, str], list[str]]] = []
        self.texts: dict[str, list[str]] = {}  # tag -> the text of each such element
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.elements.append((tag, attributes))
        if tag not in ("meta", "br", "link", "img", "input", "hr", "wbr"):
            self.open.append((tag, attributes, []))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if not any(name == tag for name, _, _ in self.open):
            return
        while self.open:
            name, _, chunks = self.open.pop()
            self.texts.setdefault(name, []).append("".join(chunks))
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, _, chunks in self.open:
            chunks.append(data)

    def all(self, tag: str) -> list[dict[str, str]]:
        return [a for t, a in self.elements if t == tag]


def dated_rows(html: str, key: str) -> dict[str, list[str]]:
    """For each <tr data-KEY>, the datetime of every <time> in it, in order."""
    rows: dict[str, list[str]] = {}
    current = None
    for tag, attributes in Page(html).elements:
        if tag == "tr":
            current = attributes.get(f"data-{key}")
            if current is not None:
                rows[current] = []
        elif tag == "time" and current is not None:
            rows[current].append(attributes["datetime"])
    return rows


@pytest.fixture(scope="module")
def page() -> str:
    return ok("plan", *SLAC, "--format", "html")


def test_page_dates_equal_json(page: str) -> None:
    plan = json.loads(ok("plan", *SLAC, "--format", "json"))
    rows = dated_rows(page, "milestone")
    assert list(rows) == [m["id"] for m in plan["milestones"]]
    for m in plan["milestones"]:
        expected = [m["start"]] if m["start"] == m["end"] else [m["start"], m["end"]]
        assert rows[m["id"]] == expected, m["id"]


def test_page_is_self_contained_and_accessible(page: str) -> None:
    parsed = Page(page)
    assert page.startswith("<!DOCTYPE html>\n")
    assert parsed.all("html") == [{"lang": "en-GB"}]
    for tag in ("script", "link", "img", "iframe", "object", "embed"):
        assert parsed.all(tag) == [], tag
    assert not any(k.startswith("on") for _, a in parsed.elements for k in a), "event handler attribute"
    assert re.findall(r"https?://[^\"' )]+", page) == ["http://www.w3.org/2000/svg"]
    assert "@import" not in page
    assert "@font-face" not in page
    assert "src=" not in page
    csp = [a["content"] for a in parsed.all("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp == ["default-src 'none'; style-src 'unsafe-inline'"]
    # The plan table: header cells with scope, one row header per milestone.
    assert [a["scope"] for a in parsed.all("th") if a.get("scope") == "col"][:4] == ["col"] * 4
    assert len([a for a in parsed.all("th") if a.get("scope") == "row"]) == 16
    assert len(parsed.all("svg")) == 1
    assert parsed.all("svg")[0]["role"] == "img"
    assert parsed.texts["title"][0].startswith("Nottinghamshire: Safeguarding")  # the page's <title>
    assert any(t.startswith("Timeline of 16 milestones") for t in parsed.texts["desc"])


def test_page_holds_what_the_briefing_needs(page: str) -> None:
    text = " ".join(" ".join(Page(page).texts["main"]).split())
    for wanted in (
        "Nottinghamshire: Safeguarding and looked after children services inspection (2009-2012), "
        "notified Mon 22 Feb 2010",
        "Milestones",
        "Month by month",
        "February 2010",
        "April 2010",
        "Days not counted",
        "Fri 2 Apr 2010: Good Friday (bank holiday)",
        "Mon 5 Apr 2010: Easter Monday (bank holiday)",
        "How these dates were worked out",
        "Region England and Wales",
        "Closures none given",
        "Data horizon bank holidays confirmed to the end of 2028",
        "Version inspectcal",
        "authoritative",
        "Ofsted's SLAC timetable as published by Nottinghamshire County Council",
    ):
        assert wanted in text, wanted
    assert "forecast" not in text.lower()  # no forecast section until the framework gives one


def test_month_grids_mark_days_milestones_ranges_and_days_off(page: str) -> None:
    cells = {a["title"]: a.get("class", "") for a in Page(page).all("td") if "title" in a}
    notification = "Notification of the inspection sent to the Director of Children's Services"
    on_site = "Evidence gathering on site: interviews, focus groups, case files"
    assert cells[f"Mon 22 Feb 2010: Day 1, {notification}"] == "m-ofsted"
    assert cells[f"Tue 9 Mar 2010: Day 12, {on_site}"] == "r-ofsted"
    assert cells["Mon 1 Mar 2010: Day 6, Council audits the selected case files"] == "r-council"
    assert cells["Fri 2 Apr 2010: Good Friday (bank holiday)"] == "off"
    assert cells["Sat 27 Feb 2010: weekend"] == "weekend"
    assert cells["Wed 7 Apr 2010: Day 31"] == ""


@pytest.mark.parametrize("name", ["<script>alert(1)</script>", 'Tom & Jerry\'s "council" <b>bold</b>'])
def test_every_piece_of_user_text_is_escaped(name: str, tmp_path: Any) -> None:
    closures = tmp_path / "closures.txt"
    closures.write_text(f"2010-03-01 # {name}\n", "utf-8")
    html = ok("plan", "-n", "2010-02-22", "--name", name, "--closures", str(closures), "--format", "html")
    parsed = Page(html)
    assert parsed.all("script") == []
    assert parsed.all("b") == []
    heading = (
        "Safeguarding and looked after children services inspection (2009-2012), notified Mon 22 Feb 2010"
    )
    assert parsed.texts["h1"] == [f"{name}: {heading}"]
    assert name in " ".join(parsed.texts["main"])


def test_indicative_framework_shows_status_and_source() -> None:
    html = ok("plan", "-n", "2024-09-09", "-f", "ilacs-standard", "--format", "html")
    status = [t for t in Page(html).texts["p"] if t.startswith("Indicative timetable.")]
    assert len(status) == 1
    assert "built from Ofsted's ILACS framework" in status[0]


def check_window_dom(html: str, data: list[dict[str, Any]]) -> None:
    """The rows, milestone dates and clash runs in a window page agree with --format json."""
    rows: dict[str, tuple[list[str], list[tuple[str, str]]]] = {}
    current = None
    for tag, attributes in Page(html).elements:
        if tag == "tr" and "data-notified" in attributes:
            current = attributes["data-notified"]
            rows[current] = ([], [])
        elif tag == "time" and current is not None:
            rows[current][0].append(attributes["datetime"])
        elif tag == "span" and attributes.get("class") == "run" and current is not None:
            rows[current][1].append((attributes["data-from"], attributes["data-to"]))
    assert list(rows) == [c["notified"] for c in data]
    for candidate in data:
        dates, runs = rows[candidate["notified"]]
        by_id = {m["id"]: m for m in candidate["milestones"]}
        assert dates[:5] == [
            candidate["notified"],
            by_id["setup-meeting"]["start"],
            by_id["fieldwork"]["start"],
            by_id["fieldwork"]["end"],
            by_id["publication"]["start"],
        ]
        # Each run starts and ends on a clash; together the runs hold every clash date.
        clashes = {(c["milestone"], c["date"]) for c in candidate["clashes"]}
        names = [name for name, _ in sorted(clashes)]
        assert all(first <= last for first, last in runs)
        assert {d for _, d in clashes} >= {d for run in runs for d in run}
        covered = {(m, d) for m, d in clashes if any(first <= d <= last for first, last in runs)}
        assert covered == clashes
        assert len(runs) <= len(clashes)
        assert bool(runs) == bool(names)


def test_window_handout_rows_dates_and_clashes() -> None:
    html = ok("window", *WINDOW, "--format", "html")
    data = json.loads(ok("window", *WINDOW, "--format", "json"))
    check_window_dom(html, data)
    parsed = Page(html)
    clashing = [a for a in parsed.all("tr") if a.get("class") == "clash"]
    assert len(clashing) == sum(1 for c in data if c["clashes"]) > 0
    assert parsed.all("html") == [{"lang": "en-GB"}]
    assert parsed.all("script") == []
    text = " ".join(" ".join(parsed.texts["main"]).split())
    assert "Clash: fieldwork on 7 working days, Mon 20 Dec - Thu 30 Dec" in text  # 27-28 Dec: bank holidays
    assert "of " + str(len(data)) + " candidate notification dates clash." in text
    assert "If Ofsted calls between Wed 1 Dec 2010 and Fri 24 Dec 2010" in text


def test_window_clash_reason_is_shown_and_escaped(tmp_path: Any) -> None:
    leave = tmp_path / "leave.txt"
    leave.write_text("2010-12-20..2010-12-24 # Director <on leave>\n", "utf-8")
    html = ok(
        "window", "--from", "2010-12-01", "--to", "2010-12-10", "--avoid-file", str(leave), "--format", "html"
    )
    assert "(Director &lt;on leave&gt;)" in html


def test_templates_ship_in_the_package() -> None:
    templates = files("inspectcal.render") / "templates"
    for name in ("base.html.j2", "plan.html.j2", "window.html.j2", "style.css"):
        assert (templates / name).is_file(), name


def test_print_css_keeps_months_and_rows_whole() -> None:
    css = (files("inspectcal.render") / "templates" / "style.css").read_text("utf-8")
    assert "@page { size: A4 portrait;" in css
    assert "tr { break-inside: avoid; }" in css
    print_rules = css[css.index("@media print") :]
    assert re.search(r"table, \.month, figure, dl\.method \{ break-inside: avoid; \}", print_rules)


def test_readme_pictures_exist() -> None:
    from .conftest import REPO, doc_pages

    pictures = {
        (page.parent / picture).resolve()
        for page in doc_pages()
        for picture in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", page.read_text("utf-8"))
    }
    assert REPO / "examples" / "nottinghamshire-2010.svg" in pictures
    assert REPO / "examples" / "nottinghamshire-2010-page.png" in pictures
    for picture in pictures:
        assert picture.is_file(), picture
