// A tiny static site for the crawler example: serves a folder's HTML files on 127.0.0.1, with an index
// page at / that links to every one of them. Nothing here reaches beyond the local machine.
import { createServer } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

async function htmlFiles(root, dir = '') {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true });
  const found = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await htmlFiles(root, rel)));
    else if (/\.html?$/i.test(entry.name)) found.push(rel);
  }
  return found;
}

/** Starts the server on a free port; resolves to `{ url, pages, close }`. */
export async function serveFolder(root) {
  const pages = await htmlFiles(root);
  const index = `<!DOCTYPE html><html><head><title>Samples</title></head><body><ul>${pages
    .map((p) => `<li><a href="/${encodeURI(p)}">${p}</a></li>`)
    .join('')}</ul></body></html>`;
  const server = createServer(async (req, res) => {
    const wanted = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname).slice(1);
    if (wanted === '') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(index);
      return;
    }
    if (!pages.includes(wanted)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(await readFile(path.join(root, wanted)));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    pages,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
