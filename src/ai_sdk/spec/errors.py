"""The one error tree of ai_sdk.

Every error raised by the library derives from :class:`AISDKError`, so ``except AISDKError`` catches
them all, and each kind carries the data a caller needs to act on it (``APICallError.is_retryable``,
``NoObjectGeneratedError.text``, ...). The tree lives in the spec layer because providers and the core
both raise these errors; :mod:`ai_sdk.errors` re-exports it for users.

Rule: no error ever stores request headers, so an API key can never reach a message, a ``repr`` or
an exception chain through here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

__all__ = [
    "AISDKError",
    "APICallError",
    "BatchFailedError",
    "BatchTimeoutError",
    "CallbackError",
    "CheckpointError",
    "DeadlineExceededError",
    "EmbeddingChunkError",
    "EmptyResponseBodyError",
    "GenerationProtocolError",
    "InvalidArgumentError",
    "InvalidPromptError",
    "InvalidResponseDataError",
    "InvalidRowError",
    "InvalidToolApprovalError",
    "InvalidToolInputError",
    "JSONParseError",
    "LoadAPIKeyError",
    "MCPClientError",
    "MCPToolError",
    "NoImageGeneratedError",
    "NoObjectGeneratedError",
    "NoOutputGeneratedError",
    "NoSpeechGeneratedError",
    "NoSuchModelError",
    "NoSuchProviderError",
    "NoSuchToolError",
    "NoTranscriptGeneratedError",
    "RetryError",
    "ToolCallNotFoundForApprovalError",
    "ToolCallRepairError",
    "ToolChoiceViolationError",
    "ToolExecutionError",
    "TooManyEmbeddingValuesForCallError",
    "TypeValidationError",
    "UnknownArgumentError",
    "UnsupportedFunctionalityError",
]


class AISDKError(Exception):
    """Base class of every error raised by ai_sdk."""

    def __init__(self, message: str, *, cause: BaseException | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.cause = cause
        if cause is not None:
            self.__cause__ = cause

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors cross process boundaries (multiprocessing, concurrent.futures, Ray), and the default
        # unpickling calls the class with ``args`` alone, which keyword-only constructors refuse (a pool
        # then hangs or breaks). Rebuilt from the attributes instead.
        return (_rebuild_error, (type(self), self.args), self.__dict__)


def _rebuild_error(cls: type[AISDKError], args: tuple[Any, ...]) -> AISDKError:
    """An uninitialised ``cls`` error with ``args``; unpickling then restores its attributes."""
    return cls.__new__(cls, *args)


class APICallError(AISDKError):
    """An HTTP call to a provider failed: a non-2xx answer, a network error or an error inside a stream.

    ``is_retryable`` says whether the core's retry loop may try again (408, 409, 429, 5xx and network
    errors are retryable). ``status_code`` is ``None`` when no HTTP answer arrived.
    """

    def __init__(
        self,
        message: str,
        *,
        url: str,
        request_body: Any = None,
        status_code: int | None = None,
        response_headers: Mapping[str, str] | None = None,
        response_body: str | None = None,
        is_retryable: bool | None = None,
        data: Any = None,
        cause: BaseException | None = None,
    ) -> None:
        super().__init__(message, cause=cause)
        self.url = url
        self.request_body = request_body
        self.status_code = status_code
        self.response_headers = dict(response_headers) if response_headers is not None else None
        self.response_body = response_body
        self.data = data
        if is_retryable is None:
            is_retryable = status_code is None or status_code in (408, 409, 429) or status_code >= 500
        self.is_retryable = is_retryable

    def __repr__(self) -> str:
        return (
            f"APICallError({self.message!r}, status_code={self.status_code!r}, url={self.url!r}, "
            f"is_retryable={self.is_retryable!r})"
        )


class EmptyResponseBodyError(AISDKError):
    """The provider answered with an empty body where content was expected."""

    def __init__(self, message: str = "Empty response body") -> None:
        super().__init__(message)


class LoadAPIKeyError(AISDKError):
    """No API key was given and none was found in the environment."""


class InvalidArgumentError(AISDKError):
    """A function argument has a value that cannot work; the message says what to pass instead."""

    def __init__(self, message: str, *, argument: str, value: Any = None) -> None:
        super().__init__(f"Invalid argument for '{argument}': {message}")
        self.argument = argument
        self.value = value


class UnknownArgumentError(InvalidArgumentError, TypeError):
    """A function got a keyword argument it does not take (also a ``TypeError``, as Python raises for
    one); the message names the closest valid argument."""


class InvalidPromptError(AISDKError):
    """The prompt (``prompt=``, ``system=`` or ``messages=``) is malformed; the message says where."""

    def __init__(self, message: str, *, prompt: Any = None, cause: BaseException | None = None) -> None:
        super().__init__(f"Invalid prompt: {message}", cause=cause)
        self.prompt = prompt


class InvalidResponseDataError(AISDKError):
    """The provider answered with data of an unexpected shape."""

    def __init__(self, message: str, *, data: Any = None) -> None:
        super().__init__(message)
        self.data = data


class JSONParseError(AISDKError):
    """Text that had to be JSON could not be parsed."""

    def __init__(self, text: str, *, cause: BaseException | None = None) -> None:
        shown = text if len(text) <= 200 else text[:200] + "..."
        super().__init__(f"JSON parsing failed: text: {shown!r}. Error message: {cause}", cause=cause)
        self.text = text


class TypeValidationError(AISDKError):
    """A value did not match the expected schema."""

    def __init__(self, value: Any, *, cause: BaseException | None = None, message: str | None = None) -> None:
        super().__init__(message or f"Type validation failed: {cause}", cause=cause)
        self.value = value


class NoObjectGeneratedError(AISDKError):
    """Structured output failed: the model's text is not JSON, or not of the requested shape.

    Carries the raw ``text``, the ``response`` metadata, the ``usage`` and the ``finish_reason`` so the
    caller can log, repair or retry.
    """

    def __init__(
        self,
        message: str = "No object generated.",
        *,
        text: str | None = None,
        response: Any = None,
        usage: Any = None,
        finish_reason: str | None = None,
        cause: BaseException | None = None,
    ) -> None:
        super().__init__(message, cause=cause)
        self.text = text
        self.response = response
        self.usage = usage
        self.finish_reason = finish_reason


class NoOutputGeneratedError(AISDKError):
    """There is no output to read: a stream was closed or cancelled before it finished (so it has no
    final values), or the last step ended with tool calls (so it has no structured ``output``)."""

    def __init__(self, message: str = "No output generated.", *, cause: BaseException | None = None) -> None:
        super().__init__(message, cause=cause)


class NoImageGeneratedError(AISDKError):
    """An image call succeeded but returned no image."""

    def __init__(self, message: str = "No image generated.", *, responses: Sequence[Any] = ()) -> None:
        super().__init__(message)
        self.responses = list(responses)


class NoSpeechGeneratedError(AISDKError):
    """A speech call succeeded but returned no audio (an empty body)."""

    def __init__(self, message: str = "No speech audio generated.", *, responses: Sequence[Any] = ()) -> None:
        super().__init__(message)
        self.responses = list(responses)


class NoTranscriptGeneratedError(AISDKError):
    """A transcription call succeeded but returned no text (silence, or audio the model cannot read)."""

    def __init__(self, message: str = "No transcript generated.", *, responses: Sequence[Any] = ()) -> None:
        super().__init__(message)
        self.responses = list(responses)


class NoSuchModelError(AISDKError):
    """A provider (or a registry, or a custom provider) has no model of that id or kind.

    ``available_models`` lists the ids it does know, when it can tell.
    """

    def __init__(
        self,
        *,
        model_id: str,
        model_type: str,
        message: str | None = None,
        available_models: Sequence[str] | None = None,
    ) -> None:
        super().__init__(message or f"No such {model_type}: {model_id}")
        self.model_id = model_id
        self.model_type = model_type
        self.available_models = list(available_models) if available_models is not None else None


class NoSuchProviderError(NoSuchModelError):
    """A provider registry has no provider of that id; ``available_providers`` lists the ones it has."""

    def __init__(
        self, *, model_id: str, model_type: str, provider_id: str, available_providers: Sequence[str], message: str
    ) -> None:
        super().__init__(model_id=model_id, model_type=model_type, message=message)
        self.provider_id = provider_id
        self.available_providers = list(available_providers)


class NoSuchToolError(AISDKError):
    """The model called a tool that was not given to it."""

    def __init__(self, *, tool_name: str, available_tools: Sequence[str] | None = None) -> None:
        available = ", ".join(available_tools) if available_tools else "none"
        super().__init__(f"Model tried to call unavailable tool '{tool_name}'. Available tools: {available}.")
        self.tool_name = tool_name
        self.available_tools = list(available_tools) if available_tools is not None else None


class InvalidToolInputError(AISDKError):
    """The model called a tool with input that is not JSON or does not match the tool's schema."""

    def __init__(self, *, tool_name: str, tool_input: str, cause: BaseException | None = None) -> None:
        super().__init__(f"Invalid input for tool {tool_name}: {cause}", cause=cause)
        self.tool_name = tool_name
        self.tool_input = tool_input


