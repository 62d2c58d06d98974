/*
 * The search of the trace list: a small expression language over each trace's index entry, such
 * as `cost > 0.05 and errors > 0`, `type:generation model:gpt-4.1`, `refund -error:timeout`.
 * Words and `text:` also look inside inputs and outputs, which only the trace's data holds: such a
 * term answers "unknown" (null) until the trace has been read (ContentSearch).
 */
const NUMERIC_FIELDS = {
  duration: (e) => e.duration_ms,
  tokens: (e) => (e.input_tokens || 0) + (e.output_tokens || 0),
  tokens_in: (e) => e.input_tokens,
  tokens_out: (e) => e.output_tokens,
  cost: (e) => (e.cost && e.cost.priced ? e.cost.usd : e.cost ? 0 : undefined),
  spans: (e) => e.spans,
  errors: (e) => e.errors,
};
const FIELD_ALIASES = { input_tokens: 'tokens_in', output_tokens: 'tokens_out', error: 'errors', span: 'spans' };
const KEYS = ['type', 'model', 'name', 'workflow', 'id', 'group', 'session', 'error', 'text'];
const TOKEN_RE = /\s*(?:(\()|(\))|(>=|<=|!=|>|<|=)|("(?:[^"\\]|\\.)*")|((?:[^\s()<>=!"]|!(?!=))+(?:"(?:[^"\\]|\\.)*")?))/y;

function unquote(s) {
  return s.startsWith('"') ? s.slice(1, -1).replace(/\\(.)/g, '$1') : s;
}

function tokenize(text) {
  const tokens = [];
  TOKEN_RE.lastIndex = 0;
  while (TOKEN_RE.lastIndex < text.length) {
    const at = TOKEN_RE.lastIndex;
    const m = TOKEN_RE.exec(text);
    if (!m) {
      if (!text.slice(at).trim()) break;
      throw new Error('cannot read "' + text.slice(at, at + 12) + '"');
    }
    if (m[1]) tokens.push({ kind: '(' });
    else if (m[2]) tokens.push({ kind: ')' });
    else if (m[3]) tokens.push({ kind: 'op', op: m[3] });
    else if (m[4]) tokens.push({ kind: 'word', text: unquote(m[4]), quoted: true });
    else if (m[5]) tokens.push({ kind: 'word', text: m[5] });
  }
  return tokens;
}

/** A number of the field's unit: durations in ms (with ms, s, m or h), costs with or without $. */
function parseNumber(field, text) {
  const m = /^\$?(-?\d+(?:\.\d+)?|-?\.\d+)(ms|s|m|h|k)?$/i.exec(text);
  if (!m) throw new Error('"' + text + '" is not a number for ' + field);
  const n = Number(m[1]);
  const unit = (m[2] || '').toLowerCase();
  if (unit === 'k') return n * 1000;
  if (!unit || unit === 'ms') return n;
  if (field !== 'duration') throw new Error('"' + text + '": only duration takes a unit');
  return n * { s: 1000, m: 60000, h: 3600000 }[unit];
}

