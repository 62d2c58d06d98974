/*
 * Two traces side by side (#compare=<a>&with=<b>): their span trees aligned as `weft diff` aligns
 * them, children matched by type and name in start order, with spans only in one trace marked and
 * the duration, token and cost differences per span and in total. Choosing the two happens in the
 * list, through the boxes compareBox() puts in its rows.
 */
const compareSelection = [];
const COMPARE_LINE_LIMIT = 4000;

/** The pair of trace ids the location names, or null. */
function comparePair() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const a = params.get('compare');
  const b = params.get('with');
  return a && b ? [a, b] : null;
}

function compareHash(a, b) {
  return 'compare=' + encodeURIComponent(a) + '&with=' + encodeURIComponent(b);
}

/** The list row's box that picks a trace for comparing; the two picked last are kept. */
function compareBox(id, changed) {
  return el('input', {
    type: 'checkbox', class: 'compare-box', testid: 'compare-check', title: 'Choose for comparing',
    'aria-label': 'Choose for comparing', checked: compareSelection.includes(id),
    onclick: (ev) => {
      ev.stopPropagation();
      const at = compareSelection.indexOf(id);
      if (at >= 0) compareSelection.splice(at, 1);
      else { compareSelection.push(id); if (compareSelection.length > 2) compareSelection.shift(); }
      changed();
    },
  });
}

/** The list toolbar's button that compares the two traces chosen; refresh() after a choice. */
function CompareControl() {
  const button = el('button', {
    class: 'button', type: 'button', testid: 'compare-open',
    onclick: () => { if (compareSelection.length === 2) location.hash = compareHash(compareSelection[0], compareSelection[1]); },
  });
  const refresh = () => {
    button.disabled = compareSelection.length !== 2;
    button.textContent = compareSelection.length === 2 ? 'Compare the 2 chosen'
      : 'Compare: choose ' + (2 - compareSelection.length) + ' more';
  };
  refresh();
  return { element: button, refresh };
}

/** The name spans are matched by: a response's id is new every run, so it is left out. */
function alignKey(span) {
  return span.type + '\u0000' + (span.type === 'response' ? 'response' : span.name);
}

/** Aligned rows {depth, a, b} in tree order; a or b is null for a span only in the other trace. */
function alignTrees(listA, listB, depth, out) {
  const n = listA.length;
  const m = listB.length;
  const common = [];
  for (let i = 0; i <= n; i++) common.push(new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      common[i][j] = alignKey(listA[i]) === alignKey(listB[j])
        ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const only = (span, side, d) => {
    const stack = [[span, d]];
    while (stack.length) {
      const [s, at] = stack.pop();
      out.push(side === 'a' ? { depth: at, a: s, b: null } : { depth: at, a: null, b: s });
      for (let k = s.children.length - 1; k >= 0; k--) stack.push([s.children[k], at + 1]);
    }
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && alignKey(listA[i]) === alignKey(listB[j])) {
      const a = listA[i++];
      const b = listB[j++];
      out.push({ depth, a, b });
      alignTrees(a.children, b.children, depth + 1, out);
    } else if (j >= m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
      only(listA[i++], 'a', depth);
    } else {
      only(listB[j++], 'b', depth);
    }
  }
  return out;
}

function asText(v) {
  return v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v);
}

/** What went into a span, as compared; null for a type that records none. */
function compareInput(span) {
  const d = isObject(span.raw.span_data) ? span.raw.span_data : {};
  if (span.type === 'function' || span.type === 'speech') return asText(d.input);
  if (span.type === 'generation') return asText(d.input);
  return null;
}

/** What came out of a span, as compared; null for a type that records none. */
function compareOutput(span) {
  const d = isObject(span.raw.span_data) ? span.raw.span_data : {};
  switch (span.type) {
    case 'function': case 'generation': case 'transcription': return asText(d.output);
    case 'guardrail': return String(d.triggered === true);
    case 'mcp_tools': return asText(d.result);
    case 'custom': return asText(d.data);
    default: return null;
  }
}

function errorText(span) {
  return span.error ? (isObject(span.error) ? str(span.error.message) : asText(span.error)) : null;
}

/** Which of input, output and error differ between two aligned spans. */
function changedParts(a, b) {
  const parts = [];
  if (compareInput(a) !== compareInput(b)) parts.push('input');
  if (compareOutput(a) !== compareOutput(b)) parts.push('output');
  if (errorText(a) !== errorText(b)) parts.push('error');
  return parts;
}

/** Duration, tokens and cost of one span: tokens and cost for model calls only. */
function measure(span, prices) {
  if (!span) return null;
  const t = spanTokens(span);
  const price = t ? priceOf(prices, spanModel(span)) : null;
  return {
    duration: span.end - span.start,
    tokens: t ? t[0] + t[1] : null,
    cost: t && price ? priceTokens(price, t) : null,
    unpriced: !!t && !price,
  };
}

