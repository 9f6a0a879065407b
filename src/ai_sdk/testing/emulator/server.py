"""The emulator's HTTP server: a standard-library ``ThreadingHTTPServer`` on loopback speaking HTTP/1.1
(keep-alive, chunked SSE), one daemon thread per connection, with a listen backlog that lets hundreds of
clients connect at once.

The server only does I/O: it reads and records each request, checks the bearer key, validates the body
against DeepInfra's OpenAPI schema, takes the route's next scripted reply, asks the pure route modules
for an :data:`~.wire.Answer`, and writes it. Stopping closes every open connection, so a client blocked
on a slow or endless stream gets an error instead of a hang.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import importlib.util
import re
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qsl, unquote, urlsplit

from ...spec import _json
from ...spec.errors import InvalidArgumentError
from .admission import ModelSlots
from .audio import speech_answer, transcription_answer, tts_answer
from .batches import BatchControls
from .catalog import MODELS, models_list
from .chat import chat_answer
from .completions import completion_answer
from .embeddings import embeddings_answer
from .images import edit_answer, generations_answer, inference_answer
from .multipart import FormPart, boundary_of, parse_multipart
from .replies import Disconnect, ErrorReply, RawReply, Reply, Response, Route
from .rerank import is_rerank_request, rerank_answer
from .script import ChatScript, RouteScript, Scripts, TextScript
from .wire import (
    Answer,
    DisconnectAnswer,
    JSONAnswer,
    StreamAnswer,
    json_answer,
    native_error_body,
    openai_error_body,
    status_message,
    validation_answer,
)

__all__ = ["DEFAULT_RATE_LIMIT", "DEFAULT_TPM_RATE_LIMIT", "DeepInfraEmulator", "RecordedRequest"]

DEFAULT_RATE_LIMIT = 200
"""Requests in flight per model that ``/me/rate_limit`` reports by default: DeepInfra's default."""
DEFAULT_TPM_RATE_LIMIT = 1_000_000
"""Tokens per minute per model that ``/me/rate_limit`` reports by default."""

_BEARER = re.compile(r"^\s*bearer\s+(\S.*?)\s*$", re.IGNORECASE)
_SCHEMAS: dict[Route, str] = {
    "chat": "OpenAIChatCompletionsIn",
    "completions": "OpenAICompletionsIn",
    "embeddings": "OpenAIEmbeddingsIn",
    "image_generations": "OpenAIImagesGenerationsIn",
    "audio_speech": "OpenAITextToSpeechIn",
    "text_to_speech": "ElevenLabsTextToSpeechIn",
}
_POST_ROUTES: dict[str, Route] = {
    "/chat/completions": "chat",
    "/completions": "completions",
    "/embeddings": "embeddings",
    "/images/edits": "image_edits",
    "/images/generations": "image_generations",
    "/audio/transcriptions": "audio_transcriptions",
    "/audio/translations": "audio_translations",
    "/audio/speech": "audio_speech",
}
_ACCOUNT_ROUTES = frozenset({"models", "models_list", "rate_limit"})
"""The GET routes about the account and its models: no body, and no model's in-flight slot."""
_INFERENCE_PREFIX = "/v1/inference/"
_TTS_PATH = re.compile(r"^/v1/text-to-speech/[^/]+(?:/stream)?$")
_POLL_INTERVAL = 0.01


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    """One request the emulator received, as it arrived.

    ``body`` is the parsed JSON value, the list of :class:`~.multipart.FormPart` of a multipart body, or
    ``None`` (no body, or not parsable: see ``raw``). ``headers`` have lower-case keys and include the
    ``authorization`` header the client sent; ``repr`` leaves headers out so keys never reach logs.
    """

    method: str
    path: str
    route: Route | None
    headers: dict[str, str]
    body: Any
    raw: bytes
    query: dict[str, str] = field(default_factory=dict)
    model: str | None = None
    """The model id: from the body, or from the path for native inference."""

    @property
    def api_key(self) -> str | None:
        """The bearer token sent, if any (for asserting that a client authenticates)."""
        match = _BEARER.match(self.headers.get("authorization", ""))
        return match[1] if match else None

    def form(self, name: str) -> list[FormPart]:
        """The multipart parts named ``name``."""
        parts = self.body if isinstance(self.body, list) else []
        return [part for part in parts if isinstance(part, FormPart) and part.name == name]

    def __repr__(self) -> str:
        return f"RecordedRequest({self.method} {self.path}, route={self.route!r}, {len(self.raw)} bytes)"


