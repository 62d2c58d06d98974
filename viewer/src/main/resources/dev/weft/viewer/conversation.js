/*
 * A model call's messages as a conversation: who said what, the tools the model asked for (each
 * linked to the function span that ran it) and what they answered. Reads the chat-completions
 * shape the instrumentations record ({role, content, tool_calls, tool_call_id}, content as text or
 * as parts) and the Responses API's items; anything else is left to the plain JSON view.
 */
const RECENT_MESSAGES = 6;
const MESSAGE_TEXT = 20000;

/** A message or Responses item as {role, name, parts: [text], calls: [{id, name, args}], callId}. */
function chatMessage(m, defaultRole) {
  if (!isObject(m)) return null;
  if (m.type === 'function_call') {
    return { role: 'assistant', name: '', parts: [], calls: [{ id: str(m.call_id || m.id), name: str(m.name), args: m.arguments }], callId: '' };
  }
  if (m.type === 'function_call_output') {
    return { role: 'tool', name: '', parts: contentParts(m.output), calls: [], callId: str(m.call_id) };
  }
  const hasCalls = Array.isArray(m.tool_calls) && m.tool_calls.length > 0;
  if (typeof m.role !== 'string' && !('content' in m) && !hasCalls) return null;
  const calls = hasCalls ? m.tool_calls.filter(isObject).map((c) => {
    const f = isObject(c.function) ? c.function : c;
    return { id: str(c.id), name: str(f.name), args: f.arguments };
  }) : [];
  return {
    role: typeof m.role === 'string' && m.role ? m.role : defaultRole,
    name: typeof m.name === 'string' ? m.name : '', parts: contentParts(m.content), calls,
    callId: str(m.tool_call_id),
  };
}

/** Text parts of a message content: a string, or an array of parts ({type, text}, images, …). */
function contentParts(content) {
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return [pretty(content)];
  return content.map((p) => {
    if (typeof p === 'string') return p;
    if (isObject(p) && typeof p.text === 'string') return p.text;
    if (isObject(p) && (p.type === 'image_url' || p.type === 'input_image')) {
      const url = isObject(p.image_url) ? p.image_url.url : p.image_url || p.url;
      return '[image' + (typeof url === 'string' && !url.startsWith('data:') ? ' ' + url : '') + ']';
    }
    return pretty(p);
  });
}

/** The messages of a list, or null when it does not look like a conversation. */
function chatMessages(list, defaultRole) {
  if (!Array.isArray(list) || !list.length) return null;
  const out = [];
  for (const m of list) {
    const msg = chatMessage(m, defaultRole);
    if (!msg) return null;
    out.push(msg);
  }
  return out;
}

/**
 * Finds the function span that ran each tool call of a model call: the one whose metadata has the
 * call's id, else the next function span of the same name after the model call under the same
 * parent (or anywhere after it at the top level), each claimed once.
 */
function ToolCallLinks(model, span) {
  const byCallId = new Map();
  for (const s of model.order) {
    if (s.type === 'function' && isObject(s.raw.metadata) && typeof s.raw.metadata.tool_call_id === 'string') {
      byCallId.set(s.raw.metadata.tool_call_id, s);
    }
  }
  const claimed = new Set();
  const scope = span.parent ? span.parent.children : model.roots;
  const after = scope.filter((s) => s !== span && s.start >= span.start);
  return {
    find(call, byOrder) {
      let target = call.id ? byCallId.get(call.id) : undefined;
      if (!target && byOrder) target = after.find((s) => s.type === 'function' && s.name === call.name && !claimed.has(s) && !s.raw.metadata?.tool_call_id);
      if (target) claimed.add(target);
      return target || null;
    },
    byId(callId) { return callId ? byCallId.get(callId) || null : null; },
  };
}

function spanLink(target, label, select, testid) {
  return el('button', {
    class: 'span-link', type: 'button', testid, data: { spanId: target.id }, text: label,
    title: 'Show the span that ran it', onclick: () => select(target),
  });
}

