"""A provider releases what it opened: ``close()`` / ``aclose()`` / ``with`` / ``async with``, and a
provider dropped without closing reports nothing, in a fresh interpreter run with
``-W error::ResourceWarning`` whose unraisable-exception hook and event loop exception handler record
every report (an unclosed socket, session or connector would show there)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from ai_sdk.deepinfra import create_deepinfra
from ai_sdk.errors import InvalidArgumentError

SCRIPT = textwrap.dedent(
    """
    import asyncio, gc, sys
    from ai_sdk import generate_text, stream_text
    from ai_sdk.deepinfra import create_deepinfra
    from ai_sdk.sync import generate_text as generate_text_sync, stream_text as stream_text_sync
    from ai_sdk.testing import DeepInfraEmulator

    reports = []
    sys.unraisablehook = lambda info: reports.append(repr(info.exc_value))
    MODEL = "meta-llama/Meta-Llama-3.1-70B-Instruct"

    def blocking(url):
        with create_deepinfra(base_url=url, api_key="k") as provider:
            generate_text_sync(model=provider(MODEL), prompt="Hi")
            stream = stream_text_sync(model=provider(MODEL), prompt="Hi")
            next(iter(stream.text_stream))  # abandoned mid-stream
            stream.close()
        dropped = create_deepinfra(base_url=url, api_key="k")
        generate_text_sync(model=dropped(MODEL), prompt="Hi")
        del dropped
        gc.collect()

    async def main(url):
        asyncio.get_running_loop().set_exception_handler(lambda loop, context: reports.append(context["message"]))
        async with create_deepinfra(base_url=url, api_key="k") as provider:
            await generate_text(model=provider(MODEL), prompt="Hi")
            await stream_text(model=provider(MODEL), prompt="Hi").consume()
        dropped = create_deepinfra(base_url=url, api_key="k")
        await generate_text(model=dropped(MODEL), prompt="Hi")
        in_a_cycle = create_deepinfra(base_url=url, api_key="k")
        await generate_text(model=in_a_cycle(MODEL), prompt="Hi")
        holder = [in_a_cycle]
        holder.append(holder)  # only the cycle collector can free it, together with its sessions
        del dropped, in_a_cycle, holder
        gc.collect()
        await asyncio.sleep(0.2)
        gc.collect()

    with DeepInfraEmulator(validate=False) as emu:
        blocking(emu.base_url)
        asyncio.run(main(emu.base_url))
    gc.collect()
    print(reports)
    sys.exit(1 if reports else 0)
    """
)


def test_nothing_is_left_unclosed_under_resource_warnings_as_errors() -> None:
    done = subprocess.run(
        [sys.executable, "-W", "error::ResourceWarning", "-X", "dev", "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Unclosed" not in done.stderr
    assert "ResourceWarning" not in done.stderr


def test_a_provider_closes_repeatedly_and_stays_usable() -> None:
    provider = create_deepinfra(api_key="k")
    provider.close()
    provider.close()
    with provider as same:
        assert same is provider


@pytest.mark.parametrize("bad", [1, "yes", None])
def test_retry_broken_bodies_must_be_a_bool(bad: object) -> None:
    with pytest.raises(InvalidArgumentError, match="retry_broken_bodies"):
        create_deepinfra(retry_broken_bodies=bad)  # type: ignore[arg-type]
