import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  identities,
  identityConfirmations,
  oidcRequests,
  type IdentityConfirmation,
  type OidcRequest,
} from '../../db/schema.js';
import { audit } from '../reports/audit.js';

/** A Slack user's linked company identity, as stored (no tokens). */
export interface LinkedIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  groups: string[];
  /** When the identity was last verified (ms, from the injected clock). */
  verifiedAt: number;
  /** When the person last authenticated afresh at the provider for an admin step-up (ms); null when never. */
  stepUpAt: number | null;
}

/** The result of claiming a request's `state`: only `claimed` may go on to the code exchange. */
export type ClaimResult =
  | { kind: 'claimed'; slackUserId: string; codeVerifier: string | null; nonce: string | null; stepUp: boolean }
  | { kind: 'unknown' }
  | { kind: 'expired'; slackUserId: string }
  | { kind: 'reused'; slackUserId: string };

/** A sign-in waiting for the person's confirmation, as the confirmation needs it. */
export interface PendingLink {
  slackUserId: string;
  subject: string;
  email: string;
  groups: string[];
  stepUpAt: number | null;
}

export type ConfirmationLookup =
  | { kind: 'pending'; link: PendingLink; expiresAt: number }
  | { kind: 'unknown' }
  | { kind: 'expired'; slackUserId: string }
  | { kind: 'reused'; slackUserId: string };

/**
 * The rows behind single sign-on: one-time requests (`oidc_requests`), sign-ins waiting for the person's
 * confirmation (`identity_confirmations`, keyed by a hash of the token) and linked identities (`identities`).
 */
export class IdentityStore {
  constructor(private readonly db: Db) {}

  insertRequest(r: {
    state: string;
    slackUserId: string;
    codeVerifier: string;
    nonce: string;
    createdAt: number;
    expiresAt: number;
    stepUp: boolean;
  }): void {
    this.db
      .insert(oidcRequests)
      .values({ ...r, usedAt: null })
      .run();
  }

  findRequest(state: string): OidcRequest | undefined {
    return this.db.select().from(oidcRequests).where(eq(oidcRequests.state, state)).get();
  }

  /**
   * Takes a request for the code exchange, at most once: the row is marked used and its secrets (PKCE verifier,
   * nonce) are erased in the same statement that checks it was unused, before anything is sent to the provider,
   * so a replayed or concurrent callback finds it used. The secrets are handed back to the caller only.
   * An expired request is not marked used (it keeps answering "expired") but its secrets are erased too.
   */
  claimRequest(state: string, now: number): ClaimResult {
    return this.db.transaction(
      (tx) => {
        const row = tx.select().from(oidcRequests).where(eq(oidcRequests.state, state)).get();
        if (!row) return { kind: 'unknown' } as const;
        if (row.usedAt !== null) return { kind: 'reused', slackUserId: row.slackUserId } as const;
        if (now >= row.expiresAt) {
          tx.update(oidcRequests).set({ codeVerifier: null, nonce: null }).where(eq(oidcRequests.state, state)).run();
          return { kind: 'expired', slackUserId: row.slackUserId } as const;
        }
        const claimed = tx
          .update(oidcRequests)
          .set({ usedAt: now, codeVerifier: null, nonce: null })
          .where(and(eq(oidcRequests.state, state), isNull(oidcRequests.usedAt)))
          .run();
        if (claimed.changes !== 1) return { kind: 'reused', slackUserId: row.slackUserId } as const;
        return {
          kind: 'claimed',
          slackUserId: row.slackUserId,
          codeVerifier: row.codeVerifier,
          nonce: row.nonce,
          stepUp: row.stepUp,
        } as const;
      },
      { behavior: 'immediate' },
    );
  }

  insertConfirmation(tokenHash: string, link: PendingLink, p: { createdAt: number; expiresAt: number }): void {
    this.db
      .insert(identityConfirmations)
      .values({
        tokenHash,
        slackUserId: link.slackUserId,
        subject: link.subject,
        email: link.email,
        groups: JSON.stringify(link.groups),
        stepUpAt: link.stepUpAt,
        ...p,
        usedAt: null,
      })
      .run();
  }

