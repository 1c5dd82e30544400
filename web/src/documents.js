// The loaded plans: a list paged from the server (any number of them), with each one's
// parse warnings, and a document's page with its outline, goals, policies, the units its
// tasks fall to and its warnings. An admin also uploads plans here (upload.js), replaces
// a document by a new edition and unloads one.
import { currentSession, gql, post } from './api.js';
import { forgetDocuments } from './catalog.js';
import { h } from './dom.js';
import { enumText, t } from './i18n.js';
import { documentFacts as facts, unitLabel } from './labels.js';
import { DOCUMENT_COUNTS, DOCUMENT_PAGE, DOCUMENT_TABLE } from './queries.js';
import { nodeHash, viewHash } from './router.js';
import { uploadPanel, warningList } from './upload.js';

const PAGE = 20;

const isAdmin = () => currentSession()?.role === 'admin';

/** A list row's warnings: their count, opening onto the first few. */
function warningsCell(doc) {
  if (!doc.warningCount) return h('td', { className: 'num muted', 'data-testid': 'document-warnings', 'data-count': 0 }, '0');
  const more = doc.warningCount - doc.warnings.length;
  return h('td', { 'data-testid': 'document-warnings', 'data-count': doc.warningCount },
    h('details', null,
      h('summary', { 'data-testid': 'document-warnings-open' }, String(doc.warningCount)),
      warningList(doc.warnings, 'document-warning-list'),
      more > 0 ? h('p', { className: 'muted note' }, t('documents.warningsMore', { n: more })) : null));
}

export class DocumentsView {
  /** @param {{root: HTMLElement, list: HTMLElement, page: HTMLElement}} els */
  constructor(els) {
    this.els = els;
    this.cursors = [null];
    this.index = 0;
    this.seq = 0;
  }

  /** The list of plans, from its first page. */
  async openList() {
    this.els.page.hidden = true;
    this.els.list.hidden = false;
    this.cursors = [null];
    this.index = 0;
    // kept across pages of the list, so a preview stays while the admin looks around
    this.upload = isAdmin() ? uploadPanel({ onLoaded: () => this.reloadList() }) : null;
    await this.loadList();
  }

  /** The list again from its first page, the upload panel (and what it says) kept. */
  async reloadList() {
    this.cursors = [null];
    this.index = 0;
    await this.loadList();
  }

  async turn(step) {
    const index = this.index + step;
    if (index < 0 || index >= this.cursors.length) return;
    this.index = index;
    await this.loadList();
  }

  async loadList() {
    const seq = ++this.seq;
    this.els.root.dataset.state = 'loading';
    let page;
    try {
      page = (await gql(DOCUMENT_TABLE, { first: PAGE, after: this.cursors[this.index] })).documents;
    } catch (err) {
      this.els.list.replaceChildren(h('p', { className: 'error' }, `${t('error.prefix')}${err.message}`));
      this.els.root.dataset.state = 'ready';
      return;
    }
    if (seq !== this.seq) return;
    this.cursors.length = this.index + 1;
    if (page.pageInfo.hasNextPage) this.cursors.push(page.pageInfo.endCursor);
    const docs = page.edges.map((e) => e.node);
    const first = this.index * PAGE;
    const counts = docs.map((d) => h('td', { className: 'num', 'data-testid': 'document-tasks' }, '…'));
    this.els.list.replaceChildren(
      h('h2', null, t('documents.title')),
      this.upload,
      docs.length
        ? h('div', null,
            h('div', { className: 'pager' },
              h('span', { 'data-testid': 'documents-count', 'data-total': page.totalCount },
                t('ledger.count', { total: page.totalCount, from: first + 1, to: first + docs.length })),
              h('span', { className: 'spacer' }),
              h('button', { 'data-testid': 'documents-prev', disabled: this.index === 0, onClick: () => this.turn(-1) }, t('ledger.prev')),
              h('button', { 'data-testid': 'documents-next', disabled: !page.pageInfo.hasNextPage, onClick: () => this.turn(1) }, t('ledger.next'))),
            h('table', { className: 'documents-table', 'data-testid': 'documents-table' },
              h('thead', null, h('tr', null,
                h('th', null, t('documents.doc')), h('th', null, t('documents.facts')),
                h('th', null, t('documents.tasks')), h('th', null, t('documents.warnings')), h('th', null, ''))),
              h('tbody', null, docs.map((d, i) =>
                h('tr', { 'data-testid': 'document-row', 'data-uid': d.uid },
                  h('td', null, h('a', { href: nodeHash('Document', d.uid), 'data-testid': 'document-link' }, d.title)),
                  h('td', { className: 'muted' }, facts(d)),
                  counts[i],
                  warningsCell(d),
                  h('td', null, h('a', { href: viewHash('ledger', { document: d.uid }) }, t('documents.toLedger'))))))))
        : h('div', { className: 'empty', 'data-testid': 'documents-empty' },
            h('p', null, t('documents.none')),
            h('pre', null, 'dutygraph load 工作方案.docx\ndutygraph serve')),
    );
    this.els.root.dataset.state = 'ready';
    // The task counts after the list is shown: one small count query each.
    await Promise.all(docs.map(async (d, i) => {
      const data = await gql(DOCUMENT_COUNTS, { filter: { document: d.uid } }).catch(() => null);
      counts[i].textContent = data ? String(data.tasks.totalCount) : '';
    }));
  }

