/*
 * Sessions: the traces of one conversation, grouped by their group id, with their totals; listed
 * like traces, and opened as one timeline of their traces in time order.
 */
const SESSION_COLUMNS = [
  { key: 'workflow', label: 'Session', width: 'minmax(220px, 3fr)' },
  { key: 'start', label: 'Started', width: '150px' },
  { key: 'traces', label: 'Traces', width: '70px', num: true },
  { key: 'duration', label: 'Total time', width: '96px', num: true },
  { key: 'errors', label: 'Errors', width: '64px', num: true },
  { key: 'input_tokens', label: 'Tokens in', width: '90px', num: true },
  { key: 'output_tokens', label: 'Tokens out', width: '90px', num: true },
  { key: 'cost', label: 'Est. cost', width: '104px', num: true, prices: true },
];

/** The sessions of trace entries: those with a group id, each with the totals of its traces. */
function sessionsOf(entries) {
  const byGroup = new Map();
  for (const e of entries) {
    if (e.unreadable || typeof e.group_id !== 'string' || !e.group_id) continue;
    let s = byGroup.get(e.group_id);
    if (!s) {
      s = { id: e.group_id, group_id: e.group_id, traces: 0, entries: [], workflows: new Set(), start: Infinity,
        duration_ms: 0, spans: 0, errors: 0, input_tokens: 0, output_tokens: 0, models: {} };
      byGroup.set(e.group_id, s);
    }
    s.traces++;
    s.entries.push(e);
    if (e.workflow) s.workflows.add(e.workflow);
    if (isFinite(e.start)) s.start = Math.min(s.start, e.start);
    for (const k of ['duration_ms', 'spans', 'errors', 'input_tokens', 'output_tokens']) {
      if (typeof e[k] === 'number' && e[k] > 0) s[k] += e[k];
    }
    for (const [model, counts] of Object.entries(isObject(e.models) ? e.models : {})) {
      const m = s.models[model] || (s.models[model] = [0, 0, 0]);
      if (Array.isArray(counts)) for (let i = 0; i < 3; i++) m[i] += Number(counts[i]) || 0;
    }
  }
  for (const s of byGroup.values()) {
    s.workflow = [...s.workflows].join(', ');
    s.entries.sort((a, b) => a.start - b.start);
  }
  return [...byGroup.values()];
}

/** The Traces / Sessions switch above both lists; the filter goes along. */
function listTabs(active) {
  const target = (hash) => {
    const q = state.listFilter.trim();
    return '#' + hash + (q ? (hash ? '&' : '') + 'q=' + encodeURIComponent(q) : '');
  };
  const tab = (key, label, hash) => el('a', {
    class: 'tab' + (key === active ? ' active' : ''), testid: 'tab-' + key, text: label, href: '#' + hash,
    'aria-current': key === active ? 'page' : undefined,
    onclick: (ev) => { ev.preventDefault(); location.hash = target(hash); },
  });
  return el('nav', { class: 'tabs' }, [tab('traces', 'Traces', ''), tab('sessions', 'Sessions', 'sessions')]);
}

