/* The list of the folder's traces: sortable columns, the search (query.js), newest first by default. */
const LIST_COLUMNS = [
  { key: 'workflow', label: 'Workflow', width: 'minmax(220px, 3fr)' },
  { key: 'start', label: 'Started', width: '150px' },
  { key: 'duration', label: 'Duration', width: '90px', num: true },
  { key: 'spans', label: 'Spans', width: '70px', num: true },
  { key: 'errors', label: 'Errors', width: '64px', num: true },
  { key: 'input_tokens', label: 'Tokens in', width: '90px', num: true },
  { key: 'output_tokens', label: 'Tokens out', width: '90px', num: true },
  { key: 'cost', label: 'Est. cost', width: '104px', num: true, prices: true },
];

function sortValue(entry, key) {
  switch (key) {
    case 'workflow': return (entry.workflow || '').toLowerCase();
    case 'start': return isFinite(entry.start) ? entry.start : -Infinity;
    case 'duration': return typeof entry.duration_ms === 'number' ? entry.duration_ms : -Infinity;
    case 'cost': return entry.cost && entry.cost.priced ? entry.cost.usd : -Infinity;
    default: return typeof entry[key] === 'number' ? entry[key] : -Infinity;
  }
}

/** The list's cost cell: the estimate, '+' when some model is unpriced, the full text on hover. */
function costCell(cost) {
  let text = '–';
  if (cost && cost.priced) text = fmtCost(cost.usd) + (cost.unpriced.length ? ' +' : '');
  else if (cost && cost.unpriced.length) text = 'unpriced';
  return el('div', {
    class: 'cell num' + (cost && cost.unpriced.length ? ' unpriced' : ''), testid: 'cell-cost', text,
    title: fmtEstimate(cost) + (state.pricesAsOf ? ' (list prices as of ' + state.pricesAsOf + ')' : ''),
  });
}

function ListView(state, actions) {
  const root = el('section', { class: 'list-view', testid: 'list-view', style: { display: 'flex', flexDirection: 'column', flex: '1', minHeight: '0' } });
  let columns = [];
  const filter = el('input', {
    class: 'search wide', id: 'trace-filter', testid: 'trace-filter', type: 'search',
    placeholder: 'Search: words, type:generation, model:gpt-4.1, cost > 0.05 and errors > 0 …', value: state.listFilter,
    oninput: () => { state.listFilter = filter.value; actions.filterChanged(); update(); },
  });
  const status = el('span', { class: 'status', id: 'list-status', testid: 'list-status' });
  const notices = el('div');
  const problem = el('div', { class: 'filter-problem', testid: 'filter-problem', hidden: true });
  const header = el('div', { class: 'trow thead' });
  const list = VirtualList({ rowHeight: 40, testid: 'trace-list', renderRow });
  const empty = el('div', { class: 'empty', testid: 'empty' });
  const compare = CompareControl();
  root.append(el('div', { class: 'toolbar' }, [listTabs('traces'), filter, compare.element, status]), notices, problem,
    el('div', { class: 'table' }, [header, empty, list.element]));
  let rows = [];

  function renderHeader() {
    columns = LIST_COLUMNS.filter((c) => !c.prices || state.prices);
    const cols = columns.map((c) => c.width).join(' ');
    header.style.setProperty('--cols', cols);
    list.element.style.setProperty('--cols', cols);
    header.replaceChildren(...columns.map((c) => el('button', {
      class: c.num ? 'num' : '', testid: 'sort-' + c.key, type: 'button',
      'aria-sort': state.sort.key === c.key ? (state.sort.desc ? 'descending' : 'ascending') : 'none',
      text: c.label,
      onclick: () => {
        if (state.sort.key === c.key) state.sort.desc = !state.sort.desc;
        else state.sort = { key: c.key, desc: c.key !== 'workflow' };
        update();
      },
    })));
  }

  function renderRow(i) {
    const e = rows[i];
    if (e.unreadable) {
      return el('div', { class: 'trow unreadable', testid: 'trace-row', data: { traceId: e.id, unreadable: 'true' } }, [
        el('div', { class: 'cell' }, [el('span', { class: 'badge bad', text: 'unreadable' }), ' ', e.file || e.id,
          el('span', { class: 'sub', text: e.unreadable })]),
      ]);
    }
    const cells = columns.map((c) => {
      switch (c.key) {
        case 'workflow': return el('div', { class: 'cell', testid: 'cell-workflow' }, [
          compareBox(e.id, compare.refresh), el('span', { class: 'wf', text: e.workflow || '(unnamed workflow)' }),
          el('span', { class: 'sub', text: e.id + (e.group_id ? '  ·  ' + e.group_id : '') })]);
        case 'start': return el('div', { class: 'cell', text: fmtTime(e.start), title: str(e.started_at) });
        case 'duration': return el('div', { class: 'cell num', text: fmtDuration(e.duration_ms * 1000) });
        case 'errors': return el('div', { class: 'cell num ' + (e.errors ? 'err-count' : 'zero'), testid: 'cell-errors', text: fmtInt(e.errors) });
        case 'cost': return costCell(e.cost);
        default: return el('div', { class: 'cell num', testid: 'cell-' + c.key, text: fmtInt(e[c.key]) });
      }
    });
    return el('div', {
      class: 'trow', testid: 'trace-row', data: { traceId: e.id }, role: 'link',
      onclick: () => actions.openTrace(e.id),
    }, cells);
  }

  function update() {
    const all = [...state.entries.values()];
    for (const e of all) if (!e.unreadable) e.cost = estimateCost(state.prices, e.models);
    const matched = filterEntries(all, update);
    rows = matched.rows;
    problem.hidden = !matched.error;
    problem.textContent = matched.error ? 'Filter not applied: ' + matched.error : '';
    const key = state.sort.key;
    const dir = state.sort.desc ? -1 : 1;
    rows.sort((a, b) => {
      if (!!a.unreadable !== !!b.unreadable) return a.unreadable ? 1 : -1;
      const x = sortValue(a, key);
      const y = sortValue(b, key);
      return (x < y ? -1 : x > y ? 1 : 0) * dir || str(a.id).localeCompare(str(b.id));
    });
    renderHeader();
    if (filter.value !== state.listFilter && document.activeElement !== filter) filter.value = state.listFilter;
    const unreadable = all.filter((e) => e.unreadable).length;
    status.textContent = fmtInt(rows.length) + (rows.length === all.length ? '' : ' of ' + fmtInt(all.length)) +
      ' trace' + (all.length === 1 ? '' : 's') + (unreadable ? ' · ' + unreadable + ' unreadable' : '') + matched.progress;
    notices.replaceChildren(...state.notices.map((n) => el('div', { class: 'notice', testid: 'notice', text: n })));
    empty.hidden = rows.length > 0;
    empty.textContent = all.length ? 'No trace matches the filter.' : state.loading ? 'Loading…'
      : 'No traces yet. They appear here as the application finishes them; you can also open or drop a trace .json file.';
    list.setCount(rows.length);
  }

  update();
  return { element: root, update };
}
