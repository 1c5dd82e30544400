// The task ledger (任务台账): every task of the chosen plans with its section, units and
// deadline; filters by document, section, unit (any name the API resolves), role and
// text; sorted by the server (a column head picks the sort, a second click turns it
// round); pages from the server with
// the total; exports all matching rows, not the page, in the same order.
import { gql } from './api.js';
import { h } from './dom.js';
import { csvBlob, download, xlsxBlob } from './exporters.js';
import { t } from './i18n.js';
import { sectionPath, unitLabel } from './labels.js';
import { nodeHash } from './router.js';
import { progressBadge, statusText } from './supervision.js';
import { DOCUMENT_SECTIONS, LEDGER, UNIT_CHOICES } from './queries.js';

// A page of the export: a row with its units and their progress costs ~73 of the API's
// 5,000 cost units (schema/cost.py), so 100 rows a request would be refused.
const EXPORT_PAGE = 50;
const DELAY_MS = 300;
// The API's sorts (TaskSort), as the address writes them; plan order is the default.
const SORTS = ['plan', 'due', 'status', 'reported', 'unit'];
const NEWEST_FIRST = new Set(['reported']);

function byRole(task, role) {
  return task.assignments.filter((a) => a.role === role).sort((a, b) => a.rank - b.rank);
}

