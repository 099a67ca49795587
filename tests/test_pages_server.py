"""tools/pages_server.py answers as GitHub Pages does where the tests rely on it."""

from __future__ import annotations

import http.client
import socket
import time

import pytest

from tools.pages_server import Link, PagesServer


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("pages")
    (root / "en").mkdir()
    (root / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (root / "en" / "index.html").write_text("<p>English</p>", encoding="utf-8")
    (root / "404.html").write_text("<p>missing</p>", encoding="utf-8")
    with PagesServer(root, "/repo/", timeout=0.5) as server:
        yield server


def ask(server, method: str, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.httpd.server_port, timeout=5)
    connection.request(method, path, headers=headers or {})
    response = connection.getresponse()
    answer = response.status, dict(response.getheaders()), response.read()
    connection.close()
    return answer


@pytest.mark.parametrize("base", ["/repo", "repo/", "repo"])
def test_the_sub_path_may_be_given_without_its_slashes(tmp_path, base):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "index.html").write_text("<p>English</p>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<p>missing</p>", encoding="utf-8")
    with PagesServer(tmp_path, base) as server:
        assert server.url == f"http://127.0.0.1:{server.httpd.server_port}/repo/"
        assert ask(server, "GET", "/repo/en/")[::2] == (200, b"<p>English</p>")
        assert ask(server, "GET", "/repo/en")[1]["Location"] == "/repo/en/"
        assert ask(server, "GET", "/repoen/")[0] == 404


@pytest.mark.parametrize("path, location", [("/repo/en", "/repo/en/"), ("/repo", "/repo/")])
def test_a_directory_without_its_slash_is_redirected_to_it(served, path, location):
    status, headers, _ = ask(served, "GET", path)
    assert (status, headers["Location"]) == (301, location)


@pytest.mark.parametrize("path, status, body", [("/repo/en/", 200, b"<p>English</p>"), ("/repo/", 200, b"<p>home</p>"),
                                                ("/repo/nope/", 404, b"<p>missing</p>"), ("/elsewhere/", 404, b"<p>missing</p>"),
                                                ("/repo/../../etc/passwd", 404, b"<p>missing</p>")])
def test_files_and_the_404_page(served, path, status, body):
    assert ask(served, "GET", path)[::2] == (status, body)


@pytest.mark.parametrize("path", ["/repo/%00", "/repo/en%00/", "/repo/%ff", "/repo/a%5Cb"])
def test_a_malformed_path_is_a_bad_request(served, path):
    assert ask(served, "GET", path)[0] == 400


def test_head_answers_the_headers_without_the_body(served):
    status, headers, body = ask(served, "HEAD", "/repo/en/")
    assert status == 200 and body == b"" and headers["Content-Length"] == str(len(b"<p>English</p>"))


def test_a_client_that_sends_nothing_is_dropped(served):
    with socket.create_connection(("127.0.0.1", served.httpd.server_port), timeout=5) as idle:
        started = time.monotonic()
        assert idle.recv(1) == b""  # the server closed the connection
        assert time.monotonic() - started < 4


def test_every_file_is_cached_for_ten_minutes_and_listed_as_served(served):
    status, headers, _ = ask(served, "GET", "/repo/en/?h=word")
    assert (status, headers["Cache-Control"]) == (200, "max-age=600") and "ETag" not in headers and "Age" not in headers
    assert served.served[-1] == ("/repo/en/?h=word", 200, len(b"<p>English</p>"))


def test_as_pages_it_can_send_validators_and_the_age_of_a_file(tmp_path):
    (tmp_path / "index.html").write_text("<p>home</p>", encoding="utf-8")
    with PagesServer(tmp_path, "/repo/", validators=True, age=600) as server:
        status, headers, _ = ask(server, "GET", "/repo/")
        assert (status, headers["Age"]) == (200, "600") and headers["ETag"].startswith('"')
        assert ask(server, "GET", "/repo/", {"If-None-Match": headers["ETag"]})[::2] == (304, b"")
        assert ask(server, "GET", "/repo/", {"If-Modified-Since": headers["Last-Modified"]})[::2] == (304, b"")
        assert ask(server, "GET", "/repo/", {"If-None-Match": '"other"'})[::2] == (200, b"<p>home</p>")
        time.sleep(1.1)  # Last-Modified is to the second
        (tmp_path / "index.html").write_text("<p>a new build</p>", encoding="utf-8")
        for validator in ({"If-None-Match": headers["ETag"]}, {"If-Modified-Since": headers["Last-Modified"]}):
            assert ask(server, "GET", "/repo/", validator)[::2] == (200, b"<p>a new build</p>")
        assert [status for _, status, _ in server.served] == [200, 304, 304, 200, 200, 200]


def test_a_reader_who_leaves_before_the_answer_has_come_costs_no_error(tmp_path, capsys):
    """The benchmark's browser moves on while a slow link still sends (a page left, a tab closed):
    the answer stops there, with no traceback in the output."""
    (tmp_path / "large.bin").write_bytes(bytes(200_000))
    with PagesServer(tmp_path, link=Link(kbps=400, rtt_ms=0)) as server:
        reader = socket.create_connection(("127.0.0.1", server.httpd.server_port))
        reader.sendall(b"GET /large.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert reader.recv(64).startswith(b"HTTP/1.0 200")
        reader.close()
        time.sleep(1.5)  # long enough for the link to write into the closed connection
    assert "Traceback" not in capsys.readouterr().err
