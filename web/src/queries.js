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
    nodes { uid label name }
    edges { source target type role }
  }
}`;

const TASK_BRIEF = 'uid code ordinal text section { uid number title }';

export const TASK = `query Task($uid: ID!) {
  task(uid: $uid) {
    uid code path text deadline
    source { start end line text }
    document { uid title }
    section { uid number title parent { uid number title parent { uid number title } } }
    assignments { role rank inferred written unit { uid name place } }
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

export const DOCUMENTS = `query Documents($after: String) {
  documents(first: 100, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { uid title sections { uid number title subsections { uid number title } } } }
  }
}`;

export const WORKLOAD = `query Workload($first: Int!, $filter: WorkloadFilter) {
  workload(first: $first, filter: $filter) { total lead support unit { uid name place } }
}`;

export const TASKS_WITH_UNITS = `query TasksWithUnits($filter: TaskFilter, $first: Int!, $after: String) {
  tasks(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { uid units { uid } } }
  }
}`;

export const DOCUMENT = `query Document($uid: ID!) {
  document(uid: $uid) {
    uid title docNumber issuer date
    sections { uid number title }
  }
}`;
