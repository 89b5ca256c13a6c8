import { connect, type Socket } from 'node:net';

/**
 * A small POS written only from Market Pay's TCP/IP binding, with nothing of the harness: a plain
 * `net` socket, each message the full nexo envelope as UTF-8 JSON behind a 4-byte big-endian
 * length that does not count itself.
 */
export class TcpPos {
  private buffered = Buffer.alloc(0);
  private readonly inbox: unknown[] = [];
  private wake: (() => void) | undefined;
  /** How the connection ended: a FIN from the payment app, or a reset (a pulled cable). */
  readonly ended: Promise<'fin' | 'reset'>;
  private serviceIds = 0;

  private constructor(
    private readonly socket: Socket,
    readonly saleId: string,
  ) {
    socket.on('data', (segment: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, segment]);
      while (this.buffered.length >= 4) {
        const length = this.buffered.readUInt32BE(0);
        if (this.buffered.length < 4 + length) break;
        this.inbox.push(JSON.parse(this.buffered.subarray(4, 4 + length).toString('utf8')));
        this.buffered = this.buffered.subarray(4 + length);
      }
      this.wake?.();
    });
    this.ended = new Promise((resolve) => {
      socket.once('end', () => resolve('fin'));
      socket.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNRESET') resolve('reset');
      });
    });
  }

  static open(url: string, saleId: string): Promise<TcpPos> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: hostname, port: Number(port) });
      socket.once('connect', () => resolve(new TcpPos(socket, saleId)));
      socket.once('error', reject);
    });
  }

  /** Sends a request of `category` with `body`; returns its ServiceID. */
  send(category: string, body: Readonly<Record<string, unknown>>): string {
    this.serviceIds += 1;
    const serviceId = `T${String(this.serviceIds)}`;
    const text = JSON.stringify({
      SaleToPOIRequest: {
        MessageHeader: {
          ProtocolVersion: '3.1',
          MessageClass: 'Service',
          MessageCategory: category,
          MessageType: 'Request',
          ServiceID: serviceId,
          SaleID: this.saleId,
          POIID: 'A2A-SIM-001',
        },
        [`${category}Request`]: body,
      },
    });
    const payload = Buffer.from(text, 'utf8');
    const prefix = Buffer.alloc(4);
    prefix.writeUInt32BE(payload.length, 0);
    this.socket.write(Buffer.concat([prefix, payload]));
    return serviceId;
  }

  /** The response of `category` to `serviceId`, skipping displays and events. */
  async response(category: string, serviceId: string): Promise<Record<string, unknown>> {
    for (;;) {
      const index = this.inbox.findIndex((frame) => {
        const header = (
          frame as { SaleToPOIResponse?: { MessageHeader?: Record<string, unknown> } }
        ).SaleToPOIResponse?.MessageHeader;
        return header?.['MessageCategory'] === category && header['ServiceID'] === serviceId;
      });
      if (index >= 0) {
        const [frame] = this.inbox.splice(index, 1);
        const response = (frame as { SaleToPOIResponse: Record<string, unknown> })
          .SaleToPOIResponse;
        return response[`${category}Response`] as Record<string, unknown>;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  destroy(): void {
    this.socket.destroy();
  }
}
