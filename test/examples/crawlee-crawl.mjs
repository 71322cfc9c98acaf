// A scraper that cleans as it crawls: Crawlee's CheerioCrawler follows the links of a site and hands each
// page to declutter in its request handler.
//
//   node test/examples/crawlee-crawl.mjs            # crawls samples/ served on 127.0.0.1
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CheerioCrawler, Configuration, log } from '@crawlee/cheerio';
import { createCleaner } from 'declutter';
import { serveFolder } from './serve-folder.mjs';

/** Crawls from `startUrl` (same host, `.html` links) and resolves to declutter's result for every article. */
export async function crawlAndClean({ startUrl, storageDir, maxRequestsPerCrawl = 100 }) {
  const config = new Configuration({
    // Crawlee keeps its request queue in memory here, and anything it does write goes to storageDir.
    persistStorage: false,
    purgeOnStart: true,
    storageClientOptions: { localDataDirectory: storageDir, persistStorage: false },
    // A short local crawl needs no autoscaling from system load readings.
    systemInfoIntervalMillis: 3_600_000,
  });
  log.setLevel(log.LEVELS.WARNING);
  const cleaner = createCleaner(); // rules are loaded once, for every page of the crawl
  const results = [];
  const crawler = new CheerioCrawler(
    {
      maxRequestsPerCrawl,
      maxConcurrency: 2,
      maxRequestRetries: 1,
      async requestHandler({ request, body, contentType, enqueueLinks }) {
        // The start page is a list of links; every page it (or an article) links to is an article.
        if (request.label === 'article') {
          const result = await cleaner.clean({
            id: request.url,
            url: request.loadedUrl ?? request.url,
            html: body,
            contentType: contentType?.type,
          });
          results.push(result);
        }
        await enqueueLinks({ strategy: 'same-hostname', regexps: [/\.html$/], label: 'article' });
      },
    },
    config,
  );
  await crawler.run([startUrl]);
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(fileURLToPath(new URL('../../samples', import.meta.url)));
  const site = await serveFolder(root);
  const storageDir = await mkdtemp(path.join(tmpdir(), 'crawlee-'));
  try {
    const results = await crawlAndClean({ startUrl: site.url, storageDir });
    for (const r of results) {
      const words = r.text.split(/\s+/).filter(Boolean).length;
      console.log(`${new URL(r.url).pathname.padEnd(45)} ${String(words).padStart(5)} words  ${r.removed.length} removed  ${r.title ?? ''}`);
    }
  } finally {
    await site.close();
    await rm(storageDir, { recursive: true, force: true });
  }
}
