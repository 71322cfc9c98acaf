/**
 * The linkedom module declutter parses with: the copy bundled and patched at build time (scripts/bundle-linkedom.ts;
 * parsing about 40% faster, far less garbage), else the installed package as it is. The same path serves
 * the sources (src/dom) and the build (dist/dom): both sit two folders below the package root.
 */
const VENDORED_LINKEDOM = new URL('../../dist/vendor/linkedom.js', import.meta.url);

type Linkedom = typeof import('linkedom');

async function load(): Promise<{ module: Linkedom; vendored: boolean }> {
  try {
    return { module: (await import(VENDORED_LINKEDOM.href)) as Linkedom, vendored: true };
  } catch (error) {
    // Not built yet (a source checkout before `npm run build`): correct, only slower.
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    return { module: await import('linkedom'), vendored: false };
  }
}

const loaded = await load();

/** linkedom as declutter uses it. */
export const linkedom: Linkedom = loaded.module;
/** Whether that is the bundled copy (false: the installed package, unpatched). */
export const linkedomVendored: boolean = loaded.vendored;
export const { DOMParser } = linkedom;