  /** A document's page. */
  async openDocument(uid) {
    this.els.list.hidden = true;
    this.els.page.hidden = false;
    this.els.root.dataset.state = 'loading';
    const seq = ++this.seq;
    let data;
    try {
      const [page, count] = await Promise.all([
        gql(DOCUMENT_PAGE, { uid, filter: { document: uid } }),
        gql(DOCUMENT_COUNTS, { filter: { document: uid } }),
      ]);
      data = { ...page, total: count.tasks.totalCount };
    } catch (err) {
      this.els.page.replaceChildren(h('p', { className: 'error' }, `${t('error.prefix')}${err.message}`));
      this.els.root.dataset.state = 'ready';
      return;
    }
    if (seq !== this.seq) return;
    const doc = data.document;
    this.els.page.dataset.uid = uid;
    this.els.page.replaceChildren(...(doc ? this.renderDocument(doc, data) : [h('p', null, t('documents.missing'))]));
    this.els.root.dataset.state = 'ready';
  }

  renderDocument(doc, data) {
    const outline = (sections) =>
      h('ul', { className: 'outline' }, sections.map((s) =>
        h('li', null,
          h('a', { href: viewHash('ledger', { document: doc.uid, section: s.uid }) }, `${s.number} ${s.title}`),
          s.subsections?.length ? outline(s.subsections) : null)));
    return [
      h('p', null, h('a', { href: '#/documents' }, `‹ ${t('documents.title')}`)),
      h('h2', { 'data-testid': 'document-title' }, doc.title),
      h('p', { className: 'muted' }, facts(doc)),
      h('p', null,
        h('span', { 'data-testid': 'document-total', 'data-total': data.total }, t('documents.taskLine', { n: data.total })),
        ' ',
        h('a', { href: viewHash('ledger', { document: doc.uid }), 'data-testid': 'document-ledger' }, t('documents.toLedger')),
        ' · ',
        h('a', { href: viewHash('workload', { document: doc.uid }) }, t('tab.workload'))),
      h('section', null, h('h3', null, t('documents.outline')), outline(doc.sections)),
      doc.goals.length
        ? h('section', null, h('h3', null, t('documents.goals')),
            h('ul', { 'data-testid': 'document-goals' }, doc.goals.map((g) => h('li', null, h('strong', null, `${g.year}：`), g.text))))
        : null,
      h('section', null, h('h3', null, t('documents.units')),
        h('table', { 'data-testid': 'document-units' },
          h('thead', null, h('tr', null, h('th', null, t('workload.unit')), h('th', null, t('workload.total')),
            h('th', null, t('workload.lead')), h('th', null, t('workload.support')))),
          h('tbody', null, data.workload.map((w) =>
            h('tr', null,
              h('td', null, h('a', { href: nodeHash('Unit', w.unit.uid) }, unitLabel(w.unit))),
              h('td', null, w.total), h('td', null, w.lead), h('td', null, w.support)))))),
      this.renderWarnings(doc),
      doc.policies.length
        ? h('section', null, h('h3', null, t('details.policies')),
            h('ul', null, doc.policies.map((p) =>
              h('li', null, h('a', { href: nodeHash('Policy', p.uid) }, p.name), ' ',
                h('span', { className: 'muted' }, [enumText('PolicyKind', p.kind), p.docNumber, p.amount].filter(Boolean).join(' · '))))))
        : null,
      isAdmin() ? this.renderAdmin(doc) : null,
    ];
  }

  renderWarnings(doc) {
    const more = doc.warningCount - doc.warnings.length;
    return h('section', { 'data-testid': 'document-warning-section', 'data-count': doc.warningCount },
      h('h3', null, `${t('documents.warnings')}（${doc.warningCount || t('documents.warningsNone')}）`),
      doc.warningCount
        ? [h('p', { className: 'muted note' }, t('documents.warningsHint')),
           warningList(doc.warnings, 'document-page-warnings'),
           more > 0 ? h('p', { className: 'muted note' }, t('documents.warningsStored', { total: doc.warningCount, n: doc.warnings.length })) : null]
        : null);
  }

  /** An admin's tools: a new edition in its place, or the document unloaded (asked twice). */
  renderAdmin(doc) {
    const status = h('p', { className: 'status', 'data-testid': 'unload-status', 'aria-live': 'polite' });
    const unload = h('button', { 'data-testid': 'unload' }, t('unload.button'));
    unload.addEventListener('click', async () => {
      if (!unload.dataset.armed) {
        unload.dataset.armed = 'yes';
        unload.textContent = t('unload.confirm');
        return;
      }
      unload.disabled = true;
      try {
        await post('/documents/unload', { uid: doc.uid });
      } catch (err) {
        status.className = 'status error';
        status.textContent = err.message;
        unload.disabled = false;
        return;
      }
      forgetDocuments();
      status.textContent = t('unload.done');
      window.location.hash = '#/documents';
    });
    return h('section', { className: 'admin-only', 'data-testid': 'document-admin' },
      uploadPanel({ replace: doc.uid, onLoaded: () => this.openDocument(doc.uid) }),
      h('p', null, unload), status);
  }
}
