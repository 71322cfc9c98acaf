/** The audit trail as readable text: what was taken out, grouped by category, with the rule that did it. */
import type { CleanResult } from './types.js';
import { countWords } from './words.js';

export function explain(result: Pick<CleanResult, 'removed' | 'rules' | 'comments' | 'access' | 'warnings' | 'text'> & { id?: string; url?: string }): string {
  const lines: string[] = [];
  const name = result.id ?? result.url ?? 'page';
  const words = countWords(result.text);
  lines.push(`${name}: kept ${words} words; removed ${result.removed.length} blocks; rules: ${result.rules.join(', ') || 'none'}`);
  const groups = new Map<string, typeof result.removed>();
  for (const r of result.removed) groups.set(r.category, [...(groups.get(r.category) ?? []), r]);
  for (const [category, items] of [...groups.entries()].sort((a, b) => b[1].length - a[1].length)) {
    lines.push(`  ${category} (${items.length})`);
    for (const r of items) {
      const how = r.selector ? ` [${r.selector}]` : '';
      lines.push(`    - ${JSON.stringify(r.text)}  <- ${r.rule}${how}`);
    }
  }
  const c = result.comments;
  // Why: the finder and evidence of each thread taken, or the candidates turned down when none was.
  const evidence = c.evidence ?? [];
  const why = !evidence.length ? '' : c.items.length ? ` from ${evidence.join('; from ')}` : `; ${evidence.join('; ')}`;
  const kind = c.kind === 'thread' ? ', the page is a thread: its first post is the body' : '';
  lines.push(`  comments: ${c.status}${c.provider ? ` (${c.provider})` : ''}, ${c.items.length} items${why}${kind}`);
  lines.push(`  access: ${result.access.state}${result.access.truncated ? ', truncated' : ''}${result.access.evidence.length ? ` — ${result.access.evidence.join('; ')}` : ''}`);
  for (const w of result.warnings) lines.push(`  warning: ${w}`);
  return lines.join('\n');
}
