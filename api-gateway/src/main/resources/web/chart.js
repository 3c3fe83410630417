// A bar chart of an activity series, drawn as SVG: one bar per period, its count in a <title>.

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const HEIGHT = 220;
const MARGIN = { top: 12, right: 8, bottom: 34, left: 36 };

function element(name, attributes = {}, text = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) {
    node.setAttribute(key, String(value));
  }
  if (text !== null) {
    node.textContent = text;
  }
  return node;
}

/** A round upper bound for the y axis: 1, 2, 5, 10, 20, 50, … at least `max`. */
function niceCeiling(max) {
  if (max <= 0) {
    return 1;
  }
  const magnitude = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map(step => step * magnitude).find(bound => bound >= max);
}

/**
 * Draws `points` ({label, count}) into `svg`, keeping its <title> (the chart's accessible name),
 * which is set to `summary`.
 */
export function drawBars(svg, points, summary) {
  const title = svg.querySelector('title');
  svg.replaceChildren(title);
  title.textContent = summary;

  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const top = niceCeiling(Math.max(0, ...points.map(p => p.count)));
  const y = count => MARGIN.top + plotHeight - (count / top) * plotHeight;

  for (const value of [0, top / 2, top]) {
    svg.append(element('line', { class: 'grid', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value) }));
    svg.append(element('text', { class: 'axis', x: MARGIN.left - 6, y: y(value) + 4, 'text-anchor': 'end' },
      Number.isInteger(value) ? String(value) : value.toFixed(1)));
  }
  if (points.length === 0) {
    svg.append(element('text', { class: 'axis', x: WIDTH / 2, y: HEIGHT / 2, 'text-anchor': 'middle' }, 'No data'));
    return;
  }
  const slot = plotWidth / points.length;
  const labelEvery = Math.ceil(points.length / 8);
  points.forEach((point, i) => {
    const x = MARGIN.left + i * slot;
    const bar = element('rect', {
      class: 'bar', x: x + slot * 0.15, width: Math.max(1, slot * 0.7),
      y: y(point.count), height: Math.max(0, MARGIN.top + plotHeight - y(point.count)),
    });
    bar.append(element('title', {}, `${point.label}: ${point.count} ${point.count === 1 ? 'activity' : 'activities'}`));
    svg.append(bar);
    if (i % labelEvery === 0) {
      svg.append(element('text', { class: 'axis', x: x + slot / 2, y: HEIGHT - MARGIN.bottom + 16, 'text-anchor': 'middle' },
        point.shortLabel ?? point.label));
    }
  });
}
