// Every benchmark case, in the order `npm run bench` runs them. Add new cases here.
import { checkTrace } from './check-trace.mjs';
import { fuzzThroughput } from './fuzz-throughput.mjs';
import { proxyRoundTrip } from './proxy-roundtrip.mjs';
import { reconnect, reconnectNoBackoff } from './reconnect.mjs';
import { statusRoundTrip, statusRoundTripTcp } from './status-roundtrip.mjs';
import { statusRoundTripHttp } from './status-roundtrip-http.mjs';
import { uiTraceOpen } from './ui-trace-open.mjs';

/** @type {readonly import('../runner.mjs').BenchCase[]} */
export const CASES = [
  statusRoundTrip,
  statusRoundTripTcp,
  statusRoundTripHttp,
  reconnect,
  reconnectNoBackoff,
  fuzzThroughput,
  proxyRoundTrip,
  checkTrace,
  uiTraceOpen,
];