function signed(delta, format) {
  if (!delta) return '';
  return (delta > 0 ? '+' : '−') + format(Math.abs(delta));
}

/** "a → b" with the difference, for one measure of two sides; '–' for a missing side. */
function pairCells(a, b, format, testid) {
  const has = (v) => typeof v === 'number' && isFinite(v);
  const delta = has(a) && has(b) ? b - a : 0;
  return [
    el('div', { class: 'cell num', text: has(a) ? format(a) : '–' }),
    el('div', { class: 'cell num', text: has(b) ? format(b) : '–' }),
    el('div', { class: 'cell num delta ' + (delta > 0 ? 'up' : delta < 0 ? 'down' : ''), testid, text: signed(delta, format) }),
  ];
}

/** Lines of two texts marked as only in the one or the other, by their longest common run. */
function lineDiff(textA, textB) {
  const a = textA.split('\n');
  const b = textB.split('\n');
  if (a.length * b.length > COMPARE_LINE_LIMIT * COMPARE_LINE_LIMIT / 4) {
    return [a.map((line) => [line, true]), b.map((line) => [line, true])];
  }
  const common = [];
  for (let i = 0; i <= a.length; i++) common.push(new Int32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i][j] = a[i] === b[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const outA = [];
  const outB = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) { outA.push([a[i++], false]); outB.push([b[j++], false]); }
    else if (j >= b.length || (i < a.length && common[i + 1][j] >= common[i][j + 1])) outA.push([a[i++], true]);
    else outB.push([b[j++], true]);
  }
  return [outA, outB];
}

function diffBlock(lines, side, testid) {
  return el('pre', { class: 'diff', testid }, lines.map(([line, marked]) =>
    el('span', { class: marked ? 'line ' + side : 'line' }, line + '\n')));
}

/** One compared part of a span (input, output or error) for both sides, changed lines marked. */
function comparePart(title, textA, textB, testid) {
  if (textA === null && textB === null) return [];
  const changed = textA !== textB;
  const [linesA, linesB] = changed ? lineDiff(pretty(textA === null ? '' : textA), pretty(textB === null ? '' : textB))
    : [pretty(str(textA)).split('\n').map((l) => [l, false]), pretty(str(textB)).split('\n').map((l) => [l, false])];
  return [el('h3', { text: title + (changed ? ' — changed' : '') }),
    el('div', { class: 'compare-pair' + (changed ? ' changed' : ''), testid }, [
      diffBlock(linesA, 'removed', testid + '-a'), diffBlock(linesB, 'added', testid + '-b')])];
}

