// A tiny element builder: text always goes in as text nodes, never as HTML. Nothing in
// the explorer sets innerHTML: a plan's text (unit names, titles) is data, and the page
// runs under a Content-Security-Policy without inline scripts or style attributes.

// Links the explorer makes point into the page (#/unit/…), at its own server, or at a
// blob it made: never a javascript: or foreign URL, whatever a plan's text holds.
const SAFE_URL = /^(#|\/(?!\/)|blob:)/;

/**
 * @param {string} tag
 * @param {Record<string, any> | null} [attrs] attributes; `on*` functions become listeners
 * @param {...(Node | string | number | null | undefined | false | Array<any>)} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'className') {
      el.className = value;
    } else if (name === 'style') {
      // through the CSSOM: a style *attribute* is inline style, which the CSP refuses
      el.style.cssText = value;
    } else if ((name === 'href' || name === 'src') && !SAFE_URL.test(String(value))) {
      throw new Error(`unsafe ${name}: ${value}`);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** Shortens `text` to `max` characters with an ellipsis. */
export function clip(text, max) {
  if (!text) return '';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
