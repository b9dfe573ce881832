// A line chart in SVG: one polyline and one circle per point for each series, time on x (UTC).

const SVG = 'http://www.w3.org/2000/svg';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TIME_STEPS = [
  5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY,
];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The colours of the series, in order. */
export const PALETTE = [
  '#2459d6', '#e8590c', '#0c8f63', '#9c36b5', '#d99a00', '#1098ad', '#d6336c', '#5f6f86',
];

function element(name, attributes = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) {
    node.setAttribute(key, String(value));
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/** About `count` round tick values covering [min, max]. */
export function valueTicks(min, max, count = 5) {
  const span = max - min || Math.abs(max) || 1;
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
  const ticks = [];
  for (let v = Math.floor(min / step) * step; v <= max + step * 1e-9; v += step) {
    ticks.push(Number(v.toPrecision(12)));
  }
  if (ticks[ticks.length - 1] < max) {
    ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  }
  return ticks;
}

/** Tick instants (epoch ms) at whole UTC steps in [start, end], at most `most` of them. */
export function timeTicks(start, end, most) {
  const step = TIME_STEPS.find((s) => (end - start) / s <= most) ?? 7 * DAY;
  const ticks = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) {
    ticks.push(t);
  }
  return { ticks, step };
}

function two(n) {
  return String(n).padStart(2, '0');
}

/** "Dec 7" (UTC). */
export function formatDay(ms) {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
}

/** "14:05" (UTC). */
export function formatClock(ms) {
  const d = new Date(ms);
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

function timeLabel(ms, step) {
  return step >= DAY || ms % DAY === 0 ? formatDay(ms) : formatClock(ms);
}

/**
 * Draws the series into `container` (replacing what it held) and returns the SVG element.
 * Each point is drawn at the middle of its bucket [from, to).
 * options: { series: [{ label, color, points: [{ from, to, v }] }], start, end, yTitle, format,
 * tickFormat }: `format(v)` writes a value in a point's tooltip, `tickFormat(v, ticks)` an axis tick.
 */
export function drawChart(container, options) {
  const { series, start, end, yTitle, format, tickFormat } = options;
  const width = Math.max(280, Math.floor(container.clientWidth));
  const height = width < 600 ? 240 : 290;
  const values = series.flatMap((s) => s.points.map((p) => p.v));
  let low = Math.min(0, ...values);
  let high = Math.max(...values);
  if (!(high > low)) {
    high = low + 1;
  }
  const yTicks = valueTicks(low, high);
  low = Math.min(low, yTicks[0]);
  high = yTicks[yTicks.length - 1];
  const labels = yTicks.map((v) => tickFormat(v, yTicks));
  const margin = {
    top: 14,
    right: 18,
    bottom: 30,
    left: 22 + 7 * Math.max(...labels.map((l) => l.length)),
  };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const x = (t) => margin.left + ((t - start) / (end - start)) * plotWidth;
  const y = (v) => margin.top + (1 - (v - low) / (high - low)) * plotHeight;

  const svg = element('svg', {
    class: 'plot',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': yTitle,
  });
  const grid = element('g', { class: 'grid' });
  yTicks.forEach((v, i) => {
    grid.append(element('line', { x1: margin.left, x2: width - margin.right, y1: y(v), y2: y(v) }));
    grid.append(
      element('text', { class: 'tick y', x: margin.left - 8, y: y(v), dy: '0.32em' }, labels[i]),
    );
  });
  const { ticks, step } = timeTicks(start, end, Math.max(2, Math.floor(plotWidth / 90)));
  for (const t of ticks) {
    grid.append(element('line', { class: 'x', x1: x(t), x2: x(t), y1: margin.top, y2: height - margin.bottom }));
    grid.append(element('text', { class: 'tick x', x: x(t), y: height - margin.bottom + 18 }, timeLabel(t, step)));
  }
  grid.append(
    element('line', {
      class: 'axis',
      x1: margin.left,
      x2: width - margin.right,
      y1: height - margin.bottom,
      y2: height - margin.bottom,
    }),
  );
  svg.append(grid);

  const dense = values.length > 400;
  for (const s of series) {
    const group = element('g', { class: 'series', 'data-label': s.label });
    const middle = (p) => x((p.from + p.to) / 2).toFixed(1);
    const points = s.points.map((p) => `${middle(p)},${y(p.v).toFixed(1)}`).join(' ');
    group.append(element('polyline', { points, stroke: s.color }));
    for (const p of s.points) {
      const dot = element('circle', {
        class: 'point',
        cx: middle(p),
        cy: y(p.v).toFixed(1),
        r: dense ? 1.6 : 2.6,
        fill: s.color,
      });
      const bucket = `${formatDay(p.from)} ${formatClock(p.from)}–${formatClock(p.to)} UTC`;
      dot.append(element('title', {}, `${s.label} · ${bucket} · ${format(p.v)}`));
      group.append(dot);
    }
    svg.append(group);
  }
  container.replaceChildren(svg);
  return svg;
}
