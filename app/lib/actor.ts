// The actor of a decision (approve, reject, roll back, receive, settings): who acted, as the audit records it.
// The staff user of an online session, else the session token's `sub` (the user id in the admin), else
// "merchant" (an offline session without a user, e.g. the demo). Every admin action route uses this one.
export interface AdminAuth {
  session: { onlineAccessInfo?: { associated_user?: { id?: number | string | null } | null } | null };
  sessionToken?: { sub?: string | null } | null;
}

export function actorOf(auth: AdminAuth): string {
  const user = auth.session.onlineAccessInfo?.associated_user?.id;
  if (user !== undefined && user !== null && String(user) !== "") return String(user);
  const sub = auth.sessionToken?.sub;
  return sub ? String(sub) : "merchant";
}