/** Parses a filter; throws an Error saying what it could not read. */
function parseQuery(text) {
  const tokens = tokenize(text);
  let i = 0;
  const peekWord = (w) => tokens[i] && tokens[i].kind === 'word' && !tokens[i].quoted && tokens[i].text.toLowerCase() === w;
  function or() {
    const parts = [and()];
    while (peekWord('or')) { i++; parts.push(and()); }
    return parts.length === 1 ? parts[0] : { or: parts };
  }
  function and() {
    const parts = [unary()];
    while (i < tokens.length && tokens[i].kind !== ')' && !peekWord('or')) {
      if (peekWord('and')) i++;
      parts.push(unary());
    }
    return parts.length === 1 ? parts[0] : { and: parts };
  }
  function unary() {
    if (peekWord('not')) { i++; return { not: unary() }; }
    const t = tokens[i];
    if (t && t.kind === 'word' && !t.quoted && t.text.length > 1 && t.text.startsWith('-') && !/^-[\d.]/.test(t.text)) {
      tokens[i] = { kind: 'word', text: t.text.slice(1) };
      return { not: primary() };
    }
    return primary();
  }
  function primary() {
    const t = tokens[i++];
    if (!t) throw new Error('the filter ends too soon');
    if (t.kind === '(') {
      const inner = or();
      if (!tokens[i] || tokens[i].kind !== ')') throw new Error('a "(" is not closed');
      i++;
      return inner;
    }
    if (t.kind !== 'word') throw new Error('unexpected "' + (t.op || t.kind) + '"');
    const next = tokens[i];
    if (next && next.kind === 'op') {
      const field = FIELD_ALIASES[t.text.toLowerCase()] || t.text.toLowerCase();
      if (!NUMERIC_FIELDS[field]) {
        throw new Error('"' + t.text + '" cannot be compared; use one of ' + Object.keys(NUMERIC_FIELDS).join(', '));
      }
      const value = tokens[i + 1];
      if (!value || value.kind !== 'word') throw new Error(field + ' ' + next.op + ' needs a number');
      i += 2;
      return { field, op: next.op, value: parseNumber(field, value.text) };
    }
    const colon = t.quoted ? -1 : t.text.indexOf(':');
    if (colon > 0 && KEYS.includes(t.text.slice(0, colon).toLowerCase())) {
      return { key: t.text.slice(0, colon).toLowerCase(), value: unquote(t.text.slice(colon + 1)).toLowerCase() };
    }
    return { word: t.text.toLowerCase() };
  }
  const tree = tokens.length ? or() : null;
  if (i < tokens.length) throw new Error('unexpected "' + (tokens[i].text || tokens[i].op || tokens[i].kind) + '"');
  return tree;
}

function compare(x, op, y) {
  if (typeof x !== 'number' || !isFinite(x)) return false;
  switch (op) {
    case '>': return x > y;
    case '>=': return x >= y;
    case '<': return x < y;
    case '<=': return x <= y;
    case '=': return x === y;
    default: return x !== y;
  }
}

function anyIncludes(values, q) {
  for (const v of values) if (str(v).toLowerCase().includes(q)) return true;
  return false;
}

/** The index fields a word can match without the trace's data. */
function indexTexts(e) {
  return [e.workflow, e.id, e.group_id, e.file].concat(Array.isArray(e.names) ? e.names : [],
    Object.keys(isObject(e.models) ? e.models : {}), Array.isArray(e.error_messages) ? e.error_messages : []);
}

/**
 * Whether an entry matches a parsed filter: true, false, or null when it depends on the trace's
 * inputs and outputs, not known yet ({@code content} is their lower-case text once read).
 */
function matchQuery(node, e, content) {
  if (!node) return true;
  if (node.and) {
    let unknown = false;
    for (const n of node.and) {
      const r = matchQuery(n, e, content);
      if (r === false) return false;
      if (r === null) unknown = true;
    }
    return unknown ? null : true;
  }
  if (node.or) {
    let unknown = false;
    for (const n of node.or) {
      const r = matchQuery(n, e, content);
      if (r === true) return true;
      if (r === null) unknown = true;
    }
    return unknown ? null : false;
  }
  if (node.not) {
    const r = matchQuery(node.not, e, content);
    return r === null ? null : !r;
  }
  if (node.field) return compare(NUMERIC_FIELDS[node.field](e), node.op, node.value);
  const inContent = (q) => (content === undefined ? null : content.includes(q));
  if (node.word !== undefined) return anyIncludes(indexTexts(e), node.word) || inContent(node.word);
  const v = node.value;
  switch (node.key) {
    case 'type': return Object.keys(isObject(e.types) ? e.types : {}).some((t) => t.toLowerCase() === v);
    case 'model': return anyIncludes(Object.keys(isObject(e.models) ? e.models : {}), v);
    case 'name': return anyIncludes(Array.isArray(e.names) ? e.names : [], v);
    case 'workflow': return anyIncludes([e.workflow], v);
    case 'id': return anyIncludes([e.id], v);
    case 'group': case 'session': return anyIncludes([e.group_id], v);
    case 'error':
      if (v === 'true' || v === 'yes' || v === '') return e.errors > 0;
      if (v === 'false' || v === 'no') return !(e.errors > 0);
      return anyIncludes(Array.isArray(e.error_messages) ? e.error_messages : [], v);
    default: return inContent(v);
  }
}

