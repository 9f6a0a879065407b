"""The models the emulator knows: what ``GET /openai/models`` and ``GET /models/list`` list, the size of
each embedding model's vectors, the prices used for ``estimated_cost``, and which models reason by
default.

Unknown model ids are still served (as a chat model with default prices), so tests are not tied to
this list; it only makes the common models behave like the real ones.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_EMBEDDING_DIMENSIONS", "MODELS", "ModelInfo", "embedding_dimensions", "model_info", "models_list"]

DEFAULT_EMBEDDING_DIMENSIONS = 1024
"""Vector size for embedding models the catalog does not list."""


@dataclass(frozen=True, slots=True)
class ModelInfo:
    id: str
    kind: str
    """``"chat"``, ``"embedding"``, ``"image"``, ``"reranker"``, ``"transcription"`` or ``"speech"``."""
    description: str
    context_length: int = 0
    max_tokens: int = 0
    input_price: float = 0.0
    """USD per million input tokens (per megapixel image for image models, per audio minute for
    transcription models, per million characters for speech models)."""
    output_price: float = 0.0
    """USD per million output tokens."""
    tags: tuple[str, ...] = ()
    dimensions: int = 0
    """Vector size, for embedding models."""
    deprecated: int | None = None
    """When DeepInfra deprecated the model (seconds since the epoch)."""
    replaced_by: str | None = None

    def model_out(self) -> dict[str, object]:
        """This model in ``GET /models/list`` (DeepInfra's ``ModelOut``; prices in cents per unit)."""
        kind, pricing = _TASKS[self.kind], self._pricing()
        return {
            "model_name": self.id,
            "type": kind,
            "reported_type": kind,
            "description": self.description,
            "cover_img_url": "",
            "tags": list(self.tags),
            "pricing": pricing,
            "max_tokens": self.context_length or None,
            "replaced_by": self.replaced_by,
            "deprecated": self.deprecated,
            "quantization": "fp8" if "FP8" in self.id else None,
            "mmlu": None,
            "expected": None,
            "private": 0,
            "is_partner": False,
        }

    def _pricing(self) -> dict[str, object]:
        if self.kind in ("chat", "embedding"):
            return {
                "type": "tokens",
                "cents_per_input_token": self.input_price / 10_000,
                "cents_per_output_token": self.output_price / 10_000,
            }
        if self.kind == "reranker":
            return {"type": "input_tokens", "cents_per_input_token": self.input_price / 10_000}
        if self.kind == "transcription":
            return {"type": "input_length", "cents_per_input_sec": round(self.input_price * 100 / 60, 8)}
        if self.kind == "speech":
            return {"type": "input_character_length", "cents_per_input_chars": self.input_price / 10_000}
        return {"type": "image_units", "cents_per_image_unit": self.input_price * 100, "default_width": 1024}

    @property
    def reasons(self) -> bool:
        """Whether the model streams ``reasoning_content`` before its answer."""
        return "reasoning" in self.tags

    def metadata(self) -> dict[str, object]:
        """The ``metadata`` object of this model in ``GET /openai/models``."""
        return {
            "description": self.description,
            "context_length": self.context_length,
            "max_tokens": self.max_tokens,
            "pricing": {
                "input_tokens": self.input_price,
                "output_tokens": self.output_price,
                "cache_read_tokens": round(self.input_price / 2, 4),
            },
            "tags": list(self.tags),
        }


_CHAT = "chat"
_TASKS = {
    "chat": "text-generation",
    "embedding": "embeddings",
    "image": "text-to-image",
    "reranker": "text-ranking",
    "transcription": "automatic-speech-recognition",
    "speech": "text-to-speech",
}
_TOOLS = ("tools", "json")

MODELS: tuple[ModelInfo, ...] = (
    ModelInfo(
        "meta-llama/Meta-Llama-3.1-70B-Instruct",
        _CHAT,
        "Meta Llama 3.1 70B instruction-tuned",
        131072,
        16384,
        0.23,
        0.40,
        _TOOLS,
    ),
    ModelInfo(
        "meta-llama/Meta-Llama-3.1-8B-Instruct",
        _CHAT,
        "Meta Llama 3.1 8B instruction-tuned",
        131072,
        16384,
        0.03,
        0.05,
        _TOOLS,
    ),
    ModelInfo(
        "meta-llama/Llama-3.3-70B-Instruct-Turbo",
        _CHAT,
        "Meta Llama 3.3 70B, FP8 turbo",
        131072,
        16384,
        0.13,
        0.39,
        _TOOLS,
    ),
    ModelInfo(
        "meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8",
        _CHAT,
        "Meta Llama 4 Maverick, multimodal",
        1048576,
        16384,
        0.15,
        0.60,
        ("vision", *_TOOLS),
    ),
    ModelInfo(
        "meta-llama/Llama-3.2-11B-Vision-Instruct",
        _CHAT,
        "Meta Llama 3.2 11B with image input",
        131072,
        16384,
        0.049,
        0.049,
        ("vision",),
    ),
    ModelInfo("Qwen/Qwen2.5-72B-Instruct", _CHAT, "Qwen 2.5 72B instruction-tuned", 32768, 16384, 0.12, 0.39, _TOOLS),
    ModelInfo("Qwen/Qwen3-32B", _CHAT, "Qwen3 32B with thinking", 40960, 16384, 0.10, 0.30, ("reasoning", *_TOOLS)),
    ModelInfo("deepseek-ai/DeepSeek-V3", _CHAT, "DeepSeek V3 mixture of experts", 163840, 16384, 0.38, 0.89, _TOOLS),
    ModelInfo(
        "deepseek-ai/DeepSeek-R1",
        _CHAT,
        "DeepSeek R1 reasoning model",
        163840,
        16384,
        0.45,
        2.15,
        ("reasoning", "json"),
    ),
    ModelInfo(
        "mistralai/Mixtral-8x7B-Instruct-v0.1",
        _CHAT,
        "Mixtral 8x7B instruction-tuned",
        32768,
        16384,
        0.08,
        0.24,
        ("json",),
        deprecated=1751328000,
        replaced_by="mistralai/Mistral-Small-24B-Instruct-2501",
    ),
    ModelInfo("BAAI/bge-base-en-v1.5", "embedding", "BGE base English embeddings", 512, 0, 0.002, dimensions=768),
    ModelInfo("BAAI/bge-large-en-v1.5", "embedding", "BGE large English embeddings", 512, 0, 0.01, dimensions=1024),
    ModelInfo("BAAI/bge-small-en-v1.5", "embedding", "BGE small English embeddings", 512, 0, 0.001, dimensions=384),
    ModelInfo(
        "sentence-transformers/all-MiniLM-L6-v2",
        "embedding",
        "MiniLM sentence embeddings",
        256,
        0,
        0.005,
        dimensions=384,
    ),
    ModelInfo("intfloat/e5-large-v2", "embedding", "E5 large embeddings", 512, 0, 0.01, dimensions=1024),
    ModelInfo("thenlper/gte-base", "embedding", "GTE base embeddings", 512, 0, 0.005, dimensions=768),
    ModelInfo("Qwen/Qwen3-Embedding-8B", "embedding", "Qwen3 8B embeddings", 32768, 0, 0.01, dimensions=4096),
    ModelInfo("black-forest-labs/FLUX-1-schnell", "image", "FLUX.1 schnell, 1-4 steps", input_price=0.0005),
    ModelInfo("black-forest-labs/FLUX-1-dev", "image", "FLUX.1 dev", input_price=0.009),
    ModelInfo("black-forest-labs/FLUX-1.1-pro", "image", "FLUX 1.1 pro", input_price=0.04),
    ModelInfo("stabilityai/sd3.5", "image", "Stable Diffusion 3.5 large", input_price=0.06),
    ModelInfo("stabilityai/sdxl-turbo", "image", "SDXL turbo", input_price=0.0002),
    ModelInfo("Qwen/Qwen3-Reranker-0.6B", "reranker", "Qwen3 reranker 0.6B", 32768, input_price=0.01),
    ModelInfo("Qwen/Qwen3-Reranker-4B", "reranker", "Qwen3 reranker 4B", 32768, input_price=0.025),
    ModelInfo("Qwen/Qwen3-Reranker-8B", "reranker", "Qwen3 reranker 8B", 32768, input_price=0.05),
    ModelInfo("cross-encoder/ms-marco-MiniLM-L-12-v2", "reranker", "MS MARCO cross-encoder", 512, input_price=0.005),
    ModelInfo("openai/whisper-large-v3-turbo", "transcription", "Whisper large v3 turbo", input_price=0.0002),
    ModelInfo("openai/whisper-large-v3", "transcription", "Whisper large v3", input_price=0.00045),
    ModelInfo("mistralai/Voxtral-Mini-3B-2507", "transcription", "Voxtral Mini", input_price=0.001),
    ModelInfo("hexgrad/Kokoro-82M", "speech", "Kokoro 82M text-to-speech", input_price=0.62),
    ModelInfo("canopylabs/orpheus-3b-0.1-ft", "speech", "Orpheus 3B text-to-speech", input_price=7.0),
)

_BY_ID = {model.id: model for model in MODELS}
_DEFAULT_CHAT = ModelInfo("", _CHAT, "", 131072, 16384, 0.23, 0.40, _TOOLS)
_DEFAULT_IMAGE = ModelInfo("", "image", "", input_price=0.003)
_DEFAULT_PRICES = {"reranker": 0.02, "transcription": 0.0005, "speech": 1.0}


def model_info(model_id: str, *, kind: str = _CHAT) -> ModelInfo:
    """The catalog entry of ``model_id``, or defaults for a model of ``kind`` the catalog does not list.

    Ids ending in ``-R1`` or containing ``thinking`` reason, like the real families do."""
    known = _BY_ID.get(model_id)
    if known is not None:
        return known
    if kind == "image":
        return _DEFAULT_IMAGE
    if kind in _DEFAULT_PRICES:
        return ModelInfo(model_id, kind, "", input_price=_DEFAULT_PRICES[kind])
    if kind == "embedding":
        return ModelInfo(model_id, "embedding", "", 512, 0, 0.005, dimensions=DEFAULT_EMBEDDING_DIMENSIONS)
    lowered = model_id.lower()
    if "-r1" in lowered or "thinking" in lowered:
        return ModelInfo(model_id, _CHAT, "", 131072, 16384, 0.45, 2.15, ("reasoning", "json"))
    return _DEFAULT_CHAT


def embedding_dimensions(model_id: str) -> int:
    """The native vector size of an embedding model."""
    return model_info(model_id, kind="embedding").dimensions


def models_list() -> list[dict[str, object]]:
    """``GET /models/list``: every model as a ``ModelOut``."""
    return [model.model_out() for model in MODELS]
