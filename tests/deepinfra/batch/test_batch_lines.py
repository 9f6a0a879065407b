"""The pure parts of the Batch API: input files encoded line by line, output files parsed back by id
whatever their order or line endings, and the records' partial parsing."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ai_sdk.deepinfra.batch import (
    BatchRequest,
    BatchRowOutput,
    encode_batch_file,
    encode_batch_files,
    parse_batch,
    parse_batch_file,
    parse_batch_output,
)
from ai_sdk.errors import InvalidArgumentError, InvalidResponseDataError

URL = "https://api.deepinfra.com/v1/openai/chat/completions"
ids = st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=12, unique=True)


@given(ids, st.text(max_size=30))
def test_encoded_lines_decode_to_the_requests_in_order(custom_ids: list[str], prompt: str) -> None:
    requests = [
        BatchRequest(cid, "/v1/chat/completions", {"model": "m", "messages": [{"role": "user", "content": prompt}]})
        for cid in custom_ids
    ]
    endpoint, data = encode_batch_file(requests)
    assert endpoint == "/v1/chat/completions"
    assert data.endswith(b"\n")
    lines = [json.loads(raw) for raw in data.splitlines()]
    assert lines == [
        {"custom_id": r.custom_id, "method": "POST", "url": "/v1/chat/completions", "body": r.body} for r in requests
    ]


@given(ids, st.integers(min_value=120, max_value=2000))
def test_files_split_at_the_byte_limit_without_losing_or_reordering_lines(custom_ids: list[str], limit: int) -> None:
    requests = [BatchRequest(cid, "/v1/embeddings", {"model": "m", "input": [cid]}) for cid in custom_ids]
    longest = max(len(encode_batch_file([r])[1]) for r in requests)
    if longest > limit:
        with pytest.raises(InvalidArgumentError, match="alone is"):
            encode_batch_files(requests, max_bytes=limit)
        return
    endpoint, files = encode_batch_files(requests, max_bytes=limit)
    assert endpoint == "/v1/embeddings"
    assert all(len(data) <= limit and data.endswith(b"\n") for data in files)
    decoded = [json.loads(raw)["custom_id"] for data in files for raw in data.splitlines()]
    assert decoded == custom_ids
    # A file is only cut when the next line would not fit.
    for data, following in itertools.pairwise(files):
        assert len(data) + len(following.splitlines(keepends=True)[0]) > limit


def test_one_file_or_an_error_that_says_how_to_split() -> None:
    requests = [BatchRequest(str(i), "/v1/embeddings", {"model": "m", "input": ["x" * 50]}) for i in range(3)]
    assert len(encode_batch_files(requests, max_bytes=200)[1]) == 3
    with pytest.raises(InvalidArgumentError, match="max_bytes"):
        encode_batch_files(requests, max_bytes=0)
    assert encode_batch_file(requests)[1].count(b"\n") == 3


def _output_line(custom_id: str, index: int) -> dict[str, Any]:
    if index % 3 == 2:
        return {
            "id": f"req_{index}",
            "custom_id": custom_id,
            "response": None,
            "error": {"code": "batch_expired", "message": "too late"},
        }
    status = 200 if index % 3 == 0 else 400
    body = {"choices": [], "n": index} if status == 200 else {"error": {"message": f"bad {index}"}}
    return {
        "id": f"req_{index}",
        "custom_id": custom_id,
        "response": {"status_code": status, "body": body},
        "error": None,
    }


@given(ids, st.randoms(use_true_random=False), st.sampled_from([b"\n", b"\r\n"]), st.integers(0, 3))
def test_output_files_parse_by_id_in_any_order(custom_ids: list[str], rng: Any, newline: bytes, blanks: int) -> None:
    lines = [json.dumps(_output_line(cid, i)).encode() for i, cid in enumerate(custom_ids)]
    rng.shuffle(lines)
    lines[rng.randrange(len(lines) + 1) : 0] = [b""] * blanks
    rows = parse_batch_output(newline.join(lines) + newline, url=URL)
    assert sorted(rows) == sorted(custom_ids)
    for index, cid in enumerate(custom_ids):
        row = rows[cid]
        assert isinstance(row, BatchRowOutput)
        assert row.custom_id == cid
        if index % 3 == 0:
            assert row.error is None
            assert row.status_code == 200
            assert row.body["n"] == index
        elif index % 3 == 1:
            assert row.error is not None
            assert row.error.status_code == 400
            assert not row.error.is_retryable
            assert f"bad {index}" in row.error.message
            assert row.error.url == URL
        else:
            assert row.error is not None
            assert row.error.data["code"] == "batch_expired"
            assert row.error.is_retryable


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (b"{not json", "not JSON"),
        (b"[1]", "not an object"),
        (b'{"response": null, "error": null}', "no custom_id"),
        (b'{"custom_id": "a", "response": null, "error": null}', "neither a response nor an error"),
    ],
)
def test_broken_output_lines_are_invalid_response_data(data: bytes, match: str) -> None:
    with pytest.raises(InvalidResponseDataError, match=match):
        parse_batch_output(data, url=URL)


def test_records_parse_what_they_use_and_keep_the_rest() -> None:
    value = {
        "id": "batch_1",
        "object": "batch",
        "endpoint": "/v1/chat/completions",
        "input_file_id": "file-1",
        "completion_window": "24h",
        "status": "failed",
        "created_at": 1711471533,
        "expires_at": 1711557933,
        "request_counts": {"total": 3, "completed": 1, "failed": 1},
        "errors": {"object": "list", "data": [{"code": "mismatched_model", "message": "one model", "line": 2}]},
        "usage": {
            "input_tokens": 5,
            "output_tokens": 7,
            "total_tokens": 12,
            "input_tokens_details": {"cached_tokens": 2},
            "output_tokens_details": {"reasoning_tokens": 3},
        },
        "something_new": True,
    }
    batch = parse_batch(value)
    assert batch.is_terminal
    assert batch.request_counts.done == 2
    assert batch.usage is not None
    assert (batch.usage.cached_input_tokens, batch.usage.reasoning_tokens) == (2, 3)
    assert str(batch.errors[0]) == "line 2: one model (mismatched_model)"
    assert batch.raw["something_new"] is True
    assert batch.created_at is not None
    assert not parse_batch({**value, "status": "in_progress"}).is_terminal
    with pytest.raises(InvalidResponseDataError, match="unknown status"):
        parse_batch({**value, "status": "sleeping"})
    with pytest.raises(InvalidResponseDataError, match="'id'"):
        parse_batch({k: v for k, v in value.items() if k != "id"})
    with pytest.raises(InvalidResponseDataError, match="batch object"):
        parse_batch([])
    assert parse_batch_file({"id": "file-1", "bytes": 3}).bytes == 3
    with pytest.raises(InvalidResponseDataError):
        parse_batch_file({"bytes": 3})


def test_polls_start_fast_and_slow_down_to_the_interval() -> None:
    from ai_sdk.deepinfra.batch.client import _Poll

    running = parse_batch({"id": "b", "status": "in_progress"})
    seen: list[str] = []
    poll = _Poll("b", 10.0, None, lambda batch: seen.append(batch.status))
    assert [poll.next(running) for _ in range(7)] == [0.5, 1.0, 2.0, 4.0, 8.0, 10.0, 10.0]
    assert poll.next(parse_batch({"id": "b", "status": "completed"})) is None
    assert seen == ["in_progress"] * 7 + ["completed"]
    assert _Poll("b", 0.1, None, None).next(running) == 0.1
    with pytest.raises(InvalidArgumentError, match="poll_interval"):
        _Poll("b", 0, None, None)
