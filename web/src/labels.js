// How the views name things the graph holds: a unit with its place, a section path.

/** The section path of a task, top part first: 二 责任分工 › （一）巩固… */
export function sectionPath(section) {
  const parts = [];
  for (let s = section; s; s = s.parent) parts.unshift(`${s.number} ${s.title}`);
  return parts.join(' › ');
}

/** A unit's name with its place, for where several places' units meet. */
export function unitLabel(unit) {
  return unit.place ? `${unit.name}（${unit.place}）` : unit.name;
}

/** A document's line of facts: place, issuer, number, date. */
export function documentFacts(doc) {
  return [doc.place, doc.issuer, doc.docNumber, doc.date].filter(Boolean).join(' · ');
}
