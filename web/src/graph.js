// The graph view: cytoscape.js with the fcose layout, one node per uid, grown by
// merging neighbourhoods fetched from the API.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { gql } from './api.js';
import { clip } from './dom.js';
import { KINDS, LEAD_COLOR, OTHER_COLOR, SUPPORT_COLOR } from './kinds.js';
import { GROUP_TASKS, NEIGHBORHOOD, UNIT_GROUPS } from './queries.js';

cytoscape.use(fcose);

const STYLE = [
  {
    selector: 'node',
    style: {
      label: 'data(short)',
      'font-size': 10,
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-wrap': 'ellipsis',
      'text-max-width': 120,
      // Zoomed out over hundreds of nodes, labels would be an unreadable smear: they
      // appear once zoomed in far enough to read.
      'min-zoomed-font-size': 7,
      color: '#1e293b',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.7,
      width: 22,
      height: 22,
      'border-width': 1,
      'border-color': '#ffffff',
    },
  },
  ...Object.entries(KINDS).map(([kind, look]) => ({
    selector: `node[kind = "${kind}"]`,
    style: { 'background-color': look.color, shape: look.shape },
  })),
  { selector: 'node[kind = "Unit"]', style: { width: 30, height: 20, 'font-size': 11 } },
  { selector: 'node.root', style: { width: 40, height: 28, 'font-size': 13, 'font-weight': 'bold' } },
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#facc15' } },
  { selector: '.hidden-kind', style: { display: 'none' } },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': OTHER_COLOR,
      'line-style': 'dotted',
      'curve-style': 'bezier',
      'target-arrow-shape': 'triangle',
      'target-arrow-color': OTHER_COLOR,
      'arrow-scale': 0.7,
    },
  },
  {
    selector: 'edge[role = "lead"]',
    style: { width: 3, 'line-color': LEAD_COLOR, 'target-arrow-color': LEAD_COLOR, 'line-style': 'solid' },
  },
  {
    selector: 'edge[role = "support"]',
    style: {
      width: 2,
      'line-color': SUPPORT_COLOR,
      'target-arrow-color': SUPPORT_COLOR,
      'line-style': 'dashed',
      'line-dash-pattern': [6, 4],
    },
  },
];

const MAX_FIT_ZOOM = 1.5;

// Past this many tasks a unit's neighbourhood is a ball nobody can read: its graph is one
// node per document instead (the heaviest GROUPS of them), each opening its tasks.
const FOLD_TASKS = 80;
const GROUPS = 30;
const GROUP_TASKS_FIRST = 60;

const LAYOUT = {
  name: 'fcose',
  quality: 'default',
  animate: false,
  randomize: false,
  nodeDimensionsIncludeLabels: true,
  idealEdgeLength: 90,
  nodeRepulsion: 6000,
  packComponents: true,
};

function nodeData(node) {
  return {
    id: node.uid, kind: node.label, name: node.name || node.uid, short: clip(node.name || node.uid, 14),
    text: node.text ?? undefined, place: node.place ?? undefined,
  };
}

function edgeData(edge) {
  return {
    id: `${edge.source}|${edge.type}|${edge.target}`,
    source: edge.source,
    target: edge.target,
    type: edge.type,
    role: edge.role || '',
  };
}

export class GraphView {
  /**
   * @param {HTMLElement} container
   * @param {{onSelect: (node: {uid: string, kind: string, name: string}) => void, onChange: () => void}} hooks
   */
  constructor(container, hooks) {
    this.container = container;
    this.hooks = hooks;
    this.hiddenKinds = new Set();
    this.expanded = new Set();
    this.folded = null; // {unit, tasks, shown} while a busy unit is grouped
    this.cy = cytoscape({
      container,
      style: STYLE,
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
    });
    this.cy.on('tap', 'node', (event) => this.activate(event.target.id()));
    container.addEventListener('keydown', (event) => this.onKey(event));
  }

  /** Replaces the graph with the neighbourhood of `uid`, which becomes the root (a busy
   * unit's grouped by document). */
  async show(uid) {
    this.cy.elements().remove();
    this.expanded.clear();
    this.folded = null;
    if (uid.startsWith('unit:')) {
      const unit = (await gql(UNIT_GROUPS, { uid })).unit;
      if (unit && unit.workload.total > FOLD_TASKS) this.showGroups(unit);
    }
    if (!this.folded) await this.expand(uid);
    this.cy.getElementById(uid).addClass('root');
    this.select(uid);
  }

  /** A busy unit as one node per document (the heaviest), saying what is folded. */
  showGroups(unit) {
    const docs = [...unit.workload.byDocument].sort((a, b) => b.total - a.total);
    const shown = docs.slice(0, GROUPS);
    this.folded = { unit, tasks: unit.workload.total, shown: shown.length };
    const elements = [{ group: 'nodes', data: nodeData({ uid: unit.uid, label: 'Unit', name: unit.name }) }];
    for (const d of shown) {
      const id = `group:${d.document?.uid ?? d.title}`;
      elements.push({
        group: 'nodes',
        data: { id, kind: 'Group', name: `${d.title}（${d.total}）`, short: `${clip(d.title ?? '', 12)}（${d.total}）`, document: d.document?.uid, total: d.total },
      });
      elements.push({ group: 'edges', data: { id: `${unit.uid}|GROUP|${id}`, source: unit.uid, target: id, type: 'IN_DOCUMENT', role: '' } });
    }
    this.cy.add(elements);
    this.expanded.add(unit.uid);
    this.container.dataset.folded = String(this.folded.tasks);
    this.applyKindFilter();
    this.layout(true);
    this.hooks.onChange();
  }