/** A message's text, cut at MESSAGE_TEXT characters with a control that shows the rest. */
function messageText(text) {
  const box = el('div', { class: 'msg-text', testid: 'msg-text' });
  if (text.length <= MESSAGE_TEXT) {
    box.textContent = text;
    return box;
  }
  box.textContent = text.slice(0, MESSAGE_TEXT);
  const more = el('button', {
    class: 'link-button', type: 'button', testid: 'msg-more',
    text: 'show all ' + fmtInt(text.length) + ' characters',
    onclick: () => { box.textContent = text; },
  });
  box.append(more);
  return box;
}

function messageView(msg, links, byOrder, select) {
  const head = [el('span', { class: 'msg-role', text: msg.role })];
  if (msg.name) head.push(el('span', { class: 'msg-name', text: msg.name }));
  if (msg.callId) {
    const target = links.byId(msg.callId);
    head.push(target ? spanLink(target, 'result of ' + target.name, select, 'tool-result-link')
      : el('span', { class: 'msg-name mono', text: msg.callId }));
  }
  const body = msg.parts.filter((p) => p !== '').map(messageText);
  for (const call of msg.calls) {
    const target = links.find(call, byOrder);
    body.push(el('div', { class: 'tool-call', testid: 'tool-call', data: { tool: call.name, linked: target ? target.id : '' } }, [
      el('div', { class: 'tool-call-head' }, [el('span', { class: 'tool-call-label', text: 'calls ' }),
        target ? spanLink(target, call.name || '(tool)', select, 'tool-call-link') : el('span', { class: 'tool-call-name', text: call.name || '(tool)' }),
        call.id ? el('span', { class: 'msg-name mono', text: call.id }) : null]),
      call.args === undefined || call.args === null || call.args === '' ? null : preBlock(call.args, 'tool-call-args'),
    ]));
  }
  if (!body.length) body.push(el('span', { class: 'zero', text: '(no content)' }));
  return el('div', { class: 'msg role-' + msg.role.replace(/[^a-z_-]/gi, ''), testid: 'msg', data: { role: msg.role } }, [
    el('div', { class: 'msg-head' }, head), el('div', { class: 'msg-body' }, body)]);
}

/**
 * The conversation of a model call's input or output; null when the value is not one. System
 * messages stay in view; in a long input the earlier turns hide behind a control.
 */
function conversation(list, defaultRole, links, byOrder, select, testid) {
  const msgs = chatMessages(list, defaultRole);
  if (!msgs) return null;
  const box = el('div', { class: 'conversation', testid });
  const system = msgs.filter((m) => m.role === 'system' || m.role === 'developer');
  const turns = msgs.filter((m) => !system.includes(m));
  for (const m of system) box.append(messageView(m, links, byOrder, select));
  const hidden = Math.max(0, turns.length - RECENT_MESSAGES);
  const earlier = el('div', { class: 'earlier', hidden: hidden > 0 });
  turns.forEach((m, i) => (i < hidden ? earlier : box).append(messageView(m, links, byOrder, select)));
  if (hidden) {
    const show = el('button', {
      class: 'link-button earlier-toggle', type: 'button', testid: 'show-earlier',
      text: 'show ' + hidden + ' earlier message' + (hidden === 1 ? '' : 's'),
      onclick: () => { earlier.hidden = false; show.remove(); },
    });
    box.insertBefore(earlier, box.childNodes[system.length] || null);
    box.insertBefore(show, earlier);
  }
  return box;
}

/** The Input and Output sections of a generation or response span, as a conversation when they are. */
function conversationSections(model, span, select) {
  const d = isObject(span.raw.span_data) ? span.raw.span_data : {};
  const links = ToolCallLinks(model, span);
  const out = [];
  if (d.input !== undefined && d.input !== null) {
    const view = conversation(d.input, 'user', links, false, select, 'conversation-input');
    out.push(...section('Input', view || messages(d.input, 'detail-input'), view ? 'detail-input' : undefined));
  }
  if (d.output !== undefined && d.output !== null) {
    const view = conversation(d.output, 'assistant', links, true, select, 'conversation-output');
    out.push(...section('Output', view || messages(d.output, 'detail-output'), view ? 'detail-output' : undefined));
  }
  return out;
}
