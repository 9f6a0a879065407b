"""Provider utilities: transports (the injectable HTTP layer), the SSE decoder, JSON calls with error
extraction, header and API-key helpers. Depends on :mod:`ai_sdk.spec` only."""
