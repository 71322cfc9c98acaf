import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../src/decode.js';
import { clean } from '../src/index.js';

/** Encodes a string as windows-1252 bytes (curly quotes at 0x91-0x94, the dash at 0x97). */
function cp1252(s: string): Uint8Array {
  const map: Record<string, number> = { '\u2018': 0x91, '\u2019': 0x92, '\u201c': 0x93, '\u201d': 0x94, '\u2014': 0x97, '\u00e9': 0xe9 };
  return Uint8Array.from([...s].map((ch) => map[ch] ?? ch.charCodeAt(0)));
}

const ARTICLE = `<p>The mayor said \u201cwe\u2019ll rebuild the bridge\u201d \u2014 and the caf\u00e9 owners cheered the decision loudly on Monday.</p>`.repeat(6);

describe('decodeHtml', () => {
  it('decodes windows-1252 bytes declared by a meta charset, curly quotes intact', async () => {
    const html = `<html><head><meta charset="windows-1252"><title>Bridge</title></head><body><article>${ARTICLE}</article></body></html>`;
    const bytes = cp1252(html);
    const d = decodeHtml(bytes);
    expect(d.encoding).toBe('windows-1252');
    expect(d.text).toContain('\u201cwe\u2019ll rebuild the bridge\u201d');
    const r = await clean({ html: bytes });
    expect(r.error).toBeUndefined();
    expect(r.text).toContain('\u201cwe\u2019ll rebuild the bridge\u201d \u2014 and the caf\u00e9 owners');
  });

  it('reads undeclared UTF-8 as UTF-8, not windows-1252', () => {
    const bytes = new TextEncoder().encode(`<html><body><p>Zürich \u201cquoted\u201d</p></body></html>`);
    const d = decodeHtml(bytes);
    expect(d.source).toBe('utf-8');
    expect(d.text).toContain('Zürich \u201cquoted\u201d');
  });

  it('falls back to windows-1252 for undeclared bytes that are not UTF-8', () => {
    const d = decodeHtml(cp1252('<p>caf\u00e9 \u201cok\u201d</p>'));
    expect(d.source).toBe('fallback');
    expect(d.text).toContain('caf\u00e9 \u201cok\u201d');
  });

  it('lets the HTTP header charset win over the meta tag', () => {
    const sjis = new Uint8Array([0x93, 0xfa, 0x96, 0x7b]); // 日本 in Shift_JIS
    const html = new Uint8Array([...new TextEncoder().encode('<meta charset="utf-8"><p>'), ...sjis, ...new TextEncoder().encode('</p>')]);
    const d = decodeHtml(html, 'text/html; charset=Shift_JIS');
    expect(d.encoding).toBe('shift_jis');
    expect(d.text).toContain('日本');
  });

  it('honours a byte-order mark', () => {
    const d = decodeHtml(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('<p>ü</p>')]));
    expect(d.text).toBe('<p>ü</p>');
  });
});
