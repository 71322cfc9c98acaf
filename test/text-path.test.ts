/**
 * The plain-text path on captures written for these tests (not the seeds): where an article ends and
 * appended comments begin, articles that must stay whole, datelines, bylines, repeated teasers, wrapped
 * text, and ordinary sentences the English phrase list must leave alone.
 */
import { describe, expect, it } from 'vitest';
import { clean } from '../src/index.js';
import { splitBlocks } from '../src/text/blocks.js';
import { commentScore, splitAppendedComments } from '../src/text/comments.js';
import { readDateline } from '../src/text/dateline.js';
import { readBylineBlock } from '../src/bylines.js';
import { loadRules } from '../src/rules/load.js';
import { vocabularyOf } from '../src/rules/vocabulary.js';

const VOCABULARY = vocabularyOf(loadRules());
const readByline = (text: string) => readBylineBlock(text, VOCABULARY);

const page = (...blocks: string[]) => blocks.join('\n\n');
const run = (text: string) => clean({ text });

const ARTICLE = [
  'The Springfield City Council voted 6-3 on Tuesday to add protected bike lanes along a two-mile stretch of Main Street, ending a debate that has divided downtown business owners for more than a year.',
  'The $4.2 million project will remove about 80 parking spaces and narrow the road to one lane in each direction between Fifth Avenue and the river, according to the city’s transportation department.',
  '“This is about safety,” said council member Maria Lopez, who sponsored the measure. “Three cyclists have been hit on that street since January.”',
  'Opponents said the loss of parking would hurt shops that already struggle to compete with online retailers.',
  'Tom Becker, who owns a hardware store on Main Street, told the council his customers carry heavy loads and need to park nearby.',
  'Construction is expected to begin in the spring and take about six months, officials said.',
];
const COMMENTS = [
  'Finally!! About time this city did something for people who don’t drive.',
  'Great, another waste of OUR tax money. Who voted for these clowns?',
  'i ride that street every day and it’s terrifying, so thank you council',
  'Tom is right. Nobody is going to bike to buy a 40 lb bag of concrete lol',
  'Wait until winter and see how many people use these lanes. I give it a year',
];

describe('reader comments appended after the article', () => {
  it('splits them off by the change of voice, with no credit line and no heading', async () => {
    const r = await run(page('Council approves Main Street bike lanes', ...ARTICLE, ...COMMENTS));
    expect(r.title).toBe('Council approves Main Street bike lanes');
    expect(r.text.split('\n\n')).toEqual(ARTICLE);
    expect(r.comments.status).toBe('present');
    expect(r.comments.items.map((c) => c.text)).toEqual(COMMENTS);
    expect(r.removed.at(-1)).toMatchObject({ category: 'comments', rule: 'text#comments' });
  });

  it('splits them off after a closing credit, one paragraph per line, plain comments included', async () => {
    const plain = ['The lanes will help the shops in the end, people walk past them more.', ...COMMENTS.slice(0, 3)];
    const text = [...ARTICLE, 'Reporting by Jane Doe; editing by John Roe.', ...plain].join('\n');
    const r = await run(text);
    expect(r.text.split('\n\n')).toEqual([...ARTICLE, 'Reporting by Jane Doe; editing by John Roe.']);
    expect(r.comments.items.map((c) => c.text)).toEqual(plain);
  });

  it('takes everything after a "Comments" heading as comments', async () => {
    const r = await run(page(...ARTICLE, '3 Comments', 'I agree with the council on this one.', ...COMMENTS.slice(0, 2)));
    expect(r.text.split('\n\n')).toEqual(ARTICLE);
    expect(r.comments.items.map((c) => c.text)).toEqual(['I agree with the council on this one.', ...COMMENTS.slice(0, 2)]);
    expect(r.removed.find((x) => x.text === '3 Comments')?.category).toBe('comments-ui');
  });

  it('reads comment header lines into author and time', async () => {
    const r = await run(
      page(...ARTICLE, 'Comments (3)', 'Jane Doe · 2 hours ago', COMMENTS[0]!, 'bikeguy77 | July 2, 2016 8:07 AM', COMMENTS[2]!, 'Sam wrote:', COMMENTS[1]!),
    );
    expect(r.text.split('\n\n')).toEqual(ARTICLE);
    expect(r.comments.items).toEqual([
      { author: 'Jane Doe', text: COMMENTS[0], depth: 0 },
      { author: 'bikeguy77', published: '2016-07-02T08:07:00', text: COMMENTS[2], depth: 0 },
      { author: 'Sam', text: COMMENTS[1], depth: 0 },
    ]);
  });

  it('does not take a short comment that mentions a time for a header', async () => {
    const short = ['I rode it 2 days ago', 'Saw this an hour ago', 'Nice job yesterday.'];
    const r = await run(page(...ARTICLE, 'Comments', ...short, COMMENTS[0]!));
    expect(r.comments.items.map((c) => c.text)).toEqual([...short, COMMENTS[0]]);
    expect(r.comments.items.every((c) => c.author === undefined)).toBe(true);
  });

  it('reports a comment area that only asks for a login as gated', async () => {
    const r = await run(page(...ARTICLE, 'Please log in or create a free account to join the discussion and post comments.'));
    expect(r.text.split('\n\n')).toEqual(ARTICLE);
    expect(r.comments).toEqual({ status: 'gated', items: [] });
  });
});

