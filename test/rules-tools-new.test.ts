import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRuleFile } from '../src/rules/load.js';
import { isGeneratedClass, scaffoldOutletRule } from '../src/cli/rule-tools/new.js';
import { testRules } from '../src/cli/rule-tools/test.js';

const tmp = mkdtempSync(join(tmpdir(), 'declutter-new-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SENTENCES = [
  'The council voted on Tuesday to rebuild the harbour wall after the winter storms broke it in three places.',
  'Engineers said the work would take two summers and cost more than the town had set aside for repairs.',
  'Fishermen asked for a temporary pier while the builders are at work on the north end of the quay.',
  'The mayor promised an answer within a month and said the county had offered to share part of the bill.',
];
// A page whose body is split into paragraph groups with a share bar, a figure and a link list between them,
// and whose class names mix stable names with generated ones.
const PAGE = `<!doctype html><html><head><title>Harbour wall | Gazette</title></head><body>
<nav class="site-nav"><a href="/">Home</a> <a href="/news">News</a></nav>
<main><article class="story sc-1x2y3z"><h1 class="story-headline kQteBV">Harbour wall to be rebuilt</h1>
<div class="story-body css-9f8e7d">
<div class="text-group"><p>${SENTENCES[0]}</p><p>${SENTENCES[1]}</p></div>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<figure class="story-image"><img src="a.jpg" alt=""><figcaption>The harbour wall after the storm. Photo: Jane Roe</figcaption></figure>
<div class="text-group"><p>${SENTENCES[2]}</p><p>${SENTENCES[3]}</p></div>
<div class="more-links"><a href="/a">Storm hits the quay</a> <a href="/b">Five harbour walks</a></div>
</div></article></main>
<aside class="sidebar"><p>Most read: a story about something else entirely, told at some length here.</p></aside>
</body></html>`;

function setup(name: string): { page: string; rulesDir: string; root: string } {
  const root = join(tmp, name);
  mkdirSync(root, { recursive: true });
  const page = join(root, 'saved.html');
  writeFileSync(page, PAGE);
  return { page, rulesDir: join(root, 'rules'), root };
}

describe('rules new', () => {
  it('scaffolds a valid outlet rule, copies the page, and proposes the container and removals', () => {
    const { page, rulesDir, root } = setup('basic');
    const result = scaffoldOutletRule({ page, url: 'https://www.gazette.example/news/harbour-wall-rebuilt', rulesDir });
    expect(result.ruleFile).toBe(join(rulesDir, 'outlets', 'gazette.example.yaml'));
    expect(result.sampleFile).toBe(join(root, 'samples', 'gazette.example', 'harbour-wall-rebuilt.html'));
    expect(readFileSync(result.sampleFile, 'utf8')).toMatch(/^<!-- url: https:\/\/www\.gazette\.example\/news\/harbour-wall-rebuilt -->\n<!doctype html>/);
    // The groups' parent, named by its stable class (the generated css-* class is left out).
    expect(result.content[0]).toBe('div.story-body');
    expect(result.title).toBe('h1.story-headline');
    const proposed = Object.fromEntries(result.removals.map((r) => [r.selector, r.category]));
    expect(proposed).toMatchObject({ '.share-bar': 'share', '.story-image': 'caption', '.more-links': 'related' });
    const rule = parseRuleFile(readFileSync(result.ruleFile, 'utf8'), 'x.yaml');
    expect(rule).toMatchObject({ id: 'gazette.example', kind: 'outlet', hosts: ['gazette.example'] });
    expect(rule.checks?.[0]).toMatchObject({ file: 'samples/gazette.example/harbour-wall-rebuilt.html', unconfirmed: true });
    expect(rule.checks?.[0]?.contains?.[0]).toMatch(/^The council voted on Tuesday/);
  });

  it('writes checks that fail until a human confirms them, then pass', async () => {
    const { page, rulesDir } = setup('confirm');
    const result = scaffoldOutletRule({ page, url: 'https://gazette.example/harbour', rulesDir });
    const before = await testRules({ dirs: [rulesDir] });
    expect(before.rules[0]!.ok).toBe(false);
    expect(before.rules[0]!.checks[0]!.failures.join('\n')).toMatch(/^unconfirmed: open samples\/gazette\.example\/harbour\.html/);
    // What a human does after reading the page: keep the proposal, state what must and must not be there.
    const confirmed = readFileSync(result.ruleFile, 'utf8').replace(/\n\s+unconfirmed: true/, '');
    writeFileSync(result.ruleFile, `${confirmed}    # confirmed\n`);
    const after = await testRules({ dirs: [rulesDir] });
    expect(after.rules[0]!.checks[0]!.failures).toEqual([]);
  });

  it('refuses to overwrite a rule unless forced, and rejects a URL without a host', () => {
    const { page, rulesDir } = setup('twice');
    scaffoldOutletRule({ page, url: 'https://gazette.example/a', rulesDir });
    expect(() => scaffoldOutletRule({ page, url: 'https://gazette.example/b', rulesDir })).toThrow(/exists; edit it, or pass --force/);
    expect(() => scaffoldOutletRule({ page, url: 'https://gazette.example/b', rulesDir, force: true })).not.toThrow();
    expect(() => scaffoldOutletRule({ page, url: 'not a url', rulesDir })).toThrow(/--url must be an absolute/);
    expect(existsSync(join(rulesDir, 'outlets', 'gazette.example.yaml'))).toBe(true);
  });

  it('tells generated class names from stable ones', () => {
    for (const c of ['sc-1i4xxi7-0', 'gStNuV', 'BodyWrapper-kufPGa', 'article-body__content__17Yit', 'dcr-ch7w1w', 'md:mx-auto', 'mt-4']) expect(isGeneratedClass(c), c).toBe(true);
    for (const c of ['RichTextStoryBody', 'article-body', 'entry-content', 'story-stack-item', 'Page-headline']) expect(isGeneratedClass(c), c).toBe(false);
  });
});
