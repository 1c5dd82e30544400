// Supervision (督办): logging in and out, a reporter's to-do list with a form to report
// progress, and a supervisor's dashboard (states per unit with each one's last report,
// the units silent since a day, overdue assignments, the 督办清单 downloads). What an account may do is decided by the server; the page only
// leaves out forms that would be refused.
import { currentSession, gql, login, logout, restoreSession } from './api.js';
import { firstDocuments } from './catalog.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { unitLabel } from './labels.js';
import { DASHBOARD, ME, REPORT_PROGRESS, SILENT_UNITS, TODO } from './queries.js';
import { nodeHash, viewHash } from './router.js';

const STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'DONE', 'BLOCKED'];
// a row with its progress costs ~64 of the API's 5,000 cost units: a unit with more tasks
// sees its first 60, and is told
const TODO_FIRST = 60;
const SILENT_FIRST = 50; // silent units a page
const SILENT_DAYS = 30; // the day the silent list starts from: a month back

/** The day `days` before today, as a date input writes it (yyyy-mm-dd, local time). */
function daysAgo(days) {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The ledger of a unit's tasks. */
function unitLedger(unit) {
  return viewHash('ledger', { unit: unit.name, place: unit.place });
}

let me = null; // the account's `me`: login, role, unit

/** The logged-in account ({login, role, unit …}) or null. */
export function account() {
  return me;
}

async function loadMe() {
  me = currentSession() ? (await gql(ME)).me : null;
  return me;
}

/** A state in words: 推进中, 未报送 … */
export function statusText(progress) {
  return progress?.status ? t(`status.${progress.status}`) : t('status.none');
}

/** The state of each unit on a task, as a small line per unit. */
export function progressBadge(progress) {
  return h('span', { className: `status-badge${progress?.overdue ? ' overdue' : ''}`, 'data-testid': 'progress-status', 'data-status': progress?.status ?? '' },
    statusText(progress),
    progress?.report?.percent != null ? ` ${progress.report.percent}%` : '',
    progress?.overdue ? h('strong', { 'data-testid': 'overdue' }, ` ${t('status.overdue')}`) : null);
}

/**
 * The form reporting `unit`'s progress on `task`, shown only to the reporter of that unit.
 * @param {{uid: string}} task
 * @param {(report: object) => void} done called with the report once the server took it
 */
export function reportForm(task, current, done) {
  if (me?.role !== 'REPORTER' || !me.unit) return null;
  const status = h('select', { name: 'status', 'data-testid': 'report-status' },
    STATUSES.map((s) => h('option', { value: s }, t(`status.${s}`))));
  status.value = current?.status && STATUSES.includes(current.status) ? current.status : 'IN_PROGRESS';
  const percent = h('input', { type: 'number', min: 0, max: 100, name: 'percent', 'data-testid': 'report-percent', value: current?.report?.percent ?? '' });
  const note = h('textarea', { name: 'note', rows: 2, maxlength: 2000, 'data-testid': 'report-note' });
  const message = h('span', { className: 'status', 'data-testid': 'report-message', 'aria-live': 'polite' });
  const form = h('form', { className: 'report-form', 'data-testid': 'report-form', 'data-task': task.uid },
    h('label', null, t('report.status'), ' ', status),
    h('label', null, t('report.percent'), ' ', percent, '%'),
    h('label', { className: 'wide' }, t('report.note'), note),
    h('button', { type: 'submit', 'data-testid': 'report-submit' }, t('report.submit')),
    message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = t('details.loading');
    try {
      const value = percent.value === '' ? null : Number(percent.value);
      const { reportProgress } = await gql(REPORT_PROGRESS, { task: task.uid, status: status.value, percent: value, note: note.value || null });
      message.textContent = t('report.saved');
      form.dataset.saved = reportProgress.uid;
      done(reportProgress);
    } catch (err) {
      message.textContent = `${t('error.prefix')}${err.message}`;
    }
  });
  return form;
}

export class SupervisionView {
  /**
   * @param {{root: HTMLElement, body: HTMLElement, account: HTMLElement}} els
   * @param {() => void} changed called after a login or logout, to redraw the views
   */
  constructor(els, changed) {
    this.els = els;
    this.changed = changed;
  }

  /** Restores a reloaded page's session and draws the account corner. */
  async start() {
    try {
      await restoreSession();
      await loadMe();
    } catch {
      me = null;
    }
    this.renderAccount();
  }