class ToolExecutionError(AISDKError):
    """A tool's ``execute`` raised; the loop turns this into a tool-error result the model sees."""

    def __init__(self, *, tool_name: str, tool_call_id: str, tool_input: Any, cause: BaseException) -> None:
        super().__init__(f"Error executing tool {tool_name}: {cause}", cause=cause)
        self.tool_name = tool_name
        self.tool_call_id = tool_call_id
        self.tool_input = tool_input


class GenerationProtocolError(AISDKError):
    """A driver of the core's generation state machine reported something out of turn (a bug in the
    driver, such as an agent loop built on the machine, never in a call's arguments)."""


class ToolChoiceViolationError(AISDKError):
    """The model ignored ``tool_choice``: it was ``"required"`` or named a tool, and the answer did not
    call it. Carries the ``tool_choice``, the step's ``finish_reason`` and its ``content``."""

    def __init__(self, *, tool_choice: Any, finish_reason: str, content: Sequence[Any]) -> None:
        wanted = f"tool {tool_choice.tool_name!r}" if tool_choice.type == "tool" else "a tool"
        called = sorted(
            {getattr(part, "tool_name", "") for part in content if getattr(part, "type", "") == "tool-call"}
        )
        got = f"called {', '.join(called)}" if called else "called no tool"
        super().__init__(
            f"The model was required to call {wanted} (tool_choice={tool_choice.type!r}) but {got} "
            f"(finish reason {finish_reason!r}); retry, or relax tool_choice"
        )
        self.tool_choice = tool_choice
        self.finish_reason = finish_reason
        self.content = list(content)


