/* Routing between the list and a trace (#trace=<id>&span=<id>), file opening and live refresh. */
const app = document.getElementById('app');
const crumb = document.getElementById('crumb');
let listView = null;
let traceView = null;
let routeToken = 0;

function parseHash() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  return { trace: params.get('trace'), span: params.get('span') };
}

const actions = {
  openTrace(id) { location.hash = 'trace=' + encodeURIComponent(id); },
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

function showList() {
  traceView = null;
  crumb.textContent = '';
  document.title = 'Weft traces';
  if (!listView) listView = ListView(state, actions); else listView.update();
  app.replaceChildren(listView.element);
}

async function showTrace(id, spanId) {
  const token = ++routeToken;
  const started = performance.now();
  crumb.textContent = '/ ' + id;
  let model;
  try {
    model = await traceModel(id);
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
  if (h.trace) showTrace(h.trace, h.span); else showList();
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
    document.getElementById('live').hidden = false;
    const poll = async () => {
      if (!document.hidden && (await pollFolder()) && listView && !traceView) listView.update();
      setTimeout(poll, 3000);
    };
    setTimeout(poll, 3000);
  }
  document.documentElement.dataset.weftLoaded = 'true';
}

start();
