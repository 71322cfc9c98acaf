/**
 * The user's own rule folders, used when no `--rules` is given: the folders listed in DECLUTTER_RULES
 * (separated like PATH), else a `rules/` folder in the working directory, which is where `declutter rules
 * new` writes. The package's bundled rules folder is never counted as the user's.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { BUNDLED_RULES_DIR } from '../rules/load.js';

export function userRulesDirs(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): string[] {
  const listed = env.DECLUTTER_RULES?.split(path.delimiter).filter(Boolean);
  if (listed?.length) return listed.map((dir) => path.resolve(cwd, dir));
  const local = path.resolve(cwd, 'rules');
  if (!existsSync(local) || !statSync(local).isDirectory()) return [];
  return realpathSync(local) === realpathSync(BUNDLED_RULES_DIR) ? [] : [local];
}

/** Whether the bundled rules' sample pages are here: a source checkout has them, an installed package does not. */
export function bundledSamplesInstalled(): boolean {
  return existsSync(path.resolve(BUNDLED_RULES_DIR, '..', 'samples'));
}
