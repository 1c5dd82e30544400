// The explorer page: wires the search box, graph, details panel and workload view
// together, and owns the tabs and the language switch.
import './style.css';
import { DetailsPanel } from './details.js';
import { h } from './dom.js';
import { graphmlBlob, download, jsonBlob } from './exporters.js';
import { GraphView } from './graph.js';
import { initialLanguage, lang, onLanguageChange, setLanguage, t } from './i18n.js';
import { KIND_NAMES, KINDS } from './kinds.js';
import { SearchBox } from './search.js';
import { WorkloadView } from './workload.js';

const $ = (id) => document.getElementById(id);

function showError(err) {
  $('graph-stats').textContent = `${t('error.prefix')}${err.message}`;
}

const details = new DetailsPanel($('details-body'), (uid) => focusNode(uid).catch(showError));

const graph = new GraphView($('graph'), {
  onSelect: (node) => details.show(node),
  onChange: () => updateStats(),
});

/** Brings `uid` into the graph (with its neighbourhood) and selects it. */
async function focusNode(uid) {
  await graph.expand(uid);
  graph.select(uid);
}

function updateStats() {
  const stats = graph.stats();
  $('graph-empty').hidden = stats.nodes > 0;
  $('graph-stats').textContent = stats.nodes ? t('graph.stats', stats) : '';
  const el = $('graph');
  el.dataset.nodes = String(stats.nodes);
  el.dataset.tasks = String(stats.tasks);
  el.tabIndex = stats.nodes ? 0 : -1;
}

const search = new SearchBox(
  { input: $('search-input'), list: $('search-results'), status: $('search-status') },
  (hit) =>
    graph
      .show(hit.uid)
      .then(() => $('graph').focus())
      .catch(showError),
);

function buildKindFilter() {
  $('kind-filter').replaceChildren(
    ...KIND_NAMES.map((kind) =>
      h('label', { className: 'kind' },
        h('input', { type: 'checkbox', checked: !graph.hiddenKinds.has(kind), 'data-testid': `kind-${kind}`, value: kind, onChange: onKindToggle }),
        h('span', { className: `swatch shape-${KINDS[kind].shape}`, style: `background:${KINDS[kind].color}` }),
        t(`kind.${kind}`)),
    ),
  );
}

function onKindToggle() {
  const hidden = [...$('kind-filter').querySelectorAll('input:not(:checked)')].map((el) => el.value);
  graph.setHiddenKinds(hidden);
}

$('graph-fit').addEventListener('click', () => graph.fit());
$('graph-zoom-in').addEventListener('click', () => graph.zoom(1.25));
$('graph-zoom-out').addEventListener('click', () => graph.zoom(0.8));
$('graph-relayout').addEventListener('click', () => graph.layout(true));
$('graph-clear').addEventListener('click', () => {
  graph.clear();
  details.clear();
});
$('export-png').addEventListener('click', () => {
  download(graph.cy.png({ output: 'blob', full: true, bg: '#ffffff', scale: 2 }), 'dutygraph.png');
});
$('export-graphml').addEventListener('click', () => download(graphmlBlob(graph.cy), 'dutygraph.graphml'));
$('export-json').addEventListener('click', () => download(jsonBlob(graph.cy), 'dutygraph.cyjs.json'));

const workload = new WorkloadView({
  root: $('view-workload'),
  document: $('workload-document'),
  section: $('workload-section'),
  first: $('workload-first'),
  csv: $('workload-csv'),
  xlsx: $('workload-xlsx'),
  status: $('workload-status'),
  chart: $('workload-chart'),
  table: $('workload-table'),
  matrix: $('workload-matrix'),
  matrixHint: $('matrix-hint'),
});

function showTab(name) {
  for (const tab of ['explorer', 'workload']) {
    const on = tab === name;
    $(`tab-${tab}`).setAttribute('aria-selected', String(on));
    $(`tab-${tab}`).tabIndex = on ? 0 : -1;
    $(`view-${tab}`).hidden = !on;
  }
  if (name === 'workload') workload.open().catch((err) => ($('workload-status').textContent = err.message));
  if (name === 'explorer') graph.cy.resize();
  history.replaceState(null, '', name === 'workload' ? '#workload' : '#');
}

$('tab-explorer').addEventListener('click', () => showTab('explorer'));
$('tab-workload').addEventListener('click', () => showTab('workload'));
document.querySelector('.tabs').addEventListener('keydown', (event) => {
  if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
  const next = $('tab-explorer').getAttribute('aria-selected') === 'true' ? 'workload' : 'explorer';
  showTab(next);
  $(`tab-${next}`).focus();
});

// "/" anywhere outside a text field jumps to the search box.
document.addEventListener('keydown', (event) => {
  const typing = ['INPUT', 'SELECT', 'TEXTAREA'].includes(document.activeElement?.tagName);
  if (event.key === '/' && !typing) {
    event.preventDefault();
    showTab('explorer');
    $('search-input').focus();
  }
});

$('lang-switch').addEventListener('click', () => setLanguage(lang() === 'zh' ? 'en' : 'zh'));
onLanguageChange(() => {
  buildKindFilter();
  updateStats();
  details.refresh();
  search.refresh();
  workload.render();
});

setLanguage(initialLanguage());
showTab(window.location.hash === '#workload' ? 'workload' : 'explorer');
// For the browser tests and for poking at the graph from the devtools console.
window.dutygraph = { graph, cy: graph.cy, workload };
