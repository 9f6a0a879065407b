"""The emulator's Files and Batch API over raw HTTP (standard-library client): uploads, the batch
lifecycle on its controllable clock, validation of the create body and of the input file, each row
answered by the real-time routes (validated, priced 20% lower), faults, and the routes' errors."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest

from ai_sdk.testing import DeepInfraEmulator

from .emulator_http import MODEL, Answer, request

FILES = "/v1/openai/files"
BATCHES = "/v1/openai/batches"


@pytest.fixture
def emu() -> Iterator[DeepInfraEmulator]:
    with DeepInfraEmulator() as emulator:
        emulator.batches.timing.validating = 0.0
        emulator.batches.timing.in_progress = 0.0
        emulator.batches.timing.cancelling = 0.0
        yield emulator


def line(custom_id: str, body: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
    default = {"model": MODEL, "messages": [{"role": "user", "content": f"hello {custom_id}"}]}
    return {"custom_id": custom_id, "method": "POST", "url": "/v1/chat/completions", "body": body or default, **fields}


def upload(emu: DeepInfraEmulator, lines: list[Any], *, purpose: str = "batch") -> Answer:
    data = b"\n".join(line if isinstance(line, bytes) else json.dumps(line).encode() for line in lines)
    boundary = "b0undary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\n{purpose}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="in.jsonl"\r\n'
            "Content-Type: application/jsonl\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return request(emu, FILES, body, headers={"content-type": f"multipart/form-data; boundary={boundary}"})


def create(emu: DeepInfraEmulator, lines: list[Any], endpoint: str = "/v1/chat/completions") -> dict[str, Any]:
    uploaded = upload(emu, lines)
    assert uploaded.status == 200, uploaded.body
    answer = request(
        emu,
        BATCHES,
        {"input_file_id": uploaded.json()["id"], "endpoint": endpoint, "completion_window": "24h", "metadata": None},
    )
    assert answer.status == 200, answer.body
    value: dict[str, Any] = answer.json()
    return value


def get(emu: DeepInfraEmulator, path: str) -> Answer:
    return request(emu, path, method="GET")


def jsonl(emu: DeepInfraEmulator, file_id: str | None) -> list[dict[str, Any]]:
    assert file_id is not None
    answer = get(emu, f"{FILES}/{file_id}/content")
    assert answer.status == 200
    return [json.loads(raw) for raw in answer.body.splitlines()]


def test_upload_and_file_routes(emu: DeepInfraEmulator) -> None:
    uploaded = upload(emu, [line("a")])
    assert uploaded.status == 200
    record = uploaded.json()
    assert record["object"] == "file"
    assert record["purpose"] == "batch"
    assert record["filename"] == "in.jsonl"
    assert get(emu, f"{FILES}/{record['id']}").json() == record
    assert get(emu, f"{FILES}/{record['id']}/content").body == json.dumps(line("a")).encode()
    assert [f["id"] for f in get(emu, FILES).json()["data"]] == [record["id"]]
    assert get(emu, f"/v1/files/{record['id']}").json() == record  # also without the /openai prefix
    assert upload(emu, [line("a")], purpose="fine-tune").status == 400
    missing = request(
        emu,
        FILES,
        b'--x\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n--x--\r\n',
        headers={"content-type": "multipart/form-data; boundary=x"},
    )
    assert missing.status == 422
    assert missing.json()["detail"][0]["loc"] == ["body", "file"]
    assert get(emu, f"{FILES}/file-nope").status == 404
    assert request(emu, FILES, {"purpose": "batch"}).status == 422  # not multipart


def test_lifecycle_on_the_clock(emu: DeepInfraEmulator) -> None:
    emu.batches.timing.validating = 0.15
    emu.batches.timing.in_progress = 0.3
    batch = create(emu, [line(str(i)) for i in range(3)])
    assert batch["status"] == "validating"
    assert batch["request_counts"]["total"] == 3
    statuses = []
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        current = get(emu, f"{BATCHES}/{batch['id']}").json()
        statuses.append(current["status"])
        if current["status"] == "completed":
            break
        time.sleep(0.02)
    assert statuses[0] == "validating"
    assert "in_progress" in statuses
    assert statuses[-1] == "completed"
    assert statuses == sorted(statuses, key=["validating", "in_progress", "completed"].index)
    assert current["completed_at"]
    assert current["in_progress_at"]
    assert current["error_file_id"] is None
    assert [b["id"] for b in get(emu, BATCHES).json()["data"]] == [batch["id"]]
    assert emu.batches.batch_ids == [batch["id"]]


def test_rows_are_answered_like_real_time_and_priced_lower(emu: DeepInfraEmulator) -> None:
    batch = create(emu, [line("a"), line("b")])
    done = get(emu, f"{BATCHES}/{batch['id']}").json()
    assert done["status"] == "completed"
    assert done["request_counts"] == {"total": 2, "completed": 2, "failed": 0}
    outputs = {row["custom_id"]: row for row in jsonl(emu, done["output_file_id"])}
    real_time = request(emu, "/v1/openai/chat/completions", line("a")["body"]).json()
    body = outputs["a"]["response"]["body"]
    assert outputs["a"]["response"]["status_code"] == 200
    assert outputs["a"]["error"] is None
    assert body["choices"][0]["message"]["content"] == real_time["choices"][0]["message"]["content"]
    assert body["usage"]["estimated_cost"] == pytest.approx(real_time["usage"]["estimated_cost"] * 0.8)
    assert done["usage"]["input_tokens"] == sum(
        r["response"]["body"]["usage"]["prompt_tokens"] for r in outputs.values()
    )


def test_invalid_row_bodies_get_the_real_time_422(emu: DeepInfraEmulator) -> None:
    batch = create(emu, [line("ok"), line("bad", {"model": MODEL, "messages": "not a list"})])
    done = get(emu, f"{BATCHES}/{batch['id']}").json()
    assert done["request_counts"] == {"total": 2, "completed": 1, "failed": 1}
    (error,) = jsonl(emu, done["error_file_id"])
    assert error["custom_id"] == "bad"
    assert error["response"]["status_code"] == 422
    assert error["response"]["body"]["detail"][0]["loc"][:2] == ["body", "messages"]


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        ([line("a"), line("a")], "duplicate_custom_id"),
        ([line("a"), line("b", {"model": "other/model", "messages": []})], "mismatched_model"),
        ([line("a", url="/v1/embeddings")], "mismatched_endpoint"),
        ([line("a", method="GET")], "invalid_method"),
        ([b"{not json"], "invalid_json_line"),
        ([{"method": "POST"}], "missing_required_parameter"),
        ([line("a", {"model": MODEL, "messages": [], "stream": True})], "invalid_request"),
    ],
)
def test_invalid_input_files_fail_the_batch(emu: DeepInfraEmulator, lines: list[Any], code: str) -> None:
    batch = create(emu, lines)
    failed = get(emu, f"{BATCHES}/{batch['id']}").json()
    assert failed["status"] == "failed"
    assert failed["failed_at"]
    assert code in [error["code"] for error in failed["errors"]["data"]]
    assert failed["output_file_id"] is None


def test_create_body_is_validated_against_the_openapi_schema(emu: DeepInfraEmulator) -> None:
    file_id = upload(emu, [line("a")]).json()["id"]
    good = {"input_file_id": file_id, "endpoint": "/v1/chat/completions", "completion_window": "24h", "metadata": None}
    assert request(emu, BATCHES, {**good, "completion_window": "1h"}).status == 422
    missing = request(emu, BATCHES, {k: v for k, v in good.items() if k != "metadata"})
    assert missing.status == 422
    assert missing.json()["detail"][0]["msg"] == "'metadata' is a required property"
    assert request(emu, BATCHES, {**good, "endpoint": "/v1/images/generations"}).status == 422
    assert request(emu, BATCHES, {**good, "metadata": {str(i): "v" for i in range(17)}}).status == 422
    assert request(emu, BATCHES, {**good, "input_file_id": "file-nope"}).status == 404
    assert request(emu, BATCHES, good).status == 200


def test_embedding_batches(emu: DeepInfraEmulator) -> None:
    body = {"model": "BAAI/bge-base-en-v1.5", "input": ["a", "b"]}
    batch = create(emu, [line("e", body, url="/v1/embeddings")], endpoint="/v1/embeddings")
    done = get(emu, f"{BATCHES}/{batch['id']}").json()
    (row,) = jsonl(emu, done["output_file_id"])
    assert len(row["response"]["body"]["data"]) == 2


def test_faults(emu: DeepInfraEmulator) -> None:
    emu.batches.fail_next("no capacity")
    failed = create(emu, [line("a")])
    assert get(emu, f"{BATCHES}/{failed['id']}").json()["errors"]["data"][0]["message"] == "no capacity"
    emu.batches.expire_next()
    emu.batches.fail_rows("r1", status=429)
    expired = create(emu, [line(f"r{i}") for i in range(4)])
    done = get(emu, f"{BATCHES}/{expired['id']}").json()
    assert done["status"] == "expired"
    assert done["expired_at"]
    assert done["request_counts"] == {"total": 4, "completed": 1, "failed": 3}
    errors = {row["custom_id"]: row for row in jsonl(emu, done["error_file_id"])}
    assert errors["r1"]["response"]["status_code"] == 429
    assert errors["r2"]["error"]["code"] == errors["r3"]["error"]["code"] == "batch_expired"
    assert [row["custom_id"] for row in jsonl(emu, done["output_file_id"])] == ["r0"]
    emu.reset()
    assert emu.batches.batch_ids == []


def test_cancel(emu: DeepInfraEmulator) -> None:
    emu.batches.timing.in_progress = 60.0
    emu.batches.timing.cancelling = 0.1
    batch = create(emu, [line("a"), line("b")])
    cancelling = request(emu, f"{BATCHES}/{batch['id']}/cancel")
    assert cancelling.status == 200
    assert cancelling.json()["status"] == "cancelling"
    time.sleep(0.15)
    cancelled = get(emu, f"{BATCHES}/{batch['id']}").json()
    assert cancelled["status"] == "cancelled"
    assert cancelled["cancelled_at"]
    assert {row["error"]["code"] for row in jsonl(emu, cancelled["error_file_id"])} == {"batch_cancelled"}
    assert request(emu, f"{BATCHES}/{batch['id']}/cancel").status == 409
    assert request(emu, f"{BATCHES}/batch_nope/cancel").status == 404
    assert request(emu, f"{BATCHES}/{batch['id']}", method="DELETE").status == 404
    assert request(emu, BATCHES, method="DELETE").status == 405


def test_needs_a_key(emu: DeepInfraEmulator) -> None:
    assert request(emu, BATCHES, method="GET", key=None).status == 401
