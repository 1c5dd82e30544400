// How each node kind looks, in the graph and in lists: one colour and shape per kind.

export const KINDS = {
  Unit: { color: '#2563eb', shape: 'round-rectangle' },
  Task: { color: '#ea580c', shape: 'ellipse' },
  Policy: { color: '#16a34a', shape: 'diamond' },
  Project: { color: '#9333ea', shape: 'hexagon' },
  Section: { color: '#64748b', shape: 'tag' },
  Document: { color: '#0f172a', shape: 'barrel' },
  Goal: { color: '#ca8a04', shape: 'star' },
  // a folded busy unit's tasks in one document
  Group: { color: '#94a3b8', shape: 'round-rectangle' },
};

export const KIND_NAMES = Object.keys(KINDS);

export const LEAD_COLOR = '#dc2626';
export const SUPPORT_COLOR = '#2563eb';
export const OTHER_COLOR = '#94a3b8';
