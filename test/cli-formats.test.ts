/** `-f text`, `-f markdown` and `-f html` carry the header (title, byline, date, URL) and the comments. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-lib.js';

const ld = {
  '@context': 'https://schema.org',
  '@type': 'NewsArticle',
  headline: 'Harbour wall to be rebuilt by spring',
  author: { '@type': 'Person', name: 'Ann Reporter' },
  datePublished: '2024-03-05T09:30:00Z',
  comment: [
    {
      '@type': 'Comment',
      author: { '@type': 'Person', name: 'Bob Reader' },
      datePublished: '2024-03-05T10:00:00Z',
      // Escaped markup in the JSON-LD: the comment's text holds a literal tag, to be shown, never run.
      text: 'About time. &lt;img src=x onerror="alert(1)"&gt; The old wall *leaked* for years.',
      comment: [{ '@type': 'Comment', author: { '@type': 'Person', name: 'Cat Neighbour' }, datePublished: '2024-03-05T11:00:00Z', text: 'It did, every winter.' }],
    },
  ],
};
const PAGE =
  `<!DOCTYPE html><html lang="en"><head><title>Harbour wall to be rebuilt by spring</title>` +
  `<script type="application/ld+json">${JSON.stringify(ld)}</script></head><body><article><h1>Harbour wall to be rebuilt by spring</h1>` +
  `${Array.from({ length: 5 }, (_, i) => `<p>The harbour board voted on Tuesday, paragraph ${i}, to rebuild the sea wall before the spring tides arrive in the bay.</p>`).join('')}` +
  `</article></body></html>`;
const URL_ = 'https://news.example.com/2024/harbour-wall';

let file: string;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'declutter-formats-'));
  file = path.join(dir, 'story.html');
  writeFileSync(file, PAGE);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('human formats carry the metadata and the comments', () => {
  it('text: title, byline, date and URL on top, the comments (replies indented) after the body', async () => {
    const r = await runCli(['clean', file, '--url', URL_, '-f', 'text']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Harbour wall to be rebuilt by spring\n\nBy Ann Reporter\nPublished 2024-03-05T09:30:00(\.000)?Z\nhttps:\/\/news\.example\.com\/2024\/harbour-wall\n\nThe harbour board/,
    );
    expect(r.stdout).toMatch(/\n\nComments \(2\)\n\nBob Reader · 2024-03-05T10:00:00(\.000)?Z\nAbout time\. <img src=x onerror="alert\(1\)"> The old wall \*leaked\* for years\.\n\n {2}Cat Neighbour · [^\n]+\n {2}It did, every winter\.\n$/);
  });

  it('markdown: a heading, the byline line, and a Comments section with replies quoted', async () => {
    const r = await runCli(['clean', file, '--url', URL_, '-f', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Harbour wall to be rebuilt by spring\n\nBy Ann Reporter {2}\nPublished [^\n]+ {2}\n<https:\/\/news\.example\.com\/2024\/harbour-wall>\n\n/);
    expect(r.stdout).toContain('## Comments (2)\n\n**Bob Reader · 2024-03-05T10:00:00');
    expect(r.stdout).toContain('About time. \\<img src=x onerror="alert(1)"\\> The old wall \\*leaked\\* for years.');
    expect(r.stdout).toMatch(/\n> \*\*Cat Neighbour · [^\n]+\*\*\n>\n> It did, every winter\.\n$/);
  });

  it('html: a header and a comments section built from the comment text, with no markup of the page', async () => {
    const r = await runCli(['clean', file, '--url', URL_, '-f', 'html']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<header>\n<h1>Harbour wall to be rebuilt by spring</h1>\n<p class="byline">By Ann Reporter</p>');
    expect(r.stdout).toMatch(/<time datetime="2024-03-05T09:30:00(\.000)?Z">/);
    expect(r.stdout).toContain(`<a href="${URL_}">`);
    expect(r.stdout).toContain('<section class="comments">\n<h2>Comments (2)</h2>');
    expect(r.stdout).toContain('<article class="comment" data-depth="1">');
    expect(r.stdout).toContain('About time. &lt;img src=x onerror="alert(1)"&gt; The old wall *leaked* for years.');
    expect(r.stdout).not.toMatch(/<img/);
  });

  it('--no-meta and --no-comments leave them out', async () => {
    const r = await runCli(['clean', file, '--url', URL_, '-f', 'text', '--no-meta', '--no-comments']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^The harbour board voted/);
    expect(r.stdout).not.toMatch(/Ann Reporter|Comments|Bob Reader|news\.example\.com/);
    const html = await runCli(['clean', file, '-f', 'html', '--no-comments']);
    expect(html.stdout).toContain('<p class="byline">By Ann Reporter</p>');
    expect(html.stdout).not.toContain('class="comments"');
  });
});
