"""The Batch API client end to end against the emulator, through the blocking and the async API over the
same test bodies: submit, poll, download and parse; a failed row, an expired, a failed and a cancelled
batch; input lines equal to the real-time bodies and valid against DeepInfra's OpenAPI schemas."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest

from ai_sdk.deepinfra import DeepInfraProvider, create_deepinfra
from ai_sdk.deepinfra.batch import (
    Batch,
    BatchRequest,
    DeepInfraBatchClient,
    batch_progress_bar,
    chat_batch_request,
    embedding_batch_request,
    encode_batch_file,
    print_batch_progress,
)
from ai_sdk.errors import APICallError, BatchFailedError, BatchTimeoutError, InvalidArgumentError
from ai_sdk.spec import (
    CallOptions,
    EmbedOptions,
    FunctionTool,
    ResponseFormat,
    SystemMessage,
    TextPart,
    UserMessage,
)
from ai_sdk.spec._json import dumps, loads
from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.testing.emulator import ErrorReply
from ai_sdk.testing.openapi import schema_errors

CHAT_MODEL = "meta-llama/Meta-Llama-3.1-8B-Instruct"
EMBEDDING_MODEL = "BAAI/bge-base-en-v1.5"
POLL = 0.01


@pytest.fixture
def emu() -> Iterator[DeepInfraEmulator]:
    with DeepInfraEmulator() as emulator:
        emulator.batches.timing.validating = 0.02
        emulator.batches.timing.in_progress = 0.05
        emulator.batches.timing.cancelling = 0.02
        yield emulator


@pytest.fixture
def provider(emu: DeepInfraEmulator) -> DeepInfraProvider:
    return create_deepinfra(base_url=emu.base_url, api_key="batch-test-key")


@pytest.fixture
def client(provider: DeepInfraProvider) -> DeepInfraBatchClient:
    return provider.batch_client()


async def call(mode: str, client: DeepInfraBatchClient, name: str, *args: Any, **kwargs: Any) -> Any:
    """``client.<name>_sync(...)`` or ``await client.<name>(...)``."""
    if mode == "sync":
        return getattr(client, name + "_sync")(*args, **kwargs)
    return await getattr(client, name)(*args, **kwargs)


def options(text: str, **settings: Any) -> CallOptions:
    return CallOptions(prompt=[UserMessage([TextPart(text)])], **settings)


def chat_requests(provider: DeepInfraProvider, count: int) -> list[BatchRequest]:
    model = provider(CHAT_MODEL)
    return [chat_batch_request(model, f"row-{i}", options(f"question {i}", temperature=0.1)) for i in range(count)]


async def run(mode: str, client: DeepInfraBatchClient, requests: list[BatchRequest], **wait: Any) -> Batch:
    batch = await call(mode, client, "submit", requests, metadata={"job": "test"})
    assert batch.status == "validating"
    assert batch.metadata == {"job": "test"}
    return await call(mode, client, "wait_for_batch", batch.id, poll_interval=POLL, **wait)  # type: ignore[no-any-return]


async def test_chat_batch_with_a_failed_row(
    mode: str, emu: DeepInfraEmulator, provider: DeepInfraProvider, client: DeepInfraBatchClient
) -> None:
    requests = chat_requests(provider, 6)
    emu.batches.fail_rows("row-2", status=500, message="GPU fell over")
    seen: list[Batch] = []
    batch = await run(mode, client, requests, on_progress=seen.append)
    assert batch.status == "completed"
    assert (batch.request_counts.total, batch.request_counts.completed, batch.request_counts.failed) == (6, 5, 1)
    assert batch.model == CHAT_MODEL
    assert batch.usage is not None
    assert batch.usage.output_tokens > 0
    assert {b.status for b in seen} <= {"validating", "in_progress", "completed"}
    done = [b.request_counts.done for b in seen]
    assert done == sorted(done)
    assert done[-1] == 6
    assert seen[-1] is batch
    rows = await call(mode, client, "results", batch)
    assert sorted(rows) == [f"row-{i}" for i in range(6)]
    failed = rows["row-2"]
    assert failed.status_code == 500
    assert isinstance(failed.error, APICallError)
    assert "GPU fell over" in failed.error.message
    assert failed.error.is_retryable
    model = provider(CHAT_MODEL)
    url = client.endpoint_url(batch.endpoint)
    assert url == emu.base_url + "/openai/chat/completions"
    for request in requests:
        if request.custom_id == "row-2":
            continue
        row = rows[request.custom_id]
        assert row.error is None
        assert row.status_code == 200
        assert request.chat is not None
        result = model.parse_response(row.body, url=url, request=request.chat)
        assert f"question {request.custom_id[-1]}" in result.content[0].text  # type: ignore[union-attr]
        assert result.usage.cost is not None
        assert result.usage.cost > 0
        assert result.usage.input_tokens == row.body["usage"]["prompt_tokens"]


async def test_batch_rows_cost_a_fifth_less_than_real_time(
    mode: str, emu: DeepInfraEmulator, provider: DeepInfraProvider, client: DeepInfraBatchClient
) -> None:
    model = provider(CHAT_MODEL)
    call_options = options("the same question")
    real_time = model.do_generate_sync(call_options)
    batch = await run(mode, client, [chat_batch_request(model, "only", call_options)])
    row = (await call(mode, client, "results", batch))["only"]
    request = chat_batch_request(model, "only", call_options)
    assert request.chat is not None
    batched = model.parse_response(row.body, url="u", request=request.chat)
    assert real_time.usage.cost is not None
    assert batched.usage.cost is not None
    assert batched.usage.cost == pytest.approx(real_time.usage.cost * 0.8)


async def test_lines_carry_the_real_time_body(
    mode: str, emu: DeepInfraEmulator, provider: DeepInfraProvider, client: DeepInfraBatchClient
) -> None:
    model = provider(CHAT_MODEL)
    tool = FunctionTool(
        name="weather",
        description="Weather in a city",
        input_schema={"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    )
    settings: dict[str, Any] = {
        "max_output_tokens": 50,
        "top_k": 5,
        "seed": 7,
        "stop_sequences": ["END"],
        "provider_options": {"deepinfra": {"min_p": 0.05}},
    }
    shapes = [
        options("plain", **settings),
        CallOptions(prompt=[SystemMessage("be brief"), UserMessage([TextPart("tools")])], tools=[tool]),
        options(
            "json",
            response_format=ResponseFormat(
                type="json", schema={"type": "object", "properties": {"a": {"type": "integer"}}}, name="thing"
            ),
        ),
    ]
    for call_options in shapes:
        model.do_generate_sync(call_options)
    real_time = [request.body for request in emu.requests_to("chat")]
    requests = [chat_batch_request(model, f"r{i}", o) for i, o in enumerate(shapes)]
    await call(mode, client, "submit", requests)
    uploaded = emu.requests_to("files")[-1].form("file")[0].data
    lines = [loads(line) for line in uploaded.splitlines()]
    assert [line["body"] for line in lines] == real_time
    for line in lines:
        assert line["method"] == "POST"
        assert line["url"] == "/v1/chat/completions"
        assert schema_errors("OpenAIChatCompletionsIn", line["body"]) == []
    created = emu.requests_to("batches")[-1].body
    assert schema_errors("OpenAIBatchesIn", created) == []


async def test_embedding_batch(
    mode: str, emu: DeepInfraEmulator, provider: DeepInfraProvider, client: DeepInfraBatchClient
) -> None:
    model = provider.embedding_model(EMBEDDING_MODEL)
    chunks = [["sunny day", "rainy day"], ["a cat"]]
    requests = [embedding_batch_request(model, f"chunk-{i}", EmbedOptions(values=v)) for i, v in enumerate(chunks)]
    for request in requests:
        assert schema_errors("OpenAIEmbeddingsIn", request.body) == []
    batch = await run(mode, client, requests)
    assert batch.status == "completed"
    assert batch.endpoint == "/v1/embeddings"
    rows = await call(mode, client, "results", batch)
    for request, values in zip(requests, chunks, strict=True):
        result = model.parse_response(rows[request.custom_id].body, request=request.body)
        assert result.embeddings == model.do_embed_sync(EmbedOptions(values=values)).embeddings
        assert result.usage is not None
        assert result.usage.tokens


async def test_expired_batch_returns_finished_rows_and_marks_the_rest(
    mode: str, emu: DeepInfraEmulator, provider: DeepInfraProvider, client: DeepInfraBatchClient
) -> None:
    emu.batches.expire_next()
    batch = await run(mode, client, chat_requests(provider, 4))
    assert batch.status == "expired"
    rows = await call(mode, client, "results", batch)
    answered = sorted(cid for cid, row in rows.items() if row.error is None)
    expired = sorted(cid for cid, row in rows.items() if row.error is not None)
    assert answered == ["row-0", "row-1"]
    assert expired == ["row-2", "row-3"]
    error = rows["row-3"].error
    assert error is not None
    assert error.data["code"] == "batch_expired"
    assert error.is_retryable
    assert rows["row-3"].status_code is None


async def test_failed_batch_raises_with_the_reasons(
    mode: str, emu: DeepInfraEmulator, provider: DeepInfraProvider, client: DeepInfraBatchClient
) -> None:
    emu.batches.fail_next("quota exceeded")
    with pytest.raises(BatchFailedError, match="quota exceeded") as caught:
        await run(mode, client, chat_requests(provider, 2))
    assert caught.value.batch_id
    # A file DeepInfra's validation rejects: two models in one file (our encoder refuses to build one).
    lines = [
        {"custom_id": "a", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "m1", "messages": []}},
        {"custom_id": "b", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "m2", "messages": []}},
    ]
    data = b"\n".join(dumps(line) for line in lines)
    uploaded = await call(mode, client, "upload_file", data, filename="mixed.jsonl")
    assert uploaded.purpose == "batch"
    assert uploaded.bytes == len(data)
    assert uploaded.filename == "mixed.jsonl"
    batch = await call(mode, client, "create_batch", uploaded.id, endpoint="/v1/chat/completions")
    with pytest.raises(BatchFailedError, match="same model") as caught:
        await call(mode, client, "wait_for_batch", batch.id, poll_interval=POLL)
    assert [error.code for error in caught.value.errors] == ["mismatched_model"]


async def test_cancel(
    mode: str, emu: DeepInfraEmulator, provider: DeepInfraProvider, client: DeepInfraBatchClient
) -> None:
    emu.batches.timing.in_progress = 30.0
    batch = await call(mode, client, "submit", chat_requests(provider, 3))
    cancelling = await call(mode, client, "cancel_batch", batch.id)
    assert cancelling.status == "cancelling"
    done = await call(mode, client, "wait_for_batch", batch.id, poll_interval=POLL)
    assert done.status == "cancelled"
    rows = await call(mode, client, "results", done)
    assert {row.error.data["code"] for row in rows.values() if row.error is not None} == {"batch_cancelled"}
    with pytest.raises(APICallError) as caught:
        await call(mode, client, "cancel_batch", batch.id)
    assert caught.value.status_code == 409


async def test_wait_times_out_and_the_batch_keeps_running(
    mode: str, emu: DeepInfraEmulator, provider: DeepInfraProvider, client: DeepInfraBatchClient
) -> None:
    emu.batches.timing.in_progress = 30.0
    batch = await call(mode, client, "submit", chat_requests(provider, 1))
    with pytest.raises(BatchTimeoutError, match="still") as caught:
        await call(mode, client, "wait_for_batch", batch.id, poll_interval=POLL, timeout=0.05)
    assert caught.value.batch_id == batch.id
    assert caught.value.status in ("validating", "in_progress")
    assert (await call(mode, client, "retrieve_batch", batch.id)).status == "in_progress"


async def test_polling_rides_out_transient_errors_but_not_permanent_ones(
    mode: str, emu: DeepInfraEmulator, provider: DeepInfraProvider, client: DeepInfraBatchClient
) -> None:
    batch = await call(mode, client, "submit", chat_requests(provider, 1))
    emu.queue("batches", ErrorReply(503), ErrorReply(429))
    done = await call(mode, client, "wait_for_batch", batch.id, poll_interval=POLL)
    assert done.status == "completed"
    emu.queue("batches", ErrorReply(404, message="No such batch"))
    with pytest.raises(APICallError, match="No such batch"):
        await call(mode, client, "wait_for_batch", batch.id, poll_interval=POLL)


async def test_missing_ids_are_api_errors(mode: str, client: DeepInfraBatchClient) -> None:
    with pytest.raises(APICallError) as caught:
        await call(mode, client, "retrieve_batch", "batch_nope")
    assert caught.value.status_code == 404
    with pytest.raises(APICallError) as caught:
        await call(mode, client, "file_content", "file-nope")
    assert caught.value.status_code == 404


def test_progress_printer_writes_one_line_per_change(
    emu: DeepInfraEmulator, provider: DeepInfraProvider, client: DeepInfraBatchClient
) -> None:
    out = io.StringIO()
    batch = client.submit_sync(chat_requests(provider, 2))
    client.wait_for_batch_sync(batch.id, poll_interval=POLL, on_progress=print_batch_progress(out))
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(f"{batch.id} ")
    assert lines[-1] == f"{batch.id} completed: 2/2 done, 0 failed"
    assert len(lines) == len(set(lines))


def test_progress_bar_follows_the_counts_and_closes_at_the_end(
    emu: DeepInfraEmulator, provider: DeepInfraProvider, client: DeepInfraBatchClient
) -> None:
    out = io.StringIO()
    batch = client.submit_sync(chat_requests(provider, 3))
    client.wait_for_batch_sync(batch.id, poll_interval=POLL, on_progress=batch_progress_bar(out))
    shown = out.getvalue()
    assert batch.id in shown
    assert "3/3" in shown
    assert "status=completed" in shown


def test_bad_arguments_say_what_to_fix(provider: DeepInfraProvider, client: DeepInfraBatchClient) -> None:
    model = provider(CHAT_MODEL)
    row = chat_batch_request(model, "x", options("hi"))
    with pytest.raises(InvalidArgumentError, match="appears twice"):
        encode_batch_file([row, row])
    with pytest.raises(InvalidArgumentError, match="one model"):
        encode_batch_file([row, chat_batch_request(provider("other/model"), "y", options("hi"))])
    embedding = embedding_batch_request(provider.embedding_model(EMBEDDING_MODEL), "e", EmbedOptions(values=["v"]))
    with pytest.raises(InvalidArgumentError, match="one endpoint"):
        encode_batch_file([row, embedding])
    with pytest.raises(InvalidArgumentError, match="at least one row"):
        encode_batch_file([])
    with pytest.raises(InvalidArgumentError, match="non-empty string"):
        chat_batch_request(model, "", options("hi"))
    with pytest.raises(InvalidArgumentError, match="at most 1024 values"):
        embedding_batch_request(provider.embedding_model(EMBEDDING_MODEL), "big", EmbedOptions(values=["v"] * 1025))
    with pytest.raises(InvalidArgumentError, match="16 key-value pairs"):
        client.create_batch_sync("file-1", endpoint="/v1/chat/completions", metadata={str(i): "v" for i in range(17)})
    with pytest.raises(InvalidArgumentError, match="3600"):
        client.create_batch_sync("file-1", endpoint="/v1/chat/completions", output_expires_after=60)
    with pytest.raises(InvalidArgumentError, match="endpoint must be"):
        client.create_batch_sync("file-1", endpoint="/v1/images")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="poll_interval"):
        client.wait_for_batch_sync("batch_1", poll_interval=0)
    with pytest.raises(InvalidArgumentError, match="batch_id"):
        client.retrieve_batch_sync("../files")
    with pytest.raises(InvalidArgumentError, match="non-empty JSONL"):
        client.upload_file_sync(b"")


def test_the_key_stays_out_of_errors_and_reprs(client: DeepInfraBatchClient) -> None:
    with pytest.raises(APICallError) as caught:
        client.retrieve_batch_sync("batch_nope")
    shown = repr(caught.value) + str(caught.value) + repr(client) + repr(caught.value.__dict__)
    assert "batch-test-key" not in shown
