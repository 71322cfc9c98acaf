/**
 * declutter's fork of linkedom: the changes made to linkedom's source when it is bundled
 * (scripts/bundle-linkedom.ts) into dist/vendor/linkedom.js. Each removes work or garbage that declutter pays for
 * on every node of every page and leaves what a caller can observe as it was; each has its own test in
 * test/linkedom-vendor.test.ts, and the whole copy is compared with stock linkedom there. Each replacement must
 * match linkedom's text exactly: if a linkedom update changes it, the build stops rather than ship an unpatched
 * or half-patched copy. Nothing patches linkedom at run time: the installed package is left as it is.
 *
 * Versioned: LINKEDOM_FORK names the linkedom release the patches are written against (package.json pins it)
 * and the fork's revision (raise it with any change to a patch). The bundle opens with that name and points
 * to THIRD_PARTY_NOTICES for linkedom's ISC licence and the licences of the packages it inlines.
 */
export const LINKEDOM_FORK = { linkedom: '0.18.14', revision: 6 } as const;

/** The first line of the bundle. */
export const forkBanner = (): string =>
  `/*! linkedom ${LINKEDOM_FORK.linkedom} (ISC, Andrea Giammarchi), declutter fork r${LINKEDOM_FORK.revision}: ` +
  `patches in scripts/linkedom-patches.ts; licences of linkedom and the packages it inlines in THIRD_PARTY_NOTICES */`;

export interface LinkedomPatch {
  /** The file under linkedom/esm/. */
  file: string;
  why: string;
  replacements: Array<[from: string, to: string]>;
}

