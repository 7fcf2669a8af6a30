"""The HTML pages in a real browser: Debian's headless Chromium, driven from the command line.

Each page is loaded with every request sent through a recording proxy on loopback (so any
network request the page makes is seen, and none leaves the machine) and with the browser's
log on stderr (so console messages are seen). The first test checks that both detectors catch
a page that does fetch and log. Skipped with the reason when chromium is not installed; in CI
(.ci/run installs it) a missing browser fails instead.
"""

from __future__ import annotations

import json
import re
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import NamedTuple

import pytest

from .conftest import run_cli
from .pictures import assert_not_blank, need_tool
from .test_html import SLAC, WINDOW, Page, check_window_dom, dated_rows

pytestmark = pytest.mark.browser

# Requests Chromium makes for itself, whatever the page (network time, sign-in, connectivity
# checks), even with background networking off; the baseline fixture adds any others it sees.
BROWSER_OWN = {"clients2.google.com", "accounts.google.com", "www.google.com"}
A4_POINTS = (595.28, 841.89)


class Load(NamedTuple):
    stdout: str
    console: list[str]  # console messages the page caused
    requests: list[str]  # hosts or URLs asked of the network, the browser's own left out


class Recorder(BaseHTTPRequestHandler):
    """A proxy that records every request and answers none of them."""

    seen: list[str]

    def do_GET(self) -> None:
        self.seen.append(self.path)  # an absolute URL for http, host:port for CONNECT
        self.send_response(404)
        self.end_headers()

    do_CONNECT = do_POST = do_HEAD = do_GET

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def chromium() -> str:
    return need_tool("chromium", "chromium")


