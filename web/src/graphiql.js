// The GraphQL IDE, built from npm and served by dutygraph itself (no CDN). Its fetcher
// talks to /graphql on the page's own origin.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './graphiql-page.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

const EXAMPLE = `# dutygraph: who must do what. Press Ctrl-Enter to run.
{
  workload(first: 5) {
    unit { name }
    total
    lead
    support
  }
}
`;

const fetcher = createGraphiQLFetcher({ url: new URL('/graphql', window.location.origin).href });

// The logo corner links back to the explorer.
const logo = createElement(
  GraphiQL.Logo,
  null,
  createElement('a', { href: '/', 'data-testid': 'graphiql-home' }, 'dutygraph'),
);

createRoot(document.getElementById('graphiql')).render(
  createElement(GraphiQL, { fetcher, defaultQuery: EXAMPLE }, logo),
);
