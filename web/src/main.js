// The explorer page: wires the search box, graph, details panel and workload view
// together, and owns the tabs and the language switch.
import './style.css';
import { DetailsPanel } from './details.js';
import { DocumentsView } from './documents.js';
import { h } from './dom.js';
import { graphmlBlob, download, jsonBlob, pngBlob } from './exporters.js';
import { GraphView } from './graph.js';
import { initialLanguage, lang, onLanguageChange, setLanguage, t } from './i18n.js';
import { KIND_NAMES, KINDS, LEAD_COLOR, OTHER_COLOR, SUPPORT_COLOR } from './kinds.js';
import { LedgerView } from './ledger.js';
import { firstDocuments } from './catalog.js';
import { nodeHash, Router, viewHash } from './router.js';
import { SearchBox } from './search.js';
import { SupervisionView } from './supervision.js';
import { WorkloadView } from './workload.js';

const $ = (id) => document.getElementById(id);

function showError(err) {
  $('graph-stats').textContent = `${t('error.prefix')}${err.message}`;
}

const details = new DetailsPanel($('details-body'), (uid) => focusNode(uid).catch(showError));

const graph = new GraphView($('graph'), {
  onSelect: (node) => {
    details.show(node);
    // a document selected in the graph stays in the graph: its own address is its page
    if (node.kind !== 'Document') router.record(nodeHash(node.kind, node.uid));
  },
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
  const folded = stats.folded ? ` ${t('graph.folded', stats.folded)}` : '';
  $('graph-stats').textContent = stats.nodes ? t('graph.stats', stats) + folded : '';
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
$('export-png').addEventListener('click', async () => {
  const shown = new Set(graph.cy.nodes(':visible').map((n) => n.data('kind')));
  const root = graph.cy.$('node.root').data('name');
  const blob = await pngBlob(graph.cy, {
    title: `${t('app.title')}${root ? ` · ${root}` : ''} · ${new Date().toISOString().slice(0, 10)}`,
    kinds: KIND_NAMES.filter((k) => shown.has(k)).map((k) => [t(`kind.${k}`), KINDS[k].color]),
    roles: [[t('legend.lead'), LEAD_COLOR], [t('legend.support'), SUPPORT_COLOR], [t('legend.other'), OTHER_COLOR]],
  });
  download(blob, 'dutygraph.png');
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

const ledger = new LedgerView(
  {
    root: $('view-ledger'),
    document: $('ledger-document'),
    section: $('ledger-section'),
    unit: $('ledger-unit'),
    choices: $('ledger-choices'),
    role: $('ledger-role'),
    text: $('ledger-text'),
    csv: $('ledger-csv'),
    xlsx: $('ledger-xlsx'),
    print: $('ledger-print'),
    first: $('ledger-first'),
    progressFilter: $('ledger-status-filter'),
    dueAfter: $('ledger-due-after'),
    dueBefore: $('ledger-due-before'),
    prev: $('ledger-prev'),
    next: $('ledger-next'),
    count: $('ledger-count'),
    status: $('ledger-status'),
    table: $('ledger-table'),
  },
  { documents: firstDocuments, replace: (params) => router.replace(viewHash('ledger', params)) },
);

const documents = new DocumentsView({ root: $('view-documents'), list: $('documents-list'), page: $('document-page') });

const TABS = ['explorer', 'ledger', 'documents', 'workload', 'supervision'];
// Where each tab was last, so that coming back to it shows the same thing.
const lastHash = { explorer: '#/', ledger: '#/ledger', documents: '#/documents', workload: '#/workload', supervision: '#/supervision' };

function showTab(name) {
  for (const tab of TABS) {
    const on = tab === name;
    $(`tab-${tab}`).setAttribute('aria-selected', String(on));
    $(`tab-${tab}`).tabIndex = on ? 0 : -1;
    $(`view-${tab}`).hidden = !on;
  }
  document.body.dataset.view = name;
  if (name === 'explorer') graph.cy.resize();
}

function fail(statusEl) {
  return (err) => {
    statusEl.textContent = `${t('error.prefix')}${err.message}`;
  };
}

/** Draws the view an address names (on load, on back and forward, on a followed link). */
function render(route) {
  showTab(route.view);
  if (route.view === 'explorer') {
    if (route.uid && graph.cy.getElementById(route.uid).nonempty()) graph.select(route.uid);
    else if (route.uid) graph.show(route.uid).catch(showError);
    if (!route.uid) {
      graph.clear();
      details.clear();
    }
  } else if (route.view === 'ledger') {
    ledger.open(route.params).catch(fail($('ledger-status')));
  } else if (route.view === 'documents') {
    (route.uid ? documents.openDocument(route.uid) : documents.openList()).catch(showError);
  } else if (route.view === 'workload') {
    workload.open(route.params).catch(fail($('workload-status')));
  } else if (route.view === 'supervision') {
    supervision.open();
  }
  lastHash[route.view] = window.location.hash || '#/';
}

const router = new Router(render);

// After a login or logout: forms appear or go, so the shown view is drawn again.
const supervision = new SupervisionView(
  { root: $('view-supervision'), body: $('supervision-body'), account: $('account-corner') },
  () => {
    details.refresh();
    if (document.body.dataset.view !== 'supervision') router.start();
  },
);

for (const tab of TABS) $(`tab-${tab}`).addEventListener('click', () => router.go(lastHash[tab]));
document.querySelector('.tabs').addEventListener('keydown', (event) => {
  if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
  const at = TABS.findIndex((tab) => $(`tab-${tab}`).getAttribute('aria-selected') === 'true');
  const next = TABS[(at + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
  router.go(lastHash[next]);
  $(`tab-${next}`).focus();
});

// "/" anywhere outside a text field jumps to the search box.
document.addEventListener('keydown', (event) => {
  const typing = ['INPUT', 'SELECT', 'TEXTAREA'].includes(document.activeElement?.tagName);
  if (event.key === '/' && !typing) {
    event.preventDefault();
    router.go(lastHash.explorer);
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
  ledger.render();
  supervision.renderAccount();
  if (document.body.dataset.view === 'supervision') supervision.open();
});

setLanguage(initialLanguage());
// The one address of an older explorer (#workload) still opens its view.
if (window.location.hash === '#workload') history.replaceState(null, '', '#/workload');
// An empty store says so where a first look goes, and how to fill it.
firstDocuments()
  .then((docs) => {
    if (docs.total === 0) {
      $('graph-empty').dataset.i18n = 'graph.noPlans';
      $('graph-empty').textContent = t('graph.noPlans');
    }
  })
  .catch(showError);
// the session first: a reporter's forms depend on who is logged in
supervision.start().finally(() => router.start());
// For the browser tests and for poking at the graph from the devtools console.
window.dutygraph = { graph, cy: graph.cy, workload, ledger };

// A printed page says when it was printed (style.css shows it under the text).
function stampPrintDate() {
  const now = new Date();
  const date = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  document.body.dataset.printed = t('print.date', { date });
}
stampPrintDate();
window.addEventListener('beforeprint', stampPrintDate);
