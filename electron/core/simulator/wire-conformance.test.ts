import { afterEach, describe, expect, it } from 'vitest';
import { decode, encode } from '@shared/protocol';
import { TRANSACTION_STATE_EVENT } from './terminal';
import { is, type Frame } from './testing/pos-client';
import * as req from './testing/requests';
import { startSim, type SimFixture } from './testing/sim-fixture';

let fx: SimFixture;
afterEach(async () => {
  await fx.close();
});

/**
 * The simulator's own vendor extensions: a transaction-state EventToNotify (nexo has none) and
 * the DiagnosisResponse (a nexo body the harness model does not include).
 */
function isVendorExtension(frame: Frame): boolean {
  return (
    frame.get('EventNotification.EventToNotify') === TRANSACTION_STATE_EVENT ||
    frame.category === 'Diagnosis'
  );
}

describe('what the simulator sends', () => {
  it.each(['app2app', 'nexo', 'adyen'] as const)(
    'decodes, and encodes strictly except for its vendor extensions (%s)',
    async (profile) => {
      fx = await startSim({ profile });
      fx.ready();
      const pos = await fx.connect();
      // Without a session (adyen would run it, which the rest of the script does not expect).
      if (profile !== 'adyen') pos.send(req.payment('P0'));
      pos.send(req.login('L1'));
      await pos.frames.until(is.response('Login', 'L1'));
      pos.send(req.login('L1'));
      pos.send(req.payment('P1', { amount: 10.77 }));
      await pos.frames.until(is.display('Present card'));
      pos.send(req.status('S1', { ServiceID: 'P1' }));
      pos.send(req.reversal('R0', 'X'));
      fx.clock.advance(fx.settings.cardMs + fx.settings.authMs);
      const payment = await pos.frames.until(is.response('Payment', 'P1'));
      const poiTx = String(payment.get('PaymentResponse.POIData.POITransactionID.TransactionID'));
      pos.send(req.status('S2'));
      pos.send(req.reversal('R1', poiTx));
      pos.send(req.reversal('R2', 'NOPE'));
      pos.send(req.payment('P2', { currency: 'USD' }));
      pos.send(req.payment('P3', { amount: 1.24 }));
      await pos.frames.until(is.display('Present card'));
      pos.send(req.abort('AB1', 'P3'));
      await pos.frames.until(is.response('Payment', 'P3'));
      pos.send(req.abort('AB2', 'P3'));
      pos.send(req.abort('AB3', 'NOPE'));
      pos.send(req.admin('A1'));
      pos.send(req.diagnosis('D1'));
      pos.sendText('not json');
      pos.send(req.logout('O1'));
      await pos.frames.until(is.response('Logout', 'O1'));

      expect(pos.frames.problems).toEqual([]);
      const refused = pos.frames.all
        .filter((f) => !isVendorExtension(f))
        .map((f) => {
          const decoded = decode(f.text);
          if (!decoded.ok) return `${f.text}: ${decoded.error.reason}`;
          const encoded = encode(decoded.value.envelope);
          return encoded.ok
            ? undefined
            : `${f.bodyName} ${encoded.error.path}: ${encoded.error.reason}`;
        })
        .filter((problem) => problem !== undefined);
      expect(refused).toEqual([]);
      expect(pos.frames.all.length).toBeGreaterThan(20);
    },
  );
});
