import { request } from 'node:https';

/** What a POST got back: the HTTP status and the body's text. */
export interface HttpsAnswer {
  readonly status: number;
  readonly text: string;
}

/**
 * One POST to `url` as a POS in plain Node sends it, trusting only `ca` (the simulator's CA file
 * contents); a refused or reset connection rejects.
 */
export function postTrusting(url: string, ca: Buffer | string, body: string): Promise<HttpsAnswer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const sent = request(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', ca },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}