  /** Opens a document group of a folded unit: its first tasks in that document. */
  async expandGroup(id) {
    const node = this.cy.getElementById(id);
    const { unit } = this.folded;
    const filter = { unit: unit.name, document: node.data('document'), ...(unit.place ? { place: unit.place } : {}) };
    this.container.dataset.state = 'loading';
    const { tasks } = await gql(GROUP_TASKS, { filter, first: GROUP_TASKS_FIRST });
    const fresh = [];
    for (const { node: task } of tasks.edges) {
      if (this.cy.getElementById(task.uid).empty()) {
        fresh.push({ group: 'nodes', data: nodeData({ uid: task.uid, label: 'Task', name: `${task.code} ${task.text}` }), position: { ...node.position() } });
      }
      const role = task.assignments.find((a) => a.unit.uid === unit.uid)?.role.toLowerCase() ?? '';
      fresh.push({ group: 'edges', data: { id: `${id}|HAS|${task.uid}`, source: id, target: task.uid, type: 'RESPONSIBLE_FOR', role } });
    }
    this.cy.add(fresh);
    this.expanded.add(id);
    node.data('opened', tasks.edges.length);
    this.applyKindFilter();
    this.layout(false);
    this.container.dataset.state = 'ready';
    this.hooks.onChange();
  }

  /** Adds the neighbourhood of `uid` to the graph and lays it out again. */
  async expand(uid) {
    if (this.expanded.has(uid)) return;
    this.container.dataset.state = 'loading';
    const data = await gql(NEIGHBORHOOD, { uid, depth: 1, limit: 300 });
    const view = data.neighborhood;
    const around = this.cy.getElementById(uid);
    const origin = around.nonempty() ? around.position() : { x: 0, y: 0 };
    const wasEmpty = this.cy.nodes().empty();
    const fresh = [];
    for (const node of view.nodes) {
      if (this.cy.getElementById(node.uid).empty()) {
        fresh.push({
          group: 'nodes',
          data: nodeData(node),
          // New nodes start around the one they hang from, so the layout moves little.
          position: { x: origin.x + (Math.random() - 0.5) * 80, y: origin.y + (Math.random() - 0.5) * 80 },
        });
      }
    }
    for (const edge of view.edges) {
      const data = edgeData(edge);
      if (this.cy.getElementById(data.id).empty()) fresh.push({ group: 'edges', data });
    }
    this.cy.add(fresh);
    this.expanded.add(uid);
    this.applyKindFilter();
    this.layout(wasEmpty);
    this.container.dataset.state = 'ready';
    this.hooks.onChange();
  }

  /** Selects the node, tells the details panel, and expands the node's neighbourhood. */
  async activate(uid) {
    this.select(uid);
    if (uid.startsWith('group:')) {
      if (!this.expanded.has(uid)) await this.expandGroup(uid);
    } else await this.expand(uid);
  }

  select(uid) {
    const node = this.cy.getElementById(uid);
    if (node.empty()) return;
    this.cy.$(':selected').unselect();
    node.select();
    this.container.dataset.selected = uid;
    this.hooks.onSelect({ uid, kind: node.data('kind'), name: node.data('name') });
  }

  /** Lays the visible graph out; from scratch when `fresh`, else from where nodes are. */
  layout(fresh = false) {
    const visible = this.cy.elements(':visible');
    // Past a couple of hundred nodes the labels are hidden at fit zoom anyway: leaving
    // them out of the layout and iterating less keeps it near two seconds (~300 nodes).
    const big = visible.nodes().length > 200;
    const options = { ...LAYOUT, randomize: fresh, nodeDimensionsIncludeLabels: !big, numIter: big ? 1000 : 2500 };
    if (visible.nonempty()) visible.layout(options).run();
    this.fit();
  }

  /** Fits the graph in the view, but never blows a handful of nodes up to poster size. */
  fit() {
    this.cy.fit(undefined, 30);
    if (this.cy.zoom() > MAX_FIT_ZOOM) {
      this.cy.zoom(MAX_FIT_ZOOM);
      this.cy.center();
    }
  }

  zoom(factor) {
    const center = { x: this.container.clientWidth / 2, y: this.container.clientHeight / 2 };
    this.cy.zoom({ level: this.cy.zoom() * factor, renderedPosition: center });
  }

  clear() {
    this.cy.elements().remove();
    this.expanded.clear();
    this.folded = null;
    delete this.container.dataset.folded;
    delete this.container.dataset.selected;
    this.hooks.onChange();
  }

  /** Hides every node of the given kinds (and so their edges). */
  setHiddenKinds(kinds) {
    this.hiddenKinds = new Set(kinds);
    this.applyKindFilter();
    this.hooks.onChange();
  }

  applyKindFilter() {
    this.cy.nodes().forEach((node) => {
      node.toggleClass('hidden-kind', this.hiddenKinds.has(node.data('kind')));
    });
  }

  /** Counts for the status line: visible nodes, edges and tasks. */
  stats() {
    const nodes = this.cy.nodes(':visible');
    return {
      nodes: nodes.length,
      edges: this.cy.edges(':visible').length,
      tasks: nodes.filter('[kind = "Task"]').length,
      folded: this.folded,
    };
  }

  /** Arrow keys walk the selected node's neighbours (or all nodes); Enter expands. */
  onKey(event) {
    const selected = this.cy.$('node:selected');
    if (event.key === 'Enter' && selected.nonempty()) {
      event.preventDefault();
      this.activate(selected.id());
      return;
    }
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (!step) return;
    event.preventDefault();
    const ring = this.cy.nodes(':visible').sort((a, b) => a.position('x') - b.position('x'));
    if (ring.empty()) return;
    const index = selected.nonempty() ? ring.toArray().findIndex((n) => n.same(selected)) : -1;
    const next = ring[(index + step + ring.length) % ring.length];
    this.select(next.id());
    this.cy.center(next);
  }
}
