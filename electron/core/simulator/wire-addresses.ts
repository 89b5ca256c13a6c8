import type { Wire } from '@shared/link/endpoint';
import type { ListenOptions, Listening } from './simulator';

/** The listen option that starts the front of `wire` on a free port (README "Wires"). */
export function freePortFor(wire: Wire): ListenOptions {
  switch (wire) {
    case 'ws':
      return { port: 0 };
    case 'tcp':
      return { tcpPort: 0 };
    case 'local-api':
      return { httpPort: 0 };
    case 'terminal-api':
      return { httpsPort: 0 };
  }
}

/** Where a POS reaches a listening simulator over `wire`; undefined when that front is not running. */
export function addressOf(listening: Listening, wire: Wire): string | undefined {
  switch (wire) {
    case 'ws':
      return listening.nexoUrl;
    case 'tcp':
      return listening.tcpUrl;
    case 'local-api':
      return listening.httpUrl;
    case 'terminal-api':
      return listening.httpsUrl;
  }
}
