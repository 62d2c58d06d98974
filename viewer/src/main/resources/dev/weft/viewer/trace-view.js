/*
 * One trace: summary cards, a collapsible tree beside its waterfall, and the details of the
 * selected span. Rows are computed in one pass over the spans in tree order and drawn virtually.
 */
const ROW_HEIGHT = 26;

/** Axis steps in microseconds: 1-2-5 up to seconds, then steps people count time in. */
const TICK_STEPS = (() => {
  const out = [];
  for (let p = 1; p <= 1e6; p *= 10) out.push(p, 2 * p, 5 * p);
  const s = 1e6;
  return out.concat([10 * s, 15 * s, 30 * s, 60 * s, 120 * s, 300 * s, 600 * s, 900 * s, 1800 * s, 3600 * s, 7200 * s, 21600 * s, 43200 * s, 86400 * s]);
})();

function TraceView(model, state, actions) {
  const s = model.summary;
  const span0 = model.t0;
  const total = Math.max(model.t1 - model.t0, 1);
  const collapsed = new Set();
  let rows = [];
  let selected = null;
  let query = '';
  let typeFilter = '';

  const root = el('section', { class: 'trace-view', testid: 'trace-view', data: { traceId: model.id },
    style: { display: 'flex', flexDirection: 'column', flex: '1', minHeight: '0' } });
  const search = el('input', { class: 'search', id: 'span-search', testid: 'span-search', type: 'search',
    placeholder: 'Search spans by name…', oninput: () => { query = search.value.trim().toLowerCase(); recompute(); } });
  const types = [...s.byType.keys()].sort();
  const typeSelect = el('select', { id: 'type-filter', testid: 'type-filter', onchange: () => { typeFilter = typeSelect.value; recompute(); } },
    [el('option', { value: '', text: 'All span types' })].concat(types.map((t) => el('option', { value: t, text: t + ' (' + s.byType.get(t) + ')' }))));
  const status = el('span', { class: 'status', testid: 'span-status' });
  const toolbar = el('div', { class: 'toolbar' }, [search, typeSelect,
    el('button', { class: 'button', type: 'button', testid: 'expand-all', text: 'Expand all', onclick: () => { collapsed.clear(); recompute(); } }),
    el('button', { class: 'button', type: 'button', testid: 'collapse-all', text: 'Collapse all', onclick: () => {
      for (const sp of model.order) if (sp.children.length && sp.depth >= 1) collapsed.add(sp); recompute(); } }),
    ...otlpExportButtons(model, () => selected),
    el('span', { class: 'legend' }, [el('span', {}, [el('span', { class: 'crit-key' }), 'critical path'])]),
    status]);

  const list = VirtualList({ rowHeight: ROW_HEIGHT, testid: 'span-list', renderRow });
  const ticks = el('div', { class: 'ticks' });
  const details = el('aside', { class: 'details', testid: 'details' });
  root.append(header(), cards(), toolbar, el('div', { class: 'split' }, [
    el('div', { class: 'timeline', testid: 'timeline' }, [
      el('div', { class: 'axis' }, [el('div', { class: 'tree-h', text: 'Span' }), ticks]), list.element]),
    details]));

  function header() {
    const t = model.trace;
    return el('div', { class: 'trace-head' }, [
      el('h1', { testid: 'trace-title', text: model.workflow }),
      el('div', { class: 'ids', testid: 'trace-ids', text: [model.id, t.group_id ? 'group ' + t.group_id : '',
        fmtTime(model.t0), model.fileName].filter(Boolean).join('   ·   ') }),
      isObject(t.metadata) && Object.keys(t.metadata).length
        ? el('div', { class: 'ids', testid: 'trace-metadata', text: 'metadata ' + JSON.stringify(t.metadata) }) : null,
    ]);
  }

  function card(k, v, testid, wide) {
    return el('div', { class: 'card' + (wide ? ' wide' : ''), testid }, [el('div', { class: 'k', text: k }),
      v instanceof Node ? v : el('div', { class: 'v', text: v })]);
  }

  function cards() {
    const out = [card('Duration', fmtDuration(s.duration), 'summary-duration'),
      card('Spans', fmtInt(s.spans), 'summary-spans'),
      card('Tokens in / out', fmtInt(s.inputTokens) + ' / ' + fmtInt(s.outputTokens), 'summary-tokens')];
    const cost = estimateCost(state.prices, s.tokensByModel);
    if (cost) {
      out.push(el('div', { class: 'card', testid: 'summary-cost',
        title: state.pricesAsOf ? 'Estimated at list prices as of ' + state.pricesAsOf : 'Estimated' }, [
        el('div', { class: 'k', text: 'Est. cost' }), el('div', { class: 'v', testid: 'summary-cost-value', text: fmtEstimate(cost) })]));
    }
    out.push(el('div', { class: 'card' + (s.errors.length ? ' errors' : ''), testid: 'summary-errors' }, [
      el('div', { class: 'k', text: 'Errors' }), el('div', { class: 'v', testid: 'summary-error-count', text: fmtInt(s.errors.length) }),
    ].concat(s.errors.slice(0, 3).map((sp) => el('span', {
      class: 'err-link', testid: 'error-link', onclick: () => select(sp, true), title: 'Show this span',
      text: sp.name + ': ' + (isObject(sp.error) ? str(sp.error.message) : pretty(sp.error)) })),
    s.errors.length > 3 ? [el('span', { class: 'zero', text: '+' + (s.errors.length - 3) + ' more' })] : [])));
    out.push(card('Spans by type', el('div', { class: 'v small' }, types.map((t) => el('span', {
      class: 'chip', testid: 'type-chip-' + t, title: 'Show only ' + t + ' spans',
      onclick: () => { typeSelect.value = typeFilter === t ? '' : t; typeFilter = typeSelect.value; recompute(); },
    }, [typeDot(t), t + ' ' + s.byType.get(t)]))), 'summary-types', true));
    if (s.tools.size) {
      out.push(card('Tool calls', el('div', { class: 'v small' }, [...s.tools].sort((a, b) => b[1].calls - a[1].calls)
        .map(([name, t]) => el('span', { class: 'chip', data: { tool: name } }, [typeDot('function'),
          name + ' ×' + t.calls + (t.errors ? ' (' + t.errors + ' failed)' : '')]))), 'summary-tools', true));
    }
    if (s.handoffs.length) {
      const chain = [];
      s.handoffs.forEach((h, i) => {
        const d = h.raw.span_data || {};
        if (i === 0 || str(d.from_agent) !== str((s.handoffs[i - 1].raw.span_data || {}).to_agent)) {
          if (i > 0) chain.push(el('span', { class: 'arrow', text: ' · ' }));
          chain.push(str(d.from_agent) || '?');
        }
        chain.push(el('span', { class: 'arrow', text: ' → ' }), str(d.to_agent) || '?');
      });
      out.push(card('Handoffs', el('div', { class: 'v small handoffs', testid: 'handoff-chain' }, chain), 'summary-handoffs', true));
    }
    return el('div', { class: 'cards', testid: 'summary' }, out);
  }

  function renderTicks() {
    const step = TICK_STEPS.find((m) => total / m <= 6) || total / 5;
    const nodes = [];
    for (let i = 0; i * step <= total; i++) {
      const at = i * step / total;
      nodes.push(el('span', { class: 'tick', style: { left: (at * 100) + '%' }, text: at > 0.94 ? '' : fmtTick(i * step) }));
    }
    ticks.replaceChildren(...nodes);
  }

  function renderRow(i) {
    const sp = rows[i];
    const cls = ['srow'];
    if (sp === selected) cls.push('sel');
    if (sp.critical) cls.push('crit');
    if (sp.error) cls.push('has-error');
    if (sp.open) cls.push('open-end');
    const left = (sp.start - span0) / total * 100;
    const width = Math.max((sp.end - sp.start) / total * 100, 0);
    const hasKids = sp.children.length > 0 && !query && !typeFilter;
    return el('div', {
      class: cls.join(' '), testid: 'span-row', data: { spanId: sp.id, type: sp.type, critical: sp.critical ? 'true' : 'false' },
      onclick: () => select(sp, false),
    }, [
      el('div', { class: 'tree', style: { paddingLeft: (6 + sp.depth * 14) + 'px' } }, [
        el('button', { class: 'toggle' + (hasKids ? '' : ' leaf'), type: 'button', testid: 'toggle', 'aria-label': collapsed.has(sp) ? 'expand' : 'collapse',
          text: collapsed.has(sp) ? '▶' : '▼', onclick: (ev) => { ev.stopPropagation(); toggle(sp); } }),
        typeDot(sp.type),
        el('span', { class: 'name', testid: 'span-name', text: sp.name, title: sp.name }),
        sp.type !== 'agent' && sp.type !== 'function' ? el('span', { class: 'tlabel', text: sp.type }) : null,
        el('span', { class: 'dur', text: fmtDuration(sp.end - sp.start) }),
      ]),
      el('div', { class: 'lane' }, el('div', { class: 'bar', style: { left: left + '%', width: width + '%', '--c': typeColor(sp.type) },
        title: sp.type + ' · ' + fmtDuration(sp.end - sp.start) })),
    ]);
  }

  function toggle(sp) {
    if (collapsed.has(sp)) collapsed.delete(sp); else collapsed.add(sp);
    recompute();
  }

  /** The visible rows: tree order, skipping collapsed subtrees, or the matches of the filters. */
  function recompute() {
    const out = [];
    if (query || typeFilter) {
      for (const sp of model.order) {
        if ((!typeFilter || sp.type === typeFilter) && (!query || sp.name.toLowerCase().includes(query))) out.push(sp);
      }
    } else {
      let skipDepth = Infinity;
      for (const sp of model.order) {
        if (sp.depth > skipDepth) continue;
        skipDepth = collapsed.has(sp) ? sp.depth : Infinity;
        out.push(sp);
      }
    }
    rows = out;
    for (let i = 0; i < rows.length; i++) rows[i].row = i;
    status.textContent = rows.length === model.order.length ? fmtInt(rows.length) + ' spans' : fmtInt(rows.length) + ' of ' + fmtInt(model.order.length) + ' spans';
    list.setCount(rows.length);
  }

  function select(sp, reveal) {
    selected = sp;
    if (reveal) {
      for (let p = sp.parent; p; p = p.parent) collapsed.delete(p);
      if (!rows.includes(sp)) { query = ''; typeFilter = ''; search.value = ''; typeSelect.value = ''; }
      recompute();
      list.scrollToIndex(sp.row);
    }
    list.refresh();
    renderDetails(details, model, sp, state.prices, (target) => select(target, true));
    actions.spanSelected(sp);
  }

  list.element.addEventListener('keydown', (ev) => {
    if (!rows.length || (ev.key !== 'ArrowDown' && ev.key !== 'ArrowUp')) return;
    ev.preventDefault();
    const at = selected && rows[selected.row] === selected ? selected.row : -1;
    const next = rows[Math.min(rows.length - 1, Math.max(0, at + (ev.key === 'ArrowDown' ? 1 : -1)))];
    select(next, false);
    list.scrollToIndex(next.row);
  });

  renderTicks();
  recompute();
  const first = (state.selectSpan && model.byId.get(state.selectSpan)) || rows[0];
  if (first) select(first, true); else renderDetails(details, model, null, state.prices);
  return { element: root, select, refresh: () => list.refresh() };
}
