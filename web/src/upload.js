// An admin's upload of a plan (POST /documents/preview, then /documents/load): choose a
// file, see how it parsed (counts, lead coverage, warnings) before anything is written,
// then load it, or load it as a new edition of a document. Refusals show as one line.
import { post } from './api.js';
import { forgetDocuments } from './catalog.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { documentFacts } from './labels.js';
import { nodeHash } from './router.js';

/** Parse warnings as a list: 第 6 行：numbered item has no responsibility clause. */
export function warningList(warnings, testid) {
  return h('ul', { className: 'warnings', 'data-testid': testid }, warnings.map((w) =>
    h('li', null, h('span', { className: 'muted' }, t('documents.warningLine', { line: w.line })), w.message)));
}

/**
 * The upload panel. `replace`: the uid of the document a new edition replaces (null: the
 * file is loaded as itself, replacing a document of the same file name, as the CLI does).
 * @param {{replace?: string | null, onLoaded: (loaded: {uid: string}) => void}} options
 */
export function uploadPanel({ replace = null, onLoaded }) {
  const status = h('p', { className: 'status', 'data-testid': 'upload-status', 'aria-live': 'polite' });
  const preview = h('div', { 'data-testid': 'upload-preview' });
  const input = h('input', { type: 'file', 'data-testid': 'upload-file', 'aria-label': t('upload.choose') });

  const say = (text, error = false) => {
    status.className = error ? 'status error' : 'status';
    status.replaceChildren(text);
  };
  const form = (file) => {
    const body = new FormData();
    body.append('file', file);
    if (replace) body.append('replace', replace);
    return body;
  };
  const clear = () => {
    input.value = '';
    preview.replaceChildren();
  };

  async function load(file) {
    preview.replaceChildren();
    say(t('upload.loading'));
    let done;
    try {
      done = await post('/documents/load', form(file));
    } catch (err) {
      say(err.message, true);
      return;
    }
    forgetDocuments();
    clear();
    status.replaceChildren(t('upload.loaded', done.loaded), ' ',
      h('a', { href: nodeHash('Document', done.loaded.uid), 'data-testid': 'upload-open' }, t('upload.open')));
    onLoaded(done.loaded);
  }

  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    preview.replaceChildren();
    if (!file) return;
    say(t('upload.reading', { name: file.name }));
    let shown;
    try {
      shown = await post('/documents/preview', form(file));
    } catch (err) {
      say(err.message, true);
      return;
    }
    say('');
    preview.replaceChildren(...previewOf(shown, () => load(file), clear));
  });

  return h('section', { className: 'upload admin-only', 'data-testid': 'upload-panel' },
    h('h3', null, t(replace ? 'upload.replaceTitle' : 'upload.title')),
    h('p', { className: 'muted note' }, t(replace ? 'upload.replaceHint' : 'upload.hint')),
    input, status, preview);
}

function previewOf(shown, load, cancel) {
  const c = shown.counts;
  const more = shown.warningCount - shown.warnings.length;
  return [
    h('h4', null, t('upload.preview')),
    h('p', null, h('strong', { 'data-testid': 'upload-title' }, shown.title), ' ',
      h('span', { className: 'muted' }, [shown.file, documentFacts(shown)].filter(Boolean).join(' · '))),
    h('p', { 'data-testid': 'upload-counts' }, t('upload.counts', c)),
    h('p', { 'data-testid': 'upload-leads' },
      t('upload.leads', { named: c.leadNamed, inferred: c.leadInferred, missing: c.leadMissing })),
    shown.replaces
      ? h('p', { 'data-testid': 'upload-replaces' }, t('upload.replaces', shown.replaces))
      : null,
    shown.duplicateOf
      ? h('p', { className: 'error', 'data-testid': 'upload-twin' }, t('upload.twin', { source: shown.duplicateOf }))
      : null,
    h('p', { 'data-testid': 'upload-warning-count', 'data-count': shown.warningCount },
      `${t('documents.warnings')}：${shown.warningCount || t('documents.warningsNone')}`),
    shown.warnings.length ? warningList(shown.warnings, 'upload-warnings') : null,
    more > 0 ? h('p', { className: 'muted' }, t('documents.warningsStored', { total: shown.warningCount, n: shown.warnings.length })) : null,
    h('div', { className: 'actions' },
      shown.duplicateOf
        ? null
        : h('button', { 'data-testid': 'upload-load', onClick: load }, t(shown.replaces ? 'upload.replace' : 'upload.load')),
      ' ',
      h('button', { 'data-testid': 'upload-cancel', onClick: cancel }, t('upload.cancel'))),
  ];
}
