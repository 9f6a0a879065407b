"""The provider specification: the types and errors shared by providers and the core.

Imports nothing else from ai_sdk; every other layer depends on it.
"""

from .embedding_model import *  # noqa: F403
from .embedding_model import __all__ as _embedding_all
from .errors import *  # noqa: F403
from .errors import __all__ as _errors_all
from .image_model import *  # noqa: F403
from .image_model import __all__ as _image_all
from .language_model import *  # noqa: F403
from .language_model import __all__ as _language_all
from .shared import *  # noqa: F403
from .shared import __all__ as _shared_all

__all__ = [*_shared_all, *_errors_all, *_language_all, *_embedding_all, *_image_all]
