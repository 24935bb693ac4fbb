// Gzip size of the JavaScript a page fetched, measured on the built files in dist.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function gzipKb(dist: string, urls: Iterable<string>): number {
  let bytes = 0;
  for (const u of new Set(urls)) {
    const path = new URL(u).pathname;
    bytes += gzipSync(readFileSync(join(dist, path)), { level: 9 }).length;
  }
  return bytes / 1024;
}
