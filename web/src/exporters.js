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

function csvCell(value) {
  const text = value === null || value === undefined ? '' : String(value);
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
 * An XLSX workbook: one sheet per entry of `sheets`, the first row of each in bold.
 * @param {Array<{name: string, rows: Array<Array<string | number | null>>}>} sheets
 */
export async function xlsxBlob(sheets) {
  const books = sheets.map(({ name, rows }) => ({
    sheet: name,
    data: rows.map((row, i) =>
      row.map((value) => (value === null ? null : { value, fontWeight: i === 0 ? 'bold' : undefined })),
    ),
  }));
  return writeXlsxFile(books).toBlob();
}

function xml(text) {
  return String(text ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/**
 * GraphML of the graph's nodes and edges (kind, name, type, role as attributes), which
 * Gephi and Cytoscape desktop open directly.
 * @param {import('cytoscape').Core} cy
 */
export function graphmlBlob(cy) {
  const keys = [
    ['kind', 'node'],
    ['name', 'node'],
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
    lines.push(
      `    <node id="${xml(n.id())}"><data key="kind">${xml(n.data('kind'))}</data>` +
        `<data key="name">${xml(n.data('name'))}</data></node>`,
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
