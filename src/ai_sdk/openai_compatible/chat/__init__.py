"""The chat protocol as pure functions and a state machine: request body, response parser, stream
parser. :class:`~ai_sdk.openai_compatible.chat_model.OpenAICompatibleChatModel` drives them."""