/** Whether a parsed filter looks inside inputs and outputs at all. */
function needsContent(node) {
  if (!node) return false;
  if (node.and || node.or) return (node.and || node.or).some(needsContent);
  if (node.not) return needsContent(node.not);
  return node.word !== undefined || node.key === 'text';
}

/** The lower-case text of every value inside a trace's spans: inputs, outputs, data, errors. */
function traceContentText(doc) {
  const out = [];
  const walk = (v, depth) => {
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
    else if (v && typeof v === 'object' && depth < 12) for (const k in v) walk(v[k], depth + 1);
  };
  for (const s of Array.isArray(doc && doc.spans) ? doc.spans : []) {
    if (!isObject(s)) continue;
    walk(s.span_data, 0);
    walk(s.error, 0);
    walk(s.metadata, 0);
  }
  return out.join('\n').toLowerCase();
}

/**
 * Reads traces' data for the terms of a filter that need it, one trace at a time, keeping the text
 * it read (up to a budget) so the next filter does not read it again.
 */
function ContentSearch(loadDoc) {
  const BUDGET = 64 * 1024 * 1024;
  const texts = new Map();
  const verdicts = new Map();
  let kept = 0;
  let run = 0;
  let verdictQuery = null;
  return {
    text(id) { return texts.get(id); },
    /** The verdict of a scan of this filter that could not keep the text, or undefined. */
    verdict(query, id) { return query === verdictQuery ? verdicts.get(id) : undefined; },
    running: false,
    /** Reads the data of {@code ids} for {@code query}; calls onProgress(done, total) as it goes. */
    async scan(query, tree, entries, onProgress) {
      const token = ++run;
      if (verdictQuery !== query) { verdicts.clear(); verdictQuery = query; }
      this.running = true;
      let last = performance.now();
      for (let i = 0; i < entries.length; i++) {
        if (token !== run) return;
        const e = entries[i];
        let text = texts.get(e.id);
        if (text === undefined) {
          try {
            text = traceContentText(await loadDoc(e.id));
          } catch (err) {
            text = '';
          }
          if (token !== run) return;
          if (kept + text.length <= BUDGET) { texts.set(e.id, text); kept += text.length; }
        }
        verdicts.set(e.id, matchQuery(tree, e, text) === true);
        if (performance.now() - last > 150) { last = performance.now(); onProgress(i + 1, entries.length); }
      }
      this.running = false;
      onProgress(entries.length, entries.length);
    },
    cancel() { run++; this.running = false; },
  };
}

let contentSearch = null;
let parsed = { text: null, tree: null, error: '' };
let scanned = null;

/**
 * The entries that match the list's filter (state.listFilter), with what stops it ({@code error})
 * and how far the search inside inputs and outputs has got ({@code progress}); starts that search
 * for the entries only it can decide, and calls {@code onProgress} as it finds more.
 */
function filterEntries(entries, onProgress) {
  const q = state.listFilter.trim();
  if (parsed.text !== q) {
    try {
      parsed = { text: q, tree: parseQuery(q), error: '' };
    } catch (err) {
      parsed = { text: q, tree: null, error: String(err.message || err) };
    }
  }
  if (!contentSearch) contentSearch = ContentSearch((id) => traceDoc(id));
  const rows = [];
  const pending = [];
  for (const e of entries) {
    let r = matchQuery(parsed.tree, e, e.unreadable ? '' : contentSearch.text(e.id));
    if (r === null) {
      const v = contentSearch.verdict(q, e.id);
      if (v !== undefined) r = v;
    }
    if (r === null) pending.push(e); else if (r) rows.push(e);
  }
  let progress = '';
  if (pending.length) {
    if (scanned !== q || !contentSearch.running) {
      scanned = q;
      contentSearch.scan(q, parsed.tree, pending, () => onProgress());
    }
    progress = ' · searching inputs and outputs, ' + fmtInt(pending.length) + ' trace' + (pending.length === 1 ? '' : 's') + ' to go';
  } else if (contentSearch.running) {
    contentSearch.cancel();
  }
  return { rows, error: parsed.error, progress };
}
