"""The one-shot commands: ``run`` (a prompt, streamed), ``models``, ``image`` and ``embed``."""

from __future__ import annotations

import json
from pathlib import Path

from .context import Context

__all__ = ["embed", "image", "models", "run"]


def _read_prompt(context: Context, given: str | None) -> str:
    """The prompt argument, or standard input when it is absent or ``-``."""
    if given is not None and given != "-":
        return given
    text = context.stdin.read()
    if not text.strip():
        from ..spec.errors import InvalidArgumentError

        raise InvalidArgumentError("give a prompt as an argument or on standard input", argument="prompt")
    return text


def run(context: Context) -> int:
    """``ai-sdk run "prompt"``: stream one reply to stdout; ``--usage`` adds tokens and cost on stderr."""
    from ..sync import stream_text

    args = context.args
    prompt = _read_prompt(context, args.prompt)
    settings = {"system": args.system, "max_output_tokens": args.max_output_tokens, "temperature": args.temperature}
    model = context.provider(context.model_id("chat"))
    with stream_text(model=model, prompt=prompt, **{k: v for k, v in settings.items() if v is not None}) as result:
        for delta in result.text_stream:
            context.stdout.write(delta)
            context.stdout.flush()
        context.stdout.write("\n")
        if args.usage:
            usage = result.total_usage
            cost = f"${usage.cost:.6f}" if usage.cost is not None else "cost unknown"
            context.note(f"{usage.input_tokens} input + {usage.output_tokens} output tokens, {cost}")
    return 0


def models(context: Context) -> int:
    """``ai-sdk models``: the model catalog, one model per line (``--json`` for JSON lines)."""
    catalog = context.provider.models_sync()
    for info in catalog:
        if context.args.json:
            line = {
                "id": info.id,
                "type": info.type,
                "context_length": info.context_length,
                "input_price": info.input_price,
                "output_price": info.output_price,
                "tags": list(info.tags),
            }
            print(json.dumps(line), file=context.stdout)
        else:
            price = (
                f"${info.input_price:g}/${info.output_price:g} per 1M tokens"
                if info.input_price is not None and info.output_price is not None
                else ""
            )
            print(f"{info.id}\t{info.type or ''}\t{price}".rstrip(), file=context.stdout)
    return 0


def image(context: Context) -> int:
    """``ai-sdk image "prompt" -o out.png``: generate images and save them (``-n`` > 1: numbered)."""
    from ..sync import generate_image

    args = context.args
    model = context.provider.image(context.model_id("image"))
    result = generate_image(
        model=model, prompt=_read_prompt(context, args.prompt), n=args.n, size=args.size, seed=args.seed
    )
    target = Path(args.output)
    for index, generated in enumerate(result.images):
        path = target if len(result.images) == 1 else target.with_name(f"{target.stem}-{index + 1}{target.suffix}")
        generated.save(path)
        print(path, file=context.stdout)
    return 0


def embed(context: Context) -> int:
    """``ai-sdk embed TEXT...``: one JSON line ``{"text", "embedding"}`` per text (stdin lines without
    arguments)."""
    from ..sync import embed_many

    texts = list(context.args.texts) or [line.rstrip("\n") for line in context.stdin if line.strip()]
    if not texts:
        from ..spec.errors import InvalidArgumentError

        raise InvalidArgumentError("give texts as arguments or as lines on standard input", argument="texts")
    model = context.provider.embedding_model(context.model_id("embed"))
    result = embed_many(model=model, values=texts)
    for text, vector in zip(texts, result.embeddings, strict=True):
        print(json.dumps({"text": text, "embedding": vector}), file=context.stdout)
    return 0
