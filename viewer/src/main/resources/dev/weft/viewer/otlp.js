/*
 * A trace, or a span and the spans under it, downloaded as an OTLP/JSON file (an
 * ExportTraceServiceRequest: hex ids, enum values as integers, 64-bit integers and nanosecond
 * times as strings) that Jaeger and Phoenix load. The spans are mapped as the otlp exporter and
 * `weft export --otlp` map them (docs/otlp-exporter.md); a test holds the two to the same output.
 */
const OTLP_SERVICE_NAME = 'weft';
const OTLP_SCOPE_NAME = 'dev.weft';

/** A value as the trace-file reader reads a text field: a string as it is, anything else as JSON. */
function otlpText(v) {
  return v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v);
}

function otlpCount(v) {
  return typeof v === 'number' && isFinite(v) ? Math.trunc(v) : 0;
}

/** Attribute values as OTLP/JSON writes them; numbers say whether they are integers. */
const otlpValue = {
  string: (v) => ({ stringValue: v }),
  int: (v) => ({ intValue: String(Math.trunc(v)) }),
  double: (v) => ({ doubleValue: v }),
  bool: (v) => ({ boolValue: v }),
  strings: (list) => ({ arrayValue: { values: list.map((v) => ({ stringValue: v })) } }),
};

function otlpLooksLikeJson(v) {
  if (typeof v !== 'string') return false;
  const t = v.trim();
  return t.startsWith('{') || t.startsWith('[');
}

function otlpWithName(operation, name) {
  return typeof name === 'string' && name.trim() ? operation + ' ' + name : operation;
}

