// The plans the filters offer: the first page of documents by title, asked once. Past it
// a filter says how many more there are, and the documents tab lists them all.
import { gql } from './api.js';
import { DOCUMENT_LIST } from './queries.js';

const FIRST = 100; // the API's cap on `first`

let asked = null;

/** The first documents by title, with `total` (every loaded one) and `more`. */
export function firstDocuments() {
  asked ??= gql(DOCUMENT_LIST, { first: FIRST, after: null })
    .then(({ documents }) => Object.assign(documents.edges.map((e) => e.node), {
      total: documents.totalCount,
      more: documents.pageInfo.hasNextPage,
    }))
    .catch((err) => {
      asked = null; // asked again next time, when the server may be back
      throw err;
    });
  return asked;
}

/** Forgets the documents asked for: a plan was loaded or unloaded. */
export function forgetDocuments() {
  asked = null;
}
