import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** The Content-Type of a file by its extension (`application/octet-stream` when unknown). */
export function contentTypeFor(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path (`/`, `/assets/index-abc.js`) to a file inside `root`, or `undefined` when the
 * path is malformed, escapes `root` (`..`, encoded or not, backslashes, NUL) or names a hidden
 * file. `/` is `index.html`. The check is on the resolved path, so no spelling gets around it.
 */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\'))
    return undefined;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.'))) return undefined;
  const rootDir = resolve(root);
  const file = resolve(rootDir, ...(segments.length === 0 ? ['index.html'] : segments));
  return file.startsWith(rootDir + sep) ? file : undefined;
}

/** Like {@link resolveStaticPath}, and the file must exist and be a regular file. */
export async function findStaticFile(root: string, urlPath: string): Promise<string | undefined> {
  const file = resolveStaticPath(root, urlPath);
  if (file === undefined) return undefined;
  try {
    return (await stat(file)).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}
