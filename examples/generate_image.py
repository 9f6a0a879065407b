"""Generate images with DeepInfra, edit one, and write them all to files.

    DEEPINFRA_API_KEY=... python examples/generate_image.py [output-directory]

Without ``DEEPINFRA_API_KEY`` the example runs against the bundled DeepInfra emulator
(``ai_sdk.testing.DeepInfraEmulator``, a local server that answers with generated test-pattern PNGs), so
it works offline. Get a key at https://deepinfra.com/dash/api_keys.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import ai_sdk.sync
from ai_sdk import GenerateImageResult, generate_image
from ai_sdk.deepinfra import DeepInfraProvider, create_deepinfra, deepinfra


def describe(label: str, result: GenerateImageResult, files: list[Path]) -> None:
    cost = result.provider_metadata.get("deepinfra", {}).get("cost")
    print(f"{label}: {len(result.images)} image(s), {result.image.media_type}", end="")
    print(f", ${cost:.6f}" if cost is not None else "")
    for warning in result.warnings:
        print(f"  warning: {warning}")
    for file in files:
        print(f"  wrote {file}")


async def generate(provider: DeepInfraProvider, out: Path) -> Path:
    """Two FLUX images from one prompt (two concurrent calls), then a Stable Diffusion image."""
    # FLUX models take a size. One image per call: n=2 makes two calls, run concurrently.
    flux = await generate_image(
        model=provider.image("black-forest-labs/FLUX-1-schnell"),
        prompt="A futuristic cityscape at sunset",
        size="1024x768",
        n=2,
    )
    files = [image.save(out / f"city-{index}.png") for index, image in enumerate(flux.images, start=1)]
    describe("FLUX-1-schnell", flux, files)

    # Stable Diffusion 3.5 takes an aspect ratio; a seed makes the image reproducible; model-specific
    # settings go in provider_options.
    sd = await generate_image(
        model=provider.image("stabilityai/sd3.5"),
        prompt="A lighthouse on a cliff in a storm, oil painting",
        aspect_ratio="16:9",
        seed=42,
        provider_options={"deepinfra": {"num_inference_steps": 30}},
    )
    describe("sd3.5", sd, [sd.image.save(out / "lighthouse.png")])
    return files[0]


def edit(provider: DeepInfraProvider, source: Path, out: Path) -> None:
    """Edit a generated image with the blocking API (input images may be paths, bytes or base64)."""
    edited = ai_sdk.sync.generate_image(
        model=provider.image("black-forest-labs/FLUX.1-Kontext-dev"),
        prompt="Add a red hot-air balloon to the sky",
        images=[source],
    )
    describe("FLUX.1-Kontext-dev edit", edited, [edited.image.save(out / "city-edited.png")])


def run(provider: DeepInfraProvider, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    first = asyncio.run(generate(provider, out))
    edit(provider, first, out)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "generated-images")
    if os.environ.get("DEEPINFRA_API_KEY"):
        run(deepinfra, out)
        return

    from ai_sdk.testing import DeepInfraEmulator

    print(
        "DEEPINFRA_API_KEY is not set: running against the bundled DeepInfra emulator, which draws test "
        "patterns.\nFor real images, get a key at https://deepinfra.com/dash/api_keys and run:\n"
        "  DEEPINFRA_API_KEY=<your key> python examples/generate_image.py\n"
    )
    with DeepInfraEmulator(validate=False) as emulator:
        run(create_deepinfra(api_key="emulator-key", base_url=emulator.base_url), out)


if __name__ == "__main__":
    main()
