/* The details panel of one span: timing, error, usage, input and output, metadata, raw JSON. */
const LONG_TEXT = 200000;

function section(title, body, testid) {
  return [el('h3', { text: title }), el('div', { testid }, body)];
}

function preBlock(value, testid) {
  let text = pretty(value);
  if (text.length > LONG_TEXT) text = text.slice(0, LONG_TEXT) + '\n… (' + fmtInt(text.length - LONG_TEXT) + ' more characters)';
  return el('pre', { testid, text });
}

function kv(pairs) {
  const grid = el('div', { class: 'kv' });
  for (const [k, v] of pairs) {
    if (v === undefined) continue;
    grid.append(el('div', { class: 'k', text: k }),
      v instanceof Node ? el('div', { class: 'v' }, v) : el('div', { class: 'v', text: v === null ? '–' : v }));
  }
  return grid;
}

function messages(list, testid) {
  if (!Array.isArray(list)) return preBlock(list, testid);
  const box = el('div', { testid });
  for (const m of list) {
    if (isObject(m) && ('role' in m || 'content' in m)) {
      const rest = Object.assign({}, m);
      delete rest.role;
      const content = 'content' in rest && Object.keys(rest).length === 1 ? rest.content : rest;
      box.append(el('div', { class: 'msg-block' }, [
        el('div', { class: 'role', text: str(m.role) || 'message' }), preBlock(content)]));
    } else {
      box.append(el('div', { class: 'msg-block' }, preBlock(m)));
    }
  }
  if (!list.length) box.append(el('span', { class: 'zero', text: '(empty)' }));
  return box;
}

/** A media payload shown by its size, not its base64 text. */
function media(value) {
  if (isObject(value) && typeof value.data === 'string') {
    return kv([['format', str(value.format) || '–'], ['data', fmtInt(value.data.length) + ' characters of encoded audio']]);
  }
  return preBlock(value);
}

function spanFields(model, span, select) {
  const d = isObject(span.raw.span_data) ? span.raw.span_data : {};
  const out = [];
  const has = (k) => d[k] !== undefined && d[k] !== null;
  switch (span.type) {
    case 'agent':
      out.push(...section('Agent', kv([['name', str(d.name)], ['tools', Array.isArray(d.tools) ? d.tools.join(', ') || '–' : '–'],
        ['handoffs', Array.isArray(d.handoffs) ? d.handoffs.join(', ') || '–' : '–'], ['output type', str(d.output_type) || '–']])));
      break;
    case 'function':
      out.push(...section('Input', preBlock(d.input), 'detail-input'));
      out.push(...section('Output', preBlock(d.output), 'detail-output'));
      if (has('mcp_data')) out.push(...section('MCP', preBlock(d.mcp_data)));
      break;
    case 'generation':
      out.push(...section('Model', kv([['model', str(d.model) || '–']].concat(has('model_config') ? [['config', preBlock(d.model_config)]] : []))));
      out.push(...conversationSections(model, span, select));
      break;
    case 'handoff':
      out.push(...section('Handoff', kv([['from', str(d.from_agent) || '–'], ['to', str(d.to_agent) || '–']])));
      break;
    case 'guardrail':
      out.push(...section('Guardrail', kv([['name', str(d.name)], ['triggered',
        el('span', { class: 'pill ' + (d.triggered ? 'yes' : 'no'), testid: 'detail-triggered', text: d.triggered ? 'triggered' : 'passed' })]])));
      break;
    case 'response':
      out.push(...section('Response', kv([['response id', str(d.response_id) || '–']])));
      out.push(...conversationSections(model, span, select));
      break;
    case 'mcp_tools':
      out.push(...section('MCP server', kv([['server', str(d.server) || '–']])));
      out.push(...section('Tools listed', preBlock(d.result), 'detail-output'));
      break;
    case 'transcription':
      out.push(...section('Input audio', media(d.input), 'detail-input'));
      out.push(...section('Transcript', preBlock(d.output), 'detail-output'));
      out.push(...section('Model', kv([['model', str(d.model) || '–'], ['config', preBlock(d.model_config)]])));
      break;
    case 'speech':
      out.push(...section('Text', preBlock(d.input), 'detail-input'));
      out.push(...section('Output audio', media(d.output), 'detail-output'));
      out.push(...section('Model', kv([['model', str(d.model) || '–'], ['first content', str(d.first_content_at) || '–']])));
      break;
    case 'trace':
      // A trace in a session's timeline.
      out.push(...section('Trace', kv([['trace id', el('a', { href: '#trace=' + encodeURIComponent(str(d.data && d.data.trace_id)),
        testid: 'open-trace', text: str(d.data && d.data.trace_id) })], ['metadata', preBlock(d.data && d.data.metadata)]])));
      break;
    case 'speech_group':
      out.push(...section('Input', preBlock(d.input), 'detail-input'));
      break;
    default: {
      const data = isObject(d.data) ? Object.assign({}, d.data) : d.data;
      if (isObject(data)) { delete data.usage; delete data.sdk_span_type; }
      out.push(...section('Data', preBlock(data === undefined ? d : data), 'detail-data'));
    }
  }
  return out;
}