describe('articles that must stay whole', () => {
  it('keeps an article with no comments', async () => {
    const r = await run(page(...ARTICLE));
    expect(r.text.split('\n\n')).toEqual(ARTICLE);
    expect(r.comments).toEqual({ status: 'none', items: [] });
    expect(r.removed).toEqual([]);
  });

  it('keeps short last paragraphs', async () => {
    const tail = ['The meeting is open to the public.', 'It starts at 7 p.m.', 'Parking is free.'];
    const r = await run(page(...ARTICLE, ...tail));
    expect(r.text.split('\n\n')).toEqual([...ARTICLE, ...tail]);
    expect(r.comments.items).toEqual([]);
  });

  it('keeps a last paragraph that quotes someone shouting in the first person', async () => {
    const tail = ['“We did it! I’m SO proud of these kids!” coach Dana Wills shouted after the game.', 'The team plays again Saturday.'];
    const r = await run(page(...ARTICLE, ...tail));
    expect(r.text.split('\n\n')).toEqual([...ARTICLE, ...tail]);
  });

  it('keeps a first-person column whole', async () => {
    const column = [
      'I have ridden a bicycle to work in this city for twenty years, and I have never felt as unsafe as I do now.',
      'My commute takes me down Main Street every morning. You would not believe how close the trucks come.',
      'We keep hearing that bike lanes hurt business. I don’t buy it, and neither should you.',
      'When I lived in Portland, the shops on my street did better after the lanes went in, not worse.',
      'So yes, I am glad the council voted the way it did. Our streets belong to all of us!',
      'And if you disagree, come ride with me one morning. I promise you will change your mind.',
    ];
    const r = await run(page(...column));
    expect(r.text.split('\n\n')).toEqual(column);
    expect(r.comments.items).toEqual([]);
  });

  it('keeps an interview that ends in questions and answers', async () => {
    const qa = [
      'Q: Why did you push for the lanes?',
      'A: I watched my neighbor get hit by a truck. You don’t forget that!',
      'Q: What do you say to the shop owners?',
      'A: Come talk to me. We want your business to do well, and I think it will.',
    ];
    const r = await run(page(...ARTICLE, ...qa));
    expect(r.text.split('\n\n')).toEqual([...ARTICLE, ...qa]);
  });

  it('keeps ordinary sentences that brush against prompt wording', async () => {
    const sentences = [
      'He could not log in to the system for three days.',
      'The advertisement ran on local television in May.',
      'Users must create an account to vote in the poll.',
      'Readers can subscribe to the paper for $5 a week, she said.',
      'She wanted to become a member of the club.',
      'Inspectors did not get full access to the site.',
      'The company reported strong growth in digital subscriptions.',
      'Comments from the public will be accepted until Friday.',
      'The post violated the platform’s community guidelines, the company said.',
      'Share prices fell 3% on Monday.',
      'More from the interview will air on Sunday.',
      'Join today’s march at noon, organizers urged.',
      'The free trial of the drug ended in March.',
      'Most popular among voters was the tax cut.',
      'You have reached the end of the line, he said.',
      'The vote is set for July 1, 2016, officials said.',
      'About the study: researchers followed 3,000 adults for a decade.',
      'Facebook declined to comment on this story.',
      'Officials refused to post comments online.',
    ];
    const r = await run(page(...ARTICLE.slice(0, 2), ...sentences, ARTICLE[5]!));
    expect(r.removed).toEqual([]);
    expect(r.text.split('\n\n')).toEqual([...ARTICLE.slice(0, 2), ...sentences, ARTICLE[5]]);
  });
});