  renderAccount() {
    this.els.account.replaceChildren(
      me
        ? h('span', { 'data-testid': 'account', 'data-login': me.login, 'data-role': me.role },
            `${me.login}（${t(`account.${me.role}`)}${me.unit ? `·${unitLabel(me.unit)}` : ''}）`, ' ',
            h('button', { 'data-testid': 'logout', onClick: () => this.signOut() }, t('login.logout')))
        : h('a', { href: '#/supervision', 'data-testid': 'login-link' }, t('login.title')),
    );
  }

  async signOut() {
    await logout();
    me = null;
    this.renderAccount();
    this.changed();
  }

  async open() {
    this.els.root.dataset.state = 'loading';
    try {
      if (!me) this.els.body.replaceChildren(this.loginForm());
      else if (me.role === 'REPORTER') await this.renderTodo();
      else await this.renderDashboard();
    } catch (err) {
      this.els.body.replaceChildren(h('p', { className: 'error' }, `${t('error.prefix')}${err.message}`));
    }
    this.els.root.dataset.state = 'ready';
  }

  loginForm() {
    const name = h('input', { name: 'login', autocomplete: 'username', required: true, 'data-testid': 'login-name' });
    const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, 'data-testid': 'login-password' });
    const message = h('p', { className: 'error', 'data-testid': 'login-message', 'aria-live': 'polite' });
    const form = h('form', { className: 'login-form', 'data-testid': 'login-form' },
      h('h2', null, t('login.title')),
      h('p', { className: 'muted' }, t('login.hint')),
      h('label', null, t('login.name'), name),
      h('label', null, t('login.password'), password),
      h('button', { type: 'submit', 'data-testid': 'login-submit' }, t('login.submit')),
      message);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await login(name.value.trim(), password.value);
        await loadMe();
        this.renderAccount();
        this.changed();
        await this.open();
      } catch (err) {
        message.textContent = err.message;
      }
    });
    return form;
  }

  async renderTodo() {
    const filter = { unit: me.unit.name, ...(me.unit.place ? { place: me.unit.place } : {}) };
    const { tasks } = await gql(TODO, { filter, first: TODO_FIRST });
    const mine = (task) => task.progress.find((p) => p.unit?.uid === me.unit.uid);
    // overdue first, then due soon, then by due date (none last), then plan order
    const rank = (p) => (p?.overdue ? 0 : p?.dueSoon ? 1 : 2);
    const rows = tasks.edges.map((e) => e.node).sort((a, b) => {
      const pa = mine(a);
      const pb = mine(b);
      return rank(pa) - rank(pb) || (pa?.dueDate ?? '9999').localeCompare(pb?.dueDate ?? '9999');
    });
    this.els.body.replaceChildren(
      h('h2', null, t('todo.title', { unit: unitLabel(me.unit) })),
      h('p', { 'data-testid': 'todo-count', 'data-total': tasks.totalCount },
        t('todo.count', { n: tasks.totalCount }),
        tasks.totalCount > rows.length ? ` ${t('todo.more', { n: rows.length })}` : '', ' ',
        h('a', { href: viewHash('ledger', filter) }, t('documents.toLedger'))),
      h('ul', { className: 'todo', 'data-testid': 'todo-list' }, rows.map((task) => {
        const state = mine(task);
        const line = h('div', null, progressBadge(state), ' ', state?.dueDate ? t('todo.due', { date: state.dueDate }) : task.deadline ?? '');
        return h('li', { 'data-testid': 'todo-item', 'data-uid': task.uid },
          h('div', null, h('a', { href: nodeHash('Task', task.uid) }, task.code), ' ', task.text),
          line,
          reportForm(task, state, (report) => line.replaceChildren(progressBadge({ ...state, status: report.status, report }))));
      })),
    );
  }

  async renderDashboard() {
    const filter = me.document ? { document: me.document } : null;
    const since = daysAgo(SILENT_DAYS);
    const [data, documents] = await Promise.all([
      gql(DASHBOARD, { filter, first: 100, since, silent: SILENT_FIRST }), firstDocuments()]);
    const count = (row, key, status) =>
      h('td', { className: 'num' }, row[key]
        ? h('a', { href: viewHash('ledger', { unit: row.unit?.name, place: row.unit?.place, status }) }, row[key])
        : '0');
    const doc = h('select', { 'data-testid': 'report-document' }, documents.map((d) => h('option', { value: d.uid }, d.title)));
    const download = (format) => h('button', { 'data-testid': `report-${format}`, onClick: () => {
      window.location.href = `/report?${new URLSearchParams({ document: doc.value, format })}`;
    } }, t(`report.${format}`));
    this.els.body.replaceChildren(
      h('h2', null, t('dashboard.title')),
      h('div', { className: 'filters' }, h('label', null, t('dashboard.list'), ' ', doc), download('xlsx'), download('docx'), download('csv')),
      h('h3', null, t('dashboard.byUnit')),
      h('table', { className: 'dashboard', 'data-testid': 'dashboard-units' },
        h('thead', null, h('tr', null, ['workload.unit', 'dashboard.total', 'status.none', 'status.NOT_STARTED', 'status.IN_PROGRESS', 'status.DONE', 'status.BLOCKED', 'status.RETURNED', 'status.overdue']
          .map((key) => h('th', null, t(key))), h('th', null, t('ledger.reported')))),
        h('tbody', null, data.progressSummary.map((row) =>
          h('tr', { 'data-testid': 'dashboard-row', 'data-uid': row.unit?.uid ?? '' },
            h('td', null, row.unit ? h('a', { href: unitLedger(row.unit) }, unitLabel(row.unit)) : ''),
            h('td', { className: 'num' }, row.total),
            h('td', { className: 'num' }, row.unreported),
            count(row, 'notStarted', 'NOT_STARTED'), count(row, 'inProgress', 'IN_PROGRESS'), count(row, 'done', 'DONE'),
            count(row, 'blocked', 'BLOCKED'), count(row, 'returned', 'RETURNED'),
            h('td', { className: `num${row.overdue ? ' overdue' : ''}` }, row.overdue),
            h('td', { 'data-testid': 'dashboard-last-report' }, row.lastReport ?? t('dashboard.never')))))),
      this.silentSection(filter, since, data.silentUnits),
      h('h3', null, t('dashboard.overdue', { n: data.overdue.totalCount })),
      data.overdue.totalCount
        ? h('ul', { 'data-testid': 'dashboard-overdue' }, data.overdue.edges.map(({ node }) =>
            h('li', null, h('a', { href: nodeHash('Task', node.task?.uid ?? '') }, node.task?.code ?? ''), ' ',
              node.unit ? unitLabel(node.unit) : '', ' ', t('todo.due', { date: node.dueDate ?? '' }), ' ', statusText(node))))
        : h('p', { className: 'muted' }, t('dashboard.noneOverdue')),
    );
  }

  /**
   * The units with no report of their own since the chosen day, a page at a time.
   * @param {string} day the first day asked (yyyy-mm-dd)
   * @param {object} first its first page, which the dashboard's request brought
   */
  silentSection(filter, day, first) {
    const since = h('input', { type: 'date', value: day, required: true, 'data-testid': 'silent-since' });
    const head = h('h3', { 'data-testid': 'silent-head' });
    const body = h('tbody');
    const more = h('button', { 'data-testid': 'silent-more', hidden: true }, t('dashboard.moreSilent'));
    const message = h('p', { className: 'muted', 'data-testid': 'silent-message' });
    const section = h('section', { 'data-testid': 'silent-units', 'data-state': 'ready' },
      head,
      h('div', { className: 'filters' }, h('label', null, t('dashboard.silentSince'), ' ', since)),
      h('table', { className: 'dashboard' },
        h('thead', null, h('tr', null, h('th', null, t('workload.unit')), h('th', null, t('ledger.reported')), h('th', null, t('dashboard.total')))),
        body),
      message, more);
    let after = null;
    let seq = 0;
    const show = (silentUnits, fresh) => {
      if (fresh) body.replaceChildren();
      body.append(...silentUnits.edges.map(({ node }) =>
        h('tr', { 'data-testid': 'silent-row', 'data-uid': node.unit?.uid ?? '' },
          h('td', null, node.unit ? h('a', { href: unitLedger(node.unit), 'data-testid': 'silent-unit' }, unitLabel(node.unit)) : ''),
          h('td', null, node.lastReport ?? t('dashboard.never')),
          h('td', { className: 'num' }, node.total))));
      head.textContent = t('dashboard.silent', { date: since.value, n: silentUnits.totalCount });
      message.textContent = silentUnits.totalCount ? '' : t('dashboard.noneSilent');
      after = silentUnits.pageInfo.endCursor;
      more.hidden = !silentUnits.pageInfo.hasNextPage;
    };
    const load = async (fresh) => {
      if (!since.value) return; // a half-typed day: wait for a whole one
      const mine = ++seq;
      section.dataset.state = 'loading';
      try {
        const { silentUnits } = await gql(SILENT_UNITS, { since: since.value, filter, first: SILENT_FIRST, after: fresh ? null : after });
        if (mine !== seq) return;
        show(silentUnits, fresh);
      } catch (err) {
        if (mine !== seq) return;
        message.textContent = `${t('error.prefix')}${err.message}`;
      }
      section.dataset.state = 'ready';
    };
    since.addEventListener('change', () => load(true));
    more.addEventListener('click', () => load(false));
    show(first, true);
    return section;
  }
}
