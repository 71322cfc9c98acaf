import { describe, expect, it } from 'vitest';
import { dateOrderOf, findDates, hasDate, isoFromMachine, isoFromText, wordsBesideDates } from '../src/dates.js';
import { createCleaner } from '../src/index.js';

describe('dates written for people, in every phrase-file language', () => {
  const cases: Array<[string, string]> = [
    ['January 31, 2011 at 9:59 am', '2011-01-31T09:59:00'],
    ['Nov 7th 2012 9:42pm', '2012-11-07T21:42:00'],
    ['Dec. 19, 2025', '2025-12-19'],
    ['3rd of May 2022', '2022-05-03'],
    ['7. November 2012 um 21:42 Uhr', '2012-11-07T21:42:00'],
    ['3. März 2024', '2024-03-03'],
    ['1er mai 2022 à 10h30', '2022-05-01T10:30:00'],
    ['12 décembre 2021', '2021-12-12'],
    ['3 de mayo de 2022 a las 14:05', '2022-05-03T14:05:00'],
    ['15 dicembre 2020 alle 08:30', '2020-12-15T08:30:00'],
    ['3 de março de 2021', '2021-03-03'],
    ['5 mei 2019 om 12:00', '2019-05-05T12:00:00'],
    ['12 października 2023 o 09:15', '2023-10-12T09:15:00'],
    ['21.09.2012 21:38', '2012-09-21T21:38:00'],
    ['11.05.12 at 2:53 pm', '2012-05-11T14:53:00'],
    ['2026年12月3日', '2026-12-03'],
    ['2012-11-07 21:42', '2012-11-07T21:42:00'],
  ];
  for (const [text, iso] of cases) it(`"${text}"`, () => expect(isoFromText(text)).toBe(iso));

  it('keeps the zone printed after the time, and works out US daylight time', () => {
    expect(isoFromText('June 4, 2021 9:15 a.m. EDT')).toBe('2021-06-04T09:15:00-04:00');
    expect(isoFromText('Jan 4, 2021 9:15 AM ET')).toBe('2021-01-04T09:15:00-05:00');
    expect(isoFromText('Jul 4, 2021 9:15 AM ET')).toBe('2021-07-04T09:15:00-04:00');
    expect(isoFromText('4 June 2021 09:15 GMT+2')).toBe('2021-06-04T09:15:00+02:00');
    // "et" in a French sentence is a word, not a zone.
    expect(isoFromText('le 3 mai 2022 à 10:30 et puis')).toBe('2022-05-03T10:30:00');
  });

  it('reads slashes by the page locale, dots and dashes day first', () => {
    expect(isoFromText('09/03/2026')).toBe('2026-09-03');
    expect(isoFromText('09/03/2026', dateOrderOf('en-GB'))).toBe('2026-03-09');
    expect(isoFromText('09/03/2026', dateOrderOf('de'))).toBe('2026-03-09');
    expect(isoFromText('09/03/2026', dateOrderOf('en_US'))).toBe('2026-09-03');
    expect(isoFromText('09/21/2026', dateOrderOf('de'))).toBe('2026-09-21');
    expect(isoFromText('09.03.2026')).toBe('2026-03-09');
    expect(isoFromText('09-03-2026')).toBe('2026-03-09');
  });

  it('gives nothing for what is not a date', () => {
    for (const text of ['Friday', 'now', 'version 1.2.19', 'call 06-12-34', 'February 30, 2024', '13/13/2020', 'room 12.45', 'May 2024', 'in 1850, March 3'])
      expect(isoFromText(text), text).toBeUndefined();
    expect(hasDate('3 days ago')).toBe(true);
    expect(hasDate('a good day')).toBe(false);
  });

  it('finds every date in order, each once', () => {
    const hits = findDates('Published: June 3, 2021 | Updated: June 4, 2021 9:15 a.m. EDT');
    expect(hits.map((h) => h.iso)).toEqual(['2021-06-03', '2021-06-04T09:15:00-04:00']);
  });

  it('tells a date line from a sentence that holds a date', () => {
    expect(wordsBesideDates('Posted on April 13, 2023')).toEqual([]);
    expect(wordsBesideDates('Zuletzt aktualisiert am Montag, 3. März 2024')).toEqual([]);
    expect(wordsBesideDates('Mis à jour le 3 mai 2022 à 10h30')).toEqual([]);
    expect(wordsBesideDates('Jane Doe | July 2, 2025')).toEqual(['Jane', 'Doe']);
    expect(wordsBesideDates('The council met on April 13, 2023 to vote on the new budget for schools').length).toBeGreaterThan(6);
  });
});