class RetryError(AISDKError):
    """A call failed after retrying; ``errors`` holds every attempt's error in order."""

    def __init__(
        self,
        message: str,
        *,
        reason: Literal["max_retries_exceeded", "error_not_retryable"],
        errors: Sequence[BaseException],
    ) -> None:
        super().__init__(message, cause=errors[-1] if errors else None)
        self.reason = reason
        self.errors = list(errors)

    @property
    def last_error(self) -> BaseException | None:
        return self.errors[-1] if self.errors else None


class UnsupportedFunctionalityError(AISDKError):
    """The model or provider cannot do what was asked (and it cannot be downgraded to a warning)."""

    def __init__(self, functionality: str, message: str | None = None) -> None:
        super().__init__(message or f"'{functionality}' functionality not supported.")
        self.functionality = functionality


class TooManyEmbeddingValuesForCallError(AISDKError):
    """More values were passed to one embedding call than the model accepts."""

    def __init__(self, *, provider: str, model_id: str, max_embeddings_per_call: int, values: Sequence[Any]) -> None:
        super().__init__(
            f"Too many values for a single embedding call. The {provider} model '{model_id}' can only embed up to "
            f"{max_embeddings_per_call} values per call, but {len(values)} values were provided. "
            "Use embed_many, which splits the values into chunks."
        )
        self.provider = provider
        self.model_id = model_id
        self.max_embeddings_per_call = max_embeddings_per_call
        self.values = list(values)


class EmbeddingChunkError(AISDKError):
    """One chunk of an ``embed_many`` call failed (after its retries), so the call failed.

    ``start`` and ``end`` locate the chunk in the values given to ``embed_many``
    (``values[start:end]``), ``values`` holds those values, and ``cause`` is the chunk's own error
    (an :class:`APICallError`, a :class:`RetryError`, ...). Calls of other chunks still running were
    cancelled; embed the failed values again, or all of them, to recover.
    """

    def __init__(self, *, start: int, end: int, values: Sequence[str], cause: BaseException) -> None:
        super().__init__(
            f"Embedding values {start} to {end - 1} (values[{start}:{end}], {end - start} values) failed: {cause}",
            cause=cause,
        )
        self.start = start
        self.end = end
        self.values = list(values)


class InvalidRowError(AISDKError):
    """A row of a bulk job (or a line of a JSONL input) is malformed; the message names the line and
    the id when known, and says what to fix. ``reason`` is the message without that location."""

    def __init__(self, reason: str, *, row_id: str | int | None, line: int | None = None) -> None:
        where = []
        if line is not None:
            where.append(f"line {line}")
        if row_id is not None:
            where.append(f"row id {row_id!r}")
        super().__init__(f"Invalid row ({', '.join(where)}): {reason}" if where else f"Invalid row: {reason}")
        self.reason = reason
        self.row_id = row_id
        self.line = line


