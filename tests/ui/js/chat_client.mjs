// The AI SDK's own chat client (AbstractChat from "ai" with DefaultChatTransport, the machinery under
// useChat) holding a conversation with a backend: node chat_client.mjs <api url> '<json list of texts>'.
// Sends each text in turn (each POST carries the whole conversation, as useChat does) and prints JSON:
// the messages the client holds at the end, the errors it reported and the statuses it went through.
import { AbstractChat, DefaultChatTransport } from "ai";

class State {
  constructor() {
    this.status = "ready";
    this.error = undefined;
    this.messages = [];
  }
  pushMessage(message) {
    this.messages = [...this.messages, message];
  }
  popMessage() {
    this.messages = this.messages.slice(0, -1);
  }
  replaceMessage(index, message) {
    this.messages = [...this.messages.slice(0, index), this.snapshot(message), ...this.messages.slice(index + 1)];
  }
  snapshot(thing) {
    return structuredClone(thing);
  }
}

const [api, texts] = process.argv.slice(2);
const errors = [];
const statuses = [];
const state = new State();
const chat = new AbstractChat({
  id: "chat-1",
  transport: new DefaultChatTransport({ api }),
  state,
  onError: (error) => errors.push(error.message),
});
for (const text of JSON.parse(texts)) {
  await chat.sendMessage({ text });
  statuses.push(state.status);
}
process.stdout.write(JSON.stringify({ messages: state.messages, errors, statuses }));