describe('machine dates', () => {
  it('keeps ISO offsets and reads epochs', () => {
    expect(isoFromMachine('2024-03-05T10:30:00+0100')).toBe('2024-03-05T10:30:00+01:00');
    expect(isoFromMachine('2024-03-05T10:30:00+05')).toBe('2024-03-05T10:30:00+05:00');
    expect(isoFromMachine('2024-03-05')).toBe('2024-03-05');
    expect(isoFromMachine('1700000000')).toBe('2023-11-14T22:13:20Z');
  });
  it('reads RFC 2822 only when it names its zone, and people dates without inventing one', () => {
    expect(isoFromMachine('Tue, 03 Dec 2024 10:00:00 GMT')).toBe('2024-12-03T10:00:00Z');
    expect(isoFromMachine('Tue, 03 Dec 2024 10:00:00 +0200')).toBe('2024-12-03T10:00:00+02:00');
    expect(isoFromMachine('March 3, 2024')).toBe('2024-03-03');
    expect(isoFromMachine('not a date')).toBeUndefined();
    expect(isoFromMachine('2024-02-31')).toBeUndefined();
  });
});

describe('dates printed beside the headline (pages without a declared date)', () => {
  const cleaner = createCleaner();
  const body = '<p>' + 'The harbour board met on Tuesday and agreed the plan for the new quay after a long debate. '.repeat(8) + '</p>';
  const page = (head: string, lang = 'en') =>
    `<html lang="${lang}"><head><title>Harbour plan agreed</title></head><body><header><nav><a href="/">Home</a></nav></header><article><h1>Harbour plan agreed by the board</h1>${head}${body}${body}</article></body></html>`;

  it('reads a labelled date line under the headline', async () => {
    const r = await cleaner.clean({ html: page('<div class="meta"><span>By Jane Doe</span> · <span>Posted on April 13, 2023</span></div>') });
    expect(r.published).toBe('2023-04-13');
  });
  it('reads "updated" as the change date, not the publish date', async () => {
    const r = await cleaner.clean({ html: page('<p class="info">Published 3 March 2024 | Updated 5 March 2024 10:30</p>') });
    expect(r.published).toBe('2024-03-03');
    expect(r.modified).toBe('2024-03-05T10:30:00');
  });
  it('reads a German page day first', async () => {
    const r = await cleaner.clean({ html: page('<span class="datum">Erstellt am: 01/11/2023</span>', 'de') });
    expect(r.published).toBe('2023-11-01');
  });
  it('does not take a date from a sentence of the body, nor one far below the headline', async () => {
    const r = await cleaner.clean({ html: page('<p>On April 13, 2023 the board first heard of the plan and asked the harbour master for a report.</p>') });
    expect(r.published).toBeUndefined();
    const far = page('') .replace('</article>', '<aside><p>Other news</p><span>June 1, 2020</span></aside></article>');
    expect((await cleaner.clean({ html: far })).published).toBeUndefined();
  });
  it('a declared date still wins', async () => {
    const r = await cleaner.clean({
      html: page('<span>April 13, 2023</span>').replace('<head>', '<head><meta property="article:published_time" content="2023-04-12T08:00:00Z">'),
    });
    expect(r.published).toBe('2023-04-12T08:00:00Z');
  });
});

describe('findDates remembers texts it has read', () => {
  it('gives each caller its own list, and reads a text by the order asked', () => {
    const text = 'Posted 09/03/2026 and again 10/03/2026';
    const first = findDates(text);
    first.reverse();
    first.length = 0;
    expect(findDates(text).map((h) => h.iso)).toEqual(['2026-09-03', '2026-10-03']);
    // The same text read day first is another reading, not the remembered month-first one.
    expect(findDates(text, { dayFirst: true }).map((h) => h.iso)).toEqual(['2026-03-09', '2026-03-10']);
    expect(findDates(text, {}).map((h) => h.iso)).toEqual(['2026-09-03', '2026-10-03']);
  });
});
