"""Without the ``otel`` extra, importing ai_sdk.telemetry says which extra to install."""

from __future__ import annotations

import subprocess
import sys


def test_importing_telemetry_without_opentelemetry_names_the_extra() -> None:
    # a fresh interpreter in which opentelemetry cannot be imported (None in sys.modules blocks it)
    code = (
        "import sys\n"
        "sys.modules['opentelemetry'] = None\n"
        "try:\n"
        "    import ai_sdk.telemetry\n"
        "except ModuleNotFoundError as error:\n"
        "    print(error.name, '|', error)\n"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "opentelemetry | ai_sdk.telemetry needs OpenTelemetry: pip install 'ai-sdk[otel]'"
