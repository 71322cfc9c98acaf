import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyPrompt as classifyIn, collectAccessSignals, compileAccessVocabulary, decideAccess, emptyAccessSignals as emptyIn, type AccessVocabulary } from '../src/access.js';
import type { PageContext } from '../src/context.js';
import { parseHtml } from '../src/dom/index.js';
import { loadRules } from '../src/rules/load.js';
import { compilePhrases, phraseFiles } from '../src/rules/phrases.js';
import type { RuleFile } from '../src/rules/types.js';
import type { DomName } from '../src/types.js';
import { clean } from '../src/index.js';

const bundled = loadRules();
/** The access wording of a language's phrase file and English's, as the cleaner compiles it. */
const vocabularyOf = (lang: string): AccessVocabulary => compileAccessVocabulary(phraseFiles(bundled, [lang]));
const EN = vocabularyOf('en');
const classifyPrompt = (text: string) => classifyIn(text, EN);
const emptyAccessSignals = () => emptyIn(EN);

/** A page context as the pipeline builds it, without the rule matching. */
function contextOf(html: string, rules: RuleFile[] = [], dom: DomName = 'linkedom'): PageContext {
  const page = parseHtml(html, { dom, url: 'https://news.example.com/a' });
  const jsonLd = page.jsonLd.flatMap((raw) => {
    const v = JSON.parse(raw) as Record<string, unknown> | Record<string, unknown>[];
    return Array.isArray(v) ? v : [v];
  });
  return {
    url: 'https://news.example.com/a',
    host: 'news.example.com',
    document: page.document,
    scripts: page.scripts,
    jsonLd,
    rules,
    disabled: new Set(),
    phrases: compilePhrases([]),
    access: EN,
    removed: [],
    warnings: [],
  };
}

const SENTENCES = [
  'The council voted on Tuesday to rebuild the harbour wall after the winter storms broke it in three places.',
  'Engineers said the work would take two summers and cost more than the town had set aside for repairs.',
  'Fishermen who moor their boats inside the wall asked for a temporary pier while the builders are at work.',
  'The mayor promised an answer within a month and said the county had offered to share part of the bill.',
  'Residents of the lower town, whose cellars flooded twice last year, welcomed the decision at the meeting.',
];
/** An article of about `n` paragraphs of plain reporting. */
function paragraphs(n: number): string {
  return Array.from({ length: n }, (_, i) => `<p>${SENTENCES[i % SENTENCES.length]} ${SENTENCES[(i + 2) % SENTENCES.length]}</p>`).join('\n');
}
function bodyTextOf(ctx: PageContext): string {
  return [...ctx.document.querySelectorAll('article p')].map((p) => p.textContent ?? '').join('\n\n');
}

const FREE_WITH_CHROME = `<!doctype html><html><head><title>Harbour wall</title></head><body>
<header><a href="/login">Already a subscriber? Log in</a> <a href="/subscribe">Subscribe</a></header>
<article><h1>Harbour wall to be rebuilt</h1>${paragraphs(10)}</article>
<footer><p>Support our journalism. Subscribe today.</p></footer></body></html>`;

const HARD_PAYWALL = `<!doctype html><html><head><title>Harbour wall</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Harbour wall",
"isAccessibleForFree":false,"wordCount":820,
"hasPart":{"@type":"WebPageElement","isAccessibleForFree":false,"cssSelector":".paywalled-content"}}</script>
</head><body><article><h1>Harbour wall to be rebuilt</h1>${paragraphs(2)}
<div class="paywalled-content"></div>
<div class="paywall-box"><h3>Subscribe to continue reading</h3><p>Get unlimited access for $1 a week.</p>
<a href="/subscribe">Subscribe now</a></div></article></body></html>`;

const METERED = `<!doctype html><html><head><title>Harbour wall</title></head><body>
<article><h1>Harbour wall to be rebuilt</h1>
<div class="meter-interstitial"><p>You've reached your monthly free article limit.</p>
<p>Subscribe to keep reading.</p></div>${paragraphs(10)}</article></body></html>`;

const REGISTRATION_WALL = `<!doctype html><html><head><title>Harbour wall</title></head><body>
<article><h1>Harbour wall to be rebuilt</h1>${paragraphs(2)}
<div class="regwall"><p>Create a free account to continue reading.</p><button>Register</button></div></article></body></html>`;