/** The mapped attributes ({key: value}) and the name of one span. */
function otlpDescribe(raw, attrs) {
  const d = isObject(raw.span_data) ? raw.span_data : {};
  const put = (key, value, kind) => { if (value !== null && value !== undefined) attrs.set(key, otlpValue[kind || 'string'](value)); };
  const content = (key, mimeKey, value, mime) => { if (value !== null) { put(key, value); if (mimeKey) put(mimeKey, mime); } };
  const usage = (u) => {
    if (!isObject(u)) return;
    const input = otlpCount(u.input_tokens);
    const output = otlpCount(u.output_tokens);
    put('gen_ai.usage.input_tokens', input, 'int');
    put('gen_ai.usage.output_tokens', output, 'int');
    put('llm.token_count.prompt', input, 'int');
    put('llm.token_count.completion', output, 'int');
    put('llm.token_count.total', input + output, 'int');
    const count = (key, v) => { if (typeof v === 'number' && isFinite(v)) put(key, v, 'int'); };
    count('gen_ai.usage.cache_read.input_tokens', u.cached_tokens);
    count('gen_ai.usage.cache_creation.input_tokens', u.cache_creation_input_tokens);
    count('gen_ai.usage.reasoning.output_tokens', u.reasoning_tokens);
  };
  const type = typeof d.type === 'string' ? d.type : null;
  const name = otlpText(d.name);
  switch (type) {
    case 'agent':
      put('gen_ai.operation.name', 'invoke_agent'); put('openinference.span.kind', 'AGENT');
      put('gen_ai.agent.name', name);
      return ['agent', otlpWithName('invoke_agent', name)];
    case 'function': {
      const input = otlpText(d.input);
      const output = otlpText(d.output);
      put('gen_ai.operation.name', 'execute_tool'); put('openinference.span.kind', 'TOOL');
      put('gen_ai.tool.type', 'function');
      put('gen_ai.tool.name', name);
      content('input.value', 'input.mime_type', input, otlpLooksLikeJson(input) ? 'application/json' : 'text/plain');
      content('output.value', 'output.mime_type', output, otlpLooksLikeJson(output) ? 'application/json' : 'text/plain');
      if (isObject(raw.metadata) && typeof raw.metadata.tool_call_id === 'string') put('gen_ai.tool.call.id', raw.metadata.tool_call_id);
      return ['function', otlpWithName('execute_tool', name)];
    }
    case 'generation': {
      const model = otlpText(d.model);
      const config = isObject(d.model_config) ? d.model_config : {};
      put('gen_ai.operation.name', 'chat'); put('openinference.span.kind', 'LLM');
      put('gen_ai.request.model', model);
      put('llm.model_name', model);
      put('gen_ai.provider.name', otlpProvider(model));
      otlpRequestSettings(config, put);
      const finish = typeof config.finish_reason === 'string' ? config.finish_reason : null;
      if (finish !== null) put('gen_ai.response.finish_reasons', [finish], 'strings');
      if (typeof config.response_id === 'string') put('gen_ai.response.id', config.response_id);
      usage(d.usage);
      const input = Array.isArray(d.input) ? d.input : null;
      const output = Array.isArray(d.output) ? d.output : null;
      content('input.value', 'input.mime_type', input && JSON.stringify(input), 'application/json');
      content('output.value', 'output.mime_type', output && JSON.stringify(output), 'application/json');
      const inMessages = otlpMessages(input, false, null);
      put('gen_ai.system_instructions', inMessages.system);
      put('gen_ai.input.messages', inMessages.messages);
      put('gen_ai.output.messages', otlpMessages(output, true, finish).messages);
      return ['generation', otlpWithName('chat', model)];
    }
    case 'response':
      put('gen_ai.operation.name', 'chat'); put('openinference.span.kind', 'LLM');
      put('gen_ai.response.id', otlpText(d.response_id));
      usage(d.usage);
      return ['response', 'response'];
    case 'handoff':
      put('gen_ai.operation.name', 'agent_handoff'); put('openinference.span.kind', 'TOOL');
      put('weft.handoff.from_agent', otlpText(d.from_agent));
      put('weft.handoff.to_agent', otlpText(d.to_agent));
      put('gen_ai.agent.name', otlpText(d.from_agent));
      return ['handoff', 'agent_handoff'];
    case 'guardrail':
      put('gen_ai.operation.name', 'guardrail_check'); put('openinference.span.kind', 'GUARDRAIL');
      put('weft.guardrail.name', name === null ? '' : name);
      put('weft.guardrail.triggered', d.triggered === true, 'bool');
      return ['guardrail', otlpWithName('guardrail_check', name)];
    case 'transcription': {
      const model = otlpText(d.model);
      put('openinference.span.kind', 'LLM');
      put('gen_ai.request.model', model);
      put('weft.audio.format', isObject(d.input) ? otlpText(d.input.format) : null);
      content('output.value', 'output.mime_type', otlpText(d.output), 'text/plain');
      return ['transcription', otlpWithName('transcription', model)];
    }
    case 'speech': {
      const model = otlpText(d.model);
      put('openinference.span.kind', 'LLM');
      put('gen_ai.request.model', model);
      put('weft.audio.format', isObject(d.output) ? otlpText(d.output.format) : null);
      content('input.value', 'input.mime_type', otlpText(d.input), 'text/plain');
      return ['speech', otlpWithName('speech', model)];
    }
    case 'speech_group':
      put('openinference.span.kind', 'CHAIN');
      content('input.value', 'input.mime_type', otlpText(d.input), 'text/plain');
      return ['speech_group', 'speech_group'];
    case 'mcp_tools': {
      const server = otlpText(d.server);
      put('openinference.span.kind', 'TOOL');
      put('weft.mcp.server', server);
      if (Array.isArray(d.result)) put('weft.mcp.tools', d.result.map(otlpText), 'strings');
      return ['mcp_tools', otlpWithName('mcp_tools', server)];
    }
    default:
      return otlpCustom(d, type, put, content, usage);
  }
}

/** Custom spans, with task and turn (exported as custom) given back their own mapping. */
function otlpCustom(d, type, put, content, usage) {
  const data = isObject(d.data) ? d.data : {};
  put('openinference.span.kind', 'CHAIN');
  if (type === 'custom' && d.name === 'task' && data.sdk_span_type === 'task') {
    usage(data.usage);
    return ['task', otlpWithName('task', otlpText(data.name))];
  }
  if (type === 'custom' && d.name === 'turn' && data.sdk_span_type === 'turn') {
    const turn = typeof data.turn === 'number' && isFinite(data.turn) ? Math.trunc(data.turn) : 0;
    put('weft.turn', turn, 'int');
    put('gen_ai.agent.name', otlpText(data.agent_name));
    usage(data.usage);
    return ['turn', 'turn ' + turn];
  }
  let name;
  let fields;
  if (type === null) {
    name = 'unknown';
    fields = d;
  } else if (type === 'custom') {
    name = otlpText(d.name);
    fields = data;
  } else {
    // A type this version does not know reads as custom data named after it.
    name = type;
    fields = Object.assign({}, d);
    delete fields.type;
  }
  if (Object.keys(fields).length) content('weft.custom.data', null, JSON.stringify(fields), null);
  return ['custom', name === null || !name.trim() ? 'custom' : name];
}