describe('interstitials and repeated teasers', () => {
  it('keeps one copy of a teaser repeated after an interstitial, with small edits', async () => {
    const edited = ARTICLE[1]!.replace('about 80', 'roughly 80').replace('’', "'");
    const r = await run(
      page(ARTICLE[0]!, ARTICLE[1]!, 'Subscribe now to continue reading.', 'Already a subscriber? Log in', ARTICLE[0]!, edited, ...ARTICLE.slice(2)),
    );
    expect(r.text.split('\n\n')).toEqual(ARTICLE);
    expect(r.removed.map((x) => x.category)).toEqual(['paywall', 'login', 'duplicate', 'duplicate']);
  });

  it('drops a teaser cut short with an ellipsis and keeps the whole paragraph', async () => {
    const teaser = `${ARTICLE[0]!.split(' ').slice(0, 14).join(' ')}…`;
    const r = await run(page(teaser, 'You have reached your monthly free article limit.', ...ARTICLE));
    expect(r.text.split('\n\n')).toEqual(ARTICLE);
    expect(r.removed.map((x) => x.category)).toEqual(['duplicate', 'paywall']);
  });
});

describe('head of the capture', () => {
  it('reads section, headline, byline and dateline', async () => {
    const r = await run(
      page('Local News', 'Council approves Main Street bike lanes', 'By Jane Doe and John Roe, Associated Press', 'Published June 3, 2021 at 9:15 a.m. EDT', ...ARTICLE),
    );
    expect(r.section).toBe('Local News');
    expect(r.title).toBe('Council approves Main Street bike lanes');
    expect(r.authors).toEqual(['Jane Doe', 'John Roe']);
    expect(r.published).toBe('2021-06-03T09:15:00-04:00');
    expect(r.text.split('\n\n')).toEqual(ARTICLE);
  });

  it('takes no headline when the capture starts with the lede', async () => {
    const r = await run(page(...ARTICLE));
    expect(r.title).toBeUndefined();
  });
});

describe('readDateline', () => {
  it('reads the common shapes into ISO 8601', () => {
    expect(readDateline('Posted at 8:07 AM, Jul 01, 2016 and last updated 2016-07-01 08:07:54-04')).toEqual({
      published: '2016-07-01T08:07:54-04:00',
      modified: '2016-07-01T08:07:54-04:00',
    });
    expect(readDateline('Updated: 3 March 2020 14:05 GMT')).toEqual({ modified: '2020-03-03T14:05:00Z' });
    expect(readDateline('July 4, 2019')).toEqual({ published: '2019-07-04' });
    expect(readDateline('Posted: Jan. 15, 2022 / 10:30 PM ET; Updated: Jan. 16, 2022 / 8:00 AM ET')).toEqual({
      published: '2022-01-15T22:30:00-05:00',
      modified: '2022-01-16T08:00:00-05:00',
    });
    expect(readDateline('Published 2016-07-01T08:07:54Z')).toEqual({ published: '2016-07-01T08:07:54Z' });
  });

  it('works out US daylight time for zone names that do not say', () => {
    expect(readDateline('Posted Jul 1, 2016 8:07 AM ET')?.published).toBe('2016-07-01T08:07:00-04:00');
    expect(readDateline('By Jane Doe | Published 12/05/2023 6:00 PM PT', VOCABULARY)).toEqual({ published: '2023-12-05T18:00:00-08:00', byline: 'Jane Doe' });
  });

  it('gives a reading without an offset the offset of the other reading', () => {
    expect(readDateline('Published 9:00 AM, May 2, 2022. Updated 2022-05-03 10:15:00+02:00')).toEqual({
      published: '2022-05-02T09:00:00+02:00',
      modified: '2022-05-03T10:15:00+02:00',
    });
  });

  it('leaves sentences that mention a date alone', () => {
    expect(readDateline('The vote is set for July 1, 2016, officials said.')).toBeUndefined();
    expect(readDateline('Posted at the border since 2016, the troops will leave in June.')).toBeUndefined();
    expect(readDateline('Updated figures are expected soon.')).toBeUndefined();
  });
});

