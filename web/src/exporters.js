// Files the explorer hands to the user: the graph as PNG / GraphML / JSON, the workload
// table as CSV / XLSX. Everything is made in the browser; nothing is uploaded.
import writeXlsxFile from 'write-excel-file/browser';

/** Offers `blob` as a download named `filename`. */
export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// A cell that starts like a formula (= + - @, or a tab or CR before one) is run by Excel
// and WPS when the file opens: OWASP's advice is to lead such text with a quote, which
// shows as text and evaluates nothing. Numbers stay numbers.
const FORMULA_START = /^[=+\-@\t\r]/;

/** `value` as an export cell: a number as is, any other text safe from formula reading. */
export function safeCell(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function csvCell(value) {
  const text = String(safeCell(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A CSV file of `rows` (the first row is the header). It starts with a byte-order mark
 * so that Excel reads the Chinese as UTF-8.
 * @param {Array<Array<string | number | null>>} rows
 */
export function csvBlob(rows) {
  const text = rows.map((row) => row.map(csvCell).join(',')).join('\r\n');
  return new Blob(['\uFEFF', text, '\r\n'], { type: 'text/csv;charset=utf-8' });
}

/**
 * An XLSX workbook: one sheet per entry of `sheets`, the header row in bold. Every cell
 * is typed a string or a number, never a formula. `head` rows (a title, the filters, the
 * date) go above the header; `widths` are column widths in characters.
 * @param {Array<{name: string, rows: Array<Array<string | number | null>>, head?: string[], widths?: number[]}>} sheets
 */
export async function xlsxBlob(sheets) {
  const books = sheets.map(({ name, rows, head = [], widths }) => ({
    sheet: name,
    columns: widths?.map((width) => ({ width })),
    data: [
      ...head.map((line) => [xlsxCell(line, false)]),
      ...rows.map((row, i) => row.map((value) => xlsxCell(value, i === 0))),
    ],
  }));
  return writeXlsxFile(books).toBlob();
}

function xlsxCell(value, bold) {
  if (value === null || value === undefined) return null;
  const cell = safeCell(value);
  return { type: typeof cell === 'number' ? Number : String, value: cell, fontWeight: bold ? 'bold' : undefined };
}

function xml(text) {
  return String(text ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/**
 * GraphML of the graph's nodes and edges (kind, name, a task's whole text, a unit's
 * place; type and role of edges), which Gephi and Cytoscape desktop open directly.
 * @param {import('cytoscape').Core} cy
 */
export function graphmlBlob(cy) {
  const keys = [
    ['kind', 'node'],
    ['name', 'node'],
    ['text', 'node'],
    ['place', 'node'],
    ['type', 'edge'],
    ['role', 'edge'],
  ];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...keys.map(([id, scope]) => `  <key id="${id}" for="${scope}" attr.name="${id}" attr.type="string"/>`),
    '  <graph id="dutygraph" edgedefault="directed">',
  ];
  cy.nodes().forEach((n) => {
    const optional = ['text', 'place']
      .filter((key) => n.data(key))
      .map((key) => `<data key="${key}">${xml(n.data(key))}</data>`)
      .join('');
    lines.push(
      `    <node id="${xml(n.id())}"><data key="kind">${xml(n.data('kind'))}</data>` +
        `<data key="name">${xml(n.data('name'))}</data>${optional}</node>`,
    );
  });
  cy.edges().forEach((e) => {
    lines.push(
      `    <edge source="${xml(e.data('source'))}" target="${xml(e.data('target'))}">` +
        `<data key="type">${xml(e.data('type'))}</data><data key="role">${xml(e.data('role'))}</data></edge>`,
    );
  });
  lines.push('  </graph>', '</graphml>', '');
  return new Blob([lines.join('\n')], { type: 'application/graphml+xml' });
}

/**
 * The graph as Cytoscape.js JSON ({elements: {nodes, edges}}), which Cytoscape desktop
 * imports and cytoscape.js loads as is.
 * @param {import('cytoscape').Core} cy
 */
export function jsonBlob(cy) {
  const doc = {
    generator: 'dutygraph',
    elements: {
      nodes: cy.nodes().map((n) => ({ data: { ...n.data() }, position: { ...n.position() } })),
      edges: cy.edges().map((e) => ({ data: { ...e.data() } })),
    },
  };
  return new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' });
}

/**
 * The graph as a PNG with a title line above it and the legend of kinds and roles below,
 * so the picture says what it shows when pasted into a report.
 * @param {import('cytoscape').Core} cy
 * @param {{title: string, kinds: Array<[string, string]>, roles: Array<[string, string]>}} legend
 *   kinds: [label, colour] of the kinds in the picture; roles: [label, colour] of the edges
 */
export async function pngBlob(cy, { title, kinds, roles }) {
  const graph = await createImageBitmap(cy.png({ output: 'blob', full: true, bg: '#ffffff', scale: 2 }));
  const pad = 24;
  const line = 36;
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(graph.width, 900) + pad * 2;
  canvas.height = graph.height + line * 3 + pad * 2;
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#0f172a';
  g.font = 'bold 26px sans-serif';
  g.fillText(title, pad, pad + 26);
  g.drawImage(graph, pad, pad + line);
  let x = pad;
  const y = pad + line + graph.height + line;
  g.font = '20px sans-serif';
  for (const [label, colour] of kinds) {
    g.fillStyle = colour;
    g.fillRect(x, y - 16, 18, 18);
    g.fillStyle = '#0f172a';
    g.fillText(label, x + 24, y);
    x += 34 + g.measureText(label).width;
  }
  for (const [label, colour] of roles) {
    g.strokeStyle = colour;
    g.lineWidth = 4;
    g.beginPath();
    g.moveTo(x, y - 7);
    g.lineTo(x + 34, y - 7);
    g.stroke();
    g.fillStyle = '#0f172a';
    g.fillText(label, x + 40, y);
    x += 52 + g.measureText(label).width;
  }
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}