export const LINKEDOM_PATCHES: LinkedomPatch[] = [
  {
    file: 'interface/event-target.js',
    why: "a node's listener map is made by its first addEventListener, not by every constructor",
    replacements: [
      ['  constructor() {\n    wm.set(this, new Map);\n  }', '  constructor() {}'],
      [
        '  addEventListener(type, listener, options) {\n    const map = wm.get(this);\n',
        '  addEventListener(type, listener, options) {\n    let map = wm.get(this);\n    if (!map) wm.set(this, map = new Map);\n',
      ],
      [
        '  removeEventListener(type, listener) {\n    const map = wm.get(this);\n    if (map.has(type)) {',
        '  removeEventListener(type, listener) {\n    const map = wm.get(this);\n    if (map && map.has(type)) {',
      ],
    ],
  },
  {
    file: 'shared/parse-from-string.js',
    // linkedom's parser sets `className`, which builds the element's DOMTokenList (a Set), clears it, splits the
    // value again, refills it and writes the joined tokens back to the attribute. The attribute gets the same
    // string here (unique non-empty tokens split at \s+, one space between) and the list is built, from it, by
    // the first `classList` read, as it is for an attribute set without the parser.
    why: "a class attribute's value is normalised while parsing without building a DOMTokenList",
    replacements: [
      [
        "  if (attribute.name === 'class')\n    element.className = value;\n",
        "  if (attribute.name === 'class')\n    attribute[VALUE] = /\\s/.test(value) ? [...new Set(value.split(/\\s+/).filter(Boolean))].join(' ') : value;\n",
      ],
    ],
  },
  {
    file: 'shared/utils.js',
    // `tagName` and `nodeName` upper-case the local name on every read (Readability reads them for every node,
    // several times); the few names a page uses are upper-cased once. Bounded, for pages that invent tag names.
    why: 'upper-case tag names are remembered, not made anew on every tagName read',
    replacements: [
      [
        'export const localCase = ({localName, ownerDocument}) => {\n  return ownerDocument[MIME].ignoreCase ? localName.toUpperCase() : localName;\n};',
        'const upperNames = new Map;\n' +
          'export const localCase = ({localName, ownerDocument}) => {\n' +
          '  if (!ownerDocument[MIME].ignoreCase) return localName;\n' +
          '  let upper = upperNames.get(localName);\n' +
          '  if (upper === undefined) {\n' +
          '    if (upperNames.size >= 1000) upperNames.clear();\n' +
          '    upperNames.set(localName, upper = localName.toUpperCase());\n' +
          '  }\n' +
          '  return upper;\n' +
          '};',
      ],
    ],
  },
  {
    file: 'interface/element.js',
    // getAttributeNames: a plain array, as the DOM standard and browsers give; linkedom's NodeList is an Array
    // subclass, several times slower to make and fill, and the selector walk asks every element with attributes.
    why: 'getAttributeNames returns a plain array; textContent is concatenated, not joined from an array; className is read from the attribute',
    replacements: [
      // linkedom answers `className` by building a DOMTokenList (a Set) on first read and joining it on every read;
      // declutter's steps and Readability read the classes of most elements several times a page. The same string
      // is made from the attribute (every classList change is written back to it): unique tokens split at \s+,
      // one space between, remembered for the class strings a page repeats (bounded, as the tag names above).
      [
        '  get className() { return this.classList.value; }',
        '  get className() {\n' +
          "    const attribute = this.getAttributeNode('class');\n" +
          "    if (!attribute) return '';\n" +
          '    const {value} = attribute;\n' +
          '    if (!/\\s/.test(value)) return value;\n' +
          '    let normal = classNames.get(value);\n' +
          '    if (normal === undefined) {\n' +
          '      if (classNames.size >= 20000) classNames.clear();\n' +
          "      classNames.set(value, normal = [...new Set(value.split(/\\s+/).filter(Boolean))].join(' '));\n" +
          '    }\n' +
          '    return normal;\n' +
          '  }',
      ],
      ['export class Element extends ParentNode {', 'const classNames = new Map;\n\nexport class Element extends ParentNode {'],
      ['  getAttributeNames() {\n    const attributes = new NodeList;\n', '  getAttributeNames() {\n    const attributes = [];\n'],
      // Most elements read hold one text node: its string comes back as it is, with no array and no copy.
      [
        '  get textContent() {\n    const text = [];\n    let {[NEXT]: next, [END]: end} = this;\n    while (next !== end) {\n      const nodeType = next.nodeType;\n      if (nodeType === TEXT_NODE || nodeType === CDATA_SECTION_NODE)\n        text.push(next.textContent);\n      next = next[NEXT];\n    }\n    return text.join(\'\');\n  }',
        '  get textContent() {\n    let text = \'\';\n    let {[NEXT]: next, [END]: end} = this;\n    while (next !== end) {\n      const nodeType = next.nodeType;\n      if (nodeType === TEXT_NODE || nodeType === CDATA_SECTION_NODE)\n        text += next.textContent;\n      next = next[NEXT];\n    }\n    return text;\n  }',
      ],
    ],
  },
  {
    file: 'interface/document.js',
    // A deep clone of a document copies its nodes with each node's cloneNode, which makes them for the node's own
    // document: the copies' ownerDocument stays the original, so `isConnected` (a walk up to the ownerDocument)
    // is false for every node of the copy, and the strip step, which skips what is no longer in the page, left the
    // copy whole. The thin-body retries run on such copies (src/pipeline.ts). The copies are given to the new
    // document, by one walk of its node list, as a browser's clone does.
    why: "a cloned document's nodes belong to the clone (ownerDocument, isConnected), as in the DOM standard",
    replacements: [
      [
        '      for (let {length} = childNodes, i = 0; i < length; i++)\n        document.insertBefore(childNodes[i].cloneNode(true), end);\n',
        '      for (let {length} = childNodes, i = 0; i < length; i++)\n        document.insertBefore(childNodes[i].cloneNode(true), end);\n' +
          '      for (let node = document[NEXT]; node !== end; node = node[NEXT])\n        node.ownerDocument = document;\n',
      ],
    ],
  },
  {
    file: 'index.js',
    // linkedom keeps a document's nodes in one linked list in document order (each element, its attributes, its
    // children, then the element's end marker), and derives firstChild, nextSibling and childNodes from it. A walk
    // of every element under a node follows that list (src/dom/select.ts) instead of asking each element for its
    // children through those getters, which declutter's steps did about twenty times a page.
    why: "the symbols of a node's document-order links (next node, end marker) are exported, for walks of a subtree",
    replacements: [["export {DOMParser};\n", "export {DOMParser};\nexport {NEXT as nextNodeSymbol, END as endNodeSymbol} from './shared/symbols.js';\n"]],
  },
  {
    file: 'shared/matches.js',
    // querySelector(All) and closest compiled their selector on every call; Readability asks the same few tag
    // lists (`_getAllNodesWithTag`) hundreds of times a page. Each selector string is compiled once (bounded, per
    // case mode; `:scope` ones, whose test holds the element, are compiled per call as before), without css-select's
    // per-element result caches (`:has()`, `:contains()`): a kept test must answer for the tree as it is at each
    // call, as a new one did.
    why: 'selectors are compiled once, not on every querySelector, querySelectorAll and closest',
    replacements: [
      [
        'export const prepareMatch = (element, selectors) => CSSselect.compile(\n  selectors,\n  {\n    context: selectors.includes(\':scope\') ? element : void 0,\n    xmlMode: !ignoreCase(element),\n    adapter\n  }\n);\n',
        'const compiledSelectors = [new Map, new Map];\n' +
          'export const prepareMatch = (element, selectors) => {\n' +
          '  const xmlMode = !ignoreCase(element);\n' +
          "  if (typeof selectors !== 'string' || selectors.includes(':scope'))\n" +
          "    return CSSselect.compile(selectors, {context: selectors.includes(':scope') ? element : void 0, xmlMode, adapter});\n" +
          '  const compiled = compiledSelectors[xmlMode ? 1 : 0];\n' +
          '  let test = compiled.get(selectors);\n' +
          '  if (test === undefined) {\n' +
          '    if (compiled.size >= 1000) compiled.clear();\n' +
          '    compiled.set(selectors, test = CSSselect.compile(selectors, {context: void 0, xmlMode, adapter, cacheResults: false}));\n' +
          '  }\n' +
          '  return test;\n' +
          '};\n',
      ],
    ],
  },
  {
    file: 'interface/css-style-declaration.js',
    // Every read of a style property (Readability reads `style.display` and `style.visibility` of most elements)
    // turned its name into the hyphenated CSS name with a regular expression; the few names a page reads are
    // converted once (bounded, as the tag names above).
    why: "a style property's CSS name is worked out once per name, not on every read and write",
    replacements: [
      [
        "import uhyphen from 'uhyphen';\n",
        "import hyphenate from 'uhyphen';\n\n" +
          'const hyphenated = new Map;\n' +
          'const uhyphen = name => {\n' +
          '  let css = hyphenated.get(name);\n' +
          '  if (css === undefined) {\n' +
          '    if (hyphenated.size >= 1000) hyphenated.clear();\n' +
          '    hyphenated.set(name, css = hyphenate(name));\n' +
          '  }\n' +
          '  return css;\n' +
          '};\n',
      ],
    ],
  },
];

/** The patch for a file of linkedom's, if any (`path` ends with the file's path under esm/). */
export function patchFor(path: string): LinkedomPatch | undefined {
  const normal = path.replace(/\\/g, '/');
  return LINKEDOM_PATCHES.find((p) => normal.endsWith(`/linkedom/esm/${p.file}`));
}

/** Applies a patch's replacements to the file's text; throws naming the first that no longer matches. */
export function applyPatch(patch: LinkedomPatch, source: string): string {
  let out = source;
  for (const [from, to] of patch.replacements) {
    if (!out.includes(from)) throw new Error(`linkedom's ${patch.file} changed: the patch no longer applies at:\n${from}`);
    out = out.replace(from, to);
  }
  return out;
}
