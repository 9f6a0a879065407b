"""The pure parts of the OpenAI-compatible completion model: prompt conversion, request body,
response parsing and the stream parser. No I/O here; the model's blocking and async drivers share it."""

from .prompt import STOP_SEQUENCE, completion_prompt
from .request import completion_request_body
from .response import parse_completion_response, response_metadata
from .stream_parser import CompletionStreamParser

__all__ = [
    "STOP_SEQUENCE",
    "CompletionStreamParser",
    "completion_prompt",
    "completion_request_body",
    "parse_completion_response",
    "response_metadata",
]
