"""`holidays update`: the gov.uk list fetched from a local server, checked, stored, used.

Every fetch here goes to an HTTP server on 127.0.0.1 in a thread of the test process; no test
reaches another machine. Each test has a cache folder of its own, so that a stored list never
leaks into another test.
"""

from __future__ import annotations

import copy
import json
import shlex
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import typer

from inspectcal.cli import app
from inspectcal.govuk_list import STORE_NAME, StoredList, read_stored

from .conftest import ILACS_RECORD, REPO, run_cli
from .test_startup import modules_after, typer_own

FETCHED = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)  # SOURCE_DATE_EPOCH: the fetch time stored
ONE_OFF = {"title": "Bank holiday for a one-off occasion", "date": "2027-06-07", "notes": "", "bunting": True}
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")

Handler = Callable[[BaseHTTPRequestHandler], None]


def run(*args: str) -> tuple[int, str, str]:
    result = run_cli(list(args))
    return result.exit_code, result.stdout, result.stderr


def ok(*args: str) -> str:
    code, out, err = run(*args)
    assert (code, err) == (0, ""), (code, err)
    return out


def error_line(code: int, *args: str) -> str:
    """Run, expect ``code``, nothing on stdout and one 'Error:' line on stderr; return it."""
    got, out, err = run(*args)
    assert (got, out) == (code, ""), (got, out, err)
    assert err.startswith("Error: "), err
    assert err.count("\n") == 1, err
    return err.removeprefix("Error: ").rstrip("\n")


