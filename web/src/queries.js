// Every GraphQL document the explorer sends, in one place, written against the
// checked-in schema.graphql at the repository root.

export const SEARCH = `query Search($text: String!, $first: Int!) {
  search(text: $text, first: $first) {
    __typename
    ... on Unit { uid name place aliases }
    ... on Task { uid code text }
    ... on Policy { uid name title docNumber }
    ... on Project { uid name kind }
    ... on Section { uid number sectionTitle: title }
  }
}`;

export const NEIGHBORHOOD = `query Neighborhood($uid: ID!, $depth: Int!, $limit: Int!) {
  neighborhood(uid: $uid, depth: $depth, limit: $limit) {
    nodes { uid label name text place }
    edges { source target type role }
  }
}`;

const TASK_BRIEF = 'uid code ordinal text document { uid title } section { uid number title }';

export const TASK = `query Task($uid: ID!) {
  task(uid: $uid) {
    uid code path text deadline
    source { start end line text }
    document { uid title }
    section { uid number title parent { uid number title parent { uid number title } } }
    assignments { role rank inferred written unit { uid name place } }
    progress { status overdue dueSoon dueDate unit { uid } report { percent note asOf author } }
    policies { uid name }
    projects { uid name }
  }
}`;

export const UNIT = `query Unit($uid: ID!) {
  unit(uid: $uid) {
    uid name place aliases kind level
    hostedBy { uid name place }
    workload { total lead support }
    lead: tasks(role: LEAD, first: 100) { totalCount edges { node { ${TASK_BRIEF} } } }
    support: tasks(role: SUPPORT, first: 100) { totalCount edges { node { ${TASK_BRIEF} } } }
    partners(first: 10) { shared unit { uid name place } }
  }
}`;

export const POLICY = `query Policy($uid: ID!) {
  policy(uid: $uid) {
    uid name title docNumber issuer year kind amount
    projects { uid name }
    tasks { uid code text }
  }
}`;

export const PROJECT = `query Project($uid: ID!) {
  project(uid: $uid) {
    uid name kind
    policies { uid name }
    tasks { uid code text }
    units { uid name }
  }
}`;

export const SECTION = `query Section($uid: ID!) {
  section(uid: $uid) {
    uid number title level
    document { uid title }
    parent { uid number title }
    subsections { uid number title }
    tasks { uid code text }
  }
}`;

// The ranking and the unit × unit matrix of the same scope, in one request.
export const WORKLOAD = `query Workload($first: Int!, $matrix: Int!, $filter: WorkloadFilter) {
  workload(first: $first, filter: $filter) { total lead support unit { uid name place } }
  unitMatrix(first: $matrix, filter: $filter) { units { unit { uid name place } } counts }
}`;

export const DOCUMENT = `query Document($uid: ID!) {
  document(uid: $uid) {
    uid title docNumber issuer date
    sections { uid number title }
  }
}`;

const LEDGER_ROW = `uid code text deadline
      document { uid title place }
      section { uid number title parent { uid number title parent { uid number title } } }
      assignments { role rank inferred unit { uid name place } }
      progress { status overdue unit { uid } report { percent note at } }`;

export const LEDGER = `query Ledger($filter: TaskFilter, $first: Int!, $after: String, $sort: TaskSort!, $reverse: Boolean!) {
  tasks(filter: $filter, first: $first, after: $after, sort: $sort, reverse: $reverse) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${LEDGER_ROW} } }
  }
}`;

export const DOCUMENT_SECTIONS = `query DocumentSections($uid: ID!) {
  document(uid: $uid) {
    uid title
    sections { uid number title subsections { uid number title } }
  }
}`;

export const UNIT_CHOICES = `query UnitChoices($text: String!, $first: Int!) {
  search(text: $text, first: $first) {
    __typename
    ... on Unit { uid name place aliases }
  }
}`;

export const DOCUMENT_LIST = `query DocumentList($first: Int!, $after: String) {
  documents(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { uid title place issuer docNumber date format } }
  }
}`;

// The documents tab's page of the list: DOCUMENT_LIST with each one's parse warnings.
export const DOCUMENT_TABLE = `query DocumentTable($first: Int!, $after: String) {
  documents(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { uid title place issuer docNumber date format warningCount warnings(first: 5) { line message } } }
  }
}`;

export const DOCUMENT_COUNTS = `query DocumentCounts($filter: TaskFilter) {
  tasks(filter: $filter, first: 0) { totalCount }
}`;

export const DOCUMENT_PAGE = `query DocumentPage($uid: ID!, $filter: WorkloadFilter) {
  document(uid: $uid) {
    uid title place issuer docNumber date format source
    warningCount warnings(first: 100) { line message }
    sections { uid number title subsections { uid number title subsections { uid number title } } }
    policies { uid name kind docNumber amount }
    goals { uid year text headline }
  }
  workload(first: 20, filter: $filter) { total lead support unit { uid name place } }
}`;

export const ME = `query Me { me { login role unitName place unit { uid name place } } }`;

const PROGRESS = `progress { role status overdue dueSoon dueDate unit { uid name place } report { uid percent note asOf at author } }`;

// A reporter's to-do: its unit's tasks with the state of each assignment.
export const TODO = `query Todo($filter: TaskFilter, $first: Int!) {
  tasks(filter: $filter, first: $first) {
    totalCount
    edges { node { uid code text deadline document { uid title } section { uid number title } ${PROGRESS} } }
  }
}`;

// Units with no report of their own since a day, never reported first.
const SILENT_PAGE = `totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { total lastReport unit { uid name place } } }`;

// The dashboard's first view in one request: the server counts the units once for both.
export const DASHBOARD = `query Dashboard($filter: ProgressFilter, $first: Int!, $since: Date!, $silent: Int!) {
  progressSummary(filter: $filter, first: $first) {
    total unreported notStarted inProgress done blocked returned overdue dueSoon lastReport
    unit { uid name place }
  }
  silentUnits(since: $since, filter: $filter, first: $silent) { ${SILENT_PAGE} }
  overdue(first: 20, filter: $filter) {
    totalCount
    edges { node { dueDate status task { uid code text } unit { uid name place } } }
  }
}`;

export const SILENT_UNITS = `query SilentUnits($since: Date!, $filter: ProgressFilter, $first: Int!, $after: String) {
  silentUnits(since: $since, filter: $filter, first: $first, after: $after) { ${SILENT_PAGE} }
}`;

export const REPORT_PROGRESS = `mutation Report($task: ID!, $status: ProgressStatus!, $percent: Int, $note: String) {
  reportProgress(task: $task, status: $status, percent: $percent, note: $note) { uid status percent note at }
}`;

// How heavy a unit is, per document: a unit on more tasks than a readable graph holds is
// drawn as one node per document.
export const UNIT_GROUPS = `query UnitGroups($uid: ID!) {
  unit(uid: $uid) {
    uid name place
    workload { total byDocument { title total lead support document { uid } } }
  }
}`;

export const GROUP_TASKS = `query GroupTasks($filter: TaskFilter, $first: Int!) {
  tasks(filter: $filter, first: $first) {
    totalCount
    edges { node { uid code text assignments { role unit { uid } } } }
  }
}`;
