/**
 * The baseline: a bare node:http server answering every request with responses the project gave,
 * byte for byte. The ratio project / baseline is what the benchmark judges, so the machine's speed
 * cancels out.
 *
 * Each `{ responses }` message from the benchmark replaces the answers (served in rotation),
 * acknowledged with `{ ready }`.
 */
import { createServer } from 'node:http';
import type { CannedResponse } from '../servers.ts';
import { announcePort } from './child.ts';

interface Prepared {
  status: number;
  headers: string[];
  body: Buffer;
}

/** Headers node:http writes itself; copying them would send them twice. */
const OWN_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

let answers: Prepared[] = [];
let next = 0;

function prepare(response: CannedResponse): Prepared {
  const body = Buffer.from(response.body, 'base64');
  const headers = response.headers.filter(([name]) => !OWN_HEADERS.has(name.toLowerCase())).flat();
  headers.push('content-length', String(body.length));
  return { status: response.status, headers, body };
}

// Same keep-alive timeout as src/server.ts.
const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
  // Read the body like the project does, so the baseline does not skip work every server must do.
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const answer = answers[next++ % answers.length];
    if (!answer) {
      res.writeHead(503).end();
      return;
    }
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  });
});

process.on('message', (message: { responses: CannedResponse[] }) => {
  answers = message.responses.map(prepare);
  next = 0;
  process.send?.({ ready: true });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  announcePort(typeof address === 'object' && address ? address.port : 0);
});