/** The request settings of a model call's configuration, under their conventions' names. */
function otlpRequestSettings(config, put) {
  const keys = { temperature: 'gen_ai.request.temperature', top_p: 'gen_ai.request.top_p', top_k: 'gen_ai.request.top_k',
    frequency_penalty: 'gen_ai.request.frequency_penalty', presence_penalty: 'gen_ai.request.presence_penalty',
    max_tokens: 'gen_ai.request.max_tokens', max_completion_tokens: 'gen_ai.request.max_tokens',
    max_output_tokens: 'gen_ai.request.max_tokens', seed: 'gen_ai.request.seed' };
  for (const k of Object.keys(config)) {
    const key = Object.prototype.hasOwnProperty.call(keys, k) ? keys[k] : null;
    const v = config[k];
    if (!key || typeof v !== 'number' || !isFinite(v)) continue;
    const whole = key.endsWith('max_tokens') || key.endsWith('seed') || key.endsWith('top_k');
    put(key, v, whole ? 'int' : 'double');
  }
}

function otlpAttributes(map) {
  return [...map.keys()].sort().map((key) => ({ key, value: map.get(key) }));
}

/** Nanoseconds as a decimal string, from microseconds (0 for a time the file lacks). */
function otlpNanos(us) {
  return (BigInt(isFinite(us) ? Math.round(us) : 0) * 1000n).toString();
}

/** One span of a trace file in OTLP/JSON. */
function otlpSpan(raw, trace) {
  const attrs = new Map();
  const traceId = str(trace.id);
  const groupId = typeof trace.group_id === 'string' ? trace.group_id : null;
  const parentId = typeof raw.parent_id === 'string' ? raw.parent_id : null;
  const [type, name] = otlpDescribe(raw, attrs);
  attrs.set('weft.span.type', otlpValue.string(type));
  attrs.set('weft.span.id', otlpValue.string(str(raw.id)));
  if (groupId !== null) attrs.set('gen_ai.conversation.id', otlpValue.string(groupId));
  if (parentId === null && typeof trace.workflow_name === 'string') attrs.set('weft.workflow.name', otlpValue.string(trace.workflow_name));
  if (isObject(raw.metadata)) {
    for (const k of Object.keys(raw.metadata)) {
      const v = raw.metadata[k];
      if (v === null) continue;
      attrs.set('weft.metadata.' + k, otlpValue.string(typeof v === 'string' ? v : JSON.stringify(v)));
    }
  }
  const start = isFinite(parseTime(raw.started_at)) ? parseTime(raw.started_at) : 0;
  const ended = isFinite(parseTime(raw.ended_at)) ? parseTime(raw.ended_at) : 0;
  const end = Math.max(ended, start);
  const span = { traceId: traceId.slice(-32), spanId: str(raw.id).slice(-16) };
  span.parentSpanId = parentId !== null ? parentId.slice(-16) : otlpWorkflowSpanId(trace);
  Object.assign(span, {
    name, kind: ['generation', 'response', 'transcription', 'speech'].includes(type) ? 3 : 1,
    startTimeUnixNano: otlpNanos(start), endTimeUnixNano: otlpNanos(end), attributes: otlpAttributes(attrs),
  });
  const status = {};
  if (isObject(raw.error)) {
    const data = isObject(raw.error.data) ? raw.error.data : null;
    const errorType = data && typeof data.type === 'string' ? data.type : 'error';
    const message = typeof raw.error.message === 'string' ? raw.error.message : '';
    const event = new Map([['exception.type', otlpValue.string(errorType)], ['exception.message', otlpValue.string(message)]]);
    if (data && Array.isArray(data.stack)) {
      const frames = data.stack.map((f) => '\n\tat ' + (typeof f === 'string' ? f : JSON.stringify(f)));
      event.set('exception.stacktrace', otlpValue.string(errorType + ': ' + message + frames.join('')));
    }
    span.events = [{ timeUnixNano: otlpNanos(ended), name: 'exception', attributes: otlpAttributes(event) }];
    status.message = message;
    status.code = 2;
  }
  span.status = status;
  // Sampled (0x01), and whether the parent is remote is known (0x100): it is not, in a file.
  span.flags = 257;
  return span;
}

/**
 * The 16 hex span id of a trace's workflow span, worked out from its id and start time exactly as
 * the otlp exporter does (64-bit FNV-1a over `<trace id>@<start in microseconds>`, then mixed).
 */
