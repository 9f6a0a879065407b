"""Audio routes: speech-to-text (``POST /openai/audio/transcriptions`` and ``/translations``, multipart)
and text-to-speech,
whole (``POST /openai/audio/speech``) or streamed (``POST /text-to-speech/{voice}/stream``, and the
same route without ``/stream`` for the whole file).

Transcripts are deterministic: a fixed sentence timed over the audio's duration (read from a WAV
header, else estimated from the size), in every format DeepInfra offers (``json``, ``verbose_json``,
``text``, ``srt``, ``vtt``). Speech is real audio for ``wav`` and ``pcm`` (a quiet tone, 20 ms per
character of text) and correctly signed stand-in bytes for the compressed formats, so clients that
check a file's type see the right one.
"""

from __future__ import annotations

import io
import math
import struct
import wave
from collections.abc import Mapping, Sequence
from typing import Any

from .multipart import FormPart
from .wire import Answer, JSONAnswer, StreamAnswer, json_answer, validation_answer

__all__ = [
    "SPEECH_MEDIA_TYPES",
    "TRANSCRIPT",
    "form_body",
    "speech_answer",
    "speech_audio",
    "transcription_answer",
    "tts_answer",
]

TRANSCRIPT = "The quick brown fox jumps over the lazy dog."
"""What the emulator hears in any audio."""

SPEECH_MEDIA_TYPES = {
    "mp3": "audio/mpeg",
    "opus": "audio/ogg",
    "flac": "audio/flac",
    "wav": "audio/wav",
    "pcm": "audio/pcm",
}
_SIGNATURES = {"mp3": b"ID3\x04\x00\x00\x00\x00\x00\x00", "opus": b"OggS\x00\x02", "flac": b"fLaC\x00\x00\x00\x22"}
_SAMPLE_RATE = 8000
_SECONDS_PER_CHARACTER = 0.02
_STREAM_CHUNK = 4096
_SEGMENT_SECONDS = 5.0
_LANGUAGE_NAMES = {"en": "english", "de": "german", "fr": "french", "es": "spanish", "it": "italian"}


def form_body(parts: Sequence[FormPart]) -> dict[str, Any]:
    """A multipart transcription request as the object its OpenAPI schema describes (file parts become
    the string ``"<binary>"``, repeated fields lists), for validation and for reading the options."""
    body: dict[str, Any] = {}
    for part in parts:
        name = part.name.removesuffix("[]")
        value: Any = "<binary>" if part.filename is not None else part.text
        if name == "timestamp_granularities":
            body.setdefault(name, []).append(value)
        elif name == "temperature":
            try:
                body[name] = float(value)
            except ValueError:
                body[name] = value
        else:
            body[name] = value
    return body


def _duration(audio: bytes) -> float:
    try:
        with wave.open(io.BytesIO(audio)) as reader:
            return float(reader.getnframes() / reader.getframerate())
    except (wave.Error, EOFError, ZeroDivisionError):
        return round(len(audio) / 16000, 3)  # about 128 kbit/s of compressed audio


def _timestamp(seconds: float, separator: str) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    whole, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{whole:02d}{separator}{millis:03d}"


def _segments(duration: float) -> list[tuple[float, float, str]]:
    words = TRANSCRIPT.split()
    count = max(1, min(len(words), math.ceil(duration / _SEGMENT_SECONDS)))
    per_segment = math.ceil(len(words) / count)
    groups = [words[i : i + per_segment] for i in range(0, len(words), per_segment)]
    step = duration / len(groups)
    return [(round(i * step, 3), round((i + 1) * step, 3), " " + " ".join(group)) for i, group in enumerate(groups)]


