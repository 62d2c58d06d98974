/*
 * Getting trace data into the page. From a folder the page adds <script> tags for the index
 * segments (weft-index/NNNNNN.js) and the traces' data (weft-data/pack_<hex>.js, several traces
 * each; weft-data/<id>.js in older folders), because browsers let a
 * page opened from disk run local scripts but not read local files. A standalone page carries its
 * traces in window.WEFT_EMBED. Files can also be opened by hand.
 */
const SAFE_ID = /^[A-Za-z0-9_-]{1,200}$/;

const state = {
  embedded: false, entries: new Map(), docs: new Map(), models: new Map(), prices: null, pricesAsOf: '',
  notices: [], damaged: new Set(), segments: 0, loading: true, version: 0,
  listFilter: '', sort: { key: 'start', desc: true }, selectSpan: null,
};

let inFlight = null;

/* A script that throws or does not parse reports to window, not to its element: credit the load. */
window.addEventListener('error', (ev) => {
  if (inFlight && !(ev.target instanceof HTMLScriptElement)) inFlight.scriptError = true;
});

/**
 * Loads one script; resolves {loaded, scriptError, traces}, traces being what it passed to
 * weft.trace. Loads run one at a time.
 */
let queue = Promise.resolve();
function loadScript(src) {
  const run = () => new Promise((resolve) => {
    const result = { loaded: false, scriptError: false, traces: [] };
    inFlight = result;
    arriving = result.traces;
    const tag = document.createElement('script');
    const done = (loaded) => {
      result.loaded = loaded;
      inFlight = null;
      arriving = null;
      tag.remove();
      resolve(result);
    };
    tag.onload = () => done(true);
    tag.onerror = () => done(false);
    tag.src = src;
    document.head.appendChild(tag);
  });
  const next = queue.then(run, run);
  queue = next;
  return next;
}

/**
 * The prices of weft-prices.js or an embedded page, {as_of, models: {name: [input, cached, output]}}
 * (older pages: {name: [input, output]}), as a Map by lower-case name; null when none is usable.
 */
function sanitizePrices(p) {
  if (!isObject(p)) return null;
  const models = isObject(p.models) ? p.models : p;
  const out = new Map();
  for (const k of Object.keys(models)) {
    const v = models[k];
    if (!Array.isArray(v) || (v.length !== 2 && v.length !== 3) ||
      !v.every((x) => typeof x === 'number' && isFinite(x) && x >= 0)) continue;
    out.set(priceName(k), v.length === 3 ? v.slice() : [v[0], v[0], v[1]]);
  }
  state.pricesAsOf = typeof p.as_of === 'string' ? p.as_of : '';
  return out.size ? out : null;
}

/* Index segments are re-read while the page is open: only a new or changed entry counts. */
function addEntry(e) {
  if (!isObject(e) || typeof e.id !== 'string') return;
  const text = JSON.stringify(e);
  const old = state.entries.get(e.id);
  if (old && (old.local || old.text === text)) return;
  e.text = text;
  e.start = parseTime(e.started_at);
  state.entries.set(e.id, e);
  state.version++;
}

/* While a script loads, where the traces it calls weft.trace(doc, id) with go. */
let arriving = null;
window.weft = Object.freeze({
  entry: addEntry,
  trace(doc, id) {
    if (arriving) arriving.push({ id: typeof id === 'string' ? id : null, doc });
  },
  prices(p) { state.prices = sanitizePrices(p); },
});

function segmentUrl(i, bust) {
  return 'weft-index/' + String(i).padStart(6, '0') + '.js' + (bust ? '?v=' + bust : '');
}

/** Loads segments from {@code from} until one is missing; returns whether anything changed. */
async function loadSegments(from, bust) {
  const before = state.version;
  let i = from;
  for (;; i++) {
    const r = await loadScript(segmentUrl(i, bust));
    if (!r.loaded) break;
    if (r.scriptError) state.damaged.add(i); else state.damaged.delete(i);
  }
  state.segments = Math.max(state.segments, i);
  state.notices = [...state.damaged].sort((a, b) => a - b).map((d) => 'Part of the trace index (' +
    segmentUrl(d) + ') could not be read, so up to ' + 250 + ' traces may be missing from this list. ' +
    'It is repaired when the next trace is written.');
  return state.version !== before;
}

