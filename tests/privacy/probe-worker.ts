/** A worker thread that tries to reach the network, so the privacy test sees the guard work inside workers too. */
import net from 'node:net';
import { parentPort } from 'node:worker_threads';

let refused = 0;
try {
  net.connect(443, 'example.org').on('error', () => undefined);
} catch {
  refused++;
}
try {
  await fetch('https://example.org/');
} catch {
  refused++;
}
parentPort!.postMessage(`${refused} of 2 refused`);
