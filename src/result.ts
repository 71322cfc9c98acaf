/** The empty result every page starts from, and the record a failed page becomes. */
import type { CleanError, CleanResult, PageInput } from './types.js';

/** An empty result for a page, with an error or a warning. */
export function emptyResult(page: Partial<PageInput> | undefined, error?: CleanError): CleanResult {
  return {
    ...(page?.id !== undefined ? { id: page.id } : {}),
    ...(page?.url !== undefined ? { url: page.url } : {}),
    authors: [],
    text: '',
    html: '',
    comments: { status: 'none', items: [] },
    access: { state: 'unknown', truncated: false, evidence: [] },
    removed: [],
    rules: [],
    warnings: [],
    ...(error ? { error } : {}),
  };
}
