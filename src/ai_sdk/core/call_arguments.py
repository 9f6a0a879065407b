"""The keyword arguments of the text functions, declared once.

``generate_text``, ``stream_text``, ``generate_object`` and ``stream_object`` (and their blocking twins)
take ``model`` and ``output`` explicitly (the result's type depends on them) and everything else as
``**settings: Unpack[TextCallSettings]`` (or :class:`ObjectCallSettings`): type checkers and IDEs see
every argument with its type, and a new setting is one line here plus its check in
:mod:`~ai_sdk.core.call_settings`, forwarded by nobody. :func:`prepare_generation` checks them all,
before any request, and builds the :class:`~ai_sdk.core.generation.Generation`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, TypedDict, cast

from ..spec.deadline import Timeout
from ..spec.errors import InvalidArgumentError
from ..spec.language_model import Message
from ..spec.shared import ProviderOptions
from ..spec.telemetry import Telemetry, resolve_telemetry
from .call_settings import check_arguments, prepare_call_settings, validate_language_model
from .callbacks import HookSettings, is_async_callable, prepare_hooks
from .generation import Generation
from .prompt import standardize_prompt
from .retry import validate_max_retries
from .stop_condition import StopCondition, to_stop_conditions
from .tool import ToolChoiceInput, ToolSet, prepare_tools
from .types import OutputSpecification

__all__ = ["ObjectCallSettings", "TextCallSettings", "prepare_generation"]


class ObjectCallSettings(TypedDict, total=False):
    """The prompt and the call settings, shared by every text and object function.

    ``prompt`` is a string (one user message) or a list of messages, or pass ``messages`` (the
    conversation so far, as spec messages or their dict form); ``system`` is sent first.
    ``max_retries`` (default 2) retries a failed request with backoff; ``provider_options`` holds
    provider-specific settings, e.g. ``{"deepinfra": {"min_p": 0.05}}``. ``telemetry``
    (``ai_sdk.telemetry.TelemetrySettings(...)``) traces the call with OpenTelemetry; without it, the
    process-wide default of ``ai_sdk.telemetry.enable_telemetry()`` applies.
    """

    prompt: str | Sequence[Message | Mapping[str, Any]] | None
    system: str | None
    messages: Sequence[Message | Mapping[str, Any]] | None
    max_output_tokens: int | None
    temperature: float | None
    top_p: float | None
    top_k: int | None
    presence_penalty: float | None
    frequency_penalty: float | None
    stop_sequences: Sequence[str] | None
    seed: int | None
    max_retries: int
    headers: Mapping[str, str | None] | None
    timeout: float | Timeout | None
    provider_options: ProviderOptions | None
    telemetry: Telemetry | None


class TextCallSettings(ObjectCallSettings, HookSettings, total=False):
    """:class:`ObjectCallSettings` plus the tools and the loop of ``generate_text`` / ``stream_text``,
    and their callbacks and hooks (:class:`~ai_sdk.core.callbacks.HookSettings`).

    ``tools``: ``{name: tool}`` or a list of named tools; ``tool_choice``: ``"auto"`` (default),
    ``"none"``, ``"required"`` or ``{"type": "tool", "tool_name": name}``; ``stop_when``: when the tool
    loop stops (default: one step), a list meaning any of them.
    """

    tools: ToolSet | None
    tool_choice: ToolChoiceInput | None
    stop_when: StopCondition | Sequence[StopCondition] | None


TEXT_ARGUMENTS: frozenset[str] = frozenset(TextCallSettings.__optional_keys__)
OBJECT_ARGUMENTS: frozenset[str] = frozenset(ObjectCallSettings.__optional_keys__)


def _validate_output(output: object) -> OutputSpecification[Any, Any] | None:
    if output is None:
        return None
    if not all(
        callable(getattr(output, name, None)) for name in ("response_format", "parse_complete", "parse_partial")
    ):
        raise InvalidArgumentError(
            "pass Output.object(schema), Output.array(schema), Output.choice([...]), Output.json() or Output.text() "
            f"(from ai_sdk import Output); got {output!r}",
            argument="output",
            value=output,
        )
    return cast(OutputSpecification[Any, Any], output)


def _check_blocking(stop_conditions: Sequence[StopCondition], tools: Mapping[str, Any]) -> None:
    """The blocking API runs no event loop: async stop conditions and tools fail before any request."""
    for condition in stop_conditions:
        if is_async_callable(condition):
            raise InvalidArgumentError(
                f"the blocking API cannot await the async stop condition {condition!r}: pass a plain function, "
                "or use the async API (from ai_sdk import generate_text, stream_text)",
                argument="stop_when",
                value=condition,
            )
    for name, tool in tools.items():
        if tool.is_async:
            raise InvalidArgumentError(
                f"tool {name!r} has an async execute function, which the blocking API cannot run; give it a "
                "plain function, or use the async API (from ai_sdk import generate_text, stream_text)",
                argument="tools",
                value=name,
            )


def prepare_generation(
    model: object,
    output: object,
    settings: Mapping[str, Any],
    *,
    function: str,
    blocking: bool,
) -> Generation:
    """Check every argument of a text function (raising before any request) and build its generation."""
    check_arguments(settings.keys(), TEXT_ARGUMENTS, function)
    checked_model = validate_language_model(model)
    get = settings.get
    retries = validate_max_retries(get("max_retries", 2))
    tools = prepare_tools(get("tools"), get("tool_choice"))
    stop_when = get("stop_when")
    stop_conditions = to_stop_conditions(stop_when)
    if blocking and (stop_when is not None or tools.tools):  # the default condition is a plain function
        _check_blocking(stop_conditions if stop_when is not None else (), tools.tools)
    prompt = standardize_prompt(prompt=get("prompt"), system=get("system"), messages=get("messages"))
    call_settings = prepare_call_settings(settings)
    checked_output = _validate_output(output)
    hooks = prepare_hooks(
        settings, blocking=blocking, streaming=function == "stream_text", tool_names=list(tools.tools)
    )
    observer = None
    telemetry = resolve_telemetry(get("telemetry"))
    if telemetry is not None:
        observer = telemetry.start_generation(
            function=function, model=checked_model, tools=tools.tools, prompt=prompt, settings=call_settings
        )
        if observer is not None:
            checked_model = observer.model
            tools = replace(tools, tools=dict(observer.tools))
    return Generation(
        model=checked_model,
        prompt=prompt,
        settings=call_settings,
        tools=tools,
        stop_conditions=stop_conditions,
        output=checked_output,
        max_retries=retries,
        telemetry=observer,
        hooks=hooks,
    )
