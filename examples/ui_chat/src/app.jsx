// The chat page: the AI SDK's own useChat hook (DefaultChatTransport, POST /api/chat) rendering every
// part of the UI message stream our Python backend sends.
import { useChat } from "@ai-sdk/react";
import { useState } from "react";
import { createRoot } from "react-dom/client";

function ToolPart({ part }) {
  const name = part.type === "dynamic-tool" ? part.toolName : part.type.slice("tool-".length);
  return (
    <div className="tool" data-testid="tool" data-state={part.state}>
      <div>
        Tool <b>{name}</b>: {part.state}
      </div>
      {part.input !== undefined && <pre data-testid="tool-input">{JSON.stringify(part.input)}</pre>}
      {part.state === "output-available" && <pre data-testid="tool-output">{JSON.stringify(part.output)}</pre>}
      {part.state === "output-error" && <pre className="error">{part.errorText}</pre>}
    </div>
  );
}

function Part({ part }) {
  if (part.type === "text") return <div className="text" data-testid="text">{part.text}</div>;
  if (part.type === "reasoning") return <div className="reasoning" data-testid="reasoning">{part.text}</div>;
  if (part.type === "dynamic-tool" || part.type.startsWith("tool-")) return <ToolPart part={part} />;
  return null;
}

function Chat() {
  const { messages, sendMessage, status, error } = useChat();
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
            <Part key={index} part={part} />
          ))}
        </div>
      ))}
      {error && <div className="error" data-testid="error">Error: {error.message}</div>}
      <form onSubmit={submit}>
        <input
          data-testid="input"
          value={input}
          placeholder="Ask about the weather in Paris..."
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
