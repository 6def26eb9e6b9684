#!/usr/bin/env python3
"""Hostile HTTP(S) server for sdetcheck's tests (Python 3 standard library only).

Started by scripts/hostile.sh; listens on 127.0.0.1 only. The same endpoints (the ROUTES
table at the end of the endpoints section) are served on every data port:

    N+443  https      HTTPS, certificate from the local test CA (the main port)
    N+445  https2     HTTPS, same certificate: a second port of the same host
    N+80   http       plain HTTP
    N+444  untrusted  HTTPS, self-signed certificate nobody trusts
    N+446  tls_hang   accepts TCP, reads the ClientHello and never answers it
    N+90   control    plain HTTP, never measured: GET /__stats, POST /__reset,
                      GET /__seen?needle=STR

Every request and connection on the data ports is recorded (they are all host 127.0.0.1
to a client, so they are measured together); /__stats turns the records into what the
tests assert: request rate, concurrency, connection linger.

The server answers at the byte level (asyncio protocols, not http.server) so it can send
malformed HTTP, stream forever, or never answer; one task per connection, so no client,
however slow or rude, holds up another.
"""

import argparse
import asyncio
import base64
import functools
import gzip
import html
import json
import math
import os
import re
import resource
import secrets
import signal
import ssl
import string
import struct
import sys
import time
import traceback
import zlib
from collections import Counter
from dataclasses import dataclass, field
from http import HTTPStatus
from urllib.parse import parse_qs, quote, unquote_to_bytes, urlsplit

HOST = "127.0.0.1"
# name -> (offset from the port base, kind); kind "tls" ports also name their certificate.
PORTS = {
    "https": (443, "tls:server"),
    "https2": (445, "tls:server"),
    "http": (80, "http"),
    "untrusted": (444, "tls:untrusted"),
    "tls_hang": (446, "tls_hang"),
    "control": (90, "control"),
}

MAX_HEAD = 1 << 20          # request line + headers; beyond: 431
MAX_BODY = 64 << 20         # request body; beyond: 413
MAX_INBOX = 4 << 20         # unparsed input kept per connection before reading pauses
HANDSHAKE_TIMEOUT = 30.0
CHUNK = 64 << 10            # write size of streamed bodies

now = time.monotonic
EVENT_ORDER_SLACK = 0.005   # seconds; see Recorder.seen_closing


class Gone(Exception):
    """The connection is over (the peer closed it, or we did): stop the handler."""


class BadRequest(Exception):
    def __init__(self, status):
        super().__init__(status)
        self.status = status


# ---------------------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------------------

@dataclass(eq=False)
class ConnRecord:
    id: int
    port: int
    opened: float
    tls: str | None = None          # None on plain ports; "ok" or "failed: reason"
    closed: float | None = None
    closed_by: str | None = None    # "client" or "server"
    last_byte: float | None = None  # last response byte handed to the kernel
    last_request: float | None = None
    paths: list = field(default_factory=list)


@dataclass(eq=False)
class RequestRecord:
    id: int
    conn: ConnRecord
    method: str
    target: str
    path: str
    head: bytes
    arrived: float                  # request head fully read
    body: bytes = b""
    done: float | None = None       # response fully written (or handler gave up)

    def end(self):
        """When the request stopped being in flight: answered, or its connection closed."""
        ends = [t for t in (self.done, self.conn.closed) if t is not None]
        return min(ends) if ends else math.inf

    @functools.cached_property
    def forms(self):
        """The raw bytes, then percent-decoded, form-decoded ('+' is a space) and with
        Basic credentials decoded, so a secret is found however the client encoded it."""
        raw = self.head + self.body
        forms = [raw, unquote_to_bytes(raw), unquote_to_bytes(raw.replace(b"+", b" "))]
        for match in re.finditer(rb"(?im)^authorization:[ \t]*basic[ \t]+([A-Za-z0-9+/=]+)", self.head):
            try:
                forms.append(base64.b64decode(match.group(1)))
            except ValueError:
                pass
        return forms


def max_in_window(times, width):
    """Most arrivals inside any half-open window [t, t + width); times sorted."""
    best, first = 0, 0
    for last, t in enumerate(times):
        while times[first] <= t - width:
            first += 1
        best = max(best, last - first + 1)
    return best


def max_overlap(intervals):
    """Most half-open intervals [start, end) covering one instant."""
    # At equal times an end sorts before a start: touching intervals do not overlap.
    events = sorted([(start, 1) for start, _ in intervals] + [(end, -1) for _, end in intervals],
                    key=lambda e: (e[0], e[1]))
    best = current = 0
    for _, delta in events:
        current += delta
        best = max(best, current)
    return best


