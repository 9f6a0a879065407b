"""The core functions (generate_text, stream_text, embed, generate_image, ...).

The core depends on the provider specification (:mod:`ai_sdk.spec`) alone, never on a provider or an
HTTP library. Each function is pure protocol logic (the tool loop is a generator of actions) driven by
a thin async driver and a thin blocking driver.
"""
