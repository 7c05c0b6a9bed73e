"""An HTTP/1.1 load balancer for the scale-out load run, cut like nginx's defaults in front of several servers: the
request body is buffered before it is sent (proxy_request_buffering on), each request goes to the next server in turn
on a connection of its own (no upstream keep-alive), and a request whose server refused the connection or closed it
before the first byte of an answer goes to the next server if its method is idempotent (proxy_next_upstream error;
POST, PATCH and LOCK are not passed on once sent). Once a byte of the answer has gone to the client nothing is retried:
a server killed mid-answer cuts the client's connection, which the client sees.

Counts what it did: `requests`, `retried` (a request sent again to another server) and `cut` (a client connection
closed because its request could not be completed)."""
import asyncio
import itertools
import threading

NOT_RETRIED = {b"POST", b"PATCH", b"LOCK"}
HEAD_LIMIT = 64 << 10
BODY_LIMIT = 256 << 20


class BadRequest(Exception):
    pass


class Balancer:
    """Listens on 127.0.0.1:PORT and spreads requests over BACKENDS (ports); runs on its own thread."""

    def __init__(self, port, backends):
        self.port, self.backends = port, backends
        self.turn = itertools.count()
        self.requests = self.retried = self.cut = 0
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        asyncio.run_coroutine_threadsafe(self._listen(), self.loop).result(10)

    async def _listen(self):
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", self.port, backlog=512,
                                                 limit=HEAD_LIMIT)

    def close(self):
        self.loop.call_soon_threadsafe(self.server.close)

    async def _serve(self, reader, writer):
        try:
            while True:
                request = await read_request(reader, writer)
                if request is None:
                    break
                self.requests += 1
                if not await self._forward(request, writer):
                    self.cut += 1
                    break
                if request.close:
                    break
        except (BadRequest, ConnectionError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    async def _forward(self, request, writer):
        """Sends REQUEST to servers in turn until one answers; True if the client connection can carry another request."""
        start = next(self.turn)
        for attempt in range(len(self.backends) * 2):
            port = self.backends[(start + attempt) % len(self.backends)]
            try:
                up_reader, up_writer = await asyncio.open_connection("127.0.0.1", port, limit=HEAD_LIMIT)
            except OSError:
                continue  # refused: nothing was sent, any method may go to the next server
            try:
                up_writer.write(request.upstream_bytes())
                await up_writer.drain()
            except (ConnectionError, OSError):
                pass  # a server may answer (a refusal) before it has read the whole body: its answer decides
            try:
                head = await up_reader.readuntil(b"\r\n\r\n")
            except (ConnectionError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
                up_writer.close()
                if request.method in NOT_RETRIED:
                    return False
                self.retried += 1
                await asyncio.sleep(0.1 * attempt)
                continue
            try:
                return await relay_answer(request, head, up_reader, writer)
            finally:
                up_writer.close()
        return False


class Request:
    def __init__(self, method, head_lines, body, close):
        self.method, self.head_lines, self.body, self.close = method, head_lines, body, close

    def upstream_bytes(self):
        lines = [l for l in self.head_lines if header_name(l) not in (b"connection", b"keep-alive", b"expect",
                                                                     b"transfer-encoding", b"content-length")]
        if self.body or self.method in (b"PUT", b"POST", b"PATCH"):
            lines.append(b"Content-Length: " + str(len(self.body)).encode())
        lines.append(b"Connection: close")
        return b"\r\n".join(lines) + b"\r\n\r\n" + self.body


def header_name(line):
    return line.split(b":", 1)[0].strip().lower()


def header(lines, name):
    for l in lines[1:]:
        if header_name(l) == name:
            return l.split(b":", 1)[1].strip()
    return None


async def read_request(reader, writer):
    """The next request on a client connection, its body read whole; None at a clean end of the connection."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as e:
        if e.partial.strip():
            raise BadRequest()
        return None
    lines = head[:-4].split(b"\r\n")
    parts = lines[0].split(b" ")
    if len(parts) != 3:
        raise BadRequest()
    method, version = parts[0], parts[2]
    connection = (header(lines, b"connection") or b"").lower()
    close = version == b"HTTP/1.0" and b"keep-alive" not in connection or b"close" in connection
    if (header(lines, b"expect") or b"").lower() == b"100-continue":
        writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")  # the body is buffered here, as nginx does
        await writer.drain()
    if b"chunked" in (header(lines, b"transfer-encoding") or b"").lower():
        body = await read_chunked(reader)
    else:
        length = int(header(lines, b"content-length") or b"0")
        if length > BODY_LIMIT:
            raise BadRequest()
        body = await reader.readexactly(length)
    return Request(method, lines, body, close)


async def read_chunked(reader):
    chunks, size = [], 0
    while True:
        n = int((await reader.readuntil(b"\r\n")).split(b";")[0].strip(), 16)
        if n == 0:
            while (await reader.readuntil(b"\r\n")) != b"\r\n":
                pass  # trailers, dropped
            return b"".join(chunks)
        size += n
        if size > BODY_LIMIT:
            raise BadRequest()
        chunks.append(await reader.readexactly(n))
        await reader.readexactly(2)


async def relay_answer(request, head, up_reader, writer):
    """Passes the server's answer on until the server closes; True if it arrived whole and the client may go on."""
    lines = head[:-4].split(b"\r\n")
    status = int(lines[0].split(b" ")[1])
    length = header(lines, b"content-length")
    chunked = b"chunked" in (header(lines, b"transfer-encoding") or b"").lower()
    bodiless = request.method == b"HEAD" or status in (204, 304) or 100 <= status < 200
    framed = bodiless or chunked or length is not None
    keep = framed and not request.close
    out = [l for l in lines if header_name(l) not in (b"connection", b"keep-alive")]
    out.append(b"Connection: keep-alive" if keep else b"Connection: close")
    writer.write(b"\r\n".join(out) + b"\r\n\r\n")
    received, tail = 0, b""
    while data := await up_reader.read(1 << 16):
        received += len(data)
        tail = (tail + data)[-5:]
        writer.write(data)
        await writer.drain()
    if bodiless:
        return keep
    if chunked:
        return keep and tail == b"0\r\n\r\n"
    if length is not None:
        return keep and received == int(length)
    return False
