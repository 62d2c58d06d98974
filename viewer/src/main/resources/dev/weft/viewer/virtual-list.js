/*
 * A scrolling list that keeps only the rows in view (plus a margin) in the DOM, so ten thousand
 * spans cost no more to show than fifty.
 */
function VirtualList(options) {
  const rowHeight = options.rowHeight;
  const overscan = 12;
  const scroller = el('div', { class: 'vlist', tabindex: '0', testid: options.testid });
  const spacer = el('div', { class: 'vlist-spacer' });
  const layer = el('div', { class: 'vlist-rows' });
  scroller.append(spacer, layer);
  let count = 0;
  let scheduled = false;
  let lastFirst = -1;
  let lastLast = -1;

  function render(force) {
    scheduled = false;
    const top = scroller.scrollTop;
    const height = scroller.clientHeight || 600;
    const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
    const last = Math.min(count, Math.ceil((top + height) / rowHeight) + overscan);
    if (!force && first === lastFirst && last === lastLast) return;
    lastFirst = first;
    lastLast = last;
    const fragment = document.createDocumentFragment();
    for (let i = first; i < last; i++) {
      const row = options.renderRow(i);
      row.style.top = (i * rowHeight) + 'px';
      fragment.appendChild(row);
    }
    layer.replaceChildren(fragment);
  }

  scroller.addEventListener('scroll', () => {
    if (!scheduled) { scheduled = true; requestAnimationFrame(() => render(false)); }
  }, { passive: true });
  new ResizeObserver(() => render(false)).observe(scroller);

  return {
    element: scroller,
    setCount(n) {
      count = n;
      spacer.style.height = (n * rowHeight) + 'px';
      render(true);
    },
    refresh() { render(true); },
    scrollToIndex(i) {
      const top = i * rowHeight;
      const height = scroller.clientHeight || 600;
      if (top < scroller.scrollTop) scroller.scrollTop = top;
      else if (top + rowHeight > scroller.scrollTop + height) scroller.scrollTop = top + rowHeight - height;
      render(false);
    },
  };
}
