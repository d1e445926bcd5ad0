import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { identities, oidcRequests, type OidcRequest } from '../../db/schema.js';
import { audit } from '../reports/audit.js';

/** A Slack user's linked company identity, as stored (no tokens). */
export interface LinkedIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  groups: string[];
  /** When the identity was last verified (ms, from the injected clock). */
  verifiedAt: number;
}

/** The result of claiming a request's `state`: only `claimed` may go on to the code exchange. */
export type ClaimResult =
  | { kind: 'claimed'; slackUserId: string; codeVerifier: string | null; nonce: string | null }
  | { kind: 'unknown' }
  | { kind: 'expired'; slackUserId: string }
  | { kind: 'reused'; slackUserId: string };

/** The rows behind single sign-on: one-time requests (`oidc_requests`) and linked identities (`identities`). */
export class IdentityStore {
  constructor(private readonly db: Db) {}

  insertRequest(r: { state: string; slackUserId: string; codeVerifier: string; nonce: string; createdAt: number; expiresAt: number }): void {
    this.db.insert(oidcRequests).values({ ...r, usedAt: null }).run();
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
        return { kind: 'claimed', slackUserId: row.slackUserId, codeVerifier: row.codeVerifier, nonce: row.nonce } as const;
      },
      { behavior: 'immediate' },
    );
  }

  /** Links (or re-links) the Slack user to the identity and writes the audit row, in one transaction. */
  link(slackUserId: string, identity: LinkedIdentity, auditData: Record<string, unknown>): void {
    const values = {
      subject: identity.subject,
      email: identity.email,
      emailVerified: identity.emailVerified,
      groups: JSON.stringify(identity.groups),
      verifiedAt: identity.verifiedAt,
    };
    this.db.transaction((tx) => {
      tx.insert(identities)
        .values({ slackUserId, ...values })
        .onConflictDoUpdate({ target: identities.slackUserId, set: values })
        .run();
      audit(tx, { type: 'identity.verified', actorSlackId: slackUserId, data: auditData, now: identity.verifiedAt });
    });
  }

  auditFailure(slackUserId: string | null, data: Record<string, unknown>, now: number): void {
    audit(this.db, { type: 'identity.verification_failed', actorSlackId: slackUserId, data, now });
  }

  identityOf(slackUserId: string): LinkedIdentity | null {
    const row = this.db.select().from(identities).where(eq(identities.slackUserId, slackUserId)).get();
    if (!row) return null;
    return { subject: row.subject, email: row.email, emailVerified: row.emailVerified, groups: parseGroups(row.groups), verifiedAt: row.verifiedAt };
  }

  /** Deletes requests that expired before `before` (used or not); returns how many. */
  purgeRequests(before: number): number {
    return this.db.delete(oidcRequests).where(lt(oidcRequests.expiresAt, before)).run().changes;
  }
}

function parseGroups(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
  } catch {
    return [];
  }
}
