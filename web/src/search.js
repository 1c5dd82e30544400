// The search box: asks the API's `search` as the user types and lists the hits as a
// keyboard-navigable listbox (arrow keys move, Enter opens, Escape goes back).
import { gql } from './api.js';
import { clip, h } from './dom.js';
import { enumText, t } from './i18n.js';
import { KINDS } from './kinds.js';
import { SEARCH } from './queries.js';

const DELAY_MS = 250;

function describe(hit) {
  switch (hit.__typename) {
    case 'Unit':
      return {
        name: hit.name,
        place: hit.place,
        extra: hit.aliases?.length ? `${t('details.aliases')} ${hit.aliases.join('、')}` : '',
      };
    case 'Task':
      return { name: `${hit.code} ${clip(hit.text, 40)}`, extra: '' };
    case 'Policy':
      return { name: hit.name, extra: hit.docNumber || clip(hit.title, 30) };
    case 'Project':
      return { name: hit.name, extra: enumText('project', hit.kind) };
    case 'Section':
      return { name: `${hit.number} ${hit.sectionTitle}`, extra: '' };
    default:
      return { name: hit.uid, extra: '' };
  }
}

export class SearchBox {
  /**
   * @param {{input: HTMLInputElement, list: HTMLElement, status: HTMLElement}} els
   * @param {(hit: {uid: string, kind: string, name: string}) => void} onOpen
   */
  constructor(els, onOpen) {
    Object.assign(this, els);
    this.onOpen = onOpen;
    this.hits = [];
    this.seq = 0;
    this.timer = null;
    this.input.addEventListener('input', () => this.schedule());
    this.input.addEventListener('keydown', (event) => this.onInputKey(event));
    this.list.addEventListener('keydown', (event) => this.onListKey(event));
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), DELAY_MS);
  }

  async run() {
    const text = this.input.value.trim();
    const seq = ++this.seq;
    if (text.length < 2) {
      this.render([], text ? t('search.short') : '');
      return;
    }
    try {
      const data = await gql(SEARCH, { text, first: 30 });
      if (seq !== this.seq) return; // a newer query has been sent meanwhile
      const hits = data.search;
      this.render(hits, hits.length ? t('search.count', { n: hits.length }) : t('search.none'));
    } catch (err) {
      if (seq === this.seq) this.render([], `${t('error.prefix')}${err.message}`);
    }
  }

  /** Draws the hits again, e.g. after a language change. */
  refresh() {
    if (this.input.value.trim()) this.run();
  }

  render(hits, status) {
    this.hits = hits;
    this.status.textContent = status;
    this.list.replaceChildren(
      ...hits.map((hit, i) => {
        const { name, place, extra } = describe(hit);
        const kind = hit.__typename;
        return h(
          'li',
          {
            id: `search-result-${i}`,
            role: 'option',
            tabindex: i === 0 ? 0 : -1,
            'aria-selected': 'false',
            'data-testid': 'search-result',
            'data-uid': hit.uid,
            'data-kind': kind,
            onClick: () => this.open(i),
          },
          h('span', { className: 'badge', style: `background:${KINDS[kind]?.color ?? '#888'}` }, t(`kind.${kind}`)),
          h('span', { className: 'hit-name' }, name),
          place ? h('span', { className: 'place', 'data-testid': 'search-place' }, place) : null,
          extra ? h('span', { className: 'hit-extra' }, extra) : null,
        );
      }),
    );
    this.input.setAttribute('aria-expanded', hits.length ? 'true' : 'false');
  }

  open(index) {
    const hit = this.hits[index];
    if (!hit) return;
    const { name } = describe(hit);
    this.onOpen({ uid: hit.uid, kind: hit.__typename, name: hit.name ?? name });
  }

  items() {
    return [...this.list.querySelectorAll('[role="option"]')];
  }

  focusItem(index) {
    const items = this.items();
    if (!items.length) return;
    const i = Math.max(0, Math.min(index, items.length - 1));
    items.forEach((el, j) => {
      el.tabIndex = j === i ? 0 : -1;
      el.setAttribute('aria-selected', j === i ? 'true' : 'false');
    });
    items[i].focus();
  }

  onInputKey(event) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      this.focusItem(0);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      clearTimeout(this.timer);
      // Enter in the box opens the first hit once the search has answered.
      this.run().then(() => this.open(0));
    }
  }

  onListKey(event) {
    const items = this.items();
    const index = items.indexOf(document.activeElement);
    if (index < 0) return;
    const moves = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: items.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      if (event.key === 'ArrowUp' && index === 0) this.input.focus();
      else this.focusItem(moves[event.key]);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.open(index);
    } else if (event.key === 'Escape') {
      this.input.focus();
    }
  }
}
