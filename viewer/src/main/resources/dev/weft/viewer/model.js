/*
 * The trace model: spans as a tree with times in microseconds, the rows of the timeline, the
 * critical path and the summary. Every field of a file may be missing or null.
 */
const KNOWN_TYPES = ['agent', 'generation', 'response', 'function', 'handoff', 'guardrail',
  'custom', 'task', 'turn', 'transcription', 'speech', 'speech_group', 'mcp_tools'];

const TIME_RE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:?\d\d)?$/;

/** Microseconds since the epoch of an ISO-8601 time, or NaN. */
function parseTime(iso) {
  if (typeof iso !== 'string') return NaN;
  const m = TIME_RE.exec(iso);
  if (!m) return NaN;
  const ms = Date.parse(m[1] + (m[3] || 'Z'));
  if (!isFinite(ms)) return NaN;
  return ms * 1000 + (m[2] ? Number((m[2] + '000000').slice(0, 6)) : 0);
}

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function str(v) {
  return v === undefined || v === null ? '' : String(v);
}

/** The span's type, with task and turn (exported as custom) given back their own. */
function spanType(data) {
  if (!isObject(data)) return 'unknown';
  const type = typeof data.type === 'string' ? data.type : 'unknown';
  if (type === 'custom' && isObject(data.data)) {
    const sdk = data.data.sdk_span_type;
    if (sdk === 'task' || sdk === 'turn') return sdk;
  }
  return type;
}

function spanName(data, type) {
  if (!isObject(data)) return '(no data)';
  switch (type) {
    case 'generation': case 'transcription': case 'speech': return str(data.model) || type;
    case 'handoff': return str(data.from_agent || '?') + ' → ' + str(data.to_agent || '?');
    case 'response': return str(data.response_id) || 'response';
    case 'mcp_tools': return str(data.server) || 'mcp tools';
    case 'speech_group': return 'speech group';
    case 'turn': {
      const d = data.data;
      const agent = str(d.agent_name);
      return 'turn' + (d.turn !== undefined && d.turn !== null ? ' ' + d.turn : '') +
        (agent ? ' · ' + agent : '');
    }
    case 'task': return str(data.data.name) || str(data.name) || 'task';
    default: return str(data.name) || type;
  }
}

function usageOf(data) {
  if (!isObject(data)) return null;
  if (isObject(data.usage)) return data.usage;
  if (isObject(data.data) && isObject(data.data.usage)) return data.data.usage;
  return null;
}

function tokens(usage, key) {
  const v = usage ? usage[key] : undefined;
  return typeof v === 'number' && isFinite(v) && v > 0 ? v : 0;
}

/** Builds the model of a trace file's content; throws when it is not a trace at all. */
function buildTrace(doc, fileName) {
  if (!isObject(doc) || (!Array.isArray(doc.spans) && !isObject(doc.trace))) {
    throw new Error('not a Weft trace file (expected {"trace": …, "spans": […]})');
  }
  const trace = isObject(doc.trace) ? doc.trace : {};
  const raw = Array.isArray(doc.spans) ? doc.spans.filter(isObject) : [];
  const byId = new Map();
  const spans = raw.map((s, i) => {
    let id = typeof s.id === 'string' && s.id ? s.id : '#' + i;
    if (byId.has(id)) id = id + '#' + i;
    const type = spanType(s.span_data);
    const span = {
      raw: s, index: i, id, type, name: spanName(s.span_data, type),
      start: parseTime(s.started_at), end: parseTime(s.ended_at),
      parent: null, children: [], depth: 0, row: -1, critical: false, open: false,
      error: s.error !== undefined && s.error !== null ? s.error : null,
    };
    byId.set(id, span);
    return span;
  });
  let t0 = parseTime(trace.started_at);
  let t1 = parseTime(trace.ended_at);
  let minStart = Infinity;
  let maxEnd = -Infinity;
  for (const s of spans) {
    if (isFinite(s.start)) minStart = Math.min(minStart, s.start);
    if (isFinite(s.end)) maxEnd = Math.max(maxEnd, s.end);
  }
  if (!isFinite(t0) || minStart < t0) t0 = isFinite(minStart) ? minStart : (isFinite(t1) ? t1 : 0);
  if (!isFinite(t1) || maxEnd > t1) t1 = isFinite(maxEnd) ? maxEnd : t0;
  const roots = [];
  for (const s of spans) {
    const p = typeof s.raw.parent_id === 'string' ? byId.get(s.raw.parent_id) : undefined;
    if (p && p !== s) { s.parent = p; p.children.push(s); } else roots.push(s);
  }
  // Times missing (a span still open when the process died) are filled from what is known.
  const order = [];
  const seen = new Uint8Array(spans.length);
  const byStart = (a, b) => (a.start - b.start) || (a.index - b.index);
  const walk = (rootList) => {
    const stack = rootList.slice().reverse();
    while (stack.length) {
      const s = stack.pop();
      if (seen[s.index]) continue;
      seen[s.index] = 1;
      s.depth = s.parent && seen[s.parent.index] ? s.parent.depth + 1 : 0;
      if (!isFinite(s.start)) s.start = s.parent ? s.parent.start : t0;
      if (!isFinite(s.end)) { s.end = Math.max(s.start, t1); s.open = true; }
      order.push(s);
      s.children.sort(byStart);
      for (let i = s.children.length - 1; i >= 0; i--) stack.push(s.children[i]);
    }
  };
  roots.sort((a, b) => ((isFinite(a.start) ? a.start : t0) - (isFinite(b.start) ? b.start : t0)) ||
    (a.index - b.index));
  walk(roots);
  // Spans caught in a parent cycle are not reachable from a root: show them as roots.
  for (const s of spans) {
    if (!seen[s.index]) { s.parent = null; roots.push(s); walk([s]); }
  }
  markCriticalPath(roots);
  const model = {
    trace, fileName: fileName || '', id: str(trace.id) || fileName || '(trace)',
    workflow: str(trace.workflow_name) || '(unnamed workflow)',
    t0, t1, spans, order, roots, byId,
  };
  model.summary = summarize(model);
  return model;
}