function SessionList(state, actions) {
  const root = el('section', { class: 'list-view', testid: 'session-list-view', style: { display: 'flex', flexDirection: 'column', flex: '1', minHeight: '0' } });
  const filter = el('input', {
    class: 'search wide', id: 'session-filter', testid: 'trace-filter', type: 'search', value: state.listFilter,
    placeholder: 'Sessions with a trace that matches: words, type:, model:, cost > 0.05 …',
    oninput: () => { state.listFilter = filter.value; actions.filterChanged(); update(); },
  });
  const status = el('span', { class: 'status', testid: 'list-status' });
  const problem = el('div', { class: 'filter-problem', testid: 'filter-problem', hidden: true });
  const header = el('div', { class: 'trow thead' });
  const list = VirtualList({ rowHeight: 40, testid: 'session-list', renderRow });
  const empty = el('div', { class: 'empty', testid: 'empty' });
  root.append(el('div', { class: 'toolbar' }, [listTabs('sessions'), filter, status]), problem,
    el('div', { class: 'table' }, [header, empty, list.element]));
  let rows = [];
  let columns = [];
  const sort = { key: 'start', desc: true };

  function renderHeader() {
    columns = SESSION_COLUMNS.filter((c) => !c.prices || state.prices);
    const cols = columns.map((c) => c.width).join(' ');
    header.style.setProperty('--cols', cols);
    list.element.style.setProperty('--cols', cols);
    header.replaceChildren(...columns.map((c) => el('button', {
      class: c.num ? 'num' : '', testid: 'sort-' + c.key, type: 'button', text: c.label,
      'aria-sort': sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none',
      onclick: () => {
        if (sort.key === c.key) sort.desc = !sort.desc; else { sort.key = c.key; sort.desc = c.key !== 'workflow'; }
        update();
      },
    })));
  }

  function renderRow(i) {
    const s = rows[i];
    const cells = columns.map((c) => {
      switch (c.key) {
        case 'workflow': return el('div', { class: 'cell', testid: 'cell-session' }, [
          el('span', { class: 'wf', text: s.id }), el('span', { class: 'sub', text: s.workflow || '(unnamed workflow)' })]);
        case 'start': return el('div', { class: 'cell', text: fmtTime(s.start) });
        case 'duration': return el('div', { class: 'cell num', testid: 'cell-duration', text: fmtDuration(s.duration_ms * 1000) });
        case 'errors': return el('div', { class: 'cell num ' + (s.errors ? 'err-count' : 'zero'), testid: 'cell-errors', text: fmtInt(s.errors) });
        case 'cost': return costCell(s.cost);
        default: return el('div', { class: 'cell num', testid: 'cell-' + c.key, text: fmtInt(s[c.key]) });
      }
    });
    return el('div', { class: 'trow', testid: 'session-row', data: { groupId: s.id }, role: 'link',
      onclick: () => actions.openSession(s.id) }, cells);
  }

  function update() {
    const all = [...state.entries.values()];
    for (const e of all) if (!e.unreadable) e.cost = estimateCost(state.prices, e.models);
    const matched = filterEntries(all, update);
    const wanted = new Set(matched.rows.map((e) => e.group_id));
    const sessions = sessionsOf(all);
    for (const s of sessions) s.cost = estimateCost(state.prices, s.models);
    rows = sessions.filter((s) => wanted.has(s.id));
    const dir = sort.desc ? -1 : 1;
    rows.sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      return (x < y ? -1 : x > y ? 1 : 0) * dir || a.id.localeCompare(b.id);
    });
    renderHeader();
    if (filter.value !== state.listFilter && document.activeElement !== filter) filter.value = state.listFilter;
    problem.hidden = !matched.error;
    problem.textContent = matched.error ? 'Filter not applied: ' + matched.error : '';
    status.textContent = fmtInt(rows.length) + (rows.length === sessions.length ? '' : ' of ' + fmtInt(sessions.length)) +
      ' session' + (sessions.length === 1 ? '' : 's') + matched.progress;
    empty.hidden = rows.length > 0;
    empty.textContent = sessions.length ? 'No session matches the filter.' : state.loading ? 'Loading…'
      : 'No sessions: traces are grouped into sessions by their group id (@Workflow(groupId), @GroupId).';
    list.setCount(rows.length);
  }

  update();
  return { element: root, update };
}

/**
 * The model of a session: each trace as a span of type "trace" holding its spans, all in one
 * timeline; the summary counts the traces' own spans only.
 */
async function sessionModel(groupId) {
  const entries = [...state.entries.values()].filter((e) => !e.unreadable && e.group_id === groupId)
    .sort((a, b) => a.start - b.start);
  if (!entries.length) throw new Error('No trace of session ' + groupId + ' is in this folder.');
  const spans = [];
  let first = null;
  let last = null;
  for (const e of entries) {
    const doc = await traceDoc(e.id);
    const trace = isObject(doc.trace) ? doc.trace : {};
    const traceSpanId = 'session-trace:' + e.id;
    spans.push({ object: 'trace.span', id: traceSpanId, trace_id: e.id, parent_id: null,
      started_at: trace.started_at || e.started_at, ended_at: trace.ended_at || e.ended_at || null,
      span_data: { type: 'trace', name: str(trace.workflow_name) || '(unnamed workflow)',
        data: { trace_id: e.id, metadata: trace.metadata === undefined ? null : trace.metadata } }, error: null });
    for (const s of Array.isArray(doc.spans) ? doc.spans : []) {
      if (!isObject(s)) continue;
      spans.push(s.parent_id === null || s.parent_id === undefined ? Object.assign({}, s, { parent_id: traceSpanId }) : s);
    }
    if (!first || e.start < parseTime(first)) first = trace.started_at || e.started_at;
    const end = trace.ended_at || e.ended_at;
    if (!last || parseTime(end) > parseTime(last)) last = end;
  }
  const model = buildTrace({ trace: { id: groupId, workflow_name: 'Session ' + groupId, group_id: groupId,
    started_at: first, ended_at: last }, spans }, '');
  model.session = { traces: entries.length };
  model.summary = summarize({ order: model.order.filter((s) => s.type !== 'trace'), t0: model.t0, t1: model.t1 });
  return model;
}