function otlpWorkflowSpanId(trace) {
  const started = parseTime(trace.started_at);
  const key = str(trace.id) + '@' + String(isFinite(started) ? Math.round(started) : 0);
  const mask = (1n << 64n) - 1n;
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < key.length; i++) {
    hash ^= BigInt(key.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & mask;
  }
  hash ^= hash >> 33n;
  hash = (hash * 0xff51afd7ed558ccdn) & mask;
  hash ^= hash >> 33n;
  return (hash === 0n ? 1n : hash).toString(16).padStart(16, '0');
}

/** The trace's own span, `invoke_workflow <name>`: the parent of its top spans. */
function otlpWorkflowSpan(trace) {
  const attrs = new Map();
  attrs.set('gen_ai.operation.name', otlpValue.string('invoke_workflow'));
  attrs.set('openinference.span.kind', otlpValue.string('CHAIN'));
  attrs.set('weft.trace.id', otlpValue.string(str(trace.id)));
  let name = 'invoke_workflow';
  if (typeof trace.workflow_name === 'string' && trace.workflow_name.trim() !== '') {
    attrs.set('weft.workflow.name', otlpValue.string(trace.workflow_name));
    name += ' ' + trace.workflow_name;
  }
  if (typeof trace.group_id === 'string') attrs.set('gen_ai.conversation.id', otlpValue.string(trace.group_id));
  if (isObject(trace.metadata)) {
    for (const k of Object.keys(trace.metadata)) {
      const v = trace.metadata[k];
      if (v === null) continue;
      attrs.set('weft.metadata.' + k, otlpValue.string(typeof v === 'string' ? v : JSON.stringify(v)));
    }
  }
  const start = isFinite(parseTime(trace.started_at)) ? parseTime(trace.started_at) : 0;
  const ended = isFinite(parseTime(trace.ended_at)) ? parseTime(trace.ended_at) : 0;
  return {
    traceId: str(trace.id).slice(-32), spanId: otlpWorkflowSpanId(trace), name, kind: 1,
    startTimeUnixNano: otlpNanos(start), endTimeUnixNano: otlpNanos(Math.max(ended, start)),
    attributes: otlpAttributes(attrs), status: {}, flags: 257,
  };
}

/**
 * The OTLP/JSON request of some spans of a trace file's content, with the trace's workflow span
 * when its top spans are among them.
 */
function otlpRequest(trace, rawSpans) {
  const spans = rawSpans.map((raw) => otlpSpan(raw, trace));
  if (rawSpans.some((raw) => typeof raw.parent_id !== 'string')) spans.push(otlpWorkflowSpan(trace));
  return {
    resourceSpans: [{
      resource: { attributes: [{ key: 'service.name', value: { stringValue: OTLP_SERVICE_NAME } }] },
      scopeSpans: [{ scope: { name: OTLP_SCOPE_NAME }, spans }],
    }],
  };
}

/** Whether the trace-file reader takes a span: an object with an id and span data. */
function otlpReadable(raw) {
  return raw.id !== undefined && raw.id !== null && isObject(raw.span_data);
}

/** The spans of a trace model to export, in file order: all, or a span and everything under it. */
function otlpSpansOf(model, under) {
  if (!under) return model.spans.map((s) => s.raw).filter(otlpReadable);
  const inside = new Set();
  const stack = [under];
  while (stack.length) {
    const s = stack.pop();
    inside.add(s);
    stack.push(...s.children);
  }
  return model.spans.filter((s) => inside.has(s)).map((s) => s.raw).filter(otlpReadable);
}

/** Downloads the spans as `<trace id>[-<span id>].otlp.json`. */
function downloadOtlp(model, under) {
  const json = JSON.stringify(otlpRequest(model.trace, otlpSpansOf(model, under)));
  const name = (model.id + (under ? '-' + under.id : '')).replace(/[^A-Za-z0-9_.-]/g, '_') + '.otlp.json';
  const url = URL.createObjectURL(new Blob([json + '\n'], { type: 'application/json' }));
  const link = el('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/**
 * The trace view's export buttons: the whole trace, or the selected span with its subtree; none for
 * a session.
 */
function otlpExportButtons(model, selectedSpan) {
  // A session joins several traces under made-up spans: it is no one trace to export.
  if (model.session) return [];
  return [
    el('button', { class: 'button', type: 'button', testid: 'export-otlp', text: 'Export OTLP',
      title: 'Download the trace as an OTLP/JSON file (Jaeger, Phoenix)', onclick: () => downloadOtlp(model, null) }),
    el('button', { class: 'button', type: 'button', testid: 'export-otlp-span', text: 'Export span subtree',
      title: 'Download the selected span and the spans under it as OTLP/JSON',
      onclick: () => { const s = selectedSpan(); if (s) downloadOtlp(model, s); } }),
  ];
}
