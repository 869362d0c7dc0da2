// A small, safe Markdown subset rendered straight to DOM nodes (never innerHTML): paragraphs, # headings, - lists,
// ``` fences, `code`, **bold**, *italic*, and [links](https://...) to http(s) addresses only. HTML stays text.
import { el } from './dom.js';

const INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*|_[^_\s][^_]*_)|(\[[^\]]+\]\([^)\s]+\))/;

export function inline(text) {
  const nodes = [];
  let rest = text;
  while (rest) {
    const match = INLINE.exec(rest);
    if (!match) {
      nodes.push(document.createTextNode(rest));
      break;
    }
    if (match.index) nodes.push(document.createTextNode(rest.slice(0, match.index)));
    const token = match[0];
    if (match[1]) nodes.push(el('code', {}, token.slice(1, -1)));
    else if (match[2]) nodes.push(el('strong', {}, ...inline(token.slice(2, -2))));
    else if (match[3]) nodes.push(el('em', {}, ...inline(token.slice(1, -1))));
    else nodes.push(link(token));
    rest = rest.slice(match.index + token.length);
  }
  return nodes;
}

function link(token) {
  const [, label, href] = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token);
  let url = null;
  try {
    url = new URL(href);
  } catch (e) {
    url = null;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return document.createTextNode(token);
  return el('a', { href: url.href, rel: 'noopener noreferrer', target: '_blank' }, label);
}

export function markdown(source) {
  const root = el('div', { class: 'markdown' });
  const lines = String(source ?? '').replace(/\r\n?/g, '\n').split('\n');
  let paragraph = [];
  let list = null;
  const flush = () => {
    if (paragraph.length) root.append(el('p', {}, ...inline(paragraph.join(' '))));
    paragraph = [];
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('```')) {
      flush();
      const code = [];
      for (i++; i < lines.length && !lines[i].startsWith('```'); i++) code.push(lines[i]);
      root.append(el('pre', {}, el('code', {}, code.join('\n'))));
      continue;
    }
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const item = /^\s*[-*]\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      root.append(el('h' + (heading[1].length + 2), {}, ...inline(heading[2])));
    } else if (item) {
      if (paragraph.length) flush();
      if (!list) {
        list = el('ul');
        root.append(list);
      }
      list.append(el('li', {}, ...inline(item[1])));
    } else if (!line.trim()) {
      flush();
    } else {
      list = null;
      paragraph.push(line.trim());
    }
  }
  flush();
  return root;
}
