// The workload view: units ranked by tasks (lead and support stacked), the unit × unit
// matrix of shared tasks, filters by document and section, CSV and XLSX export.
import { BarChart, HeatmapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { allTasks, gql } from './api.js';
import { h } from './dom.js';
import { csvBlob, download, xlsxBlob } from './exporters.js';
import { t } from './i18n.js';
import { LEAD_COLOR, SUPPORT_COLOR } from './kinds.js';
import { DOCUMENTS, TASKS_WITH_UNITS, WORKLOAD } from './queries.js';

echarts.use([BarChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

const MATRIX_UNITS = 15;

// ECharts writes a tooltip's string into innerHTML, and its default tooltip carries
// style attributes the CSP refuses: every tooltip here is built as DOM from text, and
// confined to the chart (a free tooltip gets an arrow, which is HTML again).
const TOOLTIP = { confine: true };

/** A tooltip's content: a bold first line, then plain lines, all as text. */
function tip(title, ...lines) {
  return h('div', { className: 'tip' }, h('strong', null, title), ...lines.map((line) => h('div', null, line)));
}

/** Every loaded document, page by page (the API gives at most 100 at a time). */
async function allDocuments() {
  const documents = [];
  let after = null;
  for (;;) {
    const page = (await gql(DOCUMENTS, { after })).documents;
    documents.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return documents;
    after = page.pageInfo.endCursor;
  }
}

/** Counts, for each pair of the given units, the tasks both are on. */
/** Units as the chart and the matrix label them: by name, with the place when two listed
 * units share a name (each county's 县发展改革局). */
function labels(units) {
  const count = new Map();
  for (const u of units) count.set(u.name, (count.get(u.name) ?? 0) + 1);
  return units.map((u) => (count.get(u.name) > 1 && u.place ? `${u.name}（${u.place}）` : u.name));
}

function sharedMatrix(units, tasks) {
  const index = new Map(units.map((u, i) => [u.uid, i]));
  const counts = units.map(() => units.map(() => 0));
  for (const task of tasks) {
    const on = task.units.map((u) => index.get(u.uid)).filter((i) => i !== undefined);
    for (const a of on) for (const b of on) if (a !== b) counts[a][b] += 1;
  }
  return counts;
}

export class WorkloadView {
  /** @param {Record<string, HTMLElement>} els */
  constructor(els) {
    this.els = els;
    this.rows = [];
    this.matrix = { units: [], counts: [] };
    this.documents = [];
    this.loaded = false;
    this.chart = null;
    this.heatmap = null;
    els.document.addEventListener('change', () => {
      this.fillSections();
      this.load();
    });
    els.section.addEventListener('change', () => this.load());
    els.first.addEventListener('change', () => this.load());
    els.csv.addEventListener('click', () => download(csvBlob(this.tableRows()), 'dutygraph-workload.csv'));
    els.xlsx.addEventListener('click', () => this.exportXlsx());
    window.addEventListener('resize', () => {
      this.chart?.resize();
      this.heatmap?.resize();
    });
  }

  /** Loads the filters' choices once, then the ranking. */
  async open() {
    this.chart ??= echarts.init(this.els.chart);
    this.heatmap ??= echarts.init(this.els.matrix);
    this.chart.resize();
    this.heatmap.resize();
    if (this.loaded) return;
    this.loaded = true;
    try {
      this.documents = await allDocuments();
    } catch (err) {
      this.els.status.textContent = `${t('error.prefix')}${err.message}`;
    }
    this.fillDocuments();
    await this.load();
  }

  fillDocuments() {
    const chosen = this.els.document.value;
    this.els.document.replaceChildren(
      h('option', { value: '' }, t('workload.all')),
      ...this.documents.map((d) => h('option', { value: d.uid }, d.title)),
    );
    this.els.document.value = chosen;
    this.fillSections();
  }

  fillSections() {
    const chosen = this.els.section.value;
    const docs = this.els.document.value
      ? this.documents.filter((d) => d.uid === this.els.document.value)
      : this.documents;
    const options = [h('option', { value: '' }, t('workload.all'))];
    for (const doc of docs) {
      for (const s of doc.sections) {
        options.push(h('option', { value: s.uid }, `${s.number} ${s.title}`));
        for (const sub of s.subsections) options.push(h('option', { value: sub.uid }, `\u3000${sub.number} ${sub.title}`));
      }
    }
    this.els.section.replaceChildren(...options);
    this.els.section.value = options.some((o) => o.value === chosen) ? chosen : '';
  }

  filter() {
    const f = {};
    if (this.els.document.value) f.document = this.els.document.value;
    if (this.els.section.value) f.section = this.els.section.value;
    return f;
  }

  async load() {
    const filter = this.filter();
    this.els.root.dataset.state = 'loading';
    this.els.status.textContent = t('details.loading');
    try {
      const [ranking, tasks] = await Promise.all([
        gql(WORKLOAD, { first: Number(this.els.first.value), filter }),
        allTasks(TASKS_WITH_UNITS, filter),
      ]);
      this.rows = ranking.workload.map((w) => ({
        uid: w.unit.uid, name: w.unit.name, place: w.unit.place, total: w.total, lead: w.lead, support: w.support,
      }));
      const units = this.rows.slice(0, MATRIX_UNITS);
      this.matrix = { units, counts: sharedMatrix(units, tasks) };
      this.els.status.textContent = this.rows.length ? '' : t('workload.none');
    } catch (err) {
      this.rows = [];
      this.matrix = { units: [], counts: [] };
      this.els.status.textContent = `${t('error.prefix')}${err.message}`;
    }
    this.render();
    this.els.root.dataset.state = 'ready';
  }

  /** Draws everything again from the loaded data (also after a language change). */
  render() {
    if (!this.chart) return;
    if (this.documents.length) this.fillDocuments();
    this.renderTable();
    this.renderChart();
    this.renderMatrix();
  }

  renderTable() {
    this.els.table.querySelector('tbody').replaceChildren(
      ...this.rows.map((r, i) =>
        h('tr', { 'data-testid': 'workload-row', 'data-uid': r.uid },
          h('td', null, i + 1),
          h('td', null,
            h('span', { 'data-testid': 'workload-unit' }, r.name),
            r.place ? h('span', { className: 'place', 'data-testid': 'workload-place' }, r.place) : null),
          h('td', { 'data-testid': 'workload-total' }, r.total),
          h('td', null, r.lead),
          h('td', null, r.support)),
      ),
    );
  }

  renderChart() {
    const rows = [...this.rows].reverse(); // echarts draws the first category at the bottom
    this.els.chart.style.height = `${Math.max(240, rows.length * 22 + 60)}px`;
    this.chart.resize();
    this.chart.setOption(
      {
        animation: false,
        tooltip: {
          ...TOOLTIP,
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          formatter: (params) => {
            const r = rows[params[0].dataIndex];
            return tip(labels([r])[0], `${t('workload.total')} ${r.total}`,
              `${t('workload.lead')} ${r.lead}，${t('workload.support')} ${r.support}`);
          },
        },
        legend: { top: 0, data: [t('workload.lead'), t('workload.support')] },
        grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: labels(rows), axisLabel: { fontSize: 11 } },
        series: [
          { name: t('workload.lead'), type: 'bar', stack: 'load', color: LEAD_COLOR, data: rows.map((r) => r.lead) },
          {
            name: t('workload.support'),
            type: 'bar',
            stack: 'load',
            color: SUPPORT_COLOR,
            data: rows.map((r) => r.support),
            label: { show: true, position: 'right', formatter: (p) => rows[p.dataIndex].total },
          },
        ],
      },
      true,
    );
  }

  renderMatrix() {
    const { units, counts } = this.matrix;
    this.els.matrixHint.textContent = t('workload.matrixHint', { n: units.length });
    const names = labels(units);
    this.els.matrix.style.height = `${Math.max(220, names.length * 30 + 110)}px`;
    this.heatmap.resize();
    const cells = [];
    let max = 1;
    counts.forEach((row, i) =>
      row.forEach((n, j) => {
        if (i !== j) {
          cells.push([j, i, n]);
          max = Math.max(max, n);
        }
      }),
    );
    this.heatmap.setOption(
      {
        animation: false,
        tooltip: { ...TOOLTIP, formatter: (p) => tip(`${names[p.value[1]]} × ${names[p.value[0]]}`, t('details.shared', { n: p.value[2] })) },
        grid: { left: 8, right: 70, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: names, axisLabel: { rotate: 45, fontSize: 10 }, splitArea: { show: true } },
        yAxis: { type: 'category', data: names, inverse: true, axisLabel: { fontSize: 10 }, splitArea: { show: true } },
        visualMap: { min: 0, max, calculable: false, orient: 'vertical', right: 0, top: 'middle', inRange: { color: ['#f8fafc', '#1d4ed8'] } },
        series: [{ type: 'heatmap', data: cells, label: { show: true, fontSize: 9, formatter: (p) => (p.value[2] ? p.value[2] : '') } }],
      },
      true,
    );
  }

  tableRows() {
    return [
      [t('workload.rank'), t('workload.unit'), t('workload.total'), t('workload.lead'), t('workload.support'), t('workload.place')],
      ...this.rows.map((r, i) => [i + 1, r.name, r.total, r.lead, r.support, r.place ?? '']),
    ];
  }

  matrixRows() {
    const { units, counts } = this.matrix;
    const names = labels(units);
    return [['', ...names], ...units.map((u, i) => [names[i], ...counts[i]])];
  }

  async exportXlsx() {
    const blob = await xlsxBlob([
      { name: t('workload.table'), rows: this.tableRows() },
      { name: t('workload.matrixSheet'), rows: this.matrixRows() },
    ]);
    download(blob, 'dutygraph-workload.xlsx');
  }
}
