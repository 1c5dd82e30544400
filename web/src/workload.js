// The workload view: units ranked by tasks (lead and support stacked), the unit × unit
// matrix of shared tasks, filters by document and section, CSV and XLSX export. The API
// counts both in one request, whatever the number of plans; a row or bar opens its unit.
import { BarChart, HeatmapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { gql } from './api.js';
import { firstDocuments } from './catalog.js';
import { h } from './dom.js';
import { csvBlob, download, xlsxBlob } from './exporters.js';
import { t } from './i18n.js';
import { LEAD_COLOR, SUPPORT_COLOR } from './kinds.js';
import { DOCUMENT_SECTIONS, WORKLOAD } from './queries.js';
import { nodeHash, viewHash } from './router.js';

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

/** Units as the chart and the matrix label them: by name, with the place when two listed
 * units share a name (each county's 县发展改革局). */
function labels(units) {
  const count = new Map();
  for (const u of units) count.set(u.name, (count.get(u.name) ?? 0) + 1);
  return units.map((u) => (count.get(u.name) > 1 && u.place ? `${u.name}（${u.place}）` : u.name));
}

export class WorkloadView {
  /** @param {Record<string, HTMLElement>} els */
  constructor(els) {
    this.els = els;
    this.rows = [];
    this.matrix = { units: [], counts: [] };
    this.documents = [];
    this.sections = [];
    this.chart = null;
    this.heatmap = null;
    this.seq = 0;
    els.document.addEventListener('change', async () => {
      await this.fillSections('');
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

  /** Shows the ranking of the address's scope (#/workload?document=…&section=…). */
  async open(params) {
    if (!this.chart) {
      this.chart = echarts.init(this.els.chart);
      this.heatmap = echarts.init(this.els.matrix);
      // a bar, or its unit's row of the matrix, opens the unit
      this.chart.on('click', (p) => this.openUnit([...this.rows].reverse()[p.dataIndex]));
      this.heatmap.on('click', (p) => this.openUnit(this.matrix.units[p.value[1]]));
    }
    this.chart.resize();
    this.heatmap.resize();
    try {
      this.documents = await firstDocuments();
    } catch (err) {
      this.els.status.textContent = `${t('error.prefix')}${err.message}`;
    }
    this.fillDocuments(params.get('document') ?? '');
    await this.fillSections(params.get('section') ?? '');
    await this.load({ record: false });
  }

  openUnit(row) {
    if (row) window.location.hash = nodeHash('Unit', row.uid);
  }

  fillDocuments(chosen) {
    const options = [
      h('option', { value: '' }, t('workload.all')),
      ...this.documents.map((d) => h('option', { value: d.uid }, d.title)),
    ];
    if (chosen && !this.documents.some((d) => d.uid === chosen)) options.push(h('option', { value: chosen }, chosen));
    // past the first page of plans the list says how many it leaves out
    if (this.documents.more) options.push(h('option', { disabled: true, value: '-' }, t('filter.moreDocuments', { n: this.documents.total })));
    this.els.document.replaceChildren(...options);
    this.els.document.value = chosen;
  }

  async fillSections(chosen) {
    const uid = this.els.document.value;
    this.sections = uid ? ((await gql(DOCUMENT_SECTIONS, { uid })).document?.sections ?? []) : [];
    const options = [h('option', { value: '' }, t('workload.all'))];
    for (const s of this.sections) {
      options.push(h('option', { value: s.uid }, `${s.number} ${s.title}`));
      for (const sub of s.subsections) options.push(h('option', { value: sub.uid }, `\u3000${sub.number} ${sub.title}`));
    }
    this.els.section.replaceChildren(...options);
    this.els.section.value = options.some((o) => o.value === chosen) ? chosen : '';
    this.els.section.disabled = !uid;
  }

  filter() {
    const f = {};
    if (this.els.document.value) f.document = this.els.document.value;
    if (this.els.section.value) f.section = this.els.section.value;
    return f;
  }

  async load({ record = true } = {}) {
    const filter = this.filter();
    if (record) history.replaceState(null, '', viewHash('workload', filter));
    const seq = ++this.seq;
    this.els.root.dataset.state = 'loading';
    this.els.status.textContent = t('details.loading');
    try {
      const data = await gql(WORKLOAD, { first: Number(this.els.first.value), matrix: MATRIX_UNITS, filter });
      if (seq !== this.seq) return;
      this.rows = data.workload.map((w) => ({
        uid: w.unit.uid, name: w.unit.name, place: w.unit.place, total: w.total, lead: w.lead, support: w.support,
      }));
      this.matrix = { units: data.unitMatrix.units.map((w) => w.unit), counts: data.unitMatrix.counts };
      this.els.status.textContent = this.rows.length ? '' : t('workload.none');
    } catch (err) {
      if (seq !== this.seq) return;
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
            h('a', { href: nodeHash('Unit', r.uid), 'data-testid': 'workload-unit' }, r.name),
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
      { name: t('workload.table'), rows: this.tableRows(), widths: [6, 36, 8, 8, 8, 12] },
      { name: t('workload.matrixSheet'), rows: this.matrixRows(), widths: [36, ...this.matrix.units.map(() => 14)] },
    ]);
    download(blob, 'dutygraph-workload.xlsx');
  }
}