def transcription_answer(parts: Sequence[FormPart], *, validate: bool, translate: bool = False) -> Answer:
    """The answer to a transcription (or, with ``translate``, translation into English) request in the
    asked-for ``response_format`` (default ``json``)."""
    body = form_body(parts)
    if validate:
        from ..openapi import schema_errors

        schema = "translations" if translate else "transcriptions"
        problems = schema_errors(f"Body_openai_audio_{schema}_v1_openai_audio_{schema}_post", body)
        if problems:
            return validation_answer(problems)
    audio = next((part.data for part in parts if part.name == "file" and part.filename is not None), b"")
    if not audio:
        return validation_answer([{"loc": ["body", "file"], "msg": "the audio file is empty", "type": "value_error"}])
    duration = _duration(audio)
    segments = _segments(duration)
    response_format = body.get("response_format") or "json"
    if response_format == "text":
        return _text_answer(TRANSCRIPT + "\n", "text/plain; charset=utf-8")
    if response_format == "srt":
        cues = [
            f"{i}\n{_timestamp(start, ',')} --> {_timestamp(end, ',')}\n{text.strip()}\n"
            for i, (start, end, text) in enumerate(segments, 1)
        ]
        return _text_answer("\n".join(cues), "text/plain; charset=utf-8")
    if response_format == "vtt":
        cues = [
            f"{_timestamp(start, '.')} --> {_timestamp(end, '.')}\n{text.strip()}\n" for start, end, text in segments
        ]
        return _text_answer("WEBVTT\n\n" + "\n".join(cues), "text/vtt; charset=utf-8")
    if response_format == "json":
        return json_answer({"text": TRANSCRIPT})
    language = "en" if translate else body.get("language") or "en"
    verbose: dict[str, Any] = {
        "task": "translate" if translate else "transcribe",
        "language": _LANGUAGE_NAMES.get(language, language),
        "duration": round(duration, 3),
        "text": TRANSCRIPT,
        "segments": [
            {
                "id": i,
                "seek": 0,
                "start": start,
                "end": end,
                "text": text,
                "tokens": [],
                "temperature": body.get("temperature", 0.0),
                "avg_logprob": -0.2,
                "compression_ratio": 1.1,
                "no_speech_prob": 0.01,
            }
            for i, (start, end, text) in enumerate(segments)
        ],
    }
    if "word" in body.get("timestamp_granularities", []):
        words = TRANSCRIPT.split()
        step = duration / len(words)
        verbose["words"] = [
            {"word": word, "start": round(i * step, 3), "end": round((i + 1) * step, 3)} for i, word in enumerate(words)
        ]
    return json_answer(verbose)


def _text_answer(text: str, content_type: str) -> JSONAnswer:
    return JSONAnswer(200, text.encode(), {"content-type": content_type})


def speech_audio(text: str, audio_format: str) -> bytes:
    """The emulator's speech for ``text``: a real WAV (or raw 16-bit PCM) of a quiet 440 Hz tone, 20 ms
    per character; for mp3, opus and flac, that PCM behind the format's signature."""
    frames = max(1, round(len(text) * _SECONDS_PER_CHARACTER * _SAMPLE_RATE))
    pcm = b"".join(
        struct.pack("<h", round(800 * math.sin(2 * math.pi * 440 * i / _SAMPLE_RATE))) for i in range(frames)
    )
    if audio_format == "pcm":
        return pcm
    if audio_format == "wav":
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as writer:
            writer.setnchannels(1)
            writer.setsampwidth(2)
            writer.setframerate(_SAMPLE_RATE)
            writer.writeframes(pcm)
        return buffer.getvalue()
    return _SIGNATURES[audio_format] + pcm


def _audio_answer(audio: bytes, audio_format: str, *, stream: bool, chunk_delay: float = 0.0) -> Answer:
    headers = {"content-type": SPEECH_MEDIA_TYPES[audio_format]}
    if stream:
        frames = [audio[i : i + _STREAM_CHUNK] for i in range(0, len(audio), _STREAM_CHUNK)]
        return StreamAnswer(frames, headers, chunk_delay=chunk_delay)
    return JSONAnswer(200, audio, headers)


def speech_answer(body: Mapping[str, Any]) -> Answer:
    """``/openai/audio/speech`` (body already checked against ``OpenAITextToSpeechIn``): the audio of
    ``input`` in ``response_format`` (default ``wav``, as DeepInfra's)."""
    audio_format = body.get("response_format") or "wav"
    return _audio_answer(speech_audio(body["input"], audio_format), audio_format, stream=False)


def tts_answer(path: str, body: Mapping[str, Any], *, chunk_delay: float = 0.0) -> Answer:
    """``/text-to-speech/{voice}[/stream]`` (body checked against ``ElevenLabsTextToSpeechIn``): the audio
    of ``text`` in ``output_format``, streamed in 4 KiB chunks on the ``/stream`` route, ``chunk_delay``
    seconds apart."""
    audio_format = body.get("output_format") or "wav"
    audio = speech_audio(body["text"], audio_format)
    return _audio_answer(audio, audio_format, stream=path.endswith("/stream"), chunk_delay=chunk_delay)