/** Shows a span's details; {@code select} shows another span of the trace (a linked tool call). */
function renderDetails(container, model, span, prices, select) {
  if (!span) {
    container.replaceChildren(el('div', { class: 'empty', text: 'Select a span to see its details.' }));
    return;
  }
  const raw = span.raw;
  const parts = [
    el('h2', { testid: 'detail-name', text: span.name }),
    el('div', { class: 'type' }, [typeDot(span.type), el('span', { testid: 'detail-type', text: span.type }),
      span.critical ? el('span', { class: 'badge', text: 'critical path' }) : null]),
  ];
  if (span.error) {
    const e = span.error;
    parts.push(el('div', { class: 'error-box', testid: 'detail-error' }, [
      el('div', { class: 'msg', text: isObject(e) ? str(e.message) || '(no message)' : pretty(e) }),
      isObject(e) && e.data !== undefined && e.data !== null ? preBlock(e.data) : null]));
  }
  parts.push(...section('Timing', kv([
    ['duration', fmtDuration(span.end - span.start) + (span.open ? ' (never ended)' : '')],
    ['starts at', span.start > model.t0 ? '+' + fmtDuration(span.start - model.t0) : 'trace start'],
    ['started', str(raw.started_at) || '–'], ['ended', str(raw.ended_at) || '–'],
    ['span id', str(raw.id) || '–'], ['parent id', str(raw.parent_id) || '–'],
  ]), 'detail-timing'));
  const usage = usageOf(raw.span_data);
  if (usage) {
    const pairs = Object.keys(usage).map((k) => [k.replace(/_/g, ' '), isObject(usage[k]) ? preBlock(usage[k]) : str(usage[k])]);
    const t = spanTokens(span);
    const cost = t ? estimateCost(prices, new Map([[spanModel(span), t]])) : null;
    if (cost) pairs.push(['est. cost', el('span', { testid: 'detail-cost', text: fmtEstimate(cost) })]);
    parts.push(...section('Usage', kv(pairs), 'detail-usage'));
  } else if (prices && span.children.length && span.type !== 'generation' && span.type !== 'response') {
    const cost = estimateCost(prices, subtreeTokens(span));
    if (cost && (cost.priced || cost.unpriced.length)) {
      parts.push(...section('Cost', kv([['est. cost of subtree',
        el('span', { testid: 'detail-cost', text: fmtEstimate(cost) })]]), 'detail-subtree-cost'));
    }
  }
  parts.push(...spanFields(model, span, select || (() => {})));
  if (isObject(raw.metadata) && Object.keys(raw.metadata).length) {
    parts.push(...section('Metadata', preBlock(raw.metadata), 'detail-metadata'));
  }
  const rawBox = el('details', { class: 'raw' }, el('summary', { text: 'Raw span JSON' }));
  rawBox.addEventListener('toggle', () => {
    if (rawBox.open && rawBox.childNodes.length === 1) rawBox.append(preBlock(raw));
  });
  parts.push(rawBox);
  container.replaceChildren(...parts);
  container.scrollTop = 0;
}
