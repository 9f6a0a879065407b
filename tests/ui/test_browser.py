"""A real browser: the example chat page (React + ``useChat`` from ``@ai-sdk/react``, bundled with esbuild)
served by the example FastAPI app on loopback against the DeepInfra emulator, driven in headless Chromium
(Debian's package) by Playwright: type a message, watch the reasoning, the tool call with its result and
the streamed answer appear, then see an error from the backend shown; click Approve (and Deny) on a tool
call waiting for approval and see its result (or the denial). Screenshots go to artifacts/ui/."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from ai_sdk.deepinfra import create_deepinfra
from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.testing.emulator import Reply

from .helpers import REASONING_MODEL
from .servers import ARTIFACTS, build_example_bundle, load_example, need, serve


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    need(path is not None, "chromium (Debian's package)")
    assert path is not None
    return path


@pytest.fixture
def page() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    build_example_bundle()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            yield browser.new_page(viewport={"width": 900, "height": 900})
        finally:
            browser.close()


def test_a_chat_in_the_browser(page: Any) -> None:
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    example = load_example()
    with DeepInfraEmulator(chunk_delay=0.02) as emu:
        provider = create_deepinfra(base_url=emu.base_url, api_key="ui-test-key")
        app = example.create_app(provider(REASONING_MODEL))
        with serve(app) as url:
            page.goto(url)
            # every length the answer's text takes on screen, to see it arrive in pieces
            page.evaluate(
                """() => {
                    window.textLengths = [];
                    const answer = '[data-testid="message-assistant"] [data-testid="text"]';
                    new MutationObserver(() => {
                        const texts = document.querySelectorAll(answer);
                        if (texts.length) window.textLengths.push(texts[texts.length - 1].textContent.length);
                    }).observe(document.body, { subtree: true, childList: true, characterData: true });
                }"""
            )
            page.get_by_test_id("input").fill("What is the weather in Paris?")
            page.get_by_test_id("send").click()

            assistant = page.get_by_test_id("message-assistant")
            expect(assistant.get_by_test_id("tool")).to_have_attribute("data-state", "output-available")
            expect(assistant.get_by_test_id("tool-output")).to_contain_text('"temperature_c":21')
            expect(assistant.get_by_test_id("text")).to_contain_text("Here is what I found: weather returned")
            expect(page.get_by_test_id("status")).to_have_text("ready")
            expect(assistant.get_by_test_id("reasoning").first).to_contain_text("The user wrote")
            lengths = page.evaluate("() => window.textLengths")
            page.screenshot(path=str(ARTIFACTS / "chat.png"), full_page=True)

            # the next answer breaks off with an error frame: the page shows the error text we chose
            emu.chat.queue(Reply(text="This answer will break.", error_frame_at=2))
            page.get_by_test_id("input").fill("Tell me more")
            page.get_by_test_id("send").click()
            expect(page.get_by_test_id("error")).to_contain_text("Error:")
            page.screenshot(path=str(ARTIFACTS / "chat-error.png"), full_page=True)
            error_text = page.get_by_test_id("error").inner_text()

    assert "ui-test-key" not in error_text
    assert len(set(lengths)) > 3, f"the answer did not stream: {lengths}"
    assert lengths == sorted(lengths)
    (saved,) = app.state.chats.values()
    assert [message["role"] for message in saved] == ["user", "assistant", "user", "assistant"]
    assert (ARTIFACTS / "chat.png").stat().st_size > 10_000


def test_approving_and_denying_a_tool_call_in_the_browser(page: Any) -> None:
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    example = load_example()
    with DeepInfraEmulator(chunk_delay=0.01) as emu:
        provider = create_deepinfra(base_url=emu.base_url, api_key="ui-test-key")
        app = example.create_app(provider(REASONING_MODEL))
        with serve(app) as url:
            page.goto(url)
            page.get_by_test_id("input").fill("Please reserve a table for two.")
            page.get_by_test_id("send").click()

            first = page.get_by_test_id("message-assistant").nth(0)
            expect(first.get_by_test_id("tool")).to_have_attribute("data-state", "approval-requested")
            expect(page.get_by_test_id("status")).to_have_text("ready")
            assert first.get_by_test_id("tool-output").count() == 0  # nothing executed before the click
            page.screenshot(path=str(ARTIFACTS / "approval-requested.png"), full_page=True)

            first.get_by_test_id("approve").click()
            expect(first.get_by_test_id("tool")).to_have_attribute("data-state", "output-available")
            expect(first.get_by_test_id("tool-output")).to_contain_text('"confirmed":true')
            expect(first.get_by_test_id("text")).to_contain_text("Here is what I found: reserve returned")
            expect(page.get_by_test_id("status")).to_have_text("ready")
            assert first.get_by_test_id("approve").count() == 0
            page.screenshot(path=str(ARTIFACTS / "approval-approved.png"), full_page=True)

            page.get_by_test_id("input").fill("Reserve another one, please.")
            page.get_by_test_id("send").click()
            second = page.get_by_test_id("message-assistant").nth(1)
            second.get_by_test_id("deny").click()
            expect(second.get_by_test_id("tool")).to_have_attribute("data-state", "output-denied")
            expect(second.get_by_test_id("tool-denied")).to_contain_text("The user said no.")
            expect(second.get_by_test_id("text")).to_contain_text("The user said no.")
            expect(page.get_by_test_id("status")).to_have_text("ready")
            page.screenshot(path=str(ARTIFACTS / "approval-denied.png"), full_page=True)

    (saved,) = app.state.chats.values()
    assert [message["role"] for message in saved] == ["user", "assistant", "user", "assistant"]
    states = [part.get("state") for message in saved for part in message["parts"] if part["type"] == "tool-reserve"]
    assert states == ["output-available", "output-denied"]
    assert (ARTIFACTS / "approval-approved.png").stat().st_size > 10_000
