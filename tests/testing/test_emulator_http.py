"""The emulator's HTTP behaviour: auth, routing, validation, request encodings, keep-alive, scripted
errors and stream faults, and a clean stop."""

from __future__ import annotations

import gzip
import http.client
import json
import socket
import threading
import time

import pytest

from ai_sdk.errors import InvalidArgumentError
from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.testing.emulator import Reply
from ai_sdk.testing.emulator.faults import MALFORMED_FRAME

from .emulator_http import CHAT, MODEL, chat, request

NOT_AUTHENTICATED = {
    "error": {"message": "Not authenticated", "type": "invalid_request_error", "param": None, "code": None}
}
BODY = {"model": MODEL, "messages": [{"role": "user", "content": "Hi"}]}


@pytest.mark.parametrize("key", [None, "", "   "])
def test_missing_key_gets_the_real_401(deepinfra_emulator: DeepInfraEmulator, key: str | None) -> None:
    headers = {"authorization": "Bearer " + key} if key is not None else {}
    answer = request(deepinfra_emulator, CHAT, BODY, key=None, headers=headers)
    assert answer.status == 401
    assert answer.json() == NOT_AUTHENTICATED


def test_non_bearer_scheme_is_rejected(deepinfra_emulator: DeepInfraEmulator) -> None:
    answer = request(deepinfra_emulator, CHAT, BODY, key=None, headers={"authorization": "Basic abc"})
    assert answer.status == 401


def test_configured_key_is_enforced() -> None:
    with DeepInfraEmulator(api_key="right") as emu:
        assert request(emu, CHAT, BODY, key="wrong").status == 401
        assert request(emu, CHAT, BODY, key="right").status == 200
        assert request(emu, "/v1/openai/models", method="GET", key="wrong").json() == NOT_AUTHENTICATED


def test_empty_configured_key_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="api_key"):
        DeepInfraEmulator(api_key="")


@pytest.mark.parametrize(
    "path",
    [
        "/v1/openai/chat/completions",
        "/v1/chat/completions",
    ],
)
def test_routes_and_aliases(deepinfra_emulator: DeepInfraEmulator, path: str) -> None:
    assert request(deepinfra_emulator, path, BODY).status == 200


def test_unknown_path_and_wrong_method(deepinfra_emulator: DeepInfraEmulator) -> None:
    assert request(deepinfra_emulator, "/v1/openai/nope", BODY).json() == {"detail": "Not Found"}
    wrong = request(deepinfra_emulator, CHAT, method="GET")
    assert wrong.status == 405
    assert wrong.json() == {"detail": "Method Not Allowed"}


def test_schema_violations_get_fastapi_422(deepinfra_emulator: DeepInfraEmulator) -> None:
    answer = request(deepinfra_emulator, CHAT, {"model": MODEL, "messages": [], "temperature": 3})
    assert answer.status == 422
    detail = answer.json()["detail"]
    assert {
        "loc": ["body", "temperature"],
        "msg": "3 is greater than the maximum of 2.0",
        "type": "value_error.maximum",
    } in detail
    missing = request(deepinfra_emulator, CHAT, {"model": MODEL}).json()["detail"]
    assert missing[0]["loc"] == ["body"]
    assert "'messages' is a required property" in missing[0]["msg"]
    embeddings = request(deepinfra_emulator, "/v1/openai/embeddings", {"model": "m"})
    assert embeddings.status == 422


def test_bad_json_and_empty_body(deepinfra_emulator: DeepInfraEmulator) -> None:
    broken = request(deepinfra_emulator, CHAT, b'{"model": ')
    assert broken.status == 422
    assert broken.json()["detail"][0]["type"] == "value_error.jsondecode"
    empty = request(deepinfra_emulator, CHAT, b"")
    assert empty.json() == {"detail": [{"loc": ["body"], "msg": "field required", "type": "value_error.missing"}]}


def test_validation_can_be_turned_off() -> None:
    with DeepInfraEmulator(validate=False) as emu:
        answer = request(emu, CHAT, {**BODY, "temperature": 9})
        assert answer.status == 200
        nonsense = request(emu, CHAT, {"model": MODEL, "messages": 42})
        assert nonsense.status == 500
        assert "cannot answer" in nonsense.json()["error"]["message"]


def test_gzip_request_body(deepinfra_emulator: DeepInfraEmulator) -> None:
    data = gzip.compress(json.dumps(BODY).encode())
    answer = request(deepinfra_emulator, CHAT, data, headers={"content-encoding": "gzip"})
    assert answer.status == 200
    assert deepinfra_emulator.last_request.body == BODY
    bad = request(deepinfra_emulator, CHAT, b"not gzip", headers={"content-encoding": "gzip"})
    assert bad.status == 400


