"""The blocking transport when its pool overflows: a connection that does not fit back into a full pool
is closed by urllib3 as the body's last bytes are read, and the transport must not touch that socket
again (it set the next read's timeout on it: ``Bad file descriptor``, on every request beyond the pool's
size when a bulk job ran 200 threads over a pool of 32)."""

from __future__ import annotations

import json

import urllib3

from ai_sdk.http.transport import HttpRequest
from ai_sdk.http.urllib3_transport import Urllib3Transport
from ai_sdk.spec.deadline import Deadline
from ai_sdk.testing import DeepInfraEmulator


def test_a_response_whose_connection_the_full_pool_discards_reads_to_the_end(
    deepinfra_emulator: DeepInfraEmulator,
) -> None:
    transport = Urllib3Transport(pool=urllib3.PoolManager(maxsize=1, retries=False))
    messages = [{"role": "user", "content": "hi"}]
    body = json.dumps({"model": "meta-llama/Meta-Llama-3.1-8B-Instruct", "messages": messages})
    request = HttpRequest(
        "POST",
        deepinfra_emulator.base_url + "/openai/chat/completions",
        {"authorization": "Bearer k", "content-type": "application/json"},
        body.encode(),
        deadline=Deadline.start(30.0),
    )
    first, second = transport.send(request), transport.send(request)  # two connections, a pool of one
    assert json.loads(first.read())["object"] == "chat.completion"  # its connection fills the pool
    assert json.loads(second.read())["object"] == "chat.completion"  # this one is discarded as it ends
    first.close()
    second.close()
