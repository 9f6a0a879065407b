// The AI SDK's own chat client (AbstractChat from "ai" with DefaultChatTransport, the machinery under
// useChat) holding a conversation with a backend:
//   node chat_client.mjs <api url> '<json list of texts>' ['<json list of approval answers>']
// Sends each text in turn (each POST carries the whole conversation, as useChat does). When a turn ends
// with tool calls waiting for approval, answers each with the next of the approval answers ({approved,
// reason}) through addToolApprovalResponse; sendAutomaticallyWhen
// (lastAssistantMessageIsCompleteWithApprovalResponses) then sends the conversation back by itself.
// Prints JSON: the messages the client holds at the end, the errors it reported, the statuses it went
// through (one per finished request) and the JSON bodies it POSTed.
import { AbstractChat, DefaultChatTransport, lastAssistantMessageIsCompleteWithApprovalResponses } from "ai";

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

const [api, texts, answers = "[]"] = process.argv.slice(2);
const pendingAnswers = JSON.parse(answers);
const errors = [];
const statuses = [];
const bodies = [];
const state = new State();
let requestFinished = () => {};
const chat = new AbstractChat({
  id: "chat-1",
  transport: new DefaultChatTransport({
    api,
    fetch: (url, init) => {
      bodies.push(JSON.parse(init.body));
      return fetch(url, init);
    },
  }),
  state,
  sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithApprovalResponses,
  onError: (error) => errors.push(error.message),
  onFinish: () => requestFinished(),
});

const waitingForApproval = () =>
  (state.messages.at(-1)?.parts ?? []).filter((part) => part.state === "approval-requested");

for (const text of JSON.parse(texts)) {
  await chat.sendMessage({ text });
  statuses.push(state.status);
  while (waitingForApproval().length > 0 && pendingAnswers.length > 0) {
    // the automatic request starts inside the last addToolApprovalResponse; wait for it to finish
    const finished = new Promise((resolve) => (requestFinished = resolve));
    for (const part of waitingForApproval()) {
      const { approved, reason } = pendingAnswers.shift();
      await chat.addToolApprovalResponse({ id: part.approval.id, approved, reason });
    }
    await finished;
    statuses.push(state.status);
  }
}
process.stdout.write(JSON.stringify({ messages: state.messages, errors, statuses, bodies }));