def test_chunked_request_body(deepinfra_emulator: DeepInfraEmulator) -> None:
    data = json.dumps(BODY).encode()
    conn = http.client.HTTPConnection("127.0.0.1", deepinfra_emulator.port, timeout=10)
    conn.request("POST", CHAT, iter([data[:10], data[10:]]), {"authorization": "Bearer k"}, encode_chunked=True)
    response = conn.getresponse()
    assert response.status == 200
    response.read()
    conn.close()
    assert deepinfra_emulator.last_request.body == BODY


def test_keep_alive_serves_several_requests_on_one_connection(deepinfra_emulator: DeepInfraEmulator) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", deepinfra_emulator.port, timeout=10)
    conn.connect()
    local = conn.sock.getsockname()
    for stream in (False, True, False):
        answer = request(deepinfra_emulator, CHAT, {**BODY, "stream": stream}, connection=conn)
        assert answer.status == 200
        assert conn.sock is not None
        assert conn.sock.getsockname() == local
    conn.close()


@pytest.mark.parametrize(
    ("status", "message"),
    [(429, "Model busy, retry later"), (500, "Internal Server Error"), (503, "Service Unavailable")],
)
def test_scripted_errors(deepinfra_emulator: DeepInfraEmulator, status: int, message: str) -> None:
    deepinfra_emulator.chat.reply_error(status, times=2)
    for _ in range(2):
        answer = chat(deepinfra_emulator)
        assert answer.status == status
        assert answer.json()["error"]["message"] == message
        assert "retry-after" not in answer.headers
    assert chat(deepinfra_emulator).status == 200


def test_scripted_error_with_retry_after_and_custom_body(deepinfra_emulator: DeepInfraEmulator) -> None:
    deepinfra_emulator.chat.reply_error(429, retry_after=1.5)
    deepinfra_emulator.chat.reply_error(405, body={"error": "Tool calling is not supported for model X"})
    first = chat(deepinfra_emulator)
    assert (first.status, first.headers["retry-after"]) == (429, "1.5")
    second = chat(deepinfra_emulator)
    assert (second.status, second.json()) == (405, {"error": "Tool calling is not supported for model X"})


def test_native_route_errors_use_the_native_shape(deepinfra_emulator: DeepInfraEmulator) -> None:
    deepinfra_emulator.inference.reply_error(500, "GPU on fire")
    answer = request(deepinfra_emulator, "/v1/inference/black-forest-labs/FLUX-1-schnell", {"prompt": "x"})
    assert answer.json() == {"detail": {"error": "GPU on fire"}}


def test_raw_reply(deepinfra_emulator: DeepInfraEmulator) -> None:
    deepinfra_emulator.chat.reply_raw(b"{not json", headers={"x-test": "1"})
    deepinfra_emulator.embeddings.reply_raw({"object": "list", "data": []}, status=201)
    answer = chat(deepinfra_emulator)
    assert (answer.status, answer.body, answer.headers["x-test"]) == (200, b"{not json", "1")
    embedded = request(deepinfra_emulator, "/v1/openai/embeddings", {"model": "m", "input": "x"})
    assert (embedded.status, embedded.json()) == (201, {"object": "list", "data": []})


def test_disconnect_before_answering(deepinfra_emulator: DeepInfraEmulator) -> None:
    deepinfra_emulator.chat.disconnect()
    with pytest.raises(http.client.RemoteDisconnected):
        chat(deepinfra_emulator)
    assert chat(deepinfra_emulator).status == 200


def test_bad_scripts_are_refused(deepinfra_emulator: DeepInfraEmulator) -> None:
    with pytest.raises(InvalidArgumentError, match="route"):
        deepinfra_emulator.queue("nope", Reply())  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="only fits the chat and completions"):
        deepinfra_emulator.embeddings.queue(Reply(text="x"))
    with pytest.raises(InvalidArgumentError, match="tool calls"):
        deepinfra_emulator.completions.queue(Reply(tool_calls=({"name": "x"},)))  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="name"):
        deepinfra_emulator.chat.reply_tool_calls([{"arguments": {}}])
    with pytest.raises(InvalidArgumentError, match="times"):
        deepinfra_emulator.chat.reply_text("x", times=0)
    assert deepinfra_emulator.chat.pending == 0