class Recorder:
    """Every request and connection of the data ports since the last reset."""

    def __init__(self):
        self.epoch = now()
        self.since = self.epoch
        self.connections = []
        self.requests = []
        self.ids = 0

    def _id(self):
        self.ids += 1
        return self.ids

    def rel(self, t):
        return None if t is None else round(t - self.epoch, 6)

    def open_connection(self, port):
        conn = ConnRecord(self._id(), port, now())
        self.connections.append(conn)
        return conn

    def close_connection(self, conn, by):
        if conn.closed is None:
            conn.closed, conn.closed_by = now(), by

    def add_request(self, conn, method, target, path, head):
        request = RequestRecord(self._id(), conn, method, target, path, head, now())
        conn.last_request = request.arrived
        conn.paths.append(path)
        self.requests.append(request)
        return request

    def reset(self):
        # Connections still open stay (a later request on one must be counted), emptied
        # of their past; everything else is forgotten.
        self.since = now()
        self.requests = []
        self.connections = [c for c in self.connections if c.closed is None]
        for conn in self.connections:
            conn.paths = []

    def linger(self, conn):
        """How long the connection stayed open after the last thing that happened on it:
        its last response byte, its last request (a hanging endpoint never answers), or
        its opening (a connection never used, or whose TLS handshake failed)."""
        if conn.closed is None:
            return None
        last = max(t for t in (conn.opened, conn.last_byte, conn.last_request) if t is not None)
        return round(conn.closed - last, 6)

    def stats(self):
        arrivals = sorted(r.arrived for r in self.requests)
        return {
            "now": self.rel(now()),
            "reset_at": self.rel(self.since),
            "requests": len(self.requests),
            "max_requests_in_any_1s_window": max_in_window(arrivals, 1.0),
            "max_requests_in_any_500ms_window": max_in_window(arrivals, 0.5),
            "max_concurrent_requests": max_overlap([(r.arrived, r.end()) for r in self.requests]),
            # A connection open at the last reset counts from the reset.
            "max_concurrent_connections": max_overlap(
                [(max(c.opened, self.since), self.seen_closing(c)) for c in self.connections]),
            "open_now": sum(c.closed is None for c in self.connections),
            "by_path": dict(Counter(r.path for r in self.requests)),
            "by_port": dict(Counter(str(r.conn.port) for r in self.requests)),
            "connections": [{
                "id": c.id, "port": c.port, "tls": c.tls, "paths": c.paths,
                "opened": self.rel(c.opened), "closed": self.rel(c.closed), "closed_by": c.closed_by,
                "last_response_end": self.rel(c.last_byte), "linger_seconds": self.linger(c),
            } for c in self.connections],
            "request_log": [{
                "id": r.id, "connection": r.conn.id, "port": r.conn.port, "method": r.method,
                "target": r.target, "arrived": self.rel(r.arrived), "done": self.rel(r.done),
                "headers": parse_headers(r.head), "body_bytes": len(r.body),
            } for r in self.requests],
        }

    def seen_closing(self, conn):
        """When a connection ended, for overlap counts. A client that closes one connection
        and opens the next at once has its FIN and its SYN handled in one pass of the event
        loop, in either order: a close seen up to EVENT_ORDER_SLACK after an open on another
        connection is taken to have come first."""
        if conn.closed is None:
            return math.inf
        return max(conn.opened, self.since, conn.closed - EVENT_ORDER_SLACK)

    def seen(self, needle):
        matches = [r for r in self.requests if any(needle in form for form in r.forms)]
        return {
            "count": len(matches),
            "paths": [r.path for r in matches],
            "requests": [{"id": r.id, "port": r.conn.port, "method": r.method, "target": r.target}
                         for r in matches],
        }


# ---------------------------------------------------------------------------------------
# HTTP/1.1 over one connection
# ---------------------------------------------------------------------------------------

def parse_headers(head):
    """[[name, value], ...] of a request head (latin-1, as on the wire)."""
    lines = head.decode("latin-1").split("\r\n")[1:]
    return [[name.strip(), value.strip()] for name, sep, value in
            (line.partition(":") for line in lines if line) if sep]


@dataclass(eq=False)
class Request:
    method: str
    target: str
    version: str
    headers: list
    body: bytes = b""
    record: RequestRecord | None = None

    @property
    def path(self):
        return urlsplit(self.target).path or "/"

    @functools.cached_property
    def query(self):
        return parse_qs(urlsplit(self.target).query, keep_blank_values=True)

    def param(self, name, default=None):
        values = self.query.get(name)
        return values[0] if values else default

    def int_param(self, name, default, maximum):
        value = self.param(name, "")
        return min(int(value), maximum) if value.isdigit() else default

    def form(self, name, default=None):
        values = parse_qs(self.body.decode("utf-8", "replace"), keep_blank_values=True).get(name)
        return values[0] if values else default

    def header(self, name):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    @property
    def keep_alive(self):
        connection = (self.header("Connection") or "").lower()
        if self.version == "HTTP/1.0":
            return "keep-alive" in connection
        return "close" not in connection


def parse_request_head(head):
    lines = head[:-4].decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or not parts[0].isalpha() or parts[2] not in ("HTTP/1.0", "HTTP/1.1"):
        raise BadRequest(400)
    headers = []
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if not sep or not name or name != name.strip():
            raise BadRequest(400)
        headers.append((name, value.strip()))
    return Request(parts[0], parts[1], parts[2], headers)


