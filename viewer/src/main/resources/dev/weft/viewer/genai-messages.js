/*
 * A model call's messages and model in the GenAI semantic conventions' terms, for the OTLP
 * download (otlp.js): the provider named from the model, and the recorded messages as system
 * instructions and messages of parts, as the otlp exporter writes them (docs/otlp-exporter.md).
 */
/** The provider of a model for gen_ai.provider.name, from its name; null when it does not say. */
function otlpProvider(model) {
  if (typeof model !== 'string' || !model.trim()) return null;
  const name = model.trim().toLowerCase();
  const slash = name.indexOf('/');
  if (slash > 0) {
    const prefix = name.slice(0, slash);
    return otlpFamily(prefix) || prefix;
  }
  return otlpFamily(name);
}

function otlpFamily(name) {
  const starts = (...prefixes) => prefixes.some((p) => name.startsWith(p));
  if (starts('gpt-', 'chatgpt', 'text-embedding', 'dall-e', 'whisper', 'tts-', 'codex') ||
    /^o[1-9](-.*)?$/.test(name) || name === 'openai') return 'openai';
  if (starts('claude') || name === 'anthropic') return 'anthropic';
  if (starts('gemini') || name === 'google') return 'gcp.gemini';
  if (starts('mistral', 'mixtral', 'codestral', 'ministral', 'magistral', 'pixtral', 'devstral') ||
    name === 'mistralai') return 'mistral_ai';
  if (starts('deepseek')) return 'deepseek';
  if (starts('grok') || name === 'xai' || name === 'x-ai') return 'x_ai';
  if (starts('command') || name === 'cohere') return 'cohere';
  return null;
}

/** The conventions' finish reason: stop, length, content_filter, tool_call or error. */
function otlpFinishReason(recorded, calledTools) {
  if (recorded === null || recorded === undefined || !String(recorded).trim()) return calledTools ? 'tool_call' : 'stop';
  const reason = String(recorded).toLowerCase();
  switch (reason) {
    case 'tool_calls': case 'tool_execution': case 'function_call': case 'tool_use': return 'tool_call';
    case 'max_tokens': case 'max_output_tokens': return 'length';
    case 'end_turn': case 'stop_sequence': case 'completed': return 'stop';
    default: return reason;
  }
}

function otlpJavaText(v) {
  return v === undefined || v === null ? null : String(v);
}

function otlpTextPart(text) {
  return { type: 'text', content: typeof text === 'string' ? text : JSON.stringify(text) };
}

function otlpToolCall(id, name, args) {
  const part = { type: 'tool_call' };
  if (id !== undefined && id !== null) part.id = otlpJavaText(id);
  part.name = name === undefined || name === null ? null : otlpJavaText(name);
  if (args !== undefined && args !== null) part.arguments = args;
  return part;
}

function otlpToolResponse(id, response) {
  const part = { type: 'tool_call_response' };
  if (id !== undefined && id !== null) part.id = otlpJavaText(id);
  part.response = response === undefined ? null : response;
  return part;
}

function otlpMessage(role, parts, finish) {
  const m = { role, parts: Array.isArray(parts) ? parts : [parts] };
  if (finish !== null && finish !== undefined) m.finish_reason = finish;
  return m;
}

/** The parts of a message's content: a text, or a list of content parts. */
function otlpParts(content) {
  if (content === undefined || content === null) return [];
  if (!Array.isArray(content)) return [otlpTextPart(content)];
  const parts = [];
  for (const p of content) {
    if (isObject(p)) {
      const type = otlpJavaText(p.type);
      const text = 'text' in p ? p.text : p.content;
      if (text !== undefined && text !== null && (type === null || type === 'text' || type.endsWith('_text'))) {
        parts.push(otlpTextPart(text));
      } else {
        const generic = { type: type === null ? 'unknown' : type };
        for (const k of Object.keys(p)) if (k !== 'type') generic[k] = p[k];
        parts.push(generic);
      }
    } else if (p !== null && p !== undefined) {
      parts.push(otlpTextPart(p));
    }
  }
  return parts;
}

/** A generation's messages in the GenAI conventions' form: {system, messages}. */
function otlpMessages(recorded, output, finishReason) {
  const system = [];
  const messages = [];
  for (const item of Array.isArray(recorded) ? recorded : []) {
    if (!isObject(item)) {
      if (item !== null && item !== undefined) {
        messages.push(otlpMessage(output ? 'assistant' : 'user', otlpTextPart(item), output ? otlpFinishReason(finishReason, false) : null));
      }
      continue;
    }
    const type = otlpJavaText(item.type);
    if (type === 'function_call') {
      messages.push(otlpMessage('assistant', otlpToolCall(item.call_id, item.name, item.arguments), output ? 'tool_call' : null));
      continue;
    }
    if (type === 'function_call_output') {
      messages.push(otlpMessage('tool', otlpToolResponse(item.call_id, item.output), null));
      continue;
    }
    const role = otlpJavaText(item.role) || (output ? 'assistant' : 'user');
    if (role === 'system' || role === 'developer') {
      system.push(...otlpParts(item.content));
      continue;
    }
    const parts = role === 'tool' ? [otlpToolResponse(item.tool_call_id, item.content)] : otlpParts(item.content);
    let calls = false;
    if (Array.isArray(item.tool_calls)) {
      for (const call of item.tool_calls) {
        if (isObject(call)) {
          const f = isObject(call.function) ? call.function : call;
          parts.push(otlpToolCall(call.id, f.name, f.arguments));
          calls = true;
        }
      }
    }
    let finish = null;
    if (output || 'finish_reason' in item) {
      const own = item.finish_reason;
      finish = otlpFinishReason(own !== undefined && own !== null ? otlpJavaText(own) : finishReason, calls);
    }
    messages.push(otlpMessage(role, parts, finish));
  }
  return { system: system.length ? JSON.stringify(system) : null, messages: messages.length ? JSON.stringify(messages) : null };
}