function CompareView(modelA, modelB, state) {
  const rows = alignTrees(modelA.roots, modelB.roots, 0, []);
  const counts = { same: 0, changed: 0, removed: 0, added: 0 };
  for (const r of rows) {
    r.parts = r.a && r.b ? changedParts(r.a, r.b) : [];
    r.change = !r.b ? 'removed' : !r.a ? 'added' : r.parts.length ? 'changed' : 'same';
    counts[r.change]++;
    r.ma = measure(r.a, state.prices);
    r.mb = measure(r.b, state.prices);
  }
  const root = el('section', { class: 'compare-view', testid: 'compare-view', data: { a: modelA.id, b: modelB.id } });
  const detail = el('aside', { class: 'details compare-details', testid: 'compare-details' },
    el('div', { class: 'empty', text: 'Select a row to compare its spans.' }));
  const usd = (v) => fmtCost(v);
  const sa = modelA.summary;
  const sb = modelB.summary;
  const costA = estimateCost(state.prices, sa.tokensByModel);
  const costB = estimateCost(state.prices, sb.tokensByModel);
  const totalCard = (k, a, b, format, testid) => el('div', { class: 'card', testid }, [el('div', { class: 'k', text: k }),
    el('div', { class: 'v', text: a + ' → ' + b }), el('div', { class: 'delta-line', testid: testid + '-delta', text: format })]);
  const cards = [
    totalCard('Duration', fmtDuration(sa.duration), fmtDuration(sb.duration), signed(sb.duration - sa.duration, fmtDuration) || 'same', 'compare-duration'),
    totalCard('Tokens', fmtInt(sa.inputTokens + sa.outputTokens), fmtInt(sb.inputTokens + sb.outputTokens),
      signed(sb.inputTokens + sb.outputTokens - sa.inputTokens - sa.outputTokens, fmtInt) || 'same', 'compare-tokens'),
  ];
  if (costA && costB) {
    cards.push(totalCard('Est. cost', fmtEstimate(costA), fmtEstimate(costB), signed(costB.usd - costA.usd, usd) || 'same', 'compare-cost'));
  }
  cards.push(el('div', { class: 'card', testid: 'compare-counts' }, [el('div', { class: 'k', text: 'Spans' }),
    el('div', { class: 'v small', text: counts.same + ' same · ' + counts.changed + ' changed · ' +
      counts.removed + ' only in A · ' + counts.added + ' only in B' })]));
  const side = (label, m) => el('div', { class: 'ids', testid: 'compare-side-' + label.toLowerCase() }, [
    el('span', { class: 'side-tag', text: label }), el('a', { href: '#trace=' + encodeURIComponent(m.id), text: m.workflow }),
    '   ' + m.id + '   ' + fmtTime(m.t0)]);
  const head = el('div', { class: 'trace-head' }, [el('h1', { testid: 'compare-title', text: 'Comparing two traces' }),
    side('A', modelA), side('B', modelB)]);
  const toolbar = el('div', { class: 'toolbar' }, [
    el('a', { class: 'button', href: '#', text: '← All traces' }),
    el('a', { class: 'button', testid: 'compare-swap', href: '#' + compareHash(modelB.id, modelA.id), text: 'Swap A and B' }),
    el('span', { class: 'legend' }, ['+ only in B', '− only in A', '~ changed'].map((t) => el('span', { text: t })))]);
  const header = el('div', { class: 'trow thead compare-row' }, ['', 'Span', 'Time A', 'B', 'Δ', 'Tok. A', 'B', 'Δ',
    'Cost A', 'B', 'Δ', 'Changed'].map((t) => el('div', { class: 'cell', text: t })));
  const body = el('div', { class: 'compare-body', testid: 'compare-rows' });
  const marks = { same: '', changed: '~', removed: '−', added: '+' };
  let selectedRow = null;
  rows.forEach((r, index) => {
    const span = r.a || r.b;
    const tokenCells = r.ma && r.ma.tokens !== null || r.mb && r.mb.tokens !== null;
    const row = el('div', {
      class: 'trow compare-row ' + r.change, testid: 'compare-row', data: { change: r.change, index: String(index) },
      onclick: () => { if (selectedRow) selectedRow.classList.remove('sel'); selectedRow = row; row.classList.add('sel'); showDetail(r); },
    }, [
      el('div', { class: 'cell mark', testid: 'compare-mark', text: marks[r.change] }),
      el('div', { class: 'cell tree', style: { paddingLeft: (r.depth * 14) + 'px' } }, [typeDot(span.type),
        el('span', { class: 'name', testid: 'compare-name', text: span.name, title: span.name }),
        el('span', { class: 'tlabel', text: span.type })]),
      ...pairCells(r.ma && r.ma.duration, r.mb && r.mb.duration, fmtDuration, 'compare-duration-delta'),
      ...(tokenCells ? pairCells(r.ma && r.ma.tokens, r.mb && r.mb.tokens, fmtInt, 'compare-token-delta') : [el('div'), el('div'), el('div')]),
      ...(tokenCells && state.prices ? pairCells(r.ma && r.ma.cost, r.mb && r.mb.cost, usd, 'compare-cost-delta') : [el('div'), el('div'), el('div')]),
      el('div', { class: 'cell parts', testid: 'compare-parts', text: r.parts.join(', ') }),
    ]);
    body.append(row);
  });

  function showDetail(r) {
    const span = r.a || r.b;
    const parts = [el('h2', { testid: 'compare-detail-name', text: span.name }),
      el('div', { class: 'type' }, [typeDot(span.type), el('span', { text: span.type + ' · ' + r.change })])];
    if (r.a && r.b) {
      parts.push(...comparePart('Input', compareInput(r.a), compareInput(r.b), 'compare-input'));
      parts.push(...comparePart('Output', compareOutput(r.a), compareOutput(r.b), 'compare-output'));
      parts.push(...comparePart('Error', errorText(r.a), errorText(r.b), 'compare-error'));
    } else {
      const own = el('div');
      renderDetails(own, r.a ? modelA : modelB, span, state.prices);
      parts.push(el('p', { class: 'zero', text: r.a ? 'Only in trace A.' : 'Only in trace B.' }), own);
    }
    detail.replaceChildren(...parts);
  }

  root.append(head, el('div', { class: 'cards' }, cards), toolbar,
    el('div', { class: 'split' }, [el('div', { class: 'table compare-table' }, [header, body]), detail]));
  return { element: root };
}

/** Shows the comparison of two traces, unless the location moved on while they loaded. */
async function showCompare(pair, container, crumbNode) {
  const hash = location.hash;
  crumbNode.textContent = '/ compare';
  let models;
  try {
    const a = await traceModel(pair[0]);
    const b = await traceModel(pair[1]);
    models = [a, b];
  } catch (e) {
    if (location.hash !== hash) return;
    container.replaceChildren(el('div', { class: 'notice', testid: 'trace-error', text: String(e.message || e) }),
      el('div', { class: 'toolbar' }, el('a', { class: 'button', href: '#', text: '← All traces' })));
    return;
  }
  if (location.hash !== hash) return;
  const view = CompareView(models[0], models[1], state);
  document.title = 'Compare ' + models[0].workflow + ' / ' + models[1].workflow + ' — Weft';
  container.replaceChildren(view.element);
  view.element.dataset.ready = 'true';
}