export class LedgerView {
  /**
   * @param {Record<string, HTMLElement>} els
   * @param {{documents: () => Promise<Array<{uid: string, title: string}>>, replace: (params: object) => void}} hooks
   */
  constructor(els, hooks) {
    this.els = els;
    this.hooks = hooks;
    this.unit = null; // {name, place} chosen from the API's answers
    this.sort = 'plan';
    this.reverse = false; // the sort turned round (never plan order)
    this.manyDocuments = true;
    this.cursors = [null]; // the `after` of each page shown so far
    this.page = 0;
    this.total = 0;
    this.rows = [];
    this.seq = 0;
    this.timer = null;
    els.document.addEventListener('change', () => this.onDocument());
    els.section.addEventListener('change', () => this.reload());
    els.role.addEventListener('change', () => this.reload());
    for (const el of [els.progressFilter, els.dueAfter, els.dueBefore]) el.addEventListener('change', () => this.reload());
    els.first.addEventListener('change', () => this.reload());
    els.text.addEventListener('input', () => this.later(() => this.reload()));
    els.unit.addEventListener('input', () => this.later(() => this.findUnits(false)));
    els.unit.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        clearTimeout(this.timer);
        this.findUnits(true);
      }
    });
    els.prev.addEventListener('click', () => this.turn(-1));
    els.next.addEventListener('click', () => this.turn(1));
    els.csv.addEventListener('click', () => this.export('csv'));
    els.xlsx.addEventListener('click', () => this.export('xlsx'));
    els.print.addEventListener('click', () => window.print());
    for (const th of els.table.querySelectorAll('th[data-sort]')) {
      th.querySelector('button').addEventListener('click', () => this.sortBy(th.dataset.sort));
    }
  }

  async sortBy(sort) {
    if (sort === this.sort && sort === 'plan') return;
    this.reverse = sort === this.sort && !this.reverse;
    this.sort = sort;
    await this.reload();
  }

  size() {
    return Number(this.els.first.value);
  }

  later(fn) {
    clearTimeout(this.timer);
    this.timer = setTimeout(fn, DELAY_MS);
  }

  /** Shows the ledger with the filters of its address (#/ledger?unit=…&place=…). */
  async open(params) {
    this.els.root.dataset.state = 'loading';
    const documents = await this.hooks.documents();
    this.manyDocuments = documents.total > 1; // one plan loaded: its title on every row is noise
    this.els.document.replaceChildren(
      h('option', { value: '' }, t('ledger.allDocuments')),
      ...documents.map((d) => h('option', { value: d.uid }, d.title)),
    );
    const doc = params.get('document') ?? '';
    if (doc && !documents.some((d) => d.uid === doc)) this.els.document.append(h('option', { value: doc }, doc));
    this.els.document.value = doc;
    await this.fillSections(params.get('section') ?? '');
    const name = params.get('unit');
    this.unit = name ? { name, place: params.get('place') || null } : null;
    this.els.unit.value = this.unit ? unitLabel(this.unit) : '';
    this.els.choices.replaceChildren();
    this.els.role.value = params.get('role') ?? '';
    this.els.progressFilter.value = params.get('status') ?? '';
    this.els.dueAfter.value = params.get('dueAfter') ?? '';
    this.els.dueBefore.value = params.get('dueBefore') ?? '';
    this.els.text.value = params.get('text') ?? '';
    this.sort = SORTS.includes(params.get('sort')) ? params.get('sort') : 'plan';
    this.reverse = this.sort !== 'plan' && params.get('reverse') === '1';
    await this.reload({ record: false });
  }

  async onDocument() {
    await this.fillSections('');
    await this.reload();
  }

  async fillSections(chosen) {
    const options = [h('option', { value: '' }, t('ledger.allSections'))];
    const uid = this.els.document.value;
    if (uid) {
      const doc = (await gql(DOCUMENT_SECTIONS, { uid })).document;
      if (doc) {
        this.els.document.selectedOptions[0].textContent = doc.title;
        for (const s of doc.sections) {
          options.push(h('option', { value: s.uid }, `${s.number} ${s.title}`));
          for (const sub of s.subsections) options.push(h('option', { value: sub.uid }, `\u3000${sub.number} ${sub.title}`));
        }
      }
    }
    this.els.section.replaceChildren(...options);
    this.els.section.value = options.some((o) => o.value === chosen) ? chosen : '';
    this.els.section.disabled = !uid;
  }

  /** Units the typed name may mean, as the API resolves it; one is taken at once. */
  async findUnits(pick) {
    const text = this.els.unit.value.trim();
    if (!text) {
      this.unit = null;
      this.els.choices.replaceChildren();
      await this.reload();
      return;
    }
    if (this.unit && text === unitLabel(this.unit)) return;
    const hits = (await gql(UNIT_CHOICES, { text, first: 20 })).search.filter((x) => x.__typename === 'Unit');
    if (hits.length === 1 || (pick && hits.length)) {
      await this.chooseUnit(hits[0]);
      return;
    }
    this.els.choices.replaceChildren(
      ...(hits.length
        ? hits.map((u) =>
            h('button', { className: 'choice', 'data-testid': 'ledger-unit-choice', 'data-uid': u.uid, onClick: () => this.chooseUnit(u) },
              u.name, u.place ? h('span', { className: 'place' }, u.place) : null))
        : [h('span', { className: 'muted' }, t('ledger.noUnit'))]),
    );
  }

  async chooseUnit(unit) {
    this.unit = { name: unit.name, place: unit.place ?? null };
    this.els.unit.value = unitLabel(this.unit);
    this.els.choices.replaceChildren();
    await this.reload();
  }

  /** The filters as the API takes them. */
  filter() {
    const f = {};
    if (this.els.document.value) f.document = this.els.document.value;
    if (this.els.section.value) f.section = this.els.section.value;
    if (this.unit) {
      f.unit = this.unit.name;
      if (this.unit.place) f.place = this.unit.place;
      if (this.els.role.value) f.role = this.els.role.value;
    }
    if (this.els.progressFilter.value) f.status = this.els.progressFilter.value;
    if (this.els.dueAfter.value) f.dueAfter = this.els.dueAfter.value;
    if (this.els.dueBefore.value) f.dueBefore = this.els.dueBefore.value;
    const text = this.els.text.value.trim();
    if (text) f.text = text;
    return f;
  }

  /** The filters and the sort as the address holds them. */
  params() {
    const f = this.filter();
    const sort = this.sort === 'plan' ? undefined : this.sort;
    const reverse = this.reverse ? '1' : undefined;
    return { document: f.document, section: f.section, unit: f.unit, place: f.place, role: f.role, status: f.status, dueAfter: f.dueAfter, dueBefore: f.dueBefore, text: f.text, sort, reverse };
  }

  /** The page's variables beside `first` and `after`. */
  query() {
    return { filter: this.filter(), sort: this.sort.toUpperCase(), reverse: this.reverse };
  }

  async reload({ record = true } = {}) {
    if (record) this.hooks.replace(this.params());
    this.els.role.disabled = !this.unit;
    this.cursors = [null];
    this.page = 0;
    await this.load();
  }

  async turn(step) {
    const page = this.page + step;
    if (page < 0 || page >= this.cursors.length) return;
    this.page = page;
    await this.load();
  }

  async load() {
    const seq = ++this.seq;
    this.els.root.dataset.state = 'loading';
    this.els.status.textContent = t('details.loading');
    this.els.prev.disabled = true; // until the page asked for is here
    this.els.next.disabled = true;
    try {
      const data = await gql(LEDGER, { ...this.query(), first: this.size(), after: this.cursors[this.page] });
      if (seq !== this.seq) return;
      const { edges, pageInfo, totalCount } = data.tasks;
      this.rows = edges.map((e) => e.node);
      this.total = totalCount;
      this.cursors[this.page + 1] = pageInfo.hasNextPage ? pageInfo.endCursor : undefined;
      this.cursors.length = this.page + (pageInfo.hasNextPage ? 2 : 1);
      this.els.status.textContent = '';
    } catch (err) {
      if (seq !== this.seq) return;
      this.rows = [];
      this.total = 0;
      this.els.status.textContent = `${t('error.prefix')}${err.message}`;
    }
    this.render();
    this.els.root.dataset.state = 'ready';
  }

  render() {
    const first = this.page * this.size();
    this.els.count.dataset.total = String(this.total);
    this.els.count.textContent = this.total
      ? t('ledger.count', { total: this.total, from: first + 1, to: first + this.rows.length })
      : t('ledger.none');
    this.els.prev.disabled = this.page === 0;
    this.els.next.disabled = this.page + 1 >= this.cursors.length;
    for (const th of this.els.table.querySelectorAll('th[data-sort]')) {
      if (th.dataset.sort === this.sort) th.setAttribute('aria-sort', NEWEST_FIRST.has(this.sort) !== this.reverse ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    }
    this.els.table.querySelector('tbody').replaceChildren(...this.rows.map((task) => this.row(task)));
  }

  /** The day of the task's newest report (yyyy-mm-dd), or ''. */
  lastReport(task) {
    const days = (task.progress ?? []).map((p) => p.report?.at?.slice(0, 10)).filter(Boolean);
    return days.length ? days.reduce((a, b) => (a > b ? a : b)) : '';
  }

  row(task) {
    const units = (role) =>
      byRole(task, role).map((a) =>
        h('li', { 'data-role': a.role },
          h('a', { href: nodeHash('Unit', a.unit.uid), 'data-testid': 'ledger-row-unit' }, a.unit.name),
          a.unit.place ? h('span', { className: 'place' }, a.unit.place) : null,
          // 推定 is about who leads: on the lead only, explained in its tooltip
          a.inferred && a.role === 'LEAD' ? h('span', { className: 'muted', title: t('details.inferredHint') }, t('details.inferred')) : null));
    return h('tr', { 'data-testid': 'ledger-row', 'data-uid': task.uid },
      h('td', { className: 'code' }, h('a', { href: nodeHash('Task', task.uid) }, task.code)),
      h('td', { className: 'path' },
        this.manyDocuments ? h('div', { className: 'doc' }, task.document?.title ?? '') : null,
        sectionPath(task.section)),
      h('td', { className: 'text', 'data-testid': 'ledger-text' }, task.text),
      h('td', null, h('ul', { className: 'units' }, units('LEAD'))),
      h('td', null, h('ul', { className: 'units' }, units('SUPPORT'))),
      h('td', { className: 'deadline' }, task.deadline ?? ''),
      h('td', { className: 'progress', 'data-testid': 'ledger-progress' }, this.progress(task)),
      h('td', { className: 'reported', 'data-testid': 'ledger-reported' }, this.lastReport(task)));
  }

  /** Each unit's state on the task; one line when they all agree. */
  progress(task) {
    const states = task.progress ?? [];
    if (!states.length) return '';
    const one = states.every((p) => p.status === states[0].status && p.overdue === states[0].overdue);
    if (one) return progressBadge(states[0]);
    const names = new Map(task.assignments.map((a) => [a.unit.uid, a.unit.name]));
    return h('ul', { className: 'units' }, states.map((p) => h('li', null, `${names.get(p.unit?.uid) ?? ''} `, progressBadge(p))));
  }

  progressText(task) {
    const names = new Map(task.assignments.map((a) => [a.unit.uid, a.unit.name]));
    return (task.progress ?? []).map((p) => `${names.get(p.unit?.uid) ?? ''}：${statusText(p)}${p.report?.percent != null ? ` ${p.report.percent}%` : ''}`).join('；');
  }

  /** Every matching task, page by page. */
  async allRows() {
    const rows = [];
    let after = null;
    for (;;) {
      const data = await gql(LEDGER, { ...this.query(), first: EXPORT_PAGE, after });
      rows.push(...data.tasks.edges.map((e) => e.node));
      this.els.status.textContent = t('ledger.exporting', { n: rows.length, total: data.tasks.totalCount });
      if (!data.tasks.pageInfo.hasNextPage) return rows;
      after = data.tasks.pageInfo.endCursor;
    }
  }

  /** What the export's head says: the filters in words. */
  filterText() {
    const parts = [];
    const doc = this.els.document.value && this.els.document.selectedOptions[0]?.textContent;
    if (doc) parts.push(`${t('ledger.document')}：${doc}`);
    const section = this.els.section.value && this.els.section.selectedOptions[0]?.textContent.trim();
    if (section) parts.push(`${t('ledger.section')}：${section}`);
    if (this.unit) parts.push(`${t('ledger.unit')}：${unitLabel(this.unit)}`);
    if (this.unit && this.els.role.value) parts.push(`${t('ledger.role')}：${t(`role.${this.els.role.value}`)}`);
    if (this.els.progressFilter.value) parts.push(`${t('ledger.status')}：${t(`status.${this.els.progressFilter.value}`)}`);
    if (this.els.dueAfter.value || this.els.dueBefore.value) parts.push(`${t('ledger.due')}：${this.els.dueAfter.value || '…'} – ${this.els.dueBefore.value || '…'}`);
    const text = this.els.text.value.trim();
    if (text) parts.push(`${t('ledger.text')}：${text}`);
    const filters = `${t('ledger.filters')}：${parts.length ? parts.join('；') : t('ledger.noFilter')}`;
    return `${filters}；${t('ledger.sort')}：${t(`sort.${this.sort}${this.reverse ? '.reverse' : ''}`)}`;
  }

  async export(format) {
    this.els.root.dataset.exporting = 'true';
    try {
      const tasks = await this.allRows();
      const names = (task, role) => byRole(task, role).map((a) => unitLabel(a.unit)).join('、');
      const rows = [
        [t('ledger.code'), t('ledger.document'), t('ledger.section'), t('ledger.task'), t('ledger.lead'), t('ledger.support'), t('ledger.deadline'), t('ledger.progress'), t('status.overdue'), t('ledger.reported')],
        ...tasks.map((x) => [x.code, x.document?.title ?? '', sectionPath(x.section), x.text, names(x, 'LEAD'), names(x, 'SUPPORT'), x.deadline ?? '',
          this.progressText(x), (x.progress ?? []).some((p) => p.overdue) ? t('status.overdue') : '', this.lastReport(x)]),
      ];
      const stamp = new Date();
      const date = `${stamp.getFullYear()}-${String(stamp.getMonth() + 1).padStart(2, '0')}-${String(stamp.getDate()).padStart(2, '0')}`;
      const head = [t('ledger.title'), this.filterText(), `${t('ledger.exported')}：${date}`, t('ledger.totalLine', { n: tasks.length })];
      const name = `dutygraph-ledger-${date}`;
      if (format === 'csv') download(csvBlob([...head.map((line) => [line]), [], ...rows]), `${name}.csv`);
      else download(await xlsxBlob([{ name: t('ledger.title'), head: [...head, ''], rows, widths: [10, 30, 36, 60, 30, 40, 14, 30, 8, 12] }]), `${name}.xlsx`);
      this.els.status.textContent = '';
    } catch (err) {
      this.els.status.textContent = `${t('error.prefix')}${err.message}`;
    } finally {
      delete this.els.root.dataset.exporting;
    }
  }
}
