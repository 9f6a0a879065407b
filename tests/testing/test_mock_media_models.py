"""The reranking, transcription and speech mocks: they satisfy their spec protocols, drive the core
functions (blocking and async), record calls, and raise scripted errors (retried like real ones)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ai_sdk import generate_speech, rerank, stream_speech, transcribe
from ai_sdk.errors import APICallError, InvalidArgumentError, RetryError
from ai_sdk.spec import (
    RankedIndex,
    RerankingModel,
    RerankingResult,
    SpeechModel,
    TranscriptionModel,
    TranscriptionResult,
    TranscriptionSegment,
)
from ai_sdk.sync import generate_speech as generate_speech_sync
from ai_sdk.sync import rerank as rerank_sync
from ai_sdk.sync import stream_speech as stream_speech_sync
from ai_sdk.sync import transcribe as transcribe_sync
from ai_sdk.testing import MockRerankingModel, MockSpeechModel, MockTranscriptionModel, instant_retries

WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(16)


def test_the_mocks_satisfy_the_protocols() -> None:
    assert isinstance(MockRerankingModel(), RerankingModel)
    assert isinstance(MockTranscriptionModel(), TranscriptionModel)
    assert isinstance(MockSpeechModel(), SpeechModel)


async def test_reranking_mock(mode: str) -> None:
    model = MockRerankingModel([0.1, 0.9, 0.5])
    arguments: dict[str, Any] = {"model": model, "query": "q", "documents": ["a", "b", "c"], "top_n": 2}
    result = rerank_sync(**arguments) if mode == "sync" else await rerank(**arguments)
    assert result.reranked_documents == ["b", "c"]
    assert model.calls[0].top_n == 2
    default = MockRerankingModel()
    ranked = rerank_sync(model=default, query="red apple", documents=["blue sky", "a red apple"])
    assert ranked.reranked_documents == ["a red apple", "blue sky"]
    whole = RerankingResult(ranking=[RankedIndex(0, 1.0)])
    assert (
        rerank_sync(model=MockRerankingModel(lambda options: whole), query="q", documents=["x"]).ranking[0].score == 1
    )
    with pytest.raises(InvalidArgumentError, match="2 scores but the call ranks 1"):
        rerank_sync(model=MockRerankingModel([1, 2]), query="q", documents=["x"])


async def test_transcription_mock(mode: str) -> None:
    model = MockTranscriptionModel("Hi there.")
    result = transcribe_sync(model=model, audio=WAV) if mode == "sync" else await transcribe(model=model, audio=WAV)
    assert result.text == "Hi there."
    assert model.calls[0].media_type == "audio/wav"
    detailed = TranscriptionResult(text="x", segments=[TranscriptionSegment("x", 0.0, 1.0)], language="en")
    assert transcribe_sync(model=MockTranscriptionModel(detailed), audio=WAV).segments[0].end_second == 1.0
    echo = MockTranscriptionModel(lambda options: f"{len(options.audio)} bytes")
    assert transcribe_sync(model=echo, audio=WAV).text == f"{len(WAV)} bytes"


async def test_speech_mock_whole_and_streamed(mode: str, tmp_path: Path) -> None:
    model = MockSpeechModel(b"0123456789", media_type="audio/mpeg", chunk_size=4)
    if mode == "sync":
        whole = generate_speech_sync(model=model, text="Hi")
        chunks = list(stream_speech_sync(model=model, text="Hi", voice="v"))
    else:
        whole = await generate_speech(model=model, text="Hi")
        chunks = [chunk async for chunk in await stream_speech(model=model, text="Hi", voice="v")]
    assert (whole.audio.data, whole.audio.format) == (b"0123456789", "mp3")
    assert chunks == [b"0123", b"4567", b"89"]
    assert [call.voice for call in model.calls] == [None, "v"]
    assert model.streams[0].closed


def test_a_scripted_failure_mid_stream() -> None:
    boom = APICallError("connection reset", url="u")
    model = MockSpeechModel(stream_chunks=[b"ab", boom])
    stream = iter(stream_speech_sync(model=model, text="Hi"))
    assert next(stream) == b"ab"
    with pytest.raises(APICallError, match="connection reset"):
        next(stream)


def test_scripted_errors_are_retried() -> None:
    busy = APICallError("busy", url="u", status_code=503)
    with instant_retries(), pytest.raises(RetryError):
        rerank_sync(model=MockRerankingModel(busy), query="q", documents=["x"])
    speech = MockSpeechModel(busy)
    with instant_retries(), pytest.raises(RetryError):
        generate_speech_sync(model=speech, text="Hi")
    assert len(speech.calls) == 3
    with pytest.raises(APICallError):
        transcribe_sync(model=MockTranscriptionModel(busy), audio=WAV, max_retries=0)
    with pytest.raises(InvalidArgumentError, match="at least 1"):
        MockSpeechModel(chunk_size=0)
