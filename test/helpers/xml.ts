import { SaxesParser } from 'saxes';

// A strict XML reader for tests (saxes, already installed with exceljs): parses into a small tree
// so that generated files (SEPA pain.001) can be read back element by element.

export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

export function parseXml(source: string): XmlNode {
  const parser = new SaxesParser({ xmlns: true });
  const root: XmlNode = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attributes[k] = typeof v === 'string' ? v : v.value;
    const node: XmlNode = { name: tag.local ?? tag.name, attributes, children: [], text: '' };
    stack[stack.length - 1].children.push(node);
    stack.push(node);
  });
  parser.on('text', (t) => {
    stack[stack.length - 1].text += t;
  });
  parser.on('closetag', () => {
    const node = stack.pop()!;
    node.text = node.text.trim();
  });
  parser.write(source).close();
  return root.children[0];
}

/** The first descendant at a slash path, e.g. "CstmrCdtTrfInitn/GrpHdr/CtrlSum". */
export function xmlAt(node: XmlNode, path: string): XmlNode {
  let current = node;
  for (const part of path.split('/')) {
    const next = current.children.find((c) => c.name === part);
    if (!next) throw new Error(`no <${part}> under <${current.name}> (path ${path})`);
    current = next;
  }
  return current;
}

export function xmlAll(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/** The namespace URI of the root element. */
export function xmlNamespace(source: string): string {
  return /<Document[^>]*xmlns="([^"]+)"/.exec(source)?.[1] ?? '';
}
