/** One signed-in device, as its owner sees it in account settings. */
export interface SignedInDevice {
  id: string;
  /** "Firefox on Linux"; null when the browser did not say. */
  device: string | null;
  /** Null for sessions begun before Duet recorded it. */
  signedInAt: number | null;
  lastSeenAt: number | null;
  /** The session this request came with. */
  current: boolean;
}

/** A reset link that can still be used. */
export interface ResetLinkStatus {
  expiresAt: number;
}