def _route_of(method: str, path: str) -> tuple[Route | None, str | None, bool]:
    """``(route, model id from the path, whether the method fits)`` for a request path."""
    if path.startswith(_INFERENCE_PREFIX) and len(path) > len(_INFERENCE_PREFIX):
        return "inference", unquote(path[len(_INFERENCE_PREFIX) :]), method == "POST"
    if path == "/models/list":
        return "models_list", None, method == "GET"
    if not path.startswith("/v1/"):
        return None, None, True
    if _TTS_PATH.match(path):
        return "text_to_speech", None, method == "POST"
    rest = path[3:].removeprefix("/openai")
    if rest == "/models":
        return "models", None, method == "GET"
    if path == "/v1/me/rate_limit":
        return "rate_limit", None, method == "GET"
    head = rest.split("/")[1]
    if head == "files":
        return "files", None, True  # batches.py answers each method of the Files and Batch routes
    if head == "batches":
        return "batches", None, True
    route = _POST_ROUTES.get(rest)
    if route is None:
        return None, None, True
    return route, None, method == "POST"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # The listen backlog. The standard library's 5 drops the SYNs of a burst of clients (each then waits for a
    # 1 s, 3 s, 7 s ... retransmit, or sees a reset): 200 concurrent clients took minutes instead of a second.
    request_queue_size = 1024
    emulator: DeepInfraEmulator


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 120  # seconds an idle keep-alive connection stays open
    disable_nagle_algorithm = True  # headers, body and each SSE frame go out at once
    server: _Server

    def version_string(self) -> str:
        return "deepinfra-emulator"

    def setup(self) -> None:
        super().setup()
        self.server.emulator._track(self.connection, add=True)

    def handle(self) -> None:
        try:
            super().handle()
        except OSError:
            # The client reset the connection, or stop() shut it: nobody is left to answer.
            self.close_connection = True

    def finish(self) -> None:
        try:
            with contextlib.suppress(OSError):  # flushing to a client that is gone
                super().finish()
        finally:
            self.server.emulator._track(self.connection, add=False)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.emulator.verbose:
            sys.stderr.write(f"emulator: {format % args}\n")

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def do_PATCH(self) -> None:
        self._serve()

    # ----------------------------------------------------------------------------------------- reading

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("transfer-encoding", "").lower():
            pieces: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(pieces)
                pieces.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("content-length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _serve(self) -> None:
        emulator = self.server.emulator
        try:
            raw = self._read_body()
        except (ValueError, OSError):
            self.close_connection = True
            return
        split = urlsplit(self.path)
        route, path_model, method_ok = _route_of(self.command, split.path)
        headers = {key.lower(): value for key, value in self.headers.items()}
        raw, body, problem = _decode_body(route, headers, raw)
        model = path_model or _model_of(body)
        request = RecordedRequest(
            self.command, split.path, route, headers, body, raw, dict(parse_qsl(split.query)), model
        )
        position = emulator._record(request)
        answer: Answer
        if route is None:
            answer = json_answer({"detail": "Not Found"}, status=404)
        elif not method_ok:
            answer = json_answer({"detail": "Method Not Allowed"}, status=405)
        elif not emulator._authorized(headers):
            answer = json_answer(openai_error_body("Not authenticated"), status=401)
        elif problem is not None:
            answer = problem
        else:
            self._answer_within_cap(route, request, position)
            return
        self._write(answer)

    def _answer_within_cap(self, route: Route, request: RecordedRequest, position: int) -> None:
        """Answer while holding one of the model's in-flight slots (429 when it has none free), after the
        emulator's per-request latency."""
        emulator = self.server.emulator
        model = (request.model or "") if route not in _ACCOUNT_ROUTES else None
        with contextlib.ExitStack() as stack:
            admitted = model is None or stack.enter_context(emulator._slots.hold(model))
            answer: Answer
            if not admitted:
                answer = _scripted_answer(route, ErrorReply(429))
            else:
                try:
                    answer = emulator._answer(route, request, position)
                except Exception as error:  # a body it cannot make sense of (with validate=False): say so
                    answer = json_answer(
                        openai_error_body(f"The emulator cannot answer this request: {error!r}"), status=500
                    )
                if emulator._latency > 0:
                    answer = replace(answer, delay=answer.delay + emulator._latency)
            self._write(answer, stack.close)

    # ----------------------------------------------------------------------------------------- writing

    def _write(self, answer: Answer, done: Callable[[], object] = lambda: None) -> None:
        """Write ``answer``; ``done`` is called just before its last bytes go out (the request leaves
        the in-flight count then, so a client that has its whole answer is never still counted)."""
        stopping = self.server.emulator._stopping
        try:
            if answer.delay > 0 and stopping.wait(answer.delay):
                self._cut()
                return
            if isinstance(answer, DisconnectAnswer):
                done()
                self._cut()
            elif isinstance(answer, JSONAnswer):
                self.send_response(answer.status)
                for key, value in answer.headers.items():
                    self.send_header(key, value)
                self.send_header("content-length", str(len(answer.body)))
                self.end_headers()
                done()
                self.wfile.write(answer.body)
                self.wfile.flush()
            else:
                self._write_stream(answer, done)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True

    def _write_stream(self, answer: StreamAnswer, done: Callable[[], object]) -> None:
        self.send_response(200)
        for key, value in answer.headers.items():
            self.send_header(key, value)
        self.send_header("transfer-encoding", "chunked")
        self.end_headers()
        self.wfile.flush()
        stopping = self.server.emulator._stopping
        for index, frame in enumerate(answer.frames):
            if index == answer.drop_after or (index and answer.chunk_delay > 0 and stopping.wait(answer.chunk_delay)):
                self._cut()
                return
            if index == len(answer.frames) - 1:
                done()  # before the last frame: a client may stop reading at [DONE]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(frame), frame))
            self.wfile.flush()
        done()  # idempotent; for a stream without frames
        if answer.drop_after is not None and answer.drop_after >= len(answer.frames):
            self._cut()
            return
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _cut(self) -> None:
        """End the connection now, mid-answer if need be: the client sees the body end early."""
        self.close_connection = True
        try:
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _model_of(body: Any) -> str | None:
    if isinstance(body, Mapping) and isinstance(body.get("model"), str):
        return str(body["model"])
    if isinstance(body, Mapping) and isinstance(body.get("model_id"), str):
        return str(body["model_id"])
    if isinstance(body, list):
        return next((part.text for part in body if isinstance(part, FormPart) and part.name == "model"), None)
    return None


def _decode_body(route: Route | None, headers: Mapping[str, str], raw: bytes) -> tuple[bytes, Any, JSONAnswer | None]:
    """The (decompressed) bytes, the parsed body, and the error answer when the body cannot be read."""
    if headers.get("content-encoding", "").lower() == "gzip" and raw:
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError):
            return raw, None, json_answer({"detail": "Request body is not valid gzip"}, status=400)
    if route is None or route in _ACCOUNT_ROUTES or (route in ("files", "batches") and not raw):
        return raw, None, None
    if route in ("image_edits", "files", "audio_transcriptions", "audio_translations"):
        boundary = boundary_of(headers.get("content-type", ""))
        if boundary is None:
            problem = [{"loc": ["body"], "msg": "expected multipart/form-data", "type": "value_error"}]
            return raw, None, validation_answer(problem)
        try:
            return raw, parse_multipart(raw, boundary), None
        except ValueError as error:
            return raw, None, validation_answer([{"loc": ["body"], "msg": str(error), "type": "value_error"}])
    if not raw:
        missing = [{"loc": ["body"], "msg": "field required", "type": "value_error.missing"}]
        return raw, None, validation_answer(missing)
    try:
        return raw, _json.loads(raw), None
    except _json.JSONDecodeError as error:
        location: list[Any] = ["body", error.pos]
        return raw, None, validation_answer([{"loc": location, "msg": error.msg, "type": "value_error.jsondecode"}])


