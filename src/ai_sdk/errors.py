"""Every error ai_sdk raises, under one base class :class:`AISDKError`: the spec's error tree and the
UI message errors."""

from .spec.errors import *  # noqa: F403
from .spec.errors import __all__ as _spec_errors
from .ui.errors import MessageConversionError, UIMessageStreamError, UIMessageValidationError

__all__ = [*_spec_errors, "MessageConversionError", "UIMessageStreamError", "UIMessageValidationError"]