class CheckpointError(AISDKError):
    """A bulk job's checkpoint file cannot be used to resume (unreadable, or written by a different
    kind of job); the message names the file and line. A last line cut short by a crash is not an
    error: resuming drops it and runs that row again."""

    def __init__(self, message: str, *, path: str, line: int | None = None) -> None:
        super().__init__(f"{message} ({path}{f', line {line}' if line is not None else ''})")
        self.path = path
        self.line = line


class BatchFailedError(AISDKError):
    """A Batch API batch failed validation: nothing in it ran. ``errors`` says which input lines broke
    which rule (``str(error)`` of each reads ``line N: message (code)``)."""

    def __init__(self, message: str, *, batch_id: str, errors: Sequence[object] = ()) -> None:
        super().__init__(message)
        self.batch_id = batch_id
        self.errors = list(errors)


class BatchTimeoutError(AISDKError):
    """Waiting for a Batch API batch took longer than the ``timeout`` given; the batch goes on running
    (``batch_id``, last seen ``status``): wait again later, or cancel it."""

    def __init__(self, message: str, *, batch_id: str, status: str) -> None:
        super().__init__(message)
        self.batch_id = batch_id
        self.status = status


class MCPClientError(AISDKError):
    """An MCP server could not be reached, started or understood, or the client was used after
    ``close()``. Raised inside a tool's ``execute``, it becomes a tool error the model sees."""


class MCPToolError(AISDKError):
    """An MCP tool answered with an error result (``isError``); ``content`` is what it sent. In a
    tool loop it becomes a tool error the model sees, like any tool that raises."""

    def __init__(self, message: str, *, tool_name: str, content: Any = None) -> None:
        super().__init__(message)
        self.tool_name = tool_name
        self.content = content


class DeadlineExceededError(AISDKError):
    """A call ran out of time: its ``timeout=`` total (or a ``Timeout(step=...)``) passed. Never retried.

    ``limit`` is ``"total"`` or ``"step"``, ``seconds`` the limit that was set, ``during`` what the call
    was doing (``"reading the response body"``, ``"waiting to retry"``, ...). The connection in use has
    been released. Per-read (``chunk``) and ``connect`` timeouts are retryable :class:`APICallError`\\ s.
    """

    def __init__(self, *, limit: str, seconds: float | None, during: str, cause: BaseException | None = None) -> None:
        limit_text = f"{seconds:g} s" if seconds is not None else "time"
        setting = "timeout=... or Timeout(total=...)" if limit == "total" else "Timeout(step=...)"
        super().__init__(
            f"The call's {limit} timeout of {limit_text} passed while {during}; raise it with {setting} "
            "if the call needs longer",
            cause=cause,
        )
        self.limit = limit
        self.seconds = seconds
        self.during = during


class CallbackError(AISDKError):
    """A callback passed to a call (``on_step_finish``, ``on_finish``, ``prepare_step``, ...) raised;
    ``callback`` names it and ``cause`` is what it raised. The generation ends with this error."""

    def __init__(self, *, callback: str, cause: BaseException) -> None:
        super().__init__(f"The {callback} callback raised {type(cause).__name__}: {cause}", cause=cause)
        self.callback = callback


class ToolCallRepairError(AISDKError):
    """``repair_tool_call`` itself raised while repairing a failed tool call. ``original_error`` is why
    the call failed (:class:`NoSuchToolError` or :class:`InvalidToolInputError`), ``cause`` what the
    repair raised; the model sees this error as the call's tool error."""

    def __init__(self, *, original_error: BaseException, cause: BaseException) -> None:
        super().__init__(
            f"Repairing the tool call failed with {type(cause).__name__}: {cause} "
            f"(the call failed because: {original_error})",
            cause=cause,
        )
        self.original_error = original_error


class InvalidToolApprovalError(AISDKError):
    """A ``tool-approval-response`` part answers an approval id that no ``tool-approval-request`` part of
    the conversation asked for: pass back the ``approval_id`` of the request you answer."""

    def __init__(self, *, approval_id: str) -> None:
        super().__init__(
            f"Tool approval response {approval_id!r} answers no tool-approval-request of the conversation; "
            "keep the assistant message holding the request in the messages, and answer its approval_id"
        )
        self.approval_id = approval_id


class ToolCallNotFoundForApprovalError(AISDKError):
    """An approval request names a tool call that no assistant message of the conversation holds."""

    def __init__(self, *, tool_call_id: str, approval_id: str) -> None:
        super().__init__(
            f"Tool call {tool_call_id!r} of approval {approval_id!r} is in no assistant message of the "
            "conversation; keep the assistant message with the tool call and its approval request"
        )
        self.tool_call_id = tool_call_id
        self.approval_id = approval_id