/**
 * Marks the chain of spans that decides when the trace ends: from the root that ends last, each
 * time the child that ends last.
 */
function markCriticalPath(roots) {
  let cur = null;
  for (const r of roots) if (!cur || r.end > cur.end) cur = r;
  while (cur) {
    cur.critical = true;
    let next = null;
    for (const c of cur.children) if (!next || c.end > next.end || (c.end === next.end && c.start > next.start)) next = c;
    cur = next;
  }
}

function summarize(model) {
  const byType = new Map();
  const tools = new Map();
  const tokensByModel = new Map();
  const handoffs = [];
  const errors = [];
  let input = 0;
  let output = 0;
  for (const s of model.order) {
    byType.set(s.type, (byType.get(s.type) || 0) + 1);
    const data = s.raw.span_data;
    if (s.error) errors.push(s);
    if (s.type === 'function') {
      const t = tools.get(s.name) || { calls: 0, errors: 0 };
      t.calls++;
      if (s.error) t.errors++;
      tools.set(s.name, t);
    } else if (s.type === 'handoff') {
      handoffs.push(s);
    } else if (s.type === 'generation' || s.type === 'response') {
      const usage = usageOf(data);
      const i = tokens(usage, 'input_tokens');
      const o = tokens(usage, 'output_tokens');
      input += i;
      output += o;
      const key = s.type === 'generation' ? str(data.model) : '';
      const m = tokensByModel.get(key) || [0, 0];
      m[0] += i;
      m[1] += o;
      tokensByModel.set(key, m);
    }
  }
  handoffs.sort((a, b) => (a.start - b.start) || (a.index - b.index));
  return {
    duration: model.t1 - model.t0, spans: model.order.length, byType, tools, handoffs, errors,
    inputTokens: input, outputTokens: output, tokensByModel,
  };
}

/** The price {input, output} per million tokens of a model: exact name, else longest prefix. */
function priceOf(prices, modelName) {
  if (!prices || !modelName) return null;
  if (Array.isArray(prices[modelName])) return prices[modelName];
  let best = null;
  for (const key of Object.keys(prices)) {
    if (modelName.startsWith(key) && (!best || key.length > best.length)) best = key;
  }
  return best ? prices[best] : null;
}

/** Estimated USD cost of tokens per model, or null when no price applies to any of them. */
function estimateCost(prices, tokensByModel) {
  if (!prices || !tokensByModel) return null;
  let total = 0;
  let priced = false;
  let unpriced = false;
  const entries = tokensByModel instanceof Map ? [...tokensByModel] : Object.entries(tokensByModel);
  for (const [model, counts] of entries) {
    if (!Array.isArray(counts) || (counts[0] === 0 && counts[1] === 0)) continue;
    const p = priceOf(prices, model);
    if (!p) { unpriced = true; continue; }
    priced = true;
    total += (Number(counts[0]) || 0) * p[0] / 1e6 + (Number(counts[1]) || 0) * p[1] / 1e6;
  }
  return priced ? { usd: total, partial: unpriced } : null;
}

/** A list entry, as the Java side writes them, computed from a model. */
function entryFromModel(model, extra) {
  const s = model.summary;
  const models = {};
  for (const [k, v] of s.tokensByModel) models[k] = v;
  return Object.assign({
    id: model.id, file: model.fileName, workflow: model.workflow,
    group_id: model.trace.group_id, started_at: model.trace.started_at || null,
    start: model.t0, duration_ms: s.duration / 1000, spans: s.spans, errors: s.errors.length,
    input_tokens: s.inputTokens, output_tokens: s.outputTokens, models,
  }, extra || {});
}