describe('readByline', () => {
  it('names people, not agencies', () => {
    expect(readByline('By Jane Doe and John Roe, Associated Press')).toEqual(['Jane Doe', 'John Roe']);
    // Agency style writes names in capitals.
    expect(readByline('By JOSH LEDERMAN and VLADIMIR ISACHENKOV, Associated Press')).toEqual(['JOSH LEDERMAN', 'VLADIMIR ISACHENKOV']);
    expect(readByline('By the time the polls closed, turnout was high.')).toBeUndefined();
  });

  it('reads the byline heads of every phrase file, and only before names', () => {
    expect(readByline('Von Anna Schmidt und Peter Weber')).toEqual(['Anna Schmidt', 'Peter Weber']);
    expect(readByline('Par Marie Dupont, AFP')).toEqual(['Marie Dupont']);
    expect(readByline('Door de regen bleef het stil')).toBeUndefined();
    expect(readByline('Von der Leyen spricht in Brüssel')).toBeUndefined();
  });
});

describe('splitBlocks', () => {
  it('splits on blank lines, and on lines when there are none', () => {
    expect(splitBlocks('a b\n\nc d\n').map((b) => b.text)).toEqual(['a b', 'c d']);
    expect(splitBlocks('First paragraph.\nSecond paragraph.\n').map((b) => b.text)).toEqual(['First paragraph.', 'Second paragraph.']);
  });

  it('joins the lines of a wrapped paragraph and normalises spaces', () => {
    expect(splitBlocks('Posted at 8:07 AM,\u00a0Jul 01\nand last updated\n\nNext').map((b) => b.text)).toEqual(['Posted at 8:07 AM, Jul 01 and last updated', 'Next']);
    const wrapped = [
      'The council voted on Tuesday to add protected bike lanes along',
      'a two-mile stretch of Main Street, ending a debate that has run',
      'for more than a year.',
      'Opponents said the loss of parking would hurt the shops that',
      'already struggle to compete with online retailers downtown.',
    ].join('\n');
    expect(splitBlocks(wrapped).map((b) => b.text)).toEqual([
      'The council voted on Tuesday to add protected bike lanes along a two-mile stretch of Main Street, ending a debate that has run for more than a year.',
      'Opponents said the loss of parking would hurt the shops that already struggle to compete with online retailers downtown.',
    ]);
  });

  it('drops control characters', () => {
    expect(splitBlocks('a\u0000b\u0007c').map((b) => b.text)).toEqual(['abc']);
  });
});

describe('commentScore', () => {
  it('scores a comment above news prose', () => {
    expect(commentScore('Who voted for these clowns?? Wake up people!')).toBeGreaterThan(2);
    expect(commentScore('“We are proud,” the mayor said on Tuesday.')).toBeLessThan(0);
  });

  it('does not split a short capture', () => {
    const blocks = splitBlocks(page(ARTICLE[0]!, COMMENTS[0]!, COMMENTS[1]!));
    expect(splitAppendedComments(blocks).comments).toEqual([]);
  });
});