@pytest.fixture(scope="module")
def proxy() -> Iterator[list[str]]:
    seen: list[str] = []
    handler = type("Handler", (Recorder,), {"seen": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    seen.append(f"port {server.server_address[1]}")
    yield seen
    server.shutdown()


def _host(request: str) -> str:
    match = re.match(r"(?:[a-z]+://)?([^/:]+)", request)
    return match[1] if match else request


def browse(chromium: str, proxy: list[str], folder: Path, url: str, *extra: str) -> Load:
    port = proxy[0].split()[1]
    profile = folder / f"profile-{len(list(folder.glob('profile-*')))}"
    before = len(proxy)
    done = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--proxy-server=http://127.0.0.1:{port}",
            "--proxy-bypass-list=<-loopback>",
            "--enable-logging=stderr",
            "--v=0",
            *extra,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if re.search(r":CONSOLE[:(]", line)]
    requests = [r for r in proxy[before:] if _host(r) not in BROWSER_OWN]
    return Load(done.stdout, console, requests)


@pytest.fixture(scope="module")
def baseline(chromium: str, proxy: list[str], tmp_path_factory: pytest.TempPathFactory) -> None:
    """The browser's own requests for an empty page are not the page's: leave them out."""
    folder = tmp_path_factory.mktemp("baseline")
    BROWSER_OWN.update(
        _host(r) for r in browse(chromium, proxy, folder, "about:blank", "--dump-dom").requests
    )


def html(*args: str) -> str:
    result = run_cli(list(args))
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def plan_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pages") / "plan.html"
    path.write_text(html("plan", *SLAC, "--format", "html"), "utf-8")
    return path


def test_the_detectors_catch_a_page_that_fetches_and_logs(
    chromium: str, proxy: list[str], baseline: None, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html><head><link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '</head><body><p>x</p><img src="http://example.invalid/pixel.png">'
        '<script>console.error("inspectcal-test-marker")</script></body></html>',
        "utf-8",
    )
    load = browse(chromium, proxy, tmp_path, bad.as_uri(), "--dump-dom")
    hosts = {_host(r) for r in load.requests}
    assert {"fonts.googleapis.com", "example.invalid"} <= hosts, load.requests
    assert any("inspectcal-test-marker" in line for line in load.console), load.console


def test_plan_page_loads_quietly_offline_with_the_json_dates(
    chromium: str, proxy: list[str], baseline: None, plan_page: Path, tmp_path: Path
) -> None:
    load = browse(chromium, proxy, tmp_path, plan_page.as_uri(), "--dump-dom")
    assert load.console == []
    assert load.requests == []
    plan = json.loads(html("plan", *SLAC, "--format", "json"))
    rows = dated_rows(load.stdout, "milestone")  # the DOM as the browser built it
    assert list(rows) == [m["id"] for m in plan["milestones"]]
    for m in plan["milestones"]:
        assert rows[m["id"]] == ([m["start"]] if m["start"] == m["end"] else [m["start"], m["end"]])
    dom = Page(load.stdout)
    assert dom.all("html")[0]["lang"] == "en-GB"
    assert len(dom.all("svg")) == 1


def test_plan_page_screenshot_is_not_blank(
    chromium: str, proxy: list[str], baseline: None, plan_page: Path, tmp_path: Path
) -> None:
    shot = tmp_path / "page.png"
    load = browse(
        chromium, proxy, tmp_path, plan_page.as_uri(), "--window-size=1000,1400", f"--screenshot={shot}"
    )
    assert load.requests == []
    assert_not_blank(shot)


def pdf_pages(path: Path) -> list[tuple[float, float]]:
    """Each page's size in points, read from the PDF's page objects."""
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    count = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    boxes = [
        (float(m[3]) - float(m[1]), float(m[4]) - float(m[2]))
        for m in re.finditer(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", data)
    ]
    assert len(boxes) == count, (len(boxes), count)
    return boxes


def test_slac_plan_prints_on_at_most_two_a4_pages(
    chromium: str, proxy: list[str], baseline: None, plan_page: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "plan.pdf"
    load = browse(
        chromium, proxy, tmp_path, plan_page.as_uri(), "--no-pdf-header-footer", f"--print-to-pdf={pdf}"
    )
    assert load.requests == []
    pages = pdf_pages(pdf)
    assert 1 <= len(pages) <= 2, f"{len(pages)} pages"
    for width, height in pages:  # A4 portrait (CSS @page), within a point
        assert abs(width - A4_POINTS[0]) < 1.5
        assert abs(height - A4_POINTS[1]) < 1.5


def test_a_script_in_the_name_shows_as_text(
    chromium: str, proxy: list[str], baseline: None, tmp_path: Path
) -> None:
    name = "<script>alert(1)</script>"
    page = tmp_path / "named.html"
    page.write_text(html("plan", "-n", "2010-02-22", "--name", name, "--format", "html"), "utf-8")
    load = browse(chromium, proxy, tmp_path, page.as_uri(), "--dump-dom")
    assert load.console == []
    dom = Page(load.stdout)
    assert dom.all("script") == []
    assert dom.texts["h1"][0].startswith(f"{name}: Safeguarding")
    assert (dom.texts["title"][0]).startswith(f"{name}: Safeguarding")


def test_window_page_in_the_browser(chromium: str, proxy: list[str], baseline: None, tmp_path: Path) -> None:
    page = tmp_path / "window.html"
    page.write_text(html("window", *WINDOW, "--format", "html"), "utf-8")
    load = browse(chromium, proxy, tmp_path, page.as_uri(), "--dump-dom")
    assert load.console == []
    assert load.requests == []
    data = json.loads(html("window", *WINDOW, "--format", "json"))
    check_window_dom(load.stdout, data)  # the DOM the browser built
    clashing = [a["data-notified"] for a in Page(load.stdout).all("tr") if a.get("class") == "clash"]
    assert clashing == [c["notified"] for c in data if c["clashes"]]
    shot = tmp_path / "window.png"
    browse(chromium, proxy, tmp_path, page.as_uri(), "--window-size=1000,1000", f"--screenshot={shot}")
    assert_not_blank(shot)


# -- issue 22: the window page printed: the table starts on page 1 and breaks between rows --

TWO_MONTHS = ("--from", "2010-12-01", "--to", "2011-01-31", "--avoid", "2010-12-20..2010-12-31")


class Tagged(NamedTuple):
    """A tagged PDF's table rows: for each row, whether it holds data cells (TD), and the pages
    (0 = first) its content is drawn on."""

    pages: int
    rows: list[tuple[bool, set[int]]]


def tagged_rows(path: Path) -> Tagged:
    """Read Chromium's tagged PDF: its page order (/Pages /Kids) and its structure tree, whose
    elements name the page (/Pg) each piece of marked content (MCID, or an /MCR) is on."""
    data = path.read_bytes().decode("latin-1")
    objects = {int(m[1]): m[2] for m in re.finditer(r"(?s)(\d+) 0 obj\s*(.*?)endobj", data)}
    (kids,) = [
        re.findall(r"(\d+) 0 R", k[1])
        for body in objects.values()
        if re.search(r"/Type\s*/Pages\b", body)
        for k in [re.search(r"/Kids\s*\[([^\]]*)\]", body)]
        if k
    ]
    page_index = {int(k): i for i, k in enumerate(kids)}
    elements = {n: b for n, b in objects.items() if re.search(r"/Type\s*/StructElem\b", b)}
    assert elements, "the PDF is not tagged: no structure tree to read the rows from"

    def kind(number: int) -> str:
        found = re.search(r"/S\s*/(\w+)", elements[number])
        return found[1] if found else ""

    def kids_of(number: int) -> str:
        body = elements[number]
        found = re.search(r"/K\s*(\[.*?\]\s*>>|\[[^\[\]]*\]|\d+ 0 R|\d+)", body, re.S)
        return found[1] if found else ""

    def pages_of(number: int) -> set[int]:
        body = elements[number]
        own = re.search(r"/Pg (\d+) 0 R", body.split("/K", 1)[0])
        kids = kids_of(number)
        pages = {page_index[int(p)] for p in re.findall(r"/MCR\s*/Pg (\d+) 0 R", kids)}
        plain = re.sub(r"<<.*?>>", "", kids, flags=re.S)
        references = [int(r) for r in re.findall(r"(\d+) 0 R", plain)]
        if own and re.sub(r"\d+ 0 R", "", plain).strip(" []").split():  # MCIDs on the element's page
            pages.add(page_index[int(own[1])])
        for reference in references:
            if reference in elements:
                pages |= pages_of(reference)
        return pages

    def has_cell(number: int, cell: str) -> bool:
        plain = re.sub(r"<<.*?>>", "", kids_of(number), flags=re.S)
        return any(int(r) in elements and kind(int(r)) == cell for r in re.findall(r"(\d+) 0 R", plain))

    rows = [(has_cell(n, "TD"), pages_of(n)) for n in sorted(elements) if kind(n) == "TR"]
    return Tagged(len(kids), rows)


def test_window_page_prints_its_table_from_page_1_breaking_between_rows(
    chromium: str, proxy: list[str], baseline: None, tmp_path: Path
) -> None:
    page = tmp_path / "window.html"
    page.write_text(html("window", *TWO_MONTHS, "--format", "html"), "utf-8")
    data = json.loads(html("window", *TWO_MONTHS, "--format", "json"))
    pdf = tmp_path / "window.pdf"
    load = browse(chromium, proxy, tmp_path, page.as_uri(), "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    assert load.requests == []
    assert all(size == pytest.approx(A4_POINTS, abs=1) for size in pdf_pages(pdf))
    tagged = tagged_rows(pdf)
    body = [pages for has_data, pages in tagged.rows if has_data]
    assert len(body) == len(data) == 41  # one row per candidate notification date
    assert all(len(pages) == 1 for pages in body), body  # no row split across two pages
    assert body[0] == {0}  # the first candidate's row is on page 1, under its heading
    assert [min(pages) for pages in body] == sorted(min(pages) for pages in body)
    printed = {page for pages in body for page in pages}
    (header,) = [pages for has_data, pages in tagged.rows if not has_data]
    assert printed <= header  # the header row repeated on every page with rows
    assert len(printed) >= 2  # the window does run over a page ...
    assert tagged.pages <= 3  # ... but two months print on at most three A4 pages
