// Every view has its own address in the hash, so reload, back and forward work and a
// link can be sent to a colleague:
//   #/                      the graph, empty
//   #/unit/<uid>            the graph around a node, its details beside it (also task,
//                           policy, project, section)
//   #/document/<uid>        a document's page;  #/documents  the list of plans
//   #/ledger?unit=…&role=…  the task ledger with its filters
//   #/workload?document=…   the workload ranking
//   #/supervision           a reporter's to-do, a supervisor's dashboard, or the login

const NODE_ROUTES = { unit: 'Unit', task: 'Task', policy: 'Policy', project: 'Project', section: 'Section' };

/**
 * @typedef {{view: string, kind?: string, uid?: string, params: URLSearchParams}} Route
 */

/** The route a hash names; an unknown one is the empty graph. @returns {Route} */
export function parse(hash) {
  const text = hash.replace(/^#\/?/, '');
  const [path, query = ''] = text.split('?', 2);
  const params = new URLSearchParams(query);
  const [head, ...rest] = path.split('/');
  const uid = rest.length ? decodeURIComponent(rest.join('/')) : undefined;
  if (head in NODE_ROUTES && uid) return { view: 'explorer', kind: NODE_ROUTES[head], uid, params };
  if (head === 'document' && uid) return { view: 'documents', kind: 'Document', uid, params };
  if (['ledger', 'workload', 'documents', 'supervision'].includes(head)) return { view: head, params };
  return { view: 'explorer', params };
}

/** The hash of a node's page: #/unit/<uid>, #/document/<uid>, …; null for a kind that
 * has none (a goal is shown in the graph only). */
export function nodeHash(kind, uid) {
  const named = kind === 'Document' || Object.values(NODE_ROUTES).includes(kind);
  return named ? `#/${kind.toLowerCase()}/${encodeURIComponent(uid)}` : null;
}

/** The hash of a view with its filters (empty values left out). */
export function viewHash(view, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v !== null && v !== undefined));
  const text = query.toString();
  return `#/${view}${text ? `?${text}` : ''}`;
}

export class Router {
  /** @param {(route: Route) => void} render draws the view a route names */
  constructor(render) {
    this.render = render;
    this.quiet = null;
    window.addEventListener('hashchange', () => {
      if (window.location.hash === this.quiet) {
        this.quiet = null;
        return;
      }
      this.render(parse(window.location.hash));
    });
  }

  /** Draws the view of the current address (on load). */
  start() {
    this.render(parse(window.location.hash));
  }

  /** Goes to `hash` and draws it. */
  go(hash) {
    if (window.location.hash === hash) this.render(parse(hash));
    else window.location.hash = hash;
  }

  /** Records `hash` as a new history entry for what the page already shows. */
  record(hash) {
    if (!hash || window.location.hash === hash) return;
    this.quiet = hash;
    window.location.hash = hash;
  }

  /** Changes the address of what is shown without a new history entry (a filter moved). */
  replace(hash) {
    if (window.location.hash !== hash) history.replaceState(null, '', hash);
  }
}