describe('classifyPrompt', () => {
  it('tells gates from chrome and comment gates', () => {
    expect(classifyPrompt("You've reached your daily free article limit.")).toBe('metered');
    expect(classifyPrompt('Subscribe and support our veteran writing staff to continue reading.')).toBe('subscription');
    expect(classifyPrompt('This article is for subscribers only.')).toBe('subscription');
    expect(classifyPrompt('Register for free to continue reading.')).toBe('registration');
    expect(classifyPrompt('Already a subscriber? Log in')).toBe('chrome');
    expect(classifyPrompt('Only subscribers are eligible to post comments. Please subscribe or login first.')).toBeUndefined();
    expect(classifyPrompt('The council voted on Tuesday to rebuild the harbour wall.')).toBeUndefined();
  });
});

describe('access state on HTML pages', () => {
  for (const dom of ['linkedom', 'jsdom'] as const) {
    it(`free page with subscriber links in its header is free (${dom})`, () => {
      const ctx = contextOf(FREE_WITH_CHROME, [], dom);
      const access = decideAccess(collectAccessSignals(ctx), { removed: [], bodyText: bodyTextOf(ctx) });
      expect(access.state).toBe('free');
      expect(access.truncated).toBe(false);
      expect(access.evidence.join(' ')).toMatch(/chrome/);
    });

    it(`hard paywall with two paragraphs then "subscribe to continue" is subscription and truncated (${dom})`, () => {
      const ctx = contextOf(HARD_PAYWALL, [], dom);
      const signals = collectAccessSignals(ctx);
      expect(signals.accessibleForFree).toBe(false);
      expect(signals.paywalledParts).toEqual([{ selector: '.paywalled-content', elements: 1, chars: 0 }]);
      const access = decideAccess(signals, { removed: [], bodyText: bodyTextOf(ctx) });
      expect(access.state).toBe('subscription');
      expect(access.truncated).toBe(true);
      expect(access.evidence.join('\n')).toMatch(/isAccessibleForFree=false/);
      expect(access.evidence.join('\n')).toMatch(/of 820 declared/);
    });
  }

  it('a meter interstitial in front of the full text is metered, not truncated', () => {
    const ctx = contextOf(METERED);
    const access = decideAccess(collectAccessSignals(ctx), { removed: [], bodyText: bodyTextOf(ctx) });
    expect(access.state).toBe('metered');
    expect(access.truncated).toBe(false);
  });

  it('a registration wall after a teaser is registration and truncated', () => {
    const ctx = contextOf(REGISTRATION_WALL);
    const access = decideAccess(collectAccessSignals(ctx), { removed: [], bodyText: bodyTextOf(ctx) });
    expect(access.state).toBe('registration');
    expect(access.truncated).toBe(true);
  });

  it('a prompt template hidden in the markup is not shown, so it is no gate', () => {
    const html = FREE_WITH_CHROME.replace('<footer>', `<div style="display:none"><p>You've reached your monthly free article limit.</p></div><footer>`);
    const ctx = contextOf(html);
    const access = decideAccess(collectAccessSignals(ctx), { removed: [], bodyText: bodyTextOf(ctx) });
    expect(access.state).toBe('free');
  });

  it('a paywall vendor script on a full article does not make it gated', () => {
    const rule: RuleFile = { id: 'piano', kind: 'platform', access: { state: 'metered', scripts: ['tinypass.com'] } };
    const html = FREE_WITH_CHROME.replace('</head>', '<script src="https://cdn.tinypass.com/api/tinypass.min.js"></script></head>');
    const ctx = contextOf(html, [rule]);
    const signals = collectAccessSignals(ctx);
    expect(signals.markers.map((m) => m.rule)).toEqual(['piano']);
    const access = decideAccess(signals, { removed: [], bodyText: bodyTextOf(ctx) });
    expect(access.state).toBe('free');
    expect(access.evidence.join('\n')).toMatch(/vendor script tinypass\.com/);
  });

  it('the vendor and an outlet paywall marker say which gate it is; with nothing cut, not truncated', () => {
    const piano: RuleFile = { id: 'piano', kind: 'platform', access: { state: 'metered', scripts: ['tinypass.com'] } };
    const outlet: RuleFile = { id: 'news.example.com', kind: 'outlet', access: { state: 'subscription', selectors: ['.premium-lock'] } };
    const html = `<html><head><script src="https://cdn.tinypass.com/x.js"></script></head><body>
      <article><span class="premium-lock">Premium</span>${paragraphs(2)}</article></body></html>`;
    const ctx = contextOf(html, [piano, outlet]);
    const access = decideAccess(collectAccessSignals(ctx), { removed: [], bodyText: bodyTextOf(ctx) });
    expect(access.state).toBe('subscription');
    expect(access.truncated).toBe(false);
  });

  it('an outlet that says its gate is a registration wall names the kind when the page is gated', () => {
    const outlet: RuleFile = { id: 'news.example.com', kind: 'outlet', access: { state: 'registration' } };
    const html = `<html><head><script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree":false}</script></head>
      <body><article>${paragraphs(2)}</article></body></html>`;
    const ctx = contextOf(html, [outlet]);
    expect(decideAccess(collectAccessSignals(ctx), { removed: [], bodyText: bodyTextOf(ctx) }).state).toBe('registration');
    // Without a rule the same page is read as a subscription page.
    const bare = contextOf(html);
    expect(decideAccess(collectAccessSignals(bare), { removed: [], bodyText: bodyTextOf(bare) }).state).toBe('subscription');
  });

  it('json-ld isAccessibleForFree=true with the full text is free', () => {
    const html = FREE_WITH_CHROME.replace('</head>', '<script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree":"True"}</script></head>');
    const ctx = contextOf(html);
    const access = decideAccess(collectAccessSignals(ctx), { removed: [], bodyText: bodyTextOf(ctx) });
    expect(access).toMatchObject({ state: 'free', truncated: false });
    expect(access.evidence).toContain('json-ld isAccessibleForFree=true');
  });

  it('a body far shorter than the declared articleBody is truncated', () => {
    const long = SENTENCES.join(' ').repeat(6).replace(/"/g, '');
    const html = `<html><head><script type="application/ld+json">{"@type":"NewsArticle","articleBody":"${long}"}</script></head>
      <body><article>${paragraphs(1)}</article></body></html>`;
    const ctx = contextOf(html);
    const access = decideAccess(collectAccessSignals(ctx), { removed: [], bodyText: bodyTextOf(ctx) });
    expect(access.truncated).toBe(true);
    expect(access.state).not.toBe('free');
  });
});

describe('access state from removed prompts (the text path)', () => {
  const body = SENTENCES.join('\n\n').repeat(4);
  it('a removed meter prompt before the full text is metered and not truncated', () => {
    const access = decideAccess(emptyAccessSignals(), {
      bodyText: body,
      removed: [
        { category: 'paywall', rule: 'phrases-en#paywall', text: "You've reached your daily free article limit." },
        { category: 'paywall', rule: 'phrases-en#paywall', text: 'Subscribe and support our veteran writing staff to continue reading.' },
        { category: 'subscribe', rule: 'phrases-en#subscribe', text: 'Enjoy unlimited digital access. Already a subscriber?' },
      ],
    });
    expect(access).toMatchObject({ state: 'metered', truncated: false });
  });

  it('a comments-only gate leaves the article free', () => {
    const access = decideAccess(emptyAccessSignals(), {
      bodyText: body,
      removed: [{ category: 'login', rule: 'phrases-en#login', text: 'Only subscribers are eligible to post comments. Please subscribe or login first for digital access.' }],
    });
    expect(access).toMatchObject({ state: 'free', truncated: false });
  });

  it('no signals and no body is unknown', () => {
    expect(decideAccess(emptyAccessSignals(), { bodyText: '', removed: [] }).state).toBe('unknown');
    expect(decideAccess(emptyAccessSignals(), { bodyText: body, removed: [] }).state).toBe('free');
  });
});

describe('access state of the seeds (text captures, through clean)', () => {
  const seed = (name: string) => readFileSync(new URL(`../samples/${name}`, import.meta.url), 'utf8');
  it('001: the daily-limit interstitial in front of the full text is metered, not truncated', async () => {
    const { access } = await clean({ text: seed('001_19b810fe77f6d179.txt') });
    expect(access).toMatchObject({ state: 'metered', truncated: false });
    expect(access.evidence.join('\n')).toMatch(/daily free article limit/);
  });
  for (const name of ['000_41006abdadce247a.txt', '002_8308df305baf94dd.txt', '003_aff69c9e7e57ba33.txt', '004_af365740c357bb2b.txt']) {
    it(`${name.slice(0, 3)} is free`, async () => {
      const { access } = await clean({ text: seed(name) });
      expect(access).toMatchObject({ state: 'free', truncated: false });
    });
  }
});

describe('access state in German and French (the prompts of rules/phrases/<lang>.yaml)', () => {
  const DE = [
    'Der Gemeinderat hat am Dienstag beschlossen, die Hafenmauer nach den Winterstürmen neu zu bauen.',
    'Die Ingenieure rechnen mit zwei Sommern Bauzeit und mit Kosten, die über dem Ansatz im Haushalt liegen.',
    'Die Fischer, deren Boote hinter der Mauer liegen, verlangen für die Bauzeit einen provisorischen Steg.',
    'Der Bürgermeister versprach eine Antwort binnen eines Monats; der Kreis will einen Teil der Kosten tragen.',
  ];
  const FR = [
    'Le conseil municipal a décidé mardi de reconstruire la digue du port après les tempêtes de l’hiver.',
    'Les ingénieurs prévoient deux étés de travaux et un coût supérieur à la somme inscrite au budget.',
    'Les pêcheurs dont les bateaux sont amarrés derrière la digue demandent un ponton provisoire.',
    'Le maire a promis une réponse dans le mois ; le département propose de partager une partie de la facture.',
  ];
  const page = (lang: string, sentences: string[], n: number, gate: string) => `<!doctype html><html lang="${lang}"><head><title>Hafen</title></head>
<body><article><h1>${sentences[0]!.slice(0, 40)}</h1>${Array.from({ length: n }, (_, i) => `<p>${sentences[i % 4]} ${sentences[(i + 1) % 4]}</p>`).join('\n')}
${gate}</article></body></html>`;

  it('a German paywall teaser is subscription and truncated, its prompt removed and read', async () => {
    const html = page('de', DE, 2, '<div class="offer"><p>Um diesen Artikel weiterzulesen, schließen Sie ein Abo ab.</p><a href="/abo">Jetzt Abo abschließen</a></div>');
    const r = await clean({ html, url: 'https://zeitung.example.de/a' });
    expect(r.lang).toBe('de');
    expect(r.access).toMatchObject({ state: 'subscription', truncated: true });
    expect(r.access.evidence.join(' ').toLowerCase()).toContain('um diesen artikel weiterzulesen');
    expect(r.text).not.toContain('weiterzulesen');
  });

  it('a German meter notice is metered', async () => {
    const html = page('de', DE, 4, '').replace(
      '<article>',
      '<article><div class="meter"><p>Sie haben Ihr monatliches Kontingent an kostenlosen Artikeln erreicht.</p></div>',
    );
    const r = await clean({ html, url: 'https://zeitung.example.de/b' });
    expect(r.access.state).toBe('metered');
    expect(r.access.evidence[0]).toMatch(/^prompt on page \(metered\): "Sie haben Ihr monatliches Kontingent/);
  });

  it('a French article reserved for subscribers is subscription and truncated', async () => {
    const html = page('fr', FR, 2, '<div class="premium"><p>Cet article est réservé aux abonnés. Abonnez-vous pour lire la suite.</p></div>');
    const r = await clean({ html, url: 'https://journal.example.fr/a' });
    expect(r.lang).toBe('fr');
    expect(r.access).toMatchObject({ state: 'subscription', truncated: true });
    expect(r.text).not.toMatch(/abonnés/);
  });

  it('German and French article text that uses the words stays free', async () => {
    const de = page('de', [...DE.slice(0, 3), 'Wer ein Abo hat, kann in der Bibliothek weiterlesen, sagte der Bürgermeister.'], 4, '');
    const fr = page('fr', [...FR.slice(0, 3), 'Les abonnés du club de voile ont lu la suite du rapport en séance.'], 4, '');
    expect((await clean({ html: de, url: 'https://zeitung.example.de/c' })).access.state).toBe('free');
    expect((await clean({ html: fr, url: 'https://journal.example.fr/c' })).access.state).toBe('free');
  });

  it('each language classifies its own prompts; English is always read', () => {
    const de = vocabularyOf('de');
    const fr = vocabularyOf('fr');
    expect(classifyIn('Dieser Artikel ist nur für Abonnenten.', de)).toBe('subscription');
    expect(classifyIn('Dieser Artikel ist nur für Abonnenten.', EN)).toBeUndefined();
    expect(classifyIn('Jetzt kostenlos registrieren und weiterlesen', de)).toBe('registration');
    expect(classifyIn('Vous avez atteint la limite de vos articles gratuits.', fr)).toBe('metered');
    expect(classifyIn('Inscrivez-vous gratuitement pour continuer à lire', fr)).toBe('registration');
    expect(classifyIn('Nur Abonnenten können Kommentare schreiben. Jetzt Abo abschließen und weiterlesen', de)).toBeUndefined();
    expect(classifyIn('Subscribe to continue reading', fr)).toBe('subscription');
  });
});
