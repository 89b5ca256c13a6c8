/**
 * What the window says about the Terminal API wire (README "Terminal API wire"): the NexoCrypto
 * key and the trust the client role uses to reach a terminal, and the key the terminal role asks
 * of a POS. The passphrase travels only inward, in a request; nothing the core sends back (run
 * info, snapshots, traces) carries it.
 */

/** A NexoCrypto shared key as a terminal's configuration names it. */
export interface NexoKeyRequest {
  readonly keyIdentifier: string;
  readonly keyVersion: number;
  readonly passphrase: string;
}

/** How the client role reaches a Terminal API peer: whom to trust and which key to encrypt with. */
export interface TerminalApiPeerSettings {
  /** A PEM file with the CA that signed the terminal's certificate. */
  readonly caFile?: string;
  /** Skip the certificate check, like the SDK's unencrypted mode (test terminals only). */
  readonly insecure?: boolean;
  /** Every request encrypted with it, every answer expected under it. */
  readonly key?: NexoKeyRequest;
}

/** What the terminal role asks of a POS on its Terminal API front. */
export interface TerminalApiListenSettings {
  /** The key encrypted requests must use; without one they are refused. */
  readonly key?: NexoKeyRequest;
  /** Refuse clear-text requests, as a terminal on a live account does. */
  readonly requireEncryption?: boolean;
}

/** The Terminal API settings in force, as the core reports them: never the passphrase. */
export interface TerminalApiInfo {
  readonly keyIdentifier?: string;
  readonly keyVersion?: number;
  readonly requireEncryption?: boolean;
  /**
   * Terminal role: the CA file a POS must trust (the simulator's data folder); client role: the
   * CA file the peer is checked against.
   */
  readonly caFile?: string;
  /** Client role: the peer's certificate is not checked. */
  readonly insecure?: boolean;
}
