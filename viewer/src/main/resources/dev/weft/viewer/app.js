/*
 * Routing between the lists (#q=<filter>, #sessions&q=<filter>), a trace (#trace=<id>&span=<id>)
 * and a session (#session=<group id>), file opening and live refresh.
 */
const app = document.getElementById('app');
const crumb = document.getElementById('crumb');
let listView = null;
let sessionList = null;
let traceView = null;
let routeToken = 0;

function parseHash() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  return { trace: params.get('trace'), span: params.get('span'), session: params.get('session'),
    sessions: params.has('sessions'), q: params.get('q') };
}

const actions = {
  openTrace(id) { location.hash = 'trace=' + encodeURIComponent(id); },
  openSession(id) { location.hash = 'session=' + encodeURIComponent(id); },
  /** Keeps the list's filter in the address, so the view can be shared and reloaded. */
  filterChanged() {
    const q = state.listFilter.trim();
    const hash = [parseHash().sessions ? 'sessions' : '', q ? 'q=' + encodeURIComponent(q) : ''].filter(Boolean).join('&');
    try {
      history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
    } catch (e) {
      // As above: the filter still applies.
    }
  },
  spanSelected(span) {
    const h = parseHash();
    if (h.trace && h.span !== span.id) {
      try {
        history.replaceState(null, '', '#trace=' + encodeURIComponent(h.trace) + '&span=' + encodeURIComponent(span.id));
      } catch (e) {
        // Some browsers refuse history changes on file: pages; the selection still works.
      }
    }
  },
};

function showList(sessions) {
  traceView = null;
  crumb.textContent = sessions ? '/ sessions' : '';
  document.title = sessions ? 'Weft sessions' : 'Weft traces';
  if (sessions) {
    if (!sessionList) sessionList = SessionList(state, actions); else sessionList.update();
    app.replaceChildren(sessionList.element);
  } else {
    if (!listView) listView = ListView(state, actions); else listView.update();
    app.replaceChildren(listView.element);
  }
}

function shownList() {
  return traceView ? null : parseHash().sessions ? sessionList : listView;
}

async function showTrace(id, spanId, loadModel) {
  const token = ++routeToken;
  const started = performance.now();
  crumb.textContent = '/ ' + id;
  let model;
  try {
    model = await (loadModel || traceModel)(id);
  } catch (e) {
    if (token !== routeToken) return;
    app.replaceChildren(el('div', { class: 'notice', testid: 'trace-error', text: String(e.message || e) }),
      el('div', { class: 'toolbar' }, el('a', { class: 'button', href: '#', text: '← All traces' })));
    return;
  }
  if (token !== routeToken) return;
  state.selectSpan = spanId;
  traceView = TraceView(model, state, actions);
  crumb.textContent = '/ ' + model.workflow;
  document.title = model.workflow + ' — Weft';
  app.replaceChildren(traceView.element);
  requestAnimationFrame(() => {
    window.weftPerf = { traceId: id, renderMs: performance.now() - started, readyAt: performance.now(), spans: model.order.length };
    traceView.element.dataset.ready = 'true';
  });
}

function route() {
  const h = parseHash();
  const pair = comparePair();
  if (pair) { ++routeToken; traceView = null; showCompare(pair, app, crumb); }
  else if (h.trace) showTrace(h.trace, h.span);
  else if (h.session) showTrace(h.session, h.span, sessionModel);
  else {
    state.listFilter = h.q || '';
    showList(h.sessions);
  }
}

async function openFiles(fileList) {
  const files = [...fileList]; // the input's list empties when the input is reset
  const last = await addLocalFiles(files);
  if (files.length === 1 && last) actions.openTrace(last);
  else route();
}

document.getElementById('file-input').addEventListener('change', (ev) => {
  if (ev.target.files.length) openFiles(ev.target.files);
  ev.target.value = '';
});

const overlay = document.getElementById('drop-overlay');
let dragDepth = 0;
document.addEventListener('dragenter', (ev) => { ev.preventDefault(); dragDepth++; overlay.hidden = false; });
document.addEventListener('dragleave', () => { if (--dragDepth <= 0) { dragDepth = 0; overlay.hidden = true; } });
document.addEventListener('dragover', (ev) => ev.preventDefault());
document.addEventListener('drop', (ev) => {
  ev.preventDefault();
  dragDepth = 0;
  overlay.hidden = true;
  if (ev.dataTransfer && ev.dataTransfer.files.length) openFiles(ev.dataTransfer.files);
});

window.addEventListener('hashchange', route);

/* Kept where tests and curious users can see it: anything the policy blocked. */
window.weftCspViolations = [];
document.addEventListener('securitypolicyviolation', (ev) => {
  window.weftCspViolations.push(ev.violatedDirective + ' ' + ev.blockedURI);
});

async function start() {
  if (isObject(window.WEFT_EMBED)) {
    loadEmbedded(window.WEFT_EMBED);
    route();
  } else {
    await loadPrices();
    route();
    await loadFolder();
    if (!traceView) route();
    requestAnimationFrame(() => {
      window.weftListPerf = { readyAt: performance.now(), traces: state.entries.size };
    });
    document.getElementById('live').hidden = false;
    const poll = async () => {
      if (!document.hidden && (await pollFolder()) && shownList()) shownList().update();
      setTimeout(poll, 3000);
    };
    setTimeout(poll, 3000);
  }
  document.documentElement.dataset.weftLoaded = 'true';
}

start();