/** Loads the folder's prices; before any trace is shown, so its costs are there from the start. */
async function loadPrices() {
  const prices = await loadScript('weft-prices.js?v=' + Date.now());
  if (!prices.loaded) state.prices = null;
}

async function loadFolder() {
  await loadSegments(0, '');
  state.loading = false;
}

let pollCount = 0;
async function pollFolder() {
  pollCount++;
  return loadSegments(Math.max(0, state.segments - 1), String(pollCount));
}

const SAFE_PACK = /^pack_[0-9a-f]{16}\.js$/;

/* The traces of the pack loaded last: a pack holds the traces written together, so the next trace
 * opened is often in it already. A pack is never written again, so it is kept as read. */
let lastPack = { name: null, traces: [] };

/** Loads a data script; returns the traces it holds, [{id, doc}], id null in older scripts. */
async function loadData(name) {
  if (lastPack.name === name) return lastPack.traces;
  const r = await loadScript('weft-data/' + name);
  const traces = r.loaded && !r.scriptError ? r.traces : [];
  if (traces.length && SAFE_PACK.test(name)) lastPack = { name, traces };
  return traces;
}

/** The parsed content of a trace file, from memory, its data script, or (over http) the file. */
async function traceDoc(id) {
  if (state.docs.has(id)) return state.docs.get(id);
  if (state.embedded || !SAFE_ID.test(id)) throw new Error('No data for trace ' + id + '.');
  const entry = state.entries.get(id);
  // Folders written before packs have one script per trace, named after it.
  const script = entry && typeof entry.data === 'string' && SAFE_PACK.test(entry.data) ? entry.data : id + '.js';
  const traces = await loadData(script);
  const hit = traces.find((t) => t.id === id) || (script === id + '.js' ? traces[0] : null);
  let doc = hit ? hit.doc : null;
  if (!doc && /^https?:$/.test(location.protocol)) {
    try {
      const response = await fetch(encodeURIComponent(id) + '.json', { cache: 'no-store' });
      if (response.ok) doc = await response.json();
    } catch (e) {
      doc = null;
    }
  }
  if (!doc) {
    throw new Error('The data of trace ' + id + ' could not be loaded (weft-data/' + script + ' is missing or damaged). ' +
      'Open ' + id + '.json with “Open trace file…” instead.');
  }
  return doc;
}

async function traceModel(id) {
  let model = state.models.get(id);
  if (model) return model;
  const entry = state.entries.get(id);
  model = buildTrace(await traceDoc(id), entry ? entry.file : id + '.json');
  state.models.clear();
  state.models.set(id, model);
  return model;
}

/** Adds traces from files the user picked or dropped; returns the id of the last readable one. */
async function addLocalFiles(files) {
  let last = null;
  for (const file of files) {
    try {
      const doc = JSON.parse(await file.text());
      const model = buildTrace(doc, file.name);
      state.docs.set(model.id, doc);
      state.models.set(model.id, model);
      state.entries.set(model.id, entryFromModel(model, { local: true }));
      last = model.id;
    } catch (e) {
      const id = 'file:' + file.name;
      state.entries.set(id, { id, file: file.name, unreadable: String(e.message || e), local: true });
    }
    state.version++;
  }
  return last;
}

function loadEmbedded(embed) {
  state.embedded = true;
  state.prices = sanitizePrices(embed.prices);
  for (const doc of Array.isArray(embed.traces) ? embed.traces : []) {
    try {
      const model = buildTrace(doc, '');
      model.fileName = model.id + '.json';
      state.docs.set(model.id, doc);
      state.entries.set(model.id, entryFromModel(model, { file: model.fileName }));
    } catch (e) {
      const id = 'embedded:' + state.entries.size;
      state.entries.set(id, { id, file: id, unreadable: String(e.message || e) });
    }
  }
  for (const bad of Array.isArray(embed.unreadable) ? embed.unreadable : []) {
    if (isObject(bad) && typeof bad.id === 'string') state.entries.set('unreadable:' + bad.id, Object.assign({}, bad, { id: 'unreadable:' + bad.id }));
  }
  state.loading = false;
}