describe('German and French captures: the language is guessed, its phrases and access wording applied', () => {
  const DE = [
    'Der Stadtrat von Kleinhafen hat am Dienstag mit sechs zu drei Stimmen beschlossen, auf der Hauptstraße geschützte Radwege anzulegen, und damit einen Streit beendet, der die Geschäftsleute der Innenstadt seit mehr als einem Jahr spaltet.',
    'Das Projekt kostet 4,2 Millionen Euro, etwa 80 Parkplätze fallen weg, und die Straße wird zwischen dem Markt und dem Fluss auf eine Spur je Richtung verengt, wie das Verkehrsamt der Stadt mitteilte.',
    '„Es geht um die Sicherheit“, sagte die Stadträtin Maria Lopez, die den Antrag eingebracht hatte. „Seit Januar sind auf dieser Straße drei Radfahrer angefahren worden.“',
    'Die Gegner sagten, der Verlust der Parkplätze werde den Läden schaden, die schon jetzt mit dem Versandhandel kaum mithalten können.',
    'Die Bauarbeiten sollen im Frühjahr beginnen und etwa sechs Monate dauern, teilte die Verwaltung mit.',
  ];
  const FR = [
    'Le conseil municipal de Petitport a voté mardi, par six voix contre trois, la création de pistes cyclables protégées sur la rue principale, mettant fin à un débat qui divise les commerçants du centre-ville depuis plus d’un an.',
    'Le projet coûtera 4,2 millions d’euros, supprimera environ 80 places de stationnement et réduira la rue à une voie dans chaque sens entre le marché et la rivière, selon le service des transports de la ville.',
    '« C’est une question de sécurité », a déclaré la conseillère Maria Lopez, qui a porté le projet. « Trois cyclistes ont été renversés dans cette rue depuis janvier. »',
    'Les opposants estiment que la perte des places de stationnement nuira aux boutiques qui peinent déjà face au commerce en ligne.',
    'Les travaux doivent commencer au printemps et durer environ six mois, a indiqué la mairie.',
  ];

  it('a German capture loses its German prompts, as the same page as HTML does', async () => {
    const r = await run(page(...DE.slice(0, 3), 'Jetzt Newsletter abonnieren', ...DE.slice(3)));
    expect(r.lang).toBe('de');
    expect(r.text.split('\n\n')).toEqual(DE);
    expect(r.removed.map((x) => x.text)).toContain('Jetzt Newsletter abonnieren');
    const asHtml = await clean({ html: `<html lang="de"><body><article>${[...DE.slice(0, 3), 'Jetzt Newsletter abonnieren', ...DE.slice(3)].map((p) => `<p>${p}</p>`).join('')}</article></body></html>` });
    expect(asHtml.text).not.toContain('Newsletter');
  });

  it('a German capture gives its byline and dateline to the metadata, as an English one does', async () => {
    const r = await run(page('Radwege für die Hauptstraße', 'Von Anna Schmidt', 'Veröffentlicht am 3. Juni 2021 um 9:15 Uhr', ...DE));
    expect(r.title).toBe('Radwege für die Hauptstraße');
    expect(r.authors).toEqual(['Anna Schmidt']);
    expect(r.published).toMatch(/^2021-06-03T09:15/);
    expect(r.text.split('\n\n')).toEqual(DE);
  });

  it('a French dateline that names its author gives both', async () => {
    const r = await run(page('Des pistes cyclables pour la rue principale', 'Publié le 3 juin 2021 par Marie Dupont', ...FR));
    expect(r.authors).toEqual(['Marie Dupont']);
    expect(r.published).toMatch(/^2021-06-03/);
    expect(r.text.split('\n\n')).toEqual(FR);
  });

  it('a German paywall teaser is subscription and truncated, not free', async () => {
    const r = await run(page(...DE.slice(0, 2), 'Um diesen Artikel weiterzulesen, schließen Sie ein Abo ab.'));
    expect(r.text.split('\n\n')).toEqual(DE.slice(0, 2));
    expect(r.access).toMatchObject({ state: 'subscription', truncated: true });
  });

  it('a French paywall teaser is subscription and truncated, its prompt removed', async () => {
    const r = await run(page(...FR.slice(0, 2), 'Cet article est réservé aux abonnés.', 'Abonnez-vous pour lire la suite.'));
    expect(r.lang).toBe('fr');
    expect(r.text.split('\n\n')).toEqual(FR.slice(0, 2));
    expect(r.access).toMatchObject({ state: 'subscription', truncated: true });
  });

  it('a whole French article with no prompt is free, its sentences kept', async () => {
    const r = await run(page(...FR));
    expect(r.text.split('\n\n')).toEqual(FR);
    expect(r.access).toMatchObject({ state: 'free', truncated: false });
  });
});
