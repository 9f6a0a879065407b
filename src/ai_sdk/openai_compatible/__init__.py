"""The OpenAI-compatible wire adapter: chat, completion and embedding models over the HTTP utilities.
Providers (``ai_sdk.deepinfra``) configure it and add their quirks; it knows no provider by name."""
