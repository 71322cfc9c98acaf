/** Interim text path (the text engineer replaces this): blocks split on blank lines, phrase blocks removed. */
import { preview } from '../context.js';
import type { PhraseMatcher } from '../rules/phrases.js';
import type { RuleFile } from '../rules/types.js';
import type { CleanResult } from '../types.js';

export interface TextResult extends Pick<CleanResult, 'title' | 'section' | 'published' | 'modified' | 'text' | 'comments' | 'removed' | 'warnings'> {
  paragraphs: string[];
}

export function cleanTextPage(text: string, ctx: { rules: RuleFile[]; phrases: PhraseMatcher }): TextResult {
  const removed: CleanResult['removed'] = [];
  const paragraphs: string[] = [];
  for (const block of text.split(/\n\s*\n|\n/).map((b) => b.trim()).filter(Boolean)) {
    const hit = ctx.phrases.match(block);
    if (hit) removed.push({ category: hit.category, rule: hit.rule, text: preview(block) });
    else paragraphs.push(block);
  }
  return { text: paragraphs.join('\n\n'), paragraphs, comments: { status: 'none', items: [] }, removed, warnings: [] };
}
