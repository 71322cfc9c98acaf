/**
 * The word lists that are data (rules/phrases/<lang>.yaml `bylines:` and `stopwords:`): a language added by a
 * phrase file in a rule folder is guessed and has its bylines read, with no change to the code; the lists are
 * checked like the rest of a rule file; both paths read bylines through the one byline module.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCleaner } from '../src/index.js';
import { isBylineLine, splitAuthors } from '../src/bylines.js';
import { loadRules, parseRuleFile } from '../src/rules/load.js';
import { vocabularyOf } from '../src/rules/vocabulary.js';

const SWEDISH = [
  'Kommunfullmäktige i Lillhamn beslutade på tisdagen att det gamla spannmålsmagasinet ska bli en park, och det är en strid som har pågått i nästan tio år.',
  'Enligt avtalet får hamnen behålla kajen för kryssningsfartyg, men lagren bakom den ska rivas och ersättas av gräsmattor och en lekplats för barnen i staden.',
  'Boende som har samlat tusentals namnunderskrifter för parken välkomnade beslutet men sa att de ska följa hur det går med pengarna till arbetet i nästa års budget.',
  'Bygget ska börja till hösten och ta ungefär två år, och det är inte klart om delar av området kan öppna för allmänheten tidigare än så.',
];

function ruleFolder(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'declutter-vocabulary-'));
  writeFileSync(join(dir, 'sv.yaml'), yaml);
  return dir;
}

describe('vocabulary as data', () => {
  it('a phrase file in a rule folder adds a language: its captures are guessed, its bylines and phrases read', async () => {
    const dir = ruleFolder(
      'id: phrases-sv\nkind: phrases\nlang: sv\nbylines: [av]\nstopwords: [och, det, att, i, en, som, är, på, för, med]\nphrases:\n  subscribe:\n    - prenumerera nu\n',
    );
    const text = ['Park i stället för magasin', 'Av Anna Svensson', ...SWEDISH.slice(0, 2), 'Prenumerera nu', ...SWEDISH.slice(2)].join('\n\n');
    const withSwedish = await createCleaner({ rulesDirs: [dir] }).clean({ text });
    expect(withSwedish.lang).toBe('sv');
    expect(withSwedish.authors).toEqual(['Anna Svensson']);
    expect(withSwedish.text.split('\n\n')).toEqual(SWEDISH);
    // The bundled rules alone know no Swedish: no language, the byline and the prompt stay in the body.
    const bundled = await createCleaner().clean({ text });
    expect(bundled.lang).toBeUndefined();
    expect(bundled.authors).toEqual([]);
    expect(bundled.text).toContain('Av Anna Svensson');
    expect(bundled.text).toContain('Prenumerera nu');
  });

  it('the lists are checked when the file loads: lower-case words only', () => {
    expect(() => parseRuleFile('id: phrases-sv\nkind: phrases\nlang: sv\nbylines: [Av]\n', 'sv.yaml')).toThrow(/bylines/);
    expect(() => parseRuleFile('id: phrases-sv\nkind: phrases\nlang: sv\nstopwords: ["och det"]\n', 'sv.yaml')).toThrow(/stopwords/);
  });

  it('the bundled phrase files give every language its byline head and stop words', () => {
    const v = vocabularyOf(loadRules());
    expect([...v.bylines.keys()].sort()).toEqual(['de', 'en', 'es', 'fr', 'it', 'nl', 'pl', 'pt']);
    expect([...v.stopwords.keys()][0]).toBe('en');
    expect([...v.stopwords.values()].every((s) => s.size === 10)).toBe(true);
  });

  it('the byline module reads the heads of every language, on declared values and on edge lines', () => {
    const v = vocabularyOf(loadRules());
    expect(splitAuthors(['Von Anna Schmidt und Peter Weber'], v)).toEqual(['Anna Schmidt', 'Peter Weber']);
    expect(splitAuthors(['Par Marie Dupont, 3 March 2024'], v)).toEqual(['Marie Dupont']);
    expect(isBylineLine('von Max Muster | Berlin', v)).toBe(true);
    expect(isBylineLine('de Ana Souza e Rui Costa', v)).toBe(true);
    expect(isBylineLine('von der Stadt beschlossen, am Dienstag', v)).toBe(false);
  });
});
