// The chat page: the AI SDK's own useChat hook (DefaultChatTransport, POST /api/chat) rendering every
// part of the UI message stream our Python backend sends. A tool call waiting for approval shows Approve /
// Deny buttons; the answer (addToolApprovalResponse) is sent back automatically once every pending
// approval of the last message is answered, and the backend executes or denies the call.
import { useChat } from "@ai-sdk/react";
import { lastAssistantMessageIsCompleteWithApprovalResponses } from "ai";
import { useState } from "react";
import { createRoot } from "react-dom/client";

function Approval({ part, respond }) {
  const answer = (approved) =>
    respond({ id: part.approval.id, approved, reason: approved ? undefined : "The user said no." });
  return (
    <div className="approval">
      <button type="button" data-testid="approve" onClick={() => answer(true)}>
        Approve
      </button>
      <button type="button" data-testid="deny" onClick={() => answer(false)}>
        Deny
      </button>
    </div>
  );
}

function ToolPart({ part, respond }) {
  const name = part.type === "dynamic-tool" ? part.toolName : part.type.slice("tool-".length);
  return (
    <div className="tool" data-testid="tool" data-state={part.state}>
      <div>
        Tool <b>{name}</b>: {part.state}
      </div>
      {part.input !== undefined && <pre data-testid="tool-input">{JSON.stringify(part.input)}</pre>}
      {part.state === "output-available" && <pre data-testid="tool-output">{JSON.stringify(part.output)}</pre>}
      {part.state === "output-error" && <pre className="error">{part.errorText}</pre>}
      {part.state === "approval-requested" && <Approval part={part} respond={respond} />}
      {part.state === "output-denied" && <div data-testid="tool-denied">Denied: {part.approval?.reason ?? "no reason"}</div>}
    </div>
  );
}

function Part({ part, respond }) {
  if (part.type === "text") return <div className="text" data-testid="text">{part.text}</div>;
  if (part.type === "reasoning") return <div className="reasoning" data-testid="reasoning">{part.text}</div>;
  if (part.type === "dynamic-tool" || part.type.startsWith("tool-")) return <ToolPart part={part} respond={respond} />;
  return null;
}

function Chat() {
  const { messages, sendMessage, addToolApprovalResponse, status, error } = useChat({
    sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithApprovalResponses,
  });
  const [input, setInput] = useState("");
  const submit = (event) => {
    event.preventDefault();
    if (!input.trim()) return;
    sendMessage({ text: input });
    setInput("");
  };
  return (
    <>
      {messages.map((message) => (
        <div key={message.id} className={`message ${message.role}`} data-testid={`message-${message.role}`}>
          <div className="role">{message.role}</div>
          {message.parts.map((part, index) => (
            <Part key={index} part={part} respond={addToolApprovalResponse} />
          ))}
        </div>
      ))}
      {error && <div className="error" data-testid="error">Error: {error.message}</div>}
      <form onSubmit={submit}>
        <input
          data-testid="input"
          value={input}
          placeholder="Ask about the weather in Paris, or to reserve a table..."
          onChange={(event) => setInput(event.target.value)}
        />
        <button type="submit" data-testid="send" disabled={status !== "ready" && status !== "error"}>
          Send
        </button>
      </form>
      <div data-testid="status" className="role">{status}</div>
    </>
  );
}

createRoot(document.getElementById("root")).render(<Chat />);
