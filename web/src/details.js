// The details panel: what a node is, in full, with links to what it touches. Each link
// opens that node in the graph too.
import { gql } from './api.js';
import { clip, h } from './dom.js';
import { enumText, t } from './i18n.js';
import { KINDS } from './kinds.js';
import { DOCUMENT, POLICY, PROJECT, SECTION, TASK, UNIT } from './queries.js';
import { account, progressBadge, reportForm } from './supervision.js';
import { viewHash } from './router.js';

const LOADERS = {
  Task: [TASK, 'task'],
  Unit: [UNIT, 'unit'],
  Policy: [POLICY, 'policy'],
  Project: [PROJECT, 'project'],
  Section: [SECTION, 'section'],
  Document: [DOCUMENT, 'document'],
};

function badge(kind) {
  return h('span', { className: 'badge', style: `background:${KINDS[kind]?.color ?? '#888'}` }, t(`kind.${kind}`));
}

function field(label, ...value) {
  return h('div', { className: 'field' }, h('div', { className: 'field-label' }, label), h('div', { className: 'field-value' }, ...value));
}

function sectionName(section) {
  return section ? `${section.number} ${section.title}` : '';
}

export class DetailsPanel {
  /**
   * @param {HTMLElement} body
   * @param {(uid: string) => void} open called when a link in the panel is followed
   */
  constructor(body, open) {
    this.body = body;
    this.openNode = open;
    this.current = null;
    this.seq = 0;
    this.followed = false; // a link of the panel was followed: focus its answer
    this.clear();
  }

  clear() {
    this.current = null;
    this.body.replaceChildren(h('p', { className: 'muted' }, t('details.empty')));
  }

  /** Shows the node `{uid, kind, name}`, loading its details from the API. */
  async show(node) {
    this.current = node;
    const seq = ++this.seq;
    this.body.dataset.uid = node.uid;
    this.body.dataset.kind = node.kind;
    this.body.dataset.state = 'loading';
    const loader = LOADERS[node.kind];
    if (!loader) {
      this.render(node, [h('h3', null, badge(node.kind), ' ', node.name)]);
      return;
    }
    this.body.replaceChildren(h('h3', null, badge(node.kind), ' ', node.name), h('p', { className: 'muted' }, t('details.loading')));
    try {
      const data = await gql(loader[0], { uid: node.uid });
      if (seq !== this.seq) return;
      const item = data[loader[1]];
      this.render(node, item ? this[`render${node.kind}`](item) : [h('h3', null, node.name)]);
    } catch (err) {
      if (seq === this.seq) this.render(node, [h('p', { className: 'error' }, `${t('error.prefix')}${err.message}`)]);
    }
  }

  /** Draws the current node again, e.g. after a language change. */
  refresh() {
    if (this.current) this.show(this.current);
    else this.clear();
  }

