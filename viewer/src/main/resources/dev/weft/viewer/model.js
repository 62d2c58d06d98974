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
    } else {
      const t = spanTokens(s);
      if (t) {
        input += t[0];
        output += t[1];
        addTokens(tokensByModel, spanModel(s), t);
      }
    }
  }
  handoffs.sort((a, b) => (a.start - b.start) || (a.index - b.index));
  return {
    duration: model.t1 - model.t0, spans: model.order.length, byType, tools, handoffs, errors,
    inputTokens: input, outputTokens: output, tokensByModel,
  };
}

/** Cached input tokens of a usage object, under the names instrumentations and providers use. */
function cachedTokens(usage) {
  if (!usage) return 0;
  let cached = Math.max(tokens(usage, 'cached_tokens'), tokens(usage, 'cache_read_input_tokens'));
  for (const k of ['input_tokens_details', 'prompt_tokens_details']) {
    if (isObject(usage[k])) cached = Math.max(cached, tokens(usage[k], 'cached_tokens'));
  }
  return cached;
}

/** The model of a generation or response span: its data's, else (responses) its metadata's. */
function spanModel(span) {
  const d = span.raw.span_data;
  const model = isObject(d) ? str(d.model) : '';
  return model || (isObject(span.raw.metadata) ? str(span.raw.metadata.model) : '');
}

/** [input, output, cached input] tokens of a generation or response span, or null. */
function spanTokens(span) {
  if (span.type !== 'generation' && span.type !== 'response') return null;
  const usage = usageOf(span.raw.span_data);
  if (!usage) return null;
  return [tokens(usage, 'input_tokens'), tokens(usage, 'output_tokens'), cachedTokens(usage)];
}

/** Tokens per model of a span and everything under it, as summarize counts them. */
function subtreeTokens(span) {
  const byModel = new Map();
  const stack = [span];
  const seen = new Set();
  while (stack.length) {
    const s = stack.pop();
    if (seen.has(s)) continue;
    seen.add(s);
    const t = spanTokens(s);
    if (t) addTokens(byModel, spanModel(s), t);
    for (const c of s.children) stack.push(c);
  }
  return byModel;
}

function addTokens(byModel, model, t) {
  const m = byModel.get(model) || [0, 0, 0];
  m[0] += t[0];
  m[1] += t[1];
  m[2] += t[2];
  byModel.set(model, m);
}

/** The name a model is priced by: trimmed, lower case, without a provider prefix (openai/). */
function priceName(model) {
  const name = str(model).trim().toLowerCase();
  return name.slice(name.lastIndexOf('/') + 1);
}

/**
 * The price [input, cached input, output] per million tokens of a model: its own name, else the
 * longest priced name it starts with followed by '-', '@' or ':' (as the Java side matches).
 */
function priceOf(prices, modelName) {
  if (!prices) return null;
  const name = priceName(modelName);
  if (!name) return null;
  if (prices.has(name)) return prices.get(name);
  let best = null;
  for (const key of prices.keys()) {
    if (name.length > key.length && name.startsWith(key) && '-@:'.includes(name[key.length]) &&
      (!best || key.length > best.length)) best = key;
  }
  return best ? prices.get(best) : null;
}

/** USD of tokens [input, output, cached input] at a price: cached input at its own price. */
function priceTokens(price, counts) {
  const input = Number(counts[0]) || 0;
  const cached = Math.min(input, Number(counts[2]) || 0);
  return ((input - cached) * price[0] + cached * price[1] + (Number(counts[1]) || 0) * price[2]) / 1e6;
}

/**
 * The estimated cost of tokens per model: {usd, priced, unpriced} where unpriced names the models
 * that used tokens but have no price; null when there are no prices at all.
 */
function estimateCost(prices, tokensByModel) {
  if (!prices || !tokensByModel) return null;
  let usd = 0;
  let priced = false;
  const unpriced = [];
  const entries = tokensByModel instanceof Map ? [...tokensByModel] : Object.entries(tokensByModel);
  for (const [model, counts] of entries) {
    if (!Array.isArray(counts) || (!(counts[0] > 0) && !(counts[1] > 0))) continue;
    const p = priceOf(prices, model);
    if (!p) { unpriced.push(model || '(unknown model)'); continue; }
    priced = true;
    usd += priceTokens(p, counts);
  }
  return { usd, priced, unpriced };
}

/** A cost estimate as text: "$0.0123", "$0.0123 + unpriced m", "unpriced m", or '–' for none. */
function fmtEstimate(cost) {
  if (!cost || (!cost.priced && !cost.unpriced.length)) return '–';
  const unpriced = cost.unpriced.length ? 'unpriced ' + cost.unpriced.join(', ') : '';
  if (!cost.priced) return unpriced;
  return fmtCost(cost.usd) + (unpriced ? ' + ' + unpriced : '');
}

/**
 * A list entry, as the Java side writes them, computed from a model: the traces of a standalone
 * page and files opened by hand have no index, and the search reads the same fields from both.
 */
function entryFromModel(model, extra) {
  const s = model.summary;
  const models = {};
  for (const [k, v] of s.tokensByModel) models[k] = v;
  return Object.assign({
    id: model.id, file: model.fileName, workflow: model.workflow,
    group_id: model.trace.group_id, started_at: model.trace.started_at || null,
    start: model.t0, duration_ms: s.duration / 1000, spans: s.spans, errors: s.errors.length,
    input_tokens: s.inputTokens, output_tokens: s.outputTokens, models,
  }, spanFacets(model), extra || {});
}

/** The span types with their counts, span names and error messages, as the index's SpanFacets. */
function spanFacets(model) {
  const types = {};
  const names = new Set();
  const errorMessages = [];
  for (const s of model.order) {
    types[s.type] = (types[s.type] || 0) + 1;
    const d = s.raw.span_data;
    if (isObject(d) && typeof d.name === 'string' && d.name) names.add(d.name);
    const message = isObject(s.error) ? s.error.message : s.error;
    if (typeof message === 'string' && message) errorMessages.push(message);
  }
  return { types, names: [...names], error_messages: errorMessages };
}