def _scripted_answer(route: Route, response: ErrorReply | RawReply | Disconnect) -> Answer:
    if isinstance(response, Disconnect):
        return DisconnectAnswer(response.delay)
    if isinstance(response, ErrorReply):
        message = response.message or status_message(response.status)
        if response.body is not None:
            value = response.body
        else:
            value = native_error_body(message) if route == "inference" else openai_error_body(message)
        return replace(json_answer(value, status=response.status, headers=response.headers), delay=response.delay)
    data = response.body if isinstance(response.body, bytes) else _json.dumps(response.body)
    headers = {"content-type": response.content_type, **(response.headers or {})}
    return JSONAnswer(response.status, data, headers, response.delay)


class DeepInfraEmulator:
    """A local server that speaks DeepInfra's API, for tests and offline demos.

    Start it with ``with DeepInfraEmulator() as emu:`` and point a client at ``emu.base_url``
    (``http://127.0.0.1:<port>/v1``, the same shape as ``https://api.deepinfra.com/v1``). Every request is
    recorded in ``emu.requests``. Without scripting, answers are deterministic and derived from the
    request; ``emu.chat``, ``emu.completions``, ``emu.embeddings``, ``emu.inference``, ``emu.image_edits``,
    ``emu.models``, ``emu.image_generations``, ``emu.audio_transcriptions``, ``emu.audio_translations``,
    ``emu.audio_speech``, ``emu.models_list``, ``emu.rate_limits`` and
    ``emu.text_to_speech`` queue exact replies, errors and faults for the next requests of their route.

    ``rate_limit`` and ``tpm_rate_limit`` are the numbers ``GET /v1/me/rate_limit`` reports (both
    settable on a running emulator); ``rate_limit`` defaults to ``max_concurrency`` when that is set,
    else to DeepInfra's default of 200.

    ``api_key``: accept only this bearer key (default: any non-empty key). ``validate``: answer bodies
    that break DeepInfra's OpenAPI schema with a 422, as DeepInfra does (needs ``jsonschema``, from the
    ``testing`` extra). ``chunk_delay``: seconds between stream frames for every stream.
    ``verbose``: log each request to stderr.

    Load modelling (both can be changed on a running emulator): ``max_concurrency`` caps the requests in
    flight per model, as DeepInfra does (about 200 per model per account): a request above the cap gets
    ``429 {"error": {"message": "Model busy, retry later"}}`` at once. ``latency`` adds seconds before every
    answer (the time a real model takes), during which the request holds its slot. :meth:`in_flight`,
    :meth:`peak_in_flight` and :attr:`throttled` report what happened.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        api_key: str | None = None,
        validate: bool = True,
        chunk_delay: float = 0.0,
        verbose: bool = False,
        max_concurrency: int | None = None,
        latency: float = 0.0,
        rate_limit: int | None = None,
        tpm_rate_limit: int = DEFAULT_TPM_RATE_LIMIT,
    ) -> None:
        if validate and importlib.util.find_spec("jsonschema") is None:
            raise InvalidArgumentError(
                "request validation needs jsonschema: install ai-sdk[testing], or pass validate=False",
                argument="validate",
                value=validate,
            )
        if api_key is not None and not api_key:
            raise InvalidArgumentError("must be a non-empty key, or None to accept any key", argument="api_key")
        _check_load_options(max_concurrency, latency)
        self.host = host
        self.port = port
        self.api_key = api_key
        self.validate = validate
        self.chunk_delay = chunk_delay
        self.verbose = verbose
        self._latency = latency
        self._slots = ModelSlots(max_concurrency)
        self.rate_limit = rate_limit
        self.tpm_rate_limit = tpm_rate_limit
        self._scripts = Scripts()
        self.chat = ChatScript(self._scripts, "chat")
        self.completions = TextScript(self._scripts, "completions")
        self.embeddings = RouteScript(self._scripts, "embeddings")
        self.inference = RouteScript(self._scripts, "inference")
        self.image_edits = RouteScript(self._scripts, "image_edits")
        self.models = RouteScript(self._scripts, "models")
        self.models_list = RouteScript(self._scripts, "models_list")
        self.rate_limits = RouteScript(self._scripts, "rate_limit")
        self.batches = BatchControls(validate=validate)
        """The Files and Batch API: state, timing and faults (see :mod:`.batches`)."""
        self.image_generations = RouteScript(self._scripts, "image_generations")
        self.audio_transcriptions = RouteScript(self._scripts, "audio_transcriptions")
        self.audio_translations = RouteScript(self._scripts, "audio_translations")
        self.audio_speech = RouteScript(self._scripts, "audio_speech")
        self.text_to_speech = RouteScript(self._scripts, "text_to_speech")
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._connections: set[socket.socket] = set()
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # --------------------------------------------------------------------------------------- lifecycle

    def start(self) -> Self:
        """Bind and serve in a background thread; returns ``self``. Raises ``OSError`` if the port is taken."""
        if self._server is not None:
            return self
        self._stopping.clear()
        server = _Server((self.host, self.port), _Handler)
        server.emulator = self
        self._server = server
        self.port = server.server_address[1]
        # A short poll interval keeps stop() fast (tests start and stop an emulator each); idle polling is cheap.
        self._thread = threading.Thread(
            target=server.serve_forever, args=(_POLL_INTERVAL,), name="deepinfra-emulator", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close every open connection (clients mid-stream see the body end early)."""
        server, thread = self._server, self._thread
        if server is None:
            return
        self._stopping.set()
        server.shutdown()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        server.server_close()
        if thread is not None:
            thread.join()
        self._server = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def url(self) -> str:
        """The server's root, e.g. ``http://127.0.0.1:8123``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def base_url(self) -> str:
        """What to pass as ``base_url`` to ``create_deepinfra`` (``<url>/v1``); OpenAI-style clients take
        ``base_url + "/openai"``."""
        return self.url + "/v1"

    # --------------------------------------------------------------------------------------- scripting

    def queue(self, route: Route, *responses: Response, times: int = 1) -> None:
        """Queue ``responses`` for the next requests of ``route`` (the whole sequence ``times`` times)."""
        self._scripts.queue(route, responses, times=times)

    def reset(self) -> None:
        """Forget recorded requests, in-flight peaks and the throttled count, and drop every queued reply."""
        self._scripts.clear()
        self._slots.reset()
        self.batches.clear()
        with self._lock:
            self._requests.clear()

    # --------------------------------------------------------------------------------------- recording

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, oldest first (a copy)."""
        with self._lock:
            return list(self._requests)

    def requests_to(self, route: Route) -> list[RecordedRequest]:
        """The requests received on ``route``."""
        return [request for request in self.requests if request.route == route]

    @property
    def last_request(self) -> RecordedRequest:
        """The most recent request; raises ``LookupError`` when none arrived yet."""
        with self._lock:
            if not self._requests:
                raise LookupError("the emulator has not received any request yet")
            return self._requests[-1]

    @property
    def open_connections(self) -> int:
        """How many client connections are open now: lets a test check that a client released its
        connection (after a closed stream, say) instead of leaking it."""
        with self._lock:
            return len(self._connections)

    # ------------------------------------------------------------------------------------------- load

    @property
    def max_concurrency(self) -> int | None:
        """The per-model cap on requests in flight (``None``: no cap); above it a request gets a 429."""
        return self._slots.cap

    @max_concurrency.setter
    def max_concurrency(self, value: int | None) -> None:
        _check_load_options(value, self._latency)
        self._slots.cap = value

    @property
    def latency(self) -> float:
        """Seconds added before every answer (the request holds its in-flight slot meanwhile)."""
        return self._latency

    @latency.setter
    def latency(self, value: float) -> None:
        _check_load_options(self._slots.cap, value)
        self._latency = value

    @property
    def rate_limit(self) -> int | None:
        """What ``GET /v1/me/rate_limit`` reports as ``rate_limit`` (``None``: ``max_concurrency``, else 200)."""
        return self._rate_limit

    @rate_limit.setter
    def rate_limit(self, value: int | None) -> None:
        _check_count(value, "rate_limit", "requests >= 1, or None for max_concurrency (else 200)", optional=True)
        self._rate_limit = value

    @property
    def tpm_rate_limit(self) -> int:
        """What ``GET /v1/me/rate_limit`` reports as ``tpm_rate_limit`` (tokens per minute per model)."""
        return self._tpm_rate_limit

    @tpm_rate_limit.setter
    def tpm_rate_limit(self, value: int) -> None:
        _check_count(value, "tpm_rate_limit", "tokens >= 1")
        self._tpm_rate_limit = value

    def in_flight(self, model: str | None = None) -> int:
        """Requests being answered now (from arrival to the end of the answer): for ``model``, or in total."""
        return self._slots.in_flight(model)

    def peak_in_flight(self, model: str | None = None) -> int:
        """The most requests in flight at once since start or :meth:`reset`: for ``model``, or in total."""
        return self._slots.peak(model)

    @property
    def throttled(self) -> int:
        """How many requests ``max_concurrency`` refused with a 429 since start or :meth:`reset`."""
        return self._slots.throttled

    def __iter__(self) -> Iterator[RecordedRequest]:
        return iter(self.requests)

    def __repr__(self) -> str:
        state = self.base_url if self.running else "stopped"
        return f"DeepInfraEmulator({state}, {len(self.requests)} requests)"

    # ---------------------------------------------------------------------------- used by the handler

    def _track(self, connection: socket.socket, *, add: bool) -> None:
        with self._lock:
            if add:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def _record(self, request: RecordedRequest) -> int:
        """Keep ``request``; returns its position (0-based), which seeds the answer's ids."""
        with self._lock:
            self._requests.append(request)
            return len(self._requests) - 1

    def _authorized(self, headers: Mapping[str, str]) -> bool:
        match = _BEARER.match(headers.get("authorization", ""))
        if match is None:
            return False
        return self.api_key is None or match[1] == self.api_key

    def _answer(self, route: Route, request: RecordedRequest, position: int) -> Answer:
        body = request.body
        if self.validate and route in _SCHEMAS:
            from ..openapi import schema_errors

            problems = schema_errors(_SCHEMAS[route], body)
            if problems:
                return validation_answer(problems)
        seed = f"{position}:{hashlib.blake2b(request.raw, digest_size=8).hexdigest()}"
        created = int(time.time())
        scripted = self._scripts.pop(route)
        if scripted is not None and not isinstance(scripted, Reply):
            return _scripted_answer(route, scripted)
        reply = scripted if isinstance(scripted, Reply) else None
        if route in ("files", "batches"):
            return self.batches.answer(request.method, request.path[3:].removeprefix("/openai"), body, request.query)
        if route == "chat":
            return chat_answer(body, reply, seed=seed, created=created, chunk_delay=self.chunk_delay)
        if route == "completions":
            return completion_answer(body, reply, seed=seed, created=created, chunk_delay=self.chunk_delay)
        if route == "embeddings":
            return embeddings_answer(body)
        if route == "inference":
            if is_rerank_request(request.model or "", body):
                return rerank_answer(request.model or "", body, seed=seed)
            return inference_answer(request.model or "", body, seed=seed)
        if route == "image_edits":
            return edit_answer(body, created=created)
        if route == "image_generations":
            return generations_answer(body, created=created)
        if route == "audio_transcriptions":
            return transcription_answer(body, validate=self.validate)
        if route == "audio_translations":
            return transcription_answer(body, validate=self.validate, translate=True)
        if route == "audio_speech":
            return speech_answer(body)
        if route == "text_to_speech":
            return tts_answer(request.path, body, chunk_delay=self.chunk_delay)
        if route == "models_list":
            return json_answer(models_list())
        if route == "rate_limit":
            concurrent = self._rate_limit or self._slots.cap or DEFAULT_RATE_LIMIT
            return json_answer({"rate_limit": concurrent, "tpm_rate_limit": self._tpm_rate_limit})
        return _models_answer()


def _check_count(value: object, argument: str, meaning: str, *, optional: bool = False) -> None:
    if (value is not None or not optional) and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise InvalidArgumentError(f"must be a whole number of {meaning}", argument=argument, value=value)


def _check_load_options(max_concurrency: int | None, latency: float) -> None:
    _check_count(max_concurrency, "max_concurrency", "requests >= 1, or None for no cap", optional=True)
    if not isinstance(latency, int | float) or not 0 <= latency < float("inf"):
        raise InvalidArgumentError("must be a finite number of seconds >= 0", argument="latency", value=latency)


def _models_answer() -> JSONAnswer:
    data = [
        {
            "id": model.id,
            "object": "model",
            "created": 1718236800 + index,
            "owned_by": "deepinfra",
            "metadata": model.metadata(),
        }
        for index, model in enumerate(MODELS)
        if model.kind in ("chat", "embedding", "reranker")  # the models billed per token
    ]
    return json_answer({"object": "list", "data": data})