  render(node, children) {
    this.body.replaceChildren(...children.filter(Boolean));
    this.body.dataset.state = 'ready';
    // After a link in the panel was followed, the keyboard stays in the panel: on the
    // heading of what it opened, not thrown back to the top of the page.
    const heading = this.body.querySelector('h3');
    if (this.followed && heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
    this.followed = false;
  }

  link(kind, uid, label, testid) {
    const follow = () => {
      this.followed = true;
      this.openNode(uid);
    };
    return h('button', { className: 'link', 'data-testid': testid, 'data-uid': uid, 'data-kind': kind, onClick: follow }, label);
  }

  taskLink(task) {
    return h('li', null, this.link('Task', task.uid, `${task.code} ${clip(task.text, 36)}`, 'details-task'));
  }

  renderTask(task) {
    const sections = [];
    for (let s = task.section; s; s = s.parent) sections.unshift(s);
    const units = [...task.assignments].sort(
      (a, b) => (a.role === b.role ? a.rank - b.rank : a.role === 'LEAD' ? -1 : 1),
    );
    return [
      h('h3', null, badge('Task'), ' ', task.code),
      field(t('details.text'), h('p', { className: 'task-text', 'data-testid': 'details-task-text' }, task.text)),
      field(
        t('details.source'),
        h('blockquote', { className: 'source', 'data-testid': 'details-source' },
          h('div', { className: 'source-ref' }, t('details.sourceLine', task.source)),
          h('div', { className: 'passage', 'data-testid': 'details-passage' }, task.source.text ?? `${task.path.join('')} ${task.text}`)),
      ),
      field(t('details.document'), task.document?.title ?? ''),
      field(
        t('details.sectionPath'),
        h('span', { 'data-testid': 'details-section-path' },
          sections.map((s, i) => [i ? ' › ' : '', this.link('Section', s.uid, sectionName(s), 'details-section')])),
      ),
      task.deadline ? field(t('details.deadline'), task.deadline) : null,
      field(
        t('details.units'),
        h('ul', { className: 'units', 'data-testid': 'details-units' },
          units.map((a) =>
            h('li', { 'data-role': a.role },
              h('span', { className: `role role-${a.role.toLowerCase()}` }, t(`role.${a.role}`)),
              ' ',
              this.link('Unit', a.unit.uid, a.unit.name, 'details-unit'),
              ' ',
              progressBadge(task.progress.find((p) => p.unit?.uid === a.unit.uid)),
              a.inferred && a.role === 'LEAD' ? h('span', { className: 'muted', title: t('details.inferredHint') }, t('details.inferred')) : null),
          )),
      ),
      units.some((a) => a.inferred) ? h('p', { className: 'muted note', 'data-testid': 'details-inferred-hint' }, t('details.inferredHint')) : null,
      // the report form only for the reporter of a unit on this task
      units.some((a) => a.unit.uid === account()?.unit?.uid)
        ? field(t('report.title'), reportForm(task, task.progress.find((p) => p.unit?.uid === account().unit.uid), () => this.refresh()))
        : null,
      task.policies.length
        ? field(t('details.policies'), h('ul', null, task.policies.map((p) => h('li', null, this.link('Policy', p.uid, p.name, 'details-policy')))))
        : null,
      task.projects.length
        ? field(t('details.projects'), h('ul', null, task.projects.map((p) => h('li', null, this.link('Project', p.uid, p.name, 'details-project')))))
        : null,
    ];
  }

  renderUnit(unit) {
    const tagged = [
      ...unit.lead.edges.map((e) => ({ ...e.node, role: 'LEAD' })),
      ...unit.support.edges.map((e) => ({ ...e.node, role: 'SUPPORT' })),
    ].sort((a, b) => (a.document?.uid ?? '').localeCompare(b.document?.uid ?? '') || a.ordinal - b.ordinal);
    // grouped by document, then section, in plan order
    const groups = new Map();
    for (const task of tagged) {
      const key = `${task.document?.uid ?? ''}|${task.section?.uid ?? ''}`;
      if (!groups.has(key)) groups.set(key, { document: task.document, section: task.section, tasks: [] });
      groups.get(key).tasks.push(task);
    }
    const listed = tagged.length;
    const all = unit.lead.totalCount + unit.support.totalCount;
    const ledger = viewHash('ledger', { unit: unit.name, place: unit.place });
    const w = unit.workload;
    return [
      h('h3', null, badge('Unit'), ' ', unit.name,
        unit.place ? h('span', { className: 'place', 'data-testid': 'details-place' }, unit.place) : null),
      unit.aliases.length ? field(t('details.aliases'), unit.aliases.join('、')) : null,
      unit.hostedBy ? field(t('details.hostedBy'), this.link('Unit', unit.hostedBy.uid, unit.hostedBy.name, 'details-unit')) : null,
      field(t('details.workload'), h('span', { 'data-testid': 'details-workload', 'data-total': w.total }, t('details.workloadLine', w))),
      field(
        t('details.tasksBySection'),
        listed < all
          ? h('p', { className: 'muted', 'data-testid': 'details-unit-more' }, t('details.moreTasks', { n: listed, total: all }), ' ',
              h('a', { href: ledger }, t('documents.toLedger')))
          : h('p', null, h('a', { href: ledger }, t('documents.toLedger'))),
        h('div', { 'data-testid': 'details-unit-tasks' },
          [...groups.values()].map(({ document: doc, section, tasks }) =>
            h('div', { className: 'group' },
              h('div', { className: 'group-title' }, doc?.title ? h('div', { className: 'muted' }, doc.title) : null, sectionName(section)),
              h('ul', null,
                [...tasks.filter((x) => x.role === 'LEAD'), ...tasks.filter((x) => x.role === 'SUPPORT')].map((task) =>
                  h('li', { 'data-role': task.role },
                    h('span', { className: `role role-${task.role.toLowerCase()}` }, t(`role.${task.role}`)),
                    ' ',
                    this.link('Task', task.uid, `${task.code} ${clip(task.text, 30)}`, 'details-task'))))))),
      ),
      unit.partners.length
        ? field(t('details.partners'), h('ul', null, unit.partners.map((p) =>
            h('li', null, this.link('Unit', p.unit.uid, p.unit.name, 'details-partner'), ' ',
              h('span', { className: 'muted' }, t('details.shared', { n: p.shared }))))))
        : null,
    ];
  }

  renderPolicy(policy) {
    return [
      h('h3', null, badge('Policy'), ' ', policy.name),
      policy.title ? field(t('kind.Policy'), `《${policy.title}》`) : null,
      policy.docNumber ? field(t('details.docNumber'), policy.docNumber) : null,
      policy.issuer ? field(t('details.issuer'), policy.issuer) : null,
      policy.kind ? field(t('details.kind'), enumText('PolicyKind', policy.kind)) : null,
      policy.amount ? field(t('details.amount'), policy.amount) : null,
      policy.projects.length
        ? field(t('details.projects'), h('ul', { 'data-testid': 'details-projects' }, policy.projects.map((p) => h('li', null, this.link('Project', p.uid, p.name, 'details-project')))))
        : null,
      field(t('details.tasks'), h('ul', { 'data-testid': 'details-tasks' }, policy.tasks.map((x) => this.taskLink(x)))),
    ];
  }

  renderProject(project) {
    return [
      h('h3', null, badge('Project'), ' ', project.name),
      project.kind ? field(t('details.kind'), enumText('project', project.kind)) : null,
      project.policies.length
        ? field(t('details.policies'), h('ul', null, project.policies.map((p) => h('li', null, this.link('Policy', p.uid, p.name, 'details-policy')))))
        : null,
      field(t('details.tasks'), h('ul', { 'data-testid': 'details-tasks' }, project.tasks.map((x) => this.taskLink(x)))),
      field(t('details.units'), h('ul', null, project.units.map((u) => h('li', null, this.link('Unit', u.uid, u.name, 'details-unit'))))),
    ];
  }

  renderSection(section) {
    return [
      h('h3', null, badge('Section'), ' ', sectionName(section)),
      section.document ? field(t('details.document'), section.document.title) : null,
      section.parent ? field(t('details.sectionPath'), this.link('Section', section.parent.uid, sectionName(section.parent), 'details-section')) : null,
      section.subsections.length
        ? field(t('details.subsections'), h('ul', null, section.subsections.map((s) => h('li', null, this.link('Section', s.uid, sectionName(s), 'details-section')))))
        : null,
      section.tasks.length ? field(t('details.tasks'), h('ul', { 'data-testid': 'details-tasks' }, section.tasks.map((x) => this.taskLink(x)))) : null,
    ];
  }

  renderDocument(doc) {
    return [
      h('h3', null, badge('Document'), ' ', doc.title),
      doc.docNumber ? field(t('details.docNumber'), doc.docNumber) : null,
      doc.issuer ? field(t('details.issuer'), doc.issuer) : null,
      field(t('details.subsections'), h('ul', null, doc.sections.map((s) => h('li', null, this.link('Section', s.uid, sectionName(s), 'details-section'))))),
    ];
  }
}
