// Reads a UI message stream (SSE bytes) from stdin exactly as the AI SDK's DefaultChatTransport does
// (parseJsonEventStream with the reference's own chunk schema, then readUIMessageStream) and prints
// JSON: the final UIMessage, how many states it went through, and the errors reported on the way.
import { parseJsonEventStream, readUIMessageStream, uiMessageChunkSchema } from "ai";

const input = new ReadableStream({
  async start(controller) {
    for await (const chunk of process.stdin) controller.enqueue(new Uint8Array(chunk));
    controller.close();
  },
});

const errors = [];
const chunks = parseJsonEventStream({ stream: input, schema: uiMessageChunkSchema }).pipeThrough(
  new TransformStream({
    transform(part, controller) {
      if (!part.success) throw part.error;
      controller.enqueue(part.value);
    },
  }),
);

let final;
let states = 0;
try {
  for await (const message of readUIMessageStream({ stream: chunks, onError: (error) => errors.push(error.message) })) {
    final = message;
    states += 1;
  }
} catch (error) {
  errors.push(`stream failed: ${error.message}`);
}
process.stdout.write(JSON.stringify({ final, states, errors }));
