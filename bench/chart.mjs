// Draws time per command against store size as an SVG line chart, both axes
// logarithmic, floors dashed, a database's lines dotted with square marks in the
// colour of the same command on the file. Pure: data in, SVG text out.

const FLOOR_COLORS = ['#222', '#888'];
const REFERENCE_COLORS = ['#c8c8c8', '#f2c14e'];
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * @param {{ title: string, sizes: number[], series: { name: string, ms: (number | undefined)[], dashed?: boolean, database?: boolean, colorIndex?: number }[], references?: { name: string, ms: number }[] }} chart
 * A series has a value per size, or undefined where it was not measured. With
 * `perSecond`, the values (still in `ms`) are rates, labelled "/s".
 */
export function renderChart({ title, sizes, series, references = [], perSecond = false }) {
  const W = 980, H = 560, left = 70, right = 350, top = 50, bottom = 60;
  const plotW = W - left - right, plotH = H - top - bottom;
  const all = series.flatMap((s) => s.ms).concat(references.map((r) => r.ms)).filter((v) => v > 0);
  const colorOf = (s, i) => (s.dashed ? FLOOR_COLORS[i % 2] : COLORS[(s.colorIndex ?? i) % COLORS.length]);
  const dashOf = (s) => (s.dashed ? '6,4' : s.database ? '2,3' : '');
  const yMin = 10 ** Math.floor(Math.log10(Math.min(...all)));
  const yMax = 10 ** Math.ceil(Math.log10(Math.max(...all)));
  const xMin = Math.min(...sizes), xMax = Math.max(...sizes);
  const x = (v) => left + ((Math.log10(v) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin) || 1)) * plotW;
  const y = (v) => top + plotH - ((Math.log10(v) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * plotH;
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${left}" y="28" font-size="16" font-weight="bold">${esc(title)}</text>`);
  for (let e = Math.log10(yMin); e <= Math.log10(yMax); e++) {
    const v = 10 ** e;
    out.push(`<line x1="${left}" x2="${left + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`);
    out.push(`<text x="${left - 8}" y="${y(v) + 4}" text-anchor="end">${perSecond ? `${v.toLocaleString('en-US')}/s` : v >= 1000 ? `${v / 1000} s` : `${v} ms`}</text>`);
  }
  for (const s of sizes) {
    out.push(`<line x1="${x(s)}" x2="${x(s)}" y1="${top}" y2="${top + plotH}" stroke="#eee"/>`);
    out.push(`<text x="${x(s)}" y="${top + plotH + 18}" text-anchor="middle">${s.toLocaleString('en-US')}</text>`);
  }
  out.push(`<text x="${left + plotW / 2}" y="${H - 15}" text-anchor="middle">comments in the store</text>`);
  out.push(`<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`);
  // Reference levels: wide, pale, solid, so that they read as levels and not as measured lines.
  references.forEach((r, i) => {
    out.push(`<line x1="${left}" x2="${left + plotW}" y1="${y(r.ms)}" y2="${y(r.ms)}" stroke="${REFERENCE_COLORS[i % 2]}" stroke-width="5"/>`);
  });
  series.forEach((s, i) => {
    const color = colorOf(s, i);
    const pts = s.ms.flatMap((v, j) => (v > 0 ? [[x(sizes[j]), y(v)]] : []));
    const dash = dashOf(s);
    out.push(`<polyline points="${pts.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ')}" fill="none" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    for (const [px, py] of pts) {
      out.push(s.database ? `<rect x="${(px - 3).toFixed(1)}" y="${(py - 3).toFixed(1)}" width="6" height="6" fill="${color}"/>` : `<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="3" fill="${color}"/>`);
    }
  });
  const legend = series.map((s, i) => ({ name: s.name, color: colorOf(s, i), dash: dashOf(s) }));
  references.forEach((r, i) => legend.push({ name: r.name, color: REFERENCE_COLORS[i % 2], dash: '', width: 5 }));
  legend.forEach((l, i) => {
    const ly = top + 10 + i * 22;
    out.push(`<line x1="${left + plotW + 15}" x2="${left + plotW + 45}" y1="${ly}" y2="${ly}" stroke="${l.color}" stroke-width="${l.width ?? 2}"${l.dash ? ` stroke-dasharray="${l.dash}"` : ''}/>`);
    out.push(`<text x="${left + plotW + 52}" y="${ly + 4}">${esc(l.name)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
