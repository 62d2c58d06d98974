/*
 * Element building and value formatting. Captured text only ever reaches the page through
 * textContent or text nodes, never through markup, so it cannot run or load anything.
 */
function el(tag, props, children) {
  const node = document.createElement(tag);
  if (props) {
    for (const key of Object.keys(props)) {
      const value = props[key];
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = String(value);
      else if (key === 'testid') node.dataset.testid = value;
      else if (key === 'data') Object.assign(node.dataset, value);
      else if (key === 'style') {
        for (const prop of Object.keys(value)) {
          if (prop.startsWith('--')) node.style.setProperty(prop, value[prop]);
          else node.style[prop] = value[prop];
        }
      }
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  if (children !== undefined) append(node, children);
  return node;
}

function append(node, children) {
  if (!Array.isArray(children)) children = [children];
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function typeColor(type) {
  return 'var(--t-' + (KNOWN_TYPES.includes(type) ? type : 'other') + ')';
}

function typeDot(type) {
  return el('span', { class: 'dot', style: { '--c': typeColor(type) } });
}

const numberFormat = new Intl.NumberFormat('en-US');

function fmtInt(n) {
  return typeof n === 'number' && isFinite(n) ? numberFormat.format(Math.round(n)) : '–';
}

/** Formats a duration given in microseconds. */
function fmtDuration(us) {
  if (typeof us !== 'number' || !isFinite(us) || us < 0) return '–';
  if (us < 1000) return Math.round(us) + ' µs';
  const ms = us / 1000;
  if (ms < 10) return ms.toFixed(2) + ' ms';
  if (ms < 1000) return ms.toFixed(ms < 100 ? 1 : 0) + ' ms';
  const s = ms / 1000;
  if (s < 60) return s.toFixed(s < 10 ? 2 : 1) + ' s';
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  if (m < 60) return m + 'm' + (rest ? ' ' + rest + 's' : '');
  return Math.floor(m / 60) + 'h ' + (m % 60) + 'm';
}

/** Formats a round axis value given in microseconds, without needless decimals. */
function fmtTick(us) {
  const round = (x) => String(+x.toFixed(3));
  if (us === 0) return '0';
  if (us < 1000) return round(us) + ' µs';
  if (us < 1e6) return round(us / 1000) + ' ms';
  if (us < 60e6) return round(us / 1e6) + ' s';
  if (us < 3600e6) return round(us / 60e6) + ' min';
  return round(us / 3600e6) + ' h';
}

function pad(n, width) {
  return String(n).padStart(width || 2, '0');
}

/** Formats a time given in microseconds since the epoch, in local time. */
function fmtTime(us) {
  if (typeof us !== 'number' || !isFinite(us)) return '–';
  const d = new Date(Math.floor(us / 1000));
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' +
    pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
}

function fmtCost(usd) {
  if (typeof usd !== 'number' || !isFinite(usd)) return '–';
  if (usd === 0) return '$0';
  // A cost too small for four decimals is still not free.
  if (usd < 0.0001) return usd < 0.000001 ? '< $0.000001' : '$' + usd.toFixed(6);
  if (usd < 0.01) return '$' + usd.toFixed(4);
  return '$' + usd.toFixed(2);
}

/** Pretty-prints a captured value; a string holding JSON is shown as that JSON. */
function pretty(value) {
  if (value === undefined) return '';
  if (typeof value === 'string') {
    const t = value.trim();
    if ((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'))) {
      try {
        return JSON.stringify(JSON.parse(t), null, 2);
      } catch (e) {
        return value;
      }
    }
    return value;
  }
  try {
    return JSON.stringify(value, null, 2);
  } catch (e) {
    return String(value);
  }
}
