/** Errors with a stable `code`, so batch and stream callers can count and route them. */
export class DeclutterError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeclutterError';
    this.code = code;
  }
}

/** A rule file that does not parse or does not fit the schema; the message names file, line and field. */
export class RuleError extends DeclutterError {
  readonly file: string;
  readonly line?: number;
  readonly field?: string;
  constructor(file: string, message: string, details: { line?: number; field?: string; cause?: unknown } = {}) {
    const where = `${file}${details.line ? `:${details.line}` : ''}${details.field ? ` (field ${details.field})` : ''}`;
    super('RULE_INVALID', `${where}: ${message}`, { cause: details.cause });
    this.name = 'RuleError';
    this.file = file;
    this.line = details.line;
    this.field = details.field;
  }
}

/** An option of the wrong type or out of range (`dom: 'bogus'`, `maxBytes: NaN`): thrown at once, by name. */
export class OptionError extends DeclutterError {
  readonly option: string;
  constructor(option: string, message: string) {
    super('INVALID_OPTION', `option ${option}: ${message}`);
    this.name = 'OptionError';
    this.option = option;
  }
}