  findConfirmation(tokenHash: string, now: number): ConfirmationLookup {
    const row = this.db
      .select()
      .from(identityConfirmations)
      .where(eq(identityConfirmations.tokenHash, tokenHash))
      .get();
    if (!row) return { kind: 'unknown' };
    if (row.usedAt !== null) return { kind: 'reused', slackUserId: row.slackUserId };
    if (now >= row.expiresAt) return { kind: 'expired', slackUserId: row.slackUserId };
    return { kind: 'pending', link: pendingLinkOf(row), expiresAt: row.expiresAt };
  }

  /** Uses up a confirmation without linking (the checks at confirmation failed); false when it was already used. */
  spendConfirmation(tokenHash: string, now: number): boolean {
    return (
      this.db
        .update(identityConfirmations)
        .set({ usedAt: now })
        .where(and(eq(identityConfirmations.tokenHash, tokenHash), isNull(identityConfirmations.usedAt)))
        .run().changes === 1
    );
  }

  /**
   * Uses up the confirmation and links (or re-links) its Slack user to its identity, with the audit row, in one
   * transaction: a second submission of the same token finds it used and links nothing. Returns the link made,
   * or null when the confirmation was used, expired or unknown by then.
   */
  confirmAndLink(
    tokenHash: string,
    now: number,
    auditData: (link: PendingLink) => Record<string, unknown>,
  ): PendingLink | null {
    return this.db.transaction(
      (tx) => {
        const row = tx.select().from(identityConfirmations).where(eq(identityConfirmations.tokenHash, tokenHash)).get();
        if (!row || row.usedAt !== null || now >= row.expiresAt) return null;
        const spent = tx
          .update(identityConfirmations)
          .set({ usedAt: now })
          .where(and(eq(identityConfirmations.tokenHash, tokenHash), isNull(identityConfirmations.usedAt)))
          .run();
        if (spent.changes !== 1) return null;
        const link = pendingLinkOf(row);
        const values = {
          subject: link.subject,
          email: link.email,
          emailVerified: true,
          groups: JSON.stringify(link.groups),
          verifiedAt: now,
          stepUpAt: link.stepUpAt,
        };
        tx.insert(identities)
          .values({ slackUserId: link.slackUserId, ...values })
          .onConflictDoUpdate({ target: identities.slackUserId, set: values })
          .run();
        audit(tx, { type: 'identity.verified', actorSlackId: link.slackUserId, data: auditData(link), now });
        return link;
      },
      { behavior: 'immediate' },
    );
  }

  auditFailure(slackUserId: string | null, data: Record<string, unknown>, now: number): void {
    audit(this.db, { type: 'identity.verification_failed', actorSlackId: slackUserId, data, now });
  }

  identityOf(slackUserId: string): LinkedIdentity | null {
    const row = this.db.select().from(identities).where(eq(identities.slackUserId, slackUserId)).get();
    if (!row) return null;
    return {
      subject: row.subject,
      email: row.email,
      emailVerified: row.emailVerified,
      groups: parseGroups(row.groups),
      verifiedAt: row.verifiedAt,
      stepUpAt: row.stepUpAt,
    };
  }

  /** Deletes requests and confirmations that expired before `before` (used or not); returns how many. */
  purge(before: number): number {
    const requests = this.db.delete(oidcRequests).where(lt(oidcRequests.expiresAt, before)).run().changes;
    const confirmations = this.db
      .delete(identityConfirmations)
      .where(lt(identityConfirmations.expiresAt, before))
      .run().changes;
    return requests + confirmations;
  }
}

function pendingLinkOf(row: IdentityConfirmation): PendingLink {
  return {
    slackUserId: row.slackUserId,
    subject: row.subject,
    email: row.email,
    groups: parseGroups(row.groups),
    stepUpAt: row.stepUpAt,
  };
}

function parseGroups(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
  } catch {
    return [];
  }
}
