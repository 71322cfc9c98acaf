/** The output formats of `declutter clean` (kept apart from the writers, so the command's help loads neither). */
export const OUTPUT_FORMATS = ['jsonl', 'json', 'text', 'html', 'markdown'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