def with_one_off(data: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    for region in changed.values():
        region["events"].append(dict(ONE_OFF))
    return changed


def without_year(data: dict[str, Any], year: int) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    for region in changed.values():
        region["events"] = [e for e in region["events"] if not e["date"].startswith(f"{year}-")]
    return changed


class QuietServer(ThreadingHTTPServer):
    """Says nothing when a client goes away mid-answer (as the timeout tests' client does): a
    sleeping handler may wake during a later test, whose stderr is being captured."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


class Server:
    """A loopback HTTP server whose paths are set per test: ``server.routes["/x"] = handler``."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[str] = []  # the request targets, as the server saw them
        routes, requests = self.routes, self.requests

        class Answer(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requests.append(self.path)
                path = self.path.split("://", 1)[-1]  # a proxied request names the whole URL
                path = "/" + path.split("/", 1)[1] if "://" in self.path else path
                routes.get(path, lambda h: h.send_error(404))(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = QuietServer(("127.0.0.1", 0), Answer)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def serve_json(self, path: str, data: object) -> str:
        self.routes[path] = body(json.dumps(data).encode("utf-8"))
        return self.base + path


def body(payload: bytes, status: int = 200) -> Handler:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)

    return answer


def dropped(payload: bytes) -> Handler:
    """Announces the whole list, sends half of it and closes the connection."""

    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload[: len(payload) // 2])
        handler.wfile.flush()
        handler.close_connection = True

    return answer


def slow(payload: bytes, delay: float) -> Handler:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(delay)
        body(payload)(handler)

    return answer


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own, no proxies, and a fixed fetch time."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("INSPECTCAL_CACHE_DIR", str(folder))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(FETCHED.timestamp())))
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    return folder


@pytest.fixture
def server() -> Iterator[Server]:
    serving = Server()
    serving.thread.start()
    yield serving
    serving.httpd.shutdown()
    serving.httpd.server_close()


@pytest.fixture
def stored(cache: Path, server: Server, govuk: dict[str, Any]) -> bytes:
    """The gov.uk list (2012-2028) fetched and stored; the stored bytes."""
    ok("holidays", "update", "--url", server.serve_json("/bank-holidays.json", govuk))
    return (cache / STORE_NAME).read_bytes()


# -- a good list -------------------------------------------------------------------------


def test_update_says_what_it_stored_and_that_nothing_changed(cache: Path, server: Server, govuk: Any) -> None:
    url = server.serve_json("/bank-holidays.json", govuk)
    assert ok("holidays", "update", "--url", url) == (
        f"Stored the gov.uk list fetched 6 Dec 2026 from {url}: 2012-2028 (17 years); "
        "no change to the bank holidays in use\n"
    )
    kept = read_stored()
    assert kept is not None
    assert (kept.data, kept.url, kept.fetched) == (govuk, url, FETCHED)


def test_a_one_off_holiday_in_the_served_list_changes_a_plan(cache: Path, server: Server, govuk: Any) -> None:
    before_add = ok("add", "2027-06-04", "1")
    before_plan = json.loads(ok("plan", "-n", "2027-05-24", "--format", "json"))
    url = server.serve_json("/bank-holidays.json", with_one_off(govuk))
    assert ok("holidays", "update", "--url", url) == (
        f"Stored the gov.uk list fetched 6 Dec 2026 from {url}: 2012-2028 (17 years); "
        "changes: 2027-06-07 Bank holiday for a one-off occasion (new, every region)\n"
    )
    assert (before_add, ok("add", "2027-06-04", "1")) == ("2027-06-07\n", "2027-06-08\n")
    after_plan = json.loads(ok("plan", "-n", "2027-05-24", "--format", "json"))
    skipped = {s["date"]: s["name"] for s in after_plan["skipped"]}
    assert skipped["2027-06-07"] == ONE_OFF["title"]
    assert "2027-06-07" not in {s["date"] for s in before_plan["skipped"]}
    last = [m["end"] for m in before_plan["milestones"]], [m["end"] for m in after_plan["milestones"]]
    assert last[0][-1] < last[1][-1], last  # the last milestone moves a working day later
    table = " ".join(ok("plan", "-n", "2027-05-24").split())
    assert "bank holidays in England and Wales (gov.uk list fetched 6 Dec 2026 for 2012-2028)" in table


def test_a_bank_holidays_file_still_wins_over_the_stored_list(
    cache: Path, server: Server, govuk: Any, tmp_path: Path
) -> None:
    ok("holidays", "update", "--url", server.serve_json("/bank-holidays.json", with_one_off(govuk)))
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(govuk), "utf-8")
    assert ok("add", "2027-06-04", "1", "--bank-holidays-file", str(plain)) == "2027-06-07\n"
    assert ok("add", "2027-06-04", "1", "--no-bank-holidays") == "2027-06-07\n"
    assert ok("add", "2027-06-04", "1", "--region", "scotland") == "2027-06-08\n"


def test_compare_stored_lists_where_the_stored_list_and_the_built_in_data_differ(
    cache: Path, server: Server, govuk: Any
) -> None:
    assert error_line(2, "holidays", "--compare", "stored") == (
        "no gov.uk list is stored: fetch it with 'inspectcal holidays update'"
    )
    ok("holidays", "update", "--url", server.serve_json("/bank-holidays.json", with_one_off(govuk)))
    rows = json.loads(ok("holidays", "--compare", "stored", "--format", "json"))
    assert rows == [
        {"region": region, "date": "2027-06-07", "in_file": ONE_OFF["title"], "built_in": None}
        for region in ("england-and-wales", "scotland", "northern-ireland")
    ]
    assert "In the gov.uk list fetched 6 Dec 2026" in ok("holidays", "--compare", "stored")


def test_a_later_update_names_what_it_changed_against_the_stored_list(
    stored: bytes, server: Server, govuk: Any
) -> None:
    url = server.serve_json("/v2.json", with_one_off(govuk))
    assert "changes: 2027-06-07 Bank holiday for a one-off occasion (new, every region)" in ok(
        "holidays", "update", "--url", url
    )
    url = server.serve_json("/v3.json", govuk)  # the day is called off again
    assert ok("holidays", "update", "--url", url).endswith(
        "changes: 2027-06-07 Bank holiday for a one-off occasion (no longer a bank holiday, every region)\n"
    )
    assert ok("add", "2027-06-04", "1") == "2027-06-07\n"


# -- failures keep the stored list -----------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "code", "message"),
    [
        (
            lambda data: body(b"<html>Service unavailable</html>"),
            2,
            "the list from {url}, line 1: is not valid JSON",
        ),
        (lambda data: body(b"\xff\xfe garbage"), 2, "the list from {url} is not UTF-8 text"),
        (lambda data: body(b"[]"), 2, "the list from {url} has no events for england-and-wales"),
        (lambda data: body(b"", status=404), 1, "{url} answered 404 Not Found"),
        (lambda data: body(b"oops", status=500), 1, "{url} answered 500 Internal Server Error"),
        (
            lambda data: dropped(json.dumps(data).encode()),
            1,
            "{url} closed the connection before the list was complete",
        ),
        (lambda data: slow(json.dumps(data).encode(), 1.5), 1, "{url} did not answer within 0.3 s"),
        (
            lambda data: body(json.dumps(without_year(data, 2012)).encode()),
            1,
            "the list from {url} has no England and Wales bank holidays for 2012, which the stored "
            "list has: refused as incomplete",
        ),
        (lambda data: body(b" " * 1_000_001), 1, "{url} sent more than 1000 KB: not a bank holidays list"),
    ],
    ids=[
        "garbage",
        "not-utf8",
        "not-the-format",
        "404",
        "500",
        "dropped",
        "timeout",
        "drops-a-year",
        "too-big",
    ],
)
def test_a_failed_update_keeps_the_stored_list(
    stored: bytes,
    cache: Path,
    server: Server,
    govuk: Any,
    make: Callable[[Any], Handler],
    code: int,
    message: str,
) -> None:
    server.routes["/bad.json"] = make(with_one_off(govuk))
    url = server.base + "/bad.json"
    line = error_line(code, "holidays", "update", "--url", url, "--timeout", "0.3")
    assert line.startswith(message.format(url=url)), line
    assert line.endswith("; kept the stored gov.uk list fetched 6 Dec 2026"), line
    assert (cache / STORE_NAME).read_bytes() == stored
    assert ok("add", "2027-06-04", "1") == "2027-06-07\n"


def test_an_unreachable_server_keeps_the_stored_list_and_fails_fast(stored: bytes, cache: Path) -> None:
    started = time.monotonic()
    line = error_line(1, "holidays", "update", "--url", "http://127.0.0.1:9/bank-holidays.json")
    assert line == (
        "could not reach http://127.0.0.1:9/bank-holidays.json: Connection refused; "
        "kept the stored gov.uk list fetched 6 Dec 2026"
    )
    assert time.monotonic() - started < 5
    assert (cache / STORE_NAME).read_bytes() == stored


def test_a_first_failed_update_says_nothing_was_stored(cache: Path, server: Server) -> None:
    line = error_line(1, "holidays", "update", "--url", server.base + "/missing.json")
    assert line == f"{server.base}/missing.json answered 404 Not Found; nothing was stored"
    assert not (cache / STORE_NAME).exists()


@pytest.mark.parametrize(
    "url",
    [
        "http://www.gov.uk/bank-holidays.json",
        "http://10.0.0.1/bank-holidays.json",
        "ftp://127.0.0.1/bank-holidays.json",
        "file:///etc/passwd",
        "https:///bank-holidays.json",
        "www.gov.uk/bank-holidays.json",
    ],
)
def test_only_https_or_this_machine_is_fetched(cache: Path, url: str) -> None:
    assert error_line(2, "holidays", "update", "--url", url) == (
        f"--url '{url}': give an https:// address (plain http only to this machine, 127.0.0.1 or "
        "localhost); nothing was stored"
    )


def test_a_redirect_to_plain_http_elsewhere_is_refused(cache: Path, server: Server) -> None:
    def redirect(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", "http://www.gov.uk/bank-holidays.json")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    server.routes["/moved.json"] = redirect
    url = server.base + "/moved.json"
    assert error_line(2, "holidays", "update", "--url", url) == (
        f"{url} redirects to 'http://www.gov.uk/bank-holidays.json': give an https:// address "
        "(plain http only to this machine, 127.0.0.1 or localhost); nothing was stored"
    )


def test_the_proxy_the_environment_names_is_used(
    cache: Path, server: Server, govuk: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Councils sit behind proxies: http_proxy is honoured, and no_proxy too."""
    server.serve_json("/bank-holidays.json", govuk)
    far = "http://127.0.0.2:9/bank-holidays.json"  # nothing listens there: only the proxy answers
    monkeypatch.setenv("http_proxy", server.base)
    ok("holidays", "update", "--url", far)
    assert server.requests == [far]
    monkeypatch.setenv("no_proxy", "127.0.0.2")
    assert error_line(1, "holidays", "update", "--url", far).startswith(f"could not reach {far}")
    assert server.requests == [far]


# -- the stored list on every run --------------------------------------------------------------


def test_a_list_over_a_year_old_earns_one_line(stored: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    import inspectcal.cli.timestamps as options

    monkeypatch.setattr(options, "today_date", lambda: date(2027, 12, 6))
    assert run("add", "2027-06-04", "1")[1:] == ("2027-06-07\n", "")
    monkeypatch.setattr(options, "today_date", lambda: date(2027, 12, 7))
    assert run("add", "2027-06-04", "1")[1:] == (
        "2027-06-07\n",
        "Warning: the bank holidays in use are the gov.uk list fetched 6 Dec 2026, over a year ago: "
        "run 'inspectcal holidays update' for any announced since\n",
    )


def test_stored_list_staleness_is_counted_from_the_fetch_date() -> None:
    kept = StoredList({}, "https://www.gov.uk/bank-holidays.json", FETCHED)
    assert kept.name == "gov.uk list fetched 6 Dec 2026"
    assert not kept.is_stale(date(2027, 12, 6))
    assert kept.is_stale(date(2027, 12, 7))


def test_a_damaged_stored_list_is_an_error_and_an_update_replaces_it(
    stored: bytes, cache: Path, server: Server
) -> None:
    (cache / STORE_NAME).write_bytes(stored[: len(stored) // 2])
    assert error_line(2, "add", "2027-06-04", "1") == (
        f"the stored gov.uk bank holidays list {cache / STORE_NAME} is damaged: run 'inspectcal holidays "
        "update' to fetch it again, or 'inspectcal cache clear' to drop it"
    )
    ok("holidays", "update", "--url", server.base + "/bank-holidays.json")
    assert (cache / STORE_NAME).read_bytes() == stored
    assert ok("add", "2027-06-04", "1") == "2027-06-07\n"


def test_cache_clear_removes_the_stored_list(stored: bytes, cache: Path) -> None:
    ok("cache", "clear")
    assert not (cache / STORE_NAME).exists()
    assert read_stored() is None


def test_the_listing_is_unchanged_by_the_update_subcommand(stored: bytes) -> None:
    """`holidays` with options still lists a year; the gov.uk names are used for it."""
    data = json.loads(ok("holidays", "--year", "2022", "--format", "json"))
    assert [d["date"] for d in data] == [
        *("2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03"),
        *("2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"),
    ]
    assert error_line(2, "holidays", "2022").startswith("No such command '2022'")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2022", "update"], "--year is for listing holidays: 'holidays update' takes only --url"),
        (["-o", "x.csv", "update"], "--output is for listing holidays: 'holidays update' takes only --url"),
        (["update", "--year", "2022"], "No such option: --year"),
    ],
)
def test_listing_options_are_refused_with_update(cache: Path, args: list[str], message: str) -> None:
    assert error_line(2, "holidays", *args).startswith(message)
    assert not (cache / STORE_NAME).exists()


# -- nothing else touches the network ------------------------------------------------------------

_sockets: list[str] | None = None  # while a list, the socket events seen (the hook cannot be removed)
_hooked: list[bool] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _sockets is not None and event.startswith("socket."):
        _sockets.append(event)


def _watch_sockets() -> None:
    """Add the audit hook once per process, when the test runs (not when it is collected)."""
    if not _hooked:
        sys.addaudithook(_audit)
        _hooked.append(True)


def _examples(command: str) -> list[list[str]]:
    """The command lines of a command's help examples that run without a shell (no pipe)."""
    text = ok(command, "--help")
    if "Examples:\n" not in text:
        return []  # a single "Example:" line, which Click may wrap: given by hand below
    block = text.split("Examples:\n", 1)[1].replace(" \\\n", " ")
    lines = [line.strip() for line in block.splitlines() if line.strip().startswith("inspectcal ")]
    return [shlex.split(line)[1:] for line in lines if not any(c in line for c in "|<>")]


def test_no_command_but_update_opens_a_socket(
    stored: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    global _sockets
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(REPO / "examples")
    commands = [
        ["holidays", "--compare", "stored"],
        ["plan", "-n", "2027-05-24", "--format", "ics", "--name", "K"],
        ["plan", "-n", "2027-05-24", "--format", "html"],
        ["plan", "-n", "2027-05-24", "--format", "xlsx", "-o", "plan.xlsx"],
        ["--version"],
        ["--help"],
    ]
    names = list(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    commands += [args for name in names for args in _examples(name)]
    record = ILACS_RECORD
    commands += [["ilacs-record", str(record), "--format", "csv"], ["cache"], ["cache", "clear"]]
    assert {args[0] for args in commands} >= set(names)
    _watch_sockets()
    _sockets = []
    try:
        for args in commands:
            code, _, err = run(*args)
            assert code in (0, 1), (args, err)
            assert _sockets == [], args
        run("holidays", "update", "--url", "http://127.0.0.1:9/bank-holidays.json")
        assert "socket.connect" in _sockets  # the hook sees a connection when one is made
    finally:
        _sockets = None


def test_a_run_with_a_stored_list_imports_nothing_of_the_network(stored: bytes) -> None:
    """Reading the stored list costs a json parse; the fetching code stays unloaded."""
    loaded = modules_after("date", "11", "-n", "2010-02-22")
    assert "inspectcal.govuk_list" in loaded
    for name in ("inspectcal.govuk_update", "urllib.request", "http.client", "ssl", "socket"):
        # What Typer itself loads for any app (0.29 brings socket in with pydantic) is not ours.
        assert name not in loaded - typer_own(), name