def response_head(status, headers, reason=None):
    if reason is None:
        reason = HTTPStatus(status).phrase
    lines = [f"HTTP/1.1 {status} {reason}"] + [f"{name}: {value}" for name, value in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


class Connection(asyncio.Protocol):
    """One TCP connection on any port. The protocol callbacks only buffer input and note
    events; serve(), a task per connection, parses requests and runs the handlers. Input
    is read even while a handler sleeps or streams, so a peer's close is seen at once."""

    def __init__(self, app, listener):
        self.app = app
        self.listener = listener
        self.transport = None
        self.record = None
        self.inbox = bytearray()
        self.input = asyncio.Event()     # new bytes, or the end of the connection
        self.writable = asyncio.Event()  # our write buffer is empty
        self.writable.set()
        self.done = asyncio.Event()      # closed by either side

    # asyncio.Protocol callbacks

    def connection_made(self, transport):
        self.transport = transport
        # A handshake at our pace: keep the ClientHello in the socket until start_tls
        # reads it (here it would land in data_received and be lost to TLS).
        if self.listener.tls:
            transport.pause_reading()
        transport.set_write_buffer_limits(high=0)  # see handshake()
        if self.listener.measured:
            self.record = self.app.recorder.open_connection(self.listener.port)
        self.app.spawn(self.serve())

    def data_received(self, data):
        self.inbox += data
        self.input.set()
        if len(self.inbox) > MAX_INBOX:
            self.transport.pause_reading()

    def eof_received(self):
        return False  # a half-closed peer is a gone peer: let the transport close

    def connection_lost(self, exc):
        if self.record:
            self.app.recorder.close_connection(self.record, "client")
        self.done.set()
        self.input.set()
        self.writable.set()

    def pause_writing(self):
        self.writable.clear()

    def resume_writing(self):
        self.writable.set()

    # Driving the connection

    async def serve(self):
        try:
            if self.listener.tls:
                await self.handshake()
            if self.listener.routes is None:
                await self.done.wait()  # the tls_hang port: never a byte back
            else:
                while await self.serve_one():
                    pass
        except Gone:
            pass
        except Exception:  # a handler bug must not take the server down
            traceback.print_exc()
        finally:
            self.close()

    async def handshake(self):
        try:
            self.transport = await asyncio.get_running_loop().start_tls(
                self.transport, self, self.listener.tls, server_side=True,
                ssl_handshake_timeout=HANDSHAKE_TIMEOUT, ssl_shutdown_timeout=5.0)
        except OSError as error:  # ssl.SSLError, resets and timeouts are all OSErrors
            if self.record:
                self.record.tls = f"failed: {error or type(error).__name__}"
            raise Gone from error
        # Pause writing while anything is buffered, so send() returns once every byte
        # reached the kernel (when a response counts as written). The TLS transport pauses
        # at size >= high, the plain one at size > high: hence 1 here, 0 in connection_made.
        self.transport.set_write_buffer_limits(high=1, low=0)
        if self.record:
            self.record.tls = "ok"

    def close(self):
        if not self.done.is_set():
            if self.record:
                self.app.recorder.close_connection(self.record, "server")
            self.done.set()
            self.transport.close()

    async def serve_one(self):
        """Reads and answers one request; False when the connection should end."""
        try:
            request = await self.read_request()
        except BadRequest as error:
            body = f"{error.status} {HTTPStatus(error.status).phrase}\n".encode()
            await self.send(response_head(error.status, [
                ("Content-Type", "text/plain"), ("Content-Length", len(body)),
                ("Connection", "close")]) + body)
            return False
        if request is None:
            return False
        handler, params = self.listener.routes.find(request.path)
        try:
            await handler(self, request, **params)
        finally:
            if request.record and request.record.done is None:
                request.record.done = now()
        return request.keep_alive and not self.done.is_set()

    # Input

    async def wait_input(self):
        self.input.clear()
        try:
            await asyncio.wait_for(self.input.wait(), self.app.idle_timeout)
        except TimeoutError:
            raise Gone from None

    def take(self, n):
        data = bytes(self.inbox[:n])
        del self.inbox[:n]
        if len(self.inbox) <= MAX_INBOX and not self.done.is_set():
            self.transport.resume_reading()
        return data

    async def read_until(self, delimiter, limit, status):
        while True:
            index = self.inbox.find(delimiter)
            if index >= 0:
                return self.take(index + len(delimiter))
            if len(self.inbox) > limit:
                raise BadRequest(status)
            if self.done.is_set():
                raise Gone
            await self.wait_input()

    async def read_exactly(self, n):
        while len(self.inbox) < n:
            if self.done.is_set():
                raise Gone
            await self.wait_input()
        return self.take(n)

    async def read_request(self):
        while self.inbox.startswith(b"\r\n"):  # stray CRLFs between requests are allowed
            self.take(2)
        if not self.inbox and self.done.is_set():
            return None
        head = await self.read_until(b"\r\n\r\n", MAX_HEAD, 431)
        request = parse_request_head(head)
        if self.record:
            request.record = self.app.recorder.add_request(
                self.record, request.method, request.target, request.path, head)
            # The access log (DIR/logs/server.log).
            print(f"{self.app.recorder.rel(request.record.arrived):10.3f} :{self.listener.port} "
                  f"c{self.record.id} {request.method} {request.target[:200]}", flush=True)
        if (request.header("Expect") or "").lower() == "100-continue":
            self.transport.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        request.body = await self.read_body(request)
        if request.record:
            request.record.body = request.body
        return request

    async def read_body(self, request):
        if "chunked" in (request.header("Transfer-Encoding") or "").lower():
            body = bytearray()
            while True:
                size_line = await self.read_until(b"\r\n", 4096, 400)
                try:
                    size = int(size_line.split(b";")[0].strip(), 16)
                except ValueError:
                    raise BadRequest(400) from None
                if len(body) + size > MAX_BODY:
                    raise BadRequest(413)
                if size == 0:
                    while await self.read_until(b"\r\n", MAX_HEAD, 400) != b"\r\n":
                        pass  # trailer fields: ignored
                    return bytes(body)
                body += (await self.read_exactly(size + 2))[:-2]
        length = request.header("Content-Length")
        if length is None:
            return b""
        if not length.isdigit():
            raise BadRequest(400)
        if int(length) > MAX_BODY:
            raise BadRequest(413)
        return await self.read_exactly(int(length))

    # Output

    async def send(self, data):
        """Writes data and waits until the kernel has it; Gone if the peer left."""
        if self.done.is_set():
            raise Gone
        self.transport.write(data)
        await self.writable.wait()
        await asyncio.sleep(0)  # an endless stream to a fast reader must still yield
        if self.done.is_set():
            raise Gone
        if self.record:
            self.record.last_byte = now()

    async def sleep(self, seconds):
        """Sleeps, or raises Gone as soon as the peer leaves."""
        try:
            await asyncio.wait_for(self.done.wait(), seconds)
        except TimeoutError:
            return
        raise Gone

    async def respond(self, request, status, body=b"", content_type="text/plain; charset=utf-8",
                      headers=()):
        """A well-formed response; closes the connection if the request asked for it."""
        if isinstance(body, str):
            body = body.encode()
        fields = ([("Content-Type", content_type)] if content_type else []) + list(headers)
        fields.append(("Content-Length", len(body)))
        if not request.keep_alive:
            fields.append(("Connection", "close"))
        await self.send(response_head(status, fields) + (b"" if request.method == "HEAD" else body))

    async def send_and_close(self, data):
        """Raw bytes (malformed HTTP, or a body delimited by the close), then the close."""
        await self.send(data)
        self.close()


class Routes:
    def __init__(self, table):
        self.table = [(re.compile(pattern), handler, doc) for pattern, handler, doc in table]

    def find(self, path):
        for pattern, handler, _ in self.table:
            match = pattern.fullmatch(path)
            if match:
                return handler, match.groupdict()
        return not_found, {}


@dataclass
class Listener:
    port: int
    routes: Routes | None      # None: never answer (tls_hang)
    tls: ssl.SSLContext | None
    measured: bool


# ---------------------------------------------------------------------------------------
# Endpoints
# ---------------------------------------------------------------------------------------

def fixed(status, body="", content_type="text/plain; charset=utf-8", headers=()):
    """A handler always giving the same well-formed response."""
    async def handler(conn, request):
        await conn.respond(request, status, body, content_type, headers)
    return handler


def raw(data):
    """A handler writing the given bytes (a callable of the app, or bytes), then closing."""
    async def handler(conn, request):
        await conn.send_and_close(data(conn.app) if callable(data) else data)
    return handler


def html_page(title, body):
    return (f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>{title}</title>'
            f"</head>\n<body>\n{body}\n</body></html>\n")


HOME = html_page("Serveur hostile sdetcheck",
                 '<h1>Serveur hostile</h1>\n<p><a href="/ok">ok</a></p>')


async def not_found(conn, request):
    await conn.respond(request, 404, "not found\n")


async def slow(conn, request):
    await conn.sleep(request.int_param("ms", 500, 600_000) / 1000)
    await conn.respond(request, 200, "slow\n")


async def chain(conn, request, k):
    if int(k) == 0:
        await conn.respond(request, 200, "end of chain\n")
    else:
        await conn.respond(request, 302, headers=[("Location", f"/chain/{int(k) - 1}")])


async def port_hop(conn, request, k):
    if int(k) == 0:
        await conn.respond(request, 200, "end of hops\n")
        return
    ports_param = request.param("ports")
    ports = ([int(p) for p in ports_param.split(",")] if ports_param
             else [conn.app.ports["https"], conn.app.ports["https2"]])
    here = conn.listener.port
    # The next listed port after this one (the first if this one is not listed).
    next_port = ports[(ports.index(here) + 1) % len(ports)] if here in ports else ports[0]
    query = f"?ports={ports_param}" if ports_param else ""
    location = f"{conn.app.origin(next_port)}/port-hop/{int(k) - 1}{query}"
    await conn.respond(request, 302, headers=[("Location", location)])


# Mini CAS servers, one per "shape" under /cas-SHAPE/. Login always works like a real CAS
# (form, then 302 to the service with a one-time ticket); the shape decides the form's
# action or what the validation endpoints answer.

CAS_NS = "http://www.yale.edu/tp/cas"


def cas_success(user, ns=CAS_NS, user_xml=None, attributes_xml=None, prolog=""):
    user_xml = user_xml if user_xml is not None else f"<cas:user>{html.escape(user)}</cas:user>"
    if attributes_xml is None:
        attributes_xml = ("<cas:ENTPersonProfils>National_ELV</cas:ENTPersonProfils>"
                          "<cas:ENTPersonStructRattach>0000000A</cas:ENTPersonStructRattach>"
                          f"<cas:displayName>{html.escape(user)}</cas:displayName>")
    xmlns = f' xmlns:cas="{ns}"' if ns else ""
    return (f'{prolog}<cas:serviceResponse{xmlns}>\n  <cas:authenticationSuccess>\n    {user_xml}\n'
            f"    <cas:attributes>{attributes_xml}</cas:attributes>\n"
            "  </cas:authenticationSuccess>\n</cas:serviceResponse>\n")


def cas_failure(code, message):
    return (f'<cas:serviceResponse xmlns:cas="{CAS_NS}">\n'
            f'  <cas:authenticationFailure code="{code}">{message}</cas:authenticationFailure>\n'
            "</cas:serviceResponse>\n")


BILLION_LAUGHS_DTD = "".join(
    ["<!DOCTYPE cas:serviceResponse [\n  <!ENTITY lol0 \"lol\">\n"]
    + [f'  <!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10)] + ["]>\n"])

# What /cas-SHAPE/serviceValidate and /p3/serviceValidate answer, for any ticket; a
# callable of (app, user) giving the body, and its content type.
CAS_XML_SHAPES = {
    "comment-in-user": lambda app, user: cas_success(user, user_xml="<cas:user>eleve.test<!-- -->.evil</cas:user>"),
    "two-users": lambda app, user: cas_success(user, user_xml="<cas:user>eleve.test</cas:user><cas:user>admin</cas:user>"),
    "wrong-namespace": lambda app, user: cas_success(user, ns="http://evil.example/cas"),
    # The cas: prefix bound to nothing: not namespace-well-formed.
    "no-namespace": lambda app, user: cas_success(user, ns=None),
    "entity": lambda app, user: cas_success(
        user, user_xml="<cas:user>&xxe;</cas:user>",
        prolog=(f'<!DOCTYPE cas:serviceResponse [\n  <!ENTITY xxe SYSTEM "{app.origin(app.ports["http"])}'
                '/xxe-fetched">\n]>\n')),
    "billion-laughs": lambda app, user: cas_success(user, user_xml="<cas:user>&lol9;</cas:user>",
                                                    prolog=BILLION_LAUGHS_DTD),
    "pi-in-user": lambda app, user: cas_success(user, user_xml="<cas:user>eleve<?evil x?>.test</cas:user>"),
    "invalid-utf8": lambda app, user: cas_success(user, user_xml="<cas:user>USER</cas:user>").encode()
                                      .replace(b">USER<", b">eleve\xc3\x28test<"),
    "deep-nesting": lambda app, user: cas_success(user, attributes_xml="<n>" * 100_000 + "</n>" * 100_000),
    "empty-user": lambda app, user: cas_success(user, user_xml="<cas:user></cas:user>"),
    "success-and-failure": lambda app, user: cas_success(user).replace(
        "</cas:serviceResponse>",
        '  <cas:authenticationFailure code="INVALID_TICKET">ticket inconnu</cas:authenticationFailure>\n'
        "</cas:serviceResponse>"),
    "html": lambda app, user: html_page("Erreur", "<h1>Erreur interne</h1><p>Réessayez plus tard.</p>"),
}

# What /cas-SHAPE/validate (CAS 1.0) answers, for any ticket.
CAS1_SHAPES = {
    "cas1-extra-line": "yes\nuser\nextra\n",
    "cas1-no-user": "yes\n\n",
    "cas1-space": "yes user\n",
}

# Shapes that change the login step; every other shape logs in like cas-ok.
CAS_LOGIN_SHAPES = {"ok", "http-action", "foreign-action", "noform", "noloc", "plain-ticket",
                    "forbidden", "form-again"}
CAS_SHAPES = CAS_LOGIN_SHAPES | CAS_XML_SHAPES.keys() | CAS1_SHAPES.keys()


def new_ticket(shape="ok"):
    # plain-ticket: a ticket without the ST- prefix the protocol recommends (a canary: no
    # report may show it).
    prefix = "TOKCANARYTICKET" if shape == "plain-ticket" else "ST-"
    return prefix + "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))


def with_ticket(service, ticket):
    return f"{service}{'&' if '?' in service else '?'}ticket={ticket}"


def login_form(action):
    return html_page("Service d'authentification", f"""<h1>Connexion</h1>
<form id="fm1" method="post" action="{html.escape(action)}">
  <input type="hidden" name="lt" value="LT-{secrets.token_hex(16)}">
  <input type="hidden" name="execution" value="e1s1">
  <input type="hidden" name="_eventId" value="submit">
  <label for="username">Identifiant</label> <input id="username" name="username" type="text">
  <label for="password">Mot de passe</label> <input id="password" name="password" type="password">
  <button type="submit" name="submit" value="LOGIN">Se connecter</button>
</form>""")


async def issue_ticket(conn, request, service, shape="ok"):
    """The end of a login: a ticket for the posted username, sent back to the service."""
    user = request.form("username", "")
    if not service:
        await conn.respond(request, 200, html_page("Connexion réussie", "<p>Vous êtes connecté.</p>"),
                           "text/html; charset=utf-8")
        return
    ticket = new_ticket(shape)
    conn.app.tickets[ticket] = (user, service)
    await conn.respond(request, 302, headers=[("Location", with_ticket(service, ticket))])


async def cas(conn, request, shape, op):
    if shape not in CAS_SHAPES:
        await not_found(conn, request)
    elif op == "login":
        await cas_login(conn, request, shape)
    else:
        await cas_validate(conn, request, shape, op)


async def cas_login(conn, request, shape):
    app, service = conn.app, request.param("service", "")
    if shape == "noform":
        await conn.respond(request, 200, html_page("Connexion", "<p>Connexion indisponible.</p>"),
                           "text/html; charset=utf-8")
    elif shape == "noloc":
        await conn.respond(request, 302)
    elif shape == "forbidden" and request.method == "POST":
        # A CSRF-protected server refusing a post it does not trust (Django's answer).
        await conn.respond(request, 403, html_page("403 Forbidden", "<h1>CSRF verification failed.</h1>"),
                           "text/html; charset=utf-8")
    elif shape == "form-again" and request.method == "POST":
        # The credentials (or the flow) refused: the form comes back with a message.
        query = f"?service={quote(service, safe='')}" if service else ""
        await conn.respond(request, 200, login_form(f"/cas-{shape}/login{query}"),
                           "text/html; charset=utf-8")
    elif request.method == "POST":
        await issue_ticket(conn, request, request.form("service", service), shape)
    else:
        query = f"?service={quote(service, safe='')}" if service else ""
        action = {
            "http-action": f"{app.origin(app.ports['http'])}/collect{query}",
            "foreign-action": f"https://localhost:{app.ports['https']}/collect{query}",
        }.get(shape, f"/cas-{shape}/login{query}")
        await conn.respond(request, 200, login_form(action), "text/html; charset=utf-8")


async def cas_validate(conn, request, shape, op):
    # A ticket is good once, and only for the service it was issued for.
    entry = conn.app.tickets.pop(request.param("ticket", ""), None)
    user = entry[0] if entry else "eleve.test"
    if op == "validate":
        if shape in CAS1_SHAPES:
            body = CAS1_SHAPES[shape]
        elif entry and entry[1] == request.param("service"):
            body = f"yes\n{user}\n"
        else:
            body = "no\n\n"
        await conn.respond(request, 200, body)
        return
    content_type = "application/xml; charset=utf-8"
    if shape in CAS_XML_SHAPES:
        body = CAS_XML_SHAPES[shape](conn.app, user)
        if shape == "html":
            content_type = "text/html; charset=utf-8"
    elif not entry:
        body = cas_failure("INVALID_TICKET", "ticket inconnu")
    elif entry[1] != request.param("service"):
        body = cas_failure("INVALID_SERVICE", "le service ne correspond pas au ticket")
    else:
        body = cas_success(user)
    await conn.respond(request, 200, body, content_type)


async def collect(conn, request):
    """Where the login forms of cas-http-action and cas-foreign-action post."""
    if request.method != "POST":
        await conn.respond(request, 405, "POST only\n", headers=[("Allow", "POST")])
        return
    await issue_ticket(conn, request, request.form("service", request.param("service", "")))


async def cookie(conn, request):
    value = re.sub(r"[\x00-\x1f;]", "", request.param("v", "COOKIEVALUECANARY12345"))
    await conn.respond(request, 200, "cookies set\n", headers=[
        ("Set-Cookie", f"ENTSESSION={value}; Path=/; Secure; HttpOnly; SameSite=Lax"),
        ("Set-Cookie", "ENTPREFS=PREFSCANARY67890; Path=/"),
    ])


# Secret-bearing values of every kind a report must never show: SAML messages, OIDC code and
# tokens, a JWT. Each holds TOKCANARY (the JWT in base64: TOKEN_JWT itself is the canary).
TOKEN_JWT = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJUT0tDQU5BUlkifQ.c2lnVE9LQ0FOQVJZ"


def tokens_page(app):
    return html_page("Jetons", f"""<p>jetons</p>
<form method="post" action="/acs">
  <input type="hidden" name="SAMLResponse" value="PHNhbWxwOlJlc3BvbnNlIFRPS0NBTkFSWQTOKCANARYSAMLRESPONSE">
  <input type="hidden" name="RelayState" value="TOKCANARYRELAY1">
</form>
<a href="/cb?state=s1&amp;code=TOKCANARYCODE1">retour</a>
<script>var t = {{"id_token": "{TOKEN_JWT}", "access_token": "TOKCANARYACCESS1",
 "refresh_token": "TOKCANARYREFRESH1"}};</script>""")


async def tokens(conn, request):
    await conn.respond(request, 200, tokens_page(conn.app), "text/html; charset=utf-8")


async def tokens_json(conn, request):
    body = json.dumps({"issuer": "https://idp.example", "id_token": TOKEN_JWT,
                       "access_token": "TOKCANARYACCESS2", "refresh_token": "TOKCANARYREFRESH2",
                       "token_type": "Bearer"})
    await conn.respond(request, 200, body, "application/json")


async def tokens_redirect(conn, request):
    location = ("/ok?code=TOKCANARYCODE2&state=s2&SAMLRequest=TOKCANARYSAMLREQUEST"
                "&RelayState=TOKCANARYRELAY2&access_token=TOKCANARYACCESS3&id_token=" + TOKEN_JWT)
    await conn.respond(request, 302, headers=[("Location", location)])


async def set_cookies(conn, request):
    """Sets every ?c= value as a Set-Cookie header, as given (control characters dropped):
    odd attributes, deletions, expired dates, foreign domains, for cookie-jar tests."""
    values = [re.sub(r"[\x00-\x1f]", "", v) for v in request.query.get("c", [])]
    await conn.respond(request, 200, "cookies set\n",
                       headers=[("Set-Cookie", v) for v in values])


async def hang(conn, request):
    await conn.done.wait()


async def slow_headers(conn, request):
    """The status line, then one header line per second for s seconds, then the body."""
    await conn.send(b"HTTP/1.1 200 OK\r\n")
    for i in range(request.int_param("s", 10, 3600)):
        await conn.sleep(1)
        await conn.send(f"X-Slow-{i}: {i}\r\n".encode())
    await conn.send_and_close(b"Content-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\nslow\n")


async def drip(conn, request):
    """One body byte per second, forever (the body ends with the connection)."""
    await conn.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n")
    while True:
        await conn.send(b".")
        await conn.sleep(1)


async def endless(conn, request):
    """A chunked body, as fast as the client reads, forever."""
    await conn.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n")
    chunk = b"%x\r\n%s\r\n" % (CHUNK, b"x" * CHUNK)
    while True:
        await conn.send(chunk)


def make_gzip_bomb(total=1 << 30, block=1 << 20):
    """~1 MB of gzip inflating to `total` zero bytes, built in well under a second.

    After a full flush deflate forgets its history, so every further `block` of zeros
    compresses to the very same bytes: the stream is the header and first block, that
    repeated block, the final empty block, and a trailer (CRC-32 and size of everything)
    computed here since zlib only saw two blocks."""
    zeros = bytes(block)
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    first = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    final_block = compressor.flush(zlib.Z_FINISH)[:-8]
    crc = 0
    for _ in range(total // block):
        crc = zlib.crc32(zeros, crc)
    trailer = struct.pack("<II", crc, total & 0xFFFFFFFF)
    return first + repeated * (total // block - 1) + final_block + trailer


async def gzip_bomb(conn, request):
    bomb = conn.app.gzip_bomb
    await conn.send(response_head(200, [("Content-Type", "text/html; charset=utf-8"),
                                        ("Content-Encoding", "gzip"), ("Content-Length", len(bomb))]))
    view = memoryview(bomb)
    for offset in range(0, len(bomb), CHUNK):
        await conn.send(view[offset:offset + CHUNK])


COMPRESSIBLE_PAGE = html_page("Page compressée", "\n".join(
    f"<p>Paragraphe {i} : le contenu de cette page est compressé.</p>" for i in range(100)))


def compressed(data, wbits):
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    return compressor.compress(data.encode()) + compressor.flush()


GZIP_PAGE = gzip.compress(COMPRESSIBLE_PAGE.encode(), mtime=0)
TRUNCATED_GZIP = GZIP_PAGE[:len(GZIP_PAGE) // 2]
RAW_DEFLATE_PAGE = compressed(COMPRESSIBLE_PAGE, -zlib.MAX_WBITS)
# Bytes no brotli decoder accepts (fixed, so every run sends the same).
NOT_BROTLI = bytes((i * 151 + 7) % 256 for i in range(512))


def headers_10000(app):
    fields = "".join(f"X-Header-{i}: value-{i}\r\n" for i in range(10_000))
    return f"HTTP/1.1 200 OK\r\n{fields}Content-Length: 3\r\nConnection: close\r\n\r\nok\n".encode()


def headers_reset(app):
    """10,000 headers, every 250th starting with "HTTP/": a client that takes any such line
    for a new status line would reset its header count and never see the flood."""
    fields = "".join(("HTTP/x: 1\r\n" if i % 250 == 249 else f"X-Header-{i}: value-{i}\r\n")
                     for i in range(10_000))
    return f"HTTP/1.1 200 OK\r\n{fields}Content-Length: 3\r\nConnection: close\r\n\r\nok\n".encode()


INJECT_HEADERS = [
    ("Server", "Apache\x1b[31m <script>alert(1)</script>"),
    ("X-Inject-Esc", "\x1b[31mrouge\x1b[0m"),
    ("X-Inject-Bel", "sonnerie\x07"),
    ("X-Inject-Title", "\x1b]0;title\x07"),
    ("X-Inject-Cdata", "fin]]>"),
    ("X-Inject-Script", "<script>alert(1)</script>"),
    ("X-Inject-Shell", "a|b `id` $(id)"),
]
INJECT_BODY = (
    b'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
    b"<title>\x1b[31m<script>alert(1)</script></title></head>\n<body>\n"
    b"<p>esc \x1b[31m rouge \x1b[0m bel \x07 titre \x1b]0;title\x07</p>\n"
    b"<p>nul \x00 del \x7f c1 \xc2\x9b invalid-utf8 \xff\xfe\xc3\x28</p>\n"
    b"<p>]]> </textarea> --> {{mustache}} {{{triple}}} a|b `id`</p>\n"
    b"<script>alert(1)</script>\n</body></html>\n")


async def inject(conn, request):
    await conn.respond(request, 200, INJECT_BODY, "text/html; charset=utf-8", INJECT_HEADERS)


def saml_metadata_xxe(app):
    https = app.origin(app.ports["https"])
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE md:EntityDescriptor [
  <!ENTITY xxe SYSTEM "{app.origin(app.ports['http'])}/xxe-fetched">
]>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"
    xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="{https}/saml/metadata">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data>
      <ds:X509Certificate>{app.certificate_b64}</ds:X509Certificate>
    </ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
        Location="{https}/saml/sso"/>
  </md:IDPSSODescriptor>
  <md:Organization>
    <md:OrganizationName xml:lang="fr">&xxe;</md:OrganizationName>
    <md:OrganizationDisplayName xml:lang="fr">&xxe;</md:OrganizationDisplayName>
    <md:OrganizationURL xml:lang="fr">{https}/</md:OrganizationURL>
  </md:Organization>
</md:EntityDescriptor>
"""


def oidc_configuration(app):
    https = app.origin(app.ports["https"])
    return json.dumps({
        "issuer": "https://evil.example/oidc",  # not the URL it was fetched from
        "authorization_endpoint": f"{https}/oidc/authorize",
        "token_endpoint": f"{https}/oidc/token",
        "jwks_uri": f"{https}/oidc/jwks",
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
    }, indent=2) + "\n"


def with_app(status, build, content_type):
    """Like fixed(), for a body depending on the ports or certificates."""
    async def handler(conn, request):
        await conn.respond(request, status, build(conn.app), content_type)
    return handler


# Large pathological bodies, built on first use.
BIG_BODIES = {
    "attrs-100k": lambda: html_page("Attributs", "<div " + " ".join(f'a{i}="x"' for i in range(100_000))
                                    + ">trop d'attributs</div>"),
    "deep-html": lambda: html_page("Profond", "<div>" * 100_000 + "fond" + "</div>" * 100_000),
    "many-tags": lambda: html_page("Paragraphes", "<p>" * 60_000),
    "xml-deep": lambda: '<?xml version="1.0"?>\n' + "<a>" * 1_000_000 + "</a>" * 1_000_000 + "\n",
    "json-deep": lambda: "[" * 100_000 + "]" * 100_000 + "\n",
}


@functools.cache
def big_body(name):
    return BIG_BODIES[name]().encode()


def big(name, content_type):
    async def handler(conn, request):
        await conn.respond(request, 200, big_body(name), content_type)
    return handler


def redirect(status, location):
    """A redirect to location(app): the ports are only known at startup."""
    async def handler(conn, request):
        await conn.respond(request, status, headers=[("Location", location(conn.app))])
    return handler


HUGE_LOCATION = "/ok?pad=" + "a" * (200 << 10)


HTML = "text/html; charset=utf-8"
JSON = "application/json"
XML = "application/xml; charset=utf-8"
CAS_OPS = r"(?P<op>login|validate|serviceValidate|p3/serviceValidate)"

# Every data port serves this table, first match wins; the pattern matches the whole
# path (the query string is not part of it).
ROUTES = Routes([
    # --- normal
    (r"/", fixed(200, HOME, HTML), "200, a small HTML page"),
    (r"/ok", fixed(200, "ok\n"), "200, text"),
    (r"/slow", slow, "?ms=500: 200 after the delay (concurrency measurements)"),
    (r"/chain/(?P<k>\d+)", chain, "302 to /chain/K-1; /chain/0 is 200"),
    (r"/port-hop/(?P<k>\d+)", port_hop,
     "?ports=A,B: 302 to the next listed port, absolute URL, K-1; /port-hop/0 is 200"),
    # --- CAS-like logins (see CAS_* above)
    (rf"/cas-(?P<shape>[a-z0-9-]+)/{CAS_OPS}", cas,
     "mini CAS server per shape: ok, http-action, foreign-action, noform, noloc, plain-ticket, "
     "forbidden (403 on the post), form-again (the form after the post), "
     "the CAS_XML_SHAPES and the CAS1_SHAPES"),
    (r"/collect", collect, "POST: 302 to ?service= with a ticket (form action of two CAS shapes)"),
    # --- secret-bearing values (canaries: TOKCANARY, TOKEN_JWT)
    (r"/tokens", tokens, "HTML with a SAMLResponse and RelayState form, an OIDC code link, tokens in a script"),
    (r"/tokens\.json", tokens_json, "JSON with id_token (a JWT), access_token, refresh_token"),
    (r"/tokens-redirect", tokens_redirect, "302 to /ok with code, SAMLRequest, RelayState, tokens in the query"),
    # --- cookies and redirect traps
    (r"/cookie", cookie, "Set-Cookie ENTSESSION=?v (Secure, HttpOnly, SameSite) and ENTPREFS (no flags)"),
    (r"/set-cookie", set_cookies, "?c=RAW (repeatable): one Set-Cookie header per value, as given"),
    (r"/downgrade", redirect(302, lambda app: f"{app.origin(app.ports['http'])}/landing"),
     "302 to http://127.0.0.1:N+80/landing"),
    (r"/landing", fixed(200, "landing\n"), "200, where /downgrade leads (recorded with its headers)"),
    (r"/loop", fixed(302, headers=[("Location", "/loop")]), "302 to itself"),
    (r"/no-location", fixed(302, "redirect without Location\n"), "302 without Location"),
    (r"/location-huge", fixed(302, headers=[("Location", HUGE_LOCATION)]), "302 with a 200 KB Location"),
    (r"/redirect-307-foreign", redirect(307, lambda app: f"https://localhost:{app.ports['https']}/ok"),
     "307 to https://localhost:N+443/ok (another origin)"),
    # --- slow and endless
    (r"/hang", hang, "reads the request, never answers, keeps the socket until the client closes"),
    (r"/slow-headers", slow_headers, "?s=10: one header line per second for s seconds"),
    (r"/drip", drip, "headers, then one body byte per second forever"),
    (r"/endless", endless, "chunked body as fast as possible, forever"),
    # --- compression
    (r"/gzip-bomb", gzip_bomb, "Content-Encoding: gzip, 1 GiB of zeros in ~1 MB"),
    (r"/truncated-gzip", fixed(200, TRUNCATED_GZIP, HTML, [("Content-Encoding", "gzip")]),
     "the first half of a gzip page, Content-Length of that half"),
    (r"/gzip-ok", fixed(200, GZIP_PAGE, HTML, [("Content-Encoding", "gzip")]), "a valid gzip page"),
    (r"/deflate-raw", fixed(200, RAW_DEFLATE_PAGE, HTML, [("Content-Encoding", "deflate")]),
     "Content-Encoding: deflate, raw deflate data (no zlib header)"),
    (r"/br-unasked", fixed(200, NOT_BROTLI, HTML, [("Content-Encoding", "br")]),
     "Content-Encoding: br whatever was asked, garbage bytes"),
    # --- broken framing (each closes the connection)
    (r"/chunk-ext", raw(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n"
                        b"Connection: close\r\n\r\n5;ext=" + b"e" * (1 << 20) + b"\r\nhello\r\n0\r\n\r\n"),
     "a chunk with a 1 MB chunk extension, body 'hello'"),
    (r"/bad-chunk", raw(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n"
                        b"Connection: close\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"), "chunk size 'zz'"),
    (r"/short-body", raw(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
                         b"0123456789"), "Content-Length 1000, 10 bytes, close"),
    (r"/headers-10000", raw(headers_10000), "10,000 response headers"),
    (r"/headers-reset", raw(headers_reset), "10,000 response headers, every 250th named 'HTTP/x'"),
    (r"/header-line-huge", raw(b"HTTP/1.1 200 OK\r\nX-Huge: " + b"h" * (200 << 10)
                               + b"\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n"),
     "one 200 KB header line"),
    (r"/status-garbage", raw(b"HTTP/1.1 abc OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n"),
     "status line 'HTTP/1.1 abc OK'"),
    (r"/no-status", raw(b"<html><body>no status line</body></html>\n"), "a body without status line or headers"),
    (r"/nul-header", raw(b"HTTP/1.1 200 OK\r\nX-Nul: before\x00after\r\nContent-Length: 3\r\n"
                         b"Connection: close\r\n\r\nok\n"), "a header value with a NUL byte"),
    # --- refusals
    (r"/429", fixed(429, "too many requests\n", headers=[("Retry-After", "120")]), "429, Retry-After: 120"),
    (r"/503", fixed(503, "unavailable\n", headers=[("Retry-After", "60")]), "503, Retry-After: 60"),
    (r"/502", fixed(502, "bad gateway\n"), "502"),
    # --- pathological content
    (r"/attrs-100k", big("attrs-100k", HTML), "one <div> with 100,000 distinct attributes"),
    (r"/deep-html", big("deep-html", HTML), "100,000 nested <div>"),
    (r"/many-tags", big("many-tags", HTML), "60,000 <p> tags"),
    (r"/xml-deep", big("xml-deep", XML), "1,000,000 nested XML elements"),
    (r"/json-deep", big("json-deep", JSON), "100,000 nested arrays"),
    (r"/json-huge-number", fixed(200, '{"issuer": 1e999999}\n', JSON), '{"issuer": 1e999999}'),
    (r"/json-ok", fixed(200, '{"issuer": "https://127.0.0.1"}\n', JSON), '{"issuer": "https://127.0.0.1"}'),
    # --- report injection
    (r"/inject", inject, "terminal escapes, HTML/XML/template breakers in headers and body"),
    # --- SAML / OIDC
    (r"/saml/metadata-xxe", with_app(200, saml_metadata_xxe, XML),
     "IdP metadata with an external entity to /xxe-fetched"),
    (r"/oidc/\.well-known/openid-configuration", with_app(200, oidc_configuration, JSON),
     "valid discovery document whose issuer is another URL"),
    (r"/xxe-fetched", fixed(200, "eleve.evil\n"), "what the external entities point to (requests recorded)"),
])


# ---------------------------------------------------------------------------------------
# Control port
# ---------------------------------------------------------------------------------------

async def control_stats(conn, request):
    await conn.respond(request, 200, json.dumps(conn.app.recorder.stats()) + "\n", JSON)


async def control_reset(conn, request):
    if request.method != "POST":
        await conn.respond(request, 405, "POST only\n", headers=[("Allow", "POST")])
        return
    conn.app.recorder.reset()
    conn.app.tickets.clear()
    await conn.respond(request, 200, '{"reset": true}\n', JSON)


async def control_seen(conn, request):
    needle = request.param("needle", "")
    if not needle:
        await conn.respond(request, 400, "needle is required\n")
        return
    await conn.respond(request, 200, json.dumps(conn.app.recorder.seen(needle.encode())) + "\n", JSON)


CONTROL_ROUTES = Routes([
    (r"/__stats", control_stats, "measurements since the last reset (JSON)"),
    (r"/__reset", control_reset, "POST: forget every record"),
    (r"/__seen", control_seen, "?needle=STR: recorded requests containing STR (raw or decoded)"),
])


# ---------------------------------------------------------------------------------------
# Startup
# ---------------------------------------------------------------------------------------

class App:
    def __init__(self, port_base, certs, idle_timeout):
        self.ports = {name: port_base + offset for name, (offset, _) in PORTS.items()}
        self.certs = certs
        self.idle_timeout = idle_timeout
        self.recorder = Recorder()
        self.tickets = {}  # ticket -> (user, service)
        self.tasks = set()
        self.gzip_bomb = make_gzip_bomb()
        with open(os.path.join(certs, "server.pem")) as pem:
            self.certificate_b64 = "".join(
                line.strip() for line in pem if line.strip() and not line.startswith("-----"))

    def origin(self, port):
        scheme = "http" if port in (self.ports["http"], self.ports["control"]) else "https"
        return f"{scheme}://{HOST}:{port}"

    def spawn(self, coroutine):
        task = asyncio.create_task(coroutine)
        self.tasks.add(task)  # the loop keeps only weak references to tasks
        task.add_done_callback(self.tasks.discard)

    def tls_context(self, name):
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(os.path.join(self.certs, f"{name}.pem"), os.path.join(self.certs, f"{name}.key"))
        return context

    def listener(self, name):
        port, kind = self.ports[name], PORTS[name][1]
        if kind == "control":
            return Listener(port, CONTROL_ROUTES, None, measured=False)
        if kind == "tls_hang":
            return Listener(port, None, None, measured=True)
        tls = self.tls_context(kind.split(":")[1]) if kind.startswith("tls:") else None
        return Listener(port, ROUTES, tls, measured=True)


def write_atomically(path, text):
    temporary = f"{path}.tmp"
    with open(temporary, "w") as out:
        out.write(text)
    os.replace(temporary, path)


async def run(args):
    app = App(args.port_base, args.certs, args.idle_timeout)
    loop = asyncio.get_running_loop()
    servers = []
    for name in PORTS:
        listener = app.listener(name)
        servers.append(await loop.create_server(
            lambda listener=listener: Connection(app, listener), HOST, listener.port,
            backlog=1024, reuse_address=True))
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    write_atomically(args.pid_file, f"{os.getpid()}\n")
    write_atomically(args.ports_file, json.dumps(app.ports, indent=2) + "\n")  # the ready signal
    print(f"hostile server ready: {json.dumps(app.ports)}", flush=True)
    await stop.wait()
    for server in servers:
        server.close()
    for task in list(app.tasks):
        task.cancel()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port-base", type=int, default=19000)
    parser.add_argument("--certs", help="directory with server.{pem,key} and untrusted.{pem,key}")
    parser.add_argument("--pid-file")
    parser.add_argument("--ports-file", help="written once every port listens")
    parser.add_argument("--idle-timeout", type=float, default=120.0,
                        help="seconds an idle connection is kept (long: client linger is measured)")
    parser.add_argument("--routes", action="store_true", help="print the endpoint table and exit")
    args = parser.parse_args()
    if args.routes:
        for pattern, _, doc in ROUTES.table + CONTROL_ROUTES.table:
            print(f"{pattern.pattern:42} {doc}")
        return
    if not (args.certs and args.pid_file and args.ports_file):
        parser.error("--certs, --pid-file and --ports-file are required")
    # Many concurrent connections are the point of some tests: lift the descriptor limit.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
