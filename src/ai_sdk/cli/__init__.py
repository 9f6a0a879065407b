"""The ``ai-sdk`` command line: chat, one-shot runs, models, images, embeddings and bulk jobs against
DeepInfra (or, with ``--base-url`` / ``DEEPINFRA_BASE_URL``, against the bundled emulator).

Standard library only (argparse); the ``batch`` command's progress bar uses tqdm when installed (the
``cli`` extra). Each command lives in its own module; :mod:`.main` parses the arguments and maps
errors to exit codes without tracebacks.
"""

from __future__ import annotations

__all__: list[str] = []