# ------------------------------------------------------------------------------------------ stream faults


def _read_stream(emu: DeepInfraEmulator) -> tuple[bytes, BaseException | None]:
    """Read a streamed chat answer frame by frame; the error that ended it early, if any."""
    conn = http.client.HTTPConnection("127.0.0.1", emu.port, timeout=10)
    conn.request("POST", CHAT, json.dumps({**BODY, "stream": True}), {"authorization": "Bearer k"})
    response = conn.getresponse()
    data = b""
    try:
        while chunk := response.read1(65536):
            data += chunk
    except http.client.IncompleteRead as error:
        return data + error.partial, error
    finally:
        conn.close()
    return data, None


def test_drop_after_cuts_the_connection_mid_stream(deepinfra_emulator: DeepInfraEmulator) -> None:
    deepinfra_emulator.chat.reply_text("one two three four", drop_after=2)
    data, error = _read_stream(deepinfra_emulator)
    assert isinstance(error, http.client.IncompleteRead)
    assert data.count(b"data: ") == 2


def test_malformed_frame(deepinfra_emulator: DeepInfraEmulator) -> None:
    deepinfra_emulator.chat.reply_text("one two", malformed_at=1)
    answer = chat(deepinfra_emulator, stream=True)
    frames = answer.frames()
    assert "data: " + frames[1] + "\n\n" == MALFORMED_FRAME.decode()
    with pytest.raises(json.JSONDecodeError):
        json.loads(frames[1])
    assert frames[-1] == "[DONE]"


def test_error_frame_ends_the_stream(deepinfra_emulator: DeepInfraEmulator) -> None:
    deepinfra_emulator.chat.reply_default(error_frame_at=2)
    deepinfra_emulator.chat.reply_text(
        "x", error_frame_at=1, error_frame={"error_type": "validation_error", "error_message": "{}"}
    )
    frames = chat(deepinfra_emulator, stream=True).frames()
    assert len(frames) == 3
    assert json.loads(frames[2]) == {
        "error": {"message": "Internal error during generation, please retry", "code": 500}
    }
    custom = chat(deepinfra_emulator, stream=True).frames()
    assert json.loads(custom[1]) == {"error_type": "validation_error", "error_message": "{}"}


def test_chunk_delay_spaces_frames(deepinfra_emulator: DeepInfraEmulator) -> None:
    deepinfra_emulator.chat.reply_text("a b c", chunk_delay=0.02)
    started = time.perf_counter()
    frames = chat(deepinfra_emulator, stream=True).frames()
    assert time.perf_counter() - started >= 0.02 * (len(frames) - 1)


def test_stop_ends_a_stream_in_flight() -> None:
    emu = DeepInfraEmulator(chunk_delay=30).start()
    outcome: list[object] = []

    def read() -> None:
        outcome.append(_read_stream(emu))

    reader = threading.Thread(target=read)
    reader.start()
    deadline = time.monotonic() + 5
    while not emu.requests and time.monotonic() < deadline:
        time.sleep(0.005)
    started = time.perf_counter()
    emu.stop()
    reader.join(timeout=5)
    assert not reader.is_alive()
    assert time.perf_counter() - started < 2
    [(data, error)] = outcome  # type: ignore[misc]
    assert isinstance(error, http.client.IncompleteRead)
    assert data.count(b"data: ") == 1
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", emu.port), timeout=1).close()


def test_start_and_stop_are_idempotent() -> None:
    emu = DeepInfraEmulator()
    emu.stop()
    assert emu.start() is emu.start()
    assert emu.running
    assert emu.base_url == f"http://127.0.0.1:{emu.port}/v1"
    emu.stop()
    emu.stop()
    assert not emu.running
    assert repr(emu) == "DeepInfraEmulator(stopped, 0 requests)"


def test_chunk_delay_paces_streamed_speech_too() -> None:
    # Paced, the stream is still open after its first chunk, so stopping the emulator cuts it short;
    # unpaced, every chunk was already written and the read completed.
    emu = DeepInfraEmulator(chunk_delay=30).start()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", emu.port, timeout=10)
        body = {"text": "hello there " * 3, "model_id": "hexgrad/Kokoro-82M"}
        conn.request("POST", "/v1/text-to-speech/af_bella/stream", json.dumps(body), {"authorization": "Bearer k"})
        response = conn.getresponse()
        first = response.read1(65536)
    finally:
        emu.stop()
    with pytest.raises(http.client.IncompleteRead):
        response.read()
    conn.close()
    assert 0 < len(first) <= 4096
